import { z } from 'zod';
import { calendarDate, instant } from '../../common/contract.js';
import { budgetPageAnswer } from '../contract.js';

/**
 * A common project's financial report to the body that validated it (its steering committee):
 * the budget's figures as summarizeBudget computes them, forecast against actual, with the
 * organizations' names, the charter's words for a deficit, and when it was last reported.
 */
export const budgetReportAnswer = z.object({
  project: z.object({ id: z.uuid(), title: z.string(), stage: z.string() }),
  budgetId: z.uuid().nullable(),
  /** The forecast the actual is read against: the validated version, else the draft presented. */
  version: z.object({ number: z.int(), validatedOn: calendarDate.nullable() }).nullable(),
  organizations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  summary: budgetPageAnswer.shape.summary,
  deficitGuidance: z.string(),
  /** The body that validated the project, to which its budget is reported. */
  steeringBody: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  lastReportedAt: instant.nullable(),
  can: z.object({ report: z.boolean() }),
});
