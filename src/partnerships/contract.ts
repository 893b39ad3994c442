import { z } from 'zod';
import { BODY_KINDS, ORGANIZATION_KINDS } from '../common/structure.js';
import { gapAnswer, ruleAnswer } from '../bodies/contract.js';
import { roleSummaryAnswer } from '../roles/contract.js';

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
  can: z.object({ manageStructure: z.boolean(), manageOrganizations: z.array(z.uuid()) }),
});
