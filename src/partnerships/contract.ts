import { z } from 'zod';
import { BODY_KINDS, ORGANIZATION_KINDS } from '../common/structure.js';
import { gapAnswer, ruleAnswer } from '../bodies/contract.js';
import { roleSummaryAnswer } from '../roles/contract.js';
import { budgetPageAnswer } from '../budgets/contract.js';

/** The partnerships where the signed-in account is a person, in name order. */
export const partnershipListAnswer = z.array(z.object({ id: z.uuid(), name: z.string(), personId: z.uuid(), fullName: z.string(), isAdmin: z.boolean() }));

/** A partnership at a glance: its organizations, its bodies with their composition check, its roles. */
export const overviewAnswer = z.object({
  partnership: z.object({ id: z.uuid(), name: z.string(), description: z.string() }),
  peopleCount: z.int(),
  organizations: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(ORGANIZATION_KINDS) })),
  bodies: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.enum(BODY_KINDS),
      parentBodyId: z.uuid().nullable(),
      memberCount: z.int(),
      rule: ruleAnswer,
      gaps: z.array(gapAnswer),
    }),
  ),
  roles: z.array(roleSummaryAnswer),
  /** « L’argent en un coup d’œil »: the common fund's balance and who is behind, the open project budgets in deficit, what the year's entries spent and received. */
  money: z.object({
    fund: z.object({ balanceCents: z.number(), behind: z.array(z.object({ organizationId: z.uuid(), name: z.string(), year: z.int(), remainingCents: z.number() })) }).nullable(),
    budgetsInDeficit: z.array(z.object({ projectId: z.uuid(), title: z.string(), forecastBalance: budgetPageAnswer.shape.summary.shape.forecastBalance, actualBalance: budgetPageAnswer.shape.summary.shape.actualBalance })),
    year: z.int(),
    spentCents: z.number(),
    receivedCents: z.number(),
  }),
  can: z.object({ manageStructure: z.boolean(), manageOrganizations: z.array(z.uuid()) }),
});
