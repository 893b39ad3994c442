import { z } from 'zod';
import { calendarDate, instant } from '../../common/contract.js';
import { COST_CATEGORIES, GRANT_STATUSES, INCOME_CATEGORIES, LINE_KINDS } from '../rules/summary.js';

/**
 * A common project's financial report to the body that validated it (its steering committee):
 * the budget's figures as summarizeBudget computes them, forecast against actual, with the
 * organizations' names, the charter's words for a deficit, and when it was last reported.
 */
const figures = z.object({ forecastCents: z.number(), actualCents: z.number(), varianceCents: z.number() });
const balance = z.discriminatedUnion('state', [
  z.object({ state: z.literal('balanced') }),
  z.object({ state: z.literal('surplus'), amountCents: z.number() }),
  z.object({ state: z.literal('deficit'), amountCents: z.number() }),
]);

export const budgetSummaryAnswer = z.object({
  lines: z.array(
    figures.extend({
      lineKey: z.uuid(),
      kind: z.enum(LINE_KINDS),
      category: z.enum([...COST_CATEGORIES, ...INCOME_CATEGORIES]),
      internal: z.boolean(),
      label: z.string(),
      organizationId: z.uuid().nullable(),
      grantStatus: z.enum(GRANT_STATUSES).nullable(),
      unvalued: z.boolean(),
      retired: z.boolean(),
    }),
  ),
  organizations: z.array(z.object({ organizationId: z.uuid().nullable(), costs: figures, income: figures, inKind: figures })),
  costs: figures,
  income: figures,
  inKind: figures,
  forecastBalance: balance,
  actualBalance: balance,
  grants: z.object({ to_apply: z.number(), applied: z.number(), granted: z.number(), paid: z.number() }),
});

export const budgetReportAnswer = z.object({
  project: z.object({ id: z.uuid(), title: z.string(), stage: z.string() }),
  budgetId: z.uuid().nullable(),
  /** The forecast the actual is read against: the validated version, else the draft presented. */
  version: z.object({ number: z.int(), validatedOn: calendarDate.nullable() }).nullable(),
  organizations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  summary: budgetSummaryAnswer,
  deficitGuidance: z.string(),
  /** The body that validated the project, to which its budget is reported. */
  steeringBody: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  lastReportedAt: instant.nullable(),
  can: z.object({ report: z.boolean() }),
});
