import { z } from 'zod';
import { calendarDate, instant } from '../common/contract.js';
import { BUDGET_CATEGORIES, GRANT_STATUSES, LINE_KINDS } from './rules/summary.js';
import { ATTACHMENT_TYPES, ATTACHMENT_MAX_BYTES, BUDGET_STATUSES, VERSION_STATUSES } from './rules/versions.js';

/**
 * A project's budget (issue 19, part 1): its forecast in versions, its actual entries and the
 * figures summarizeBudget computes, validated by the server and published as OpenAPI.
 *
 * The budget page's forms carry these anchors, which « À faire pour vous » links to:
 *   `previsionnel`  the forecast lines' form
 *   `ecritures`     the actual entries' form
 */
const choice = { error: 'error.choice' } as const;
const reference = z.uuid({ error: 'error.reference' });
const text = (max: number) => z.string().trim().max(max, { error: 'error.tooLong' });
const requiredText = (max: number) => z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(max, { error: 'error.tooLong' });
/** A forecast's amount: a thousand million euros at most, in cents. */
const forecastCents = z.int({ error: 'error.integer' }).min(0, { error: 'budget.error.negative' }).max(100_000_000_000, { error: 'error.tooLarge' });
const entryCents = z.int({ error: 'error.integer' }).min(1, { error: 'budget.error.positive' }).max(100_000_000_000, { error: 'error.tooLarge' });

/** A forecast line: its kind follows its category; an in-kind cost may be left unvalued (null). */
export const lineInput = z
  .object({
    category: z.enum(BUDGET_CATEGORIES, choice),
    label: requiredText(200),
    organizationId: reference.nullable().default(null),
    internal: z.boolean({ error: 'error.choice' }).default(false),
    amountCents: forecastCents.nullable(),
    grantStatus: z.enum(GRANT_STATUSES, choice).nullable().default(null),
  })
  .refine((line) => line.amountCents !== null || line.internal, { error: 'budget.error.amountRequired', path: ['amountCents'] })
  .refine((line) => !line.internal || !['contribution', 'grant', 'self_financing', 'other_income'].includes(line.category), { error: 'budget.error.inKindIncome', path: ['internal'] });

export const grantStatusInput = z.object({ grantStatus: z.enum(GRANT_STATUSES, choice) });

/** A proof joined to an entry: a PDF or an image of at most 5 MB, in base64. */
export const attachmentInput = z.object({
  fileName: requiredText(200),
  contentType: z.enum(ATTACHMENT_TYPES, { error: 'budget.error.attachmentType' }),
  contentBase64: z.base64({ error: 'budget.error.attachmentContent' }).max(Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4, { error: 'budget.error.attachmentTooLarge' }),
});

/** An actual entry: paid out on a cost line, received on an income line. */
export const entryInput = z
  .object({
    lineKey: reference,
    occurredOn: z.iso.date({ error: 'error.date' }),
    amountCents: entryCents,
    organizationId: reference.nullable().default(null),
    personId: reference.nullable().default(null),
    counterparty: text(200).default(''),
    note: text(2000).default(''),
    attachment: attachmentInput.nullable().default(null),
  })
  .refine((entry) => entry.organizationId === null || entry.personId === null, { error: 'budget.error.payerOne', path: ['personId'] });

/** The entries after a cursor (the `next` of the page before). */
export const entriesQuery = z.object({ after: z.string().max(200).optional() });

const lineAnswer = z.object({
  lineKey: z.uuid(),
  position: z.int(),
  kind: z.enum(LINE_KINDS),
  category: z.enum(BUDGET_CATEGORIES),
  internal: z.boolean(),
  label: z.string(),
  organizationId: z.uuid().nullable(),
  amountCents: z.number().nullable(),
  grantStatus: z.enum(GRANT_STATUSES).nullable(),
});

const figures = z.object({ forecastCents: z.number(), actualCents: z.number(), varianceCents: z.number() });
const balance = z.object({ state: z.enum(['balanced', 'surplus', 'deficit']), amountCents: z.number().optional() });

export const entryAnswer = z.object({
  id: z.uuid(),
  lineKey: z.uuid(),
  occurredOn: calendarDate,
  amountCents: z.number(),
  organizationId: z.uuid().nullable(),
  personId: z.uuid().nullable(),
  personName: z.string().nullable(),
  counterparty: z.string(),
  note: z.string(),
  attachment: z.object({ id: z.uuid(), fileName: z.string(), sizeBytes: z.int() }).nullable(),
  reverses: z.uuid().nullable(),
  reversedBy: z.uuid().nullable(),
  recordedAt: instant,
});

export const entriesAnswer = z.object({ entries: z.array(entryAnswer), next: z.string().nullable() });

const versionAnswer = z.object({
  id: z.uuid(),
  number: z.int(),
  status: z.enum(VERSION_STATUSES),
  validatedOn: calendarDate.nullable(),
  createdAt: instant,
  proposalId: z.uuid().nullable(),
});

/** A budget's page: its forecast in force against the actual, the draft being written, the entries, and what this viewer may do. */
export const budgetPageAnswer = z.object({
  budgetId: z.uuid().nullable(),
  status: z.enum(BUDGET_STATUSES),
  project: z.object({ id: z.uuid(), title: z.string(), stage: z.string(), validated: z.boolean() }).nullable(),
  charter: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  organizations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  inForce: versionAnswer.nullable(),
  draft: versionAnswer.extend({ lines: z.array(lineAnswer) }).nullable(),
  versions: z.array(versionAnswer),
  summary: z.object({
    lines: z.array(lineAnswer.omit({ position: true, amountCents: true }).extend(figures.shape).extend({ unvalued: z.boolean(), retired: z.boolean() })),
    organizations: z.array(z.object({ organizationId: z.uuid().nullable(), costs: figures, income: figures, inKind: figures })),
    costs: figures,
    income: figures,
    inKind: figures,
    forecastBalance: balance,
    actualBalance: balance,
    grants: z.object({ to_apply: z.number(), applied: z.number(), granted: z.number(), paid: z.number() }),
  }),
  deficitGuidance: z.string(),
  entries: entriesAnswer,
  can: z.object({ editForecast: z.boolean(), keepAccounts: z.boolean(), draftRevision: z.boolean(), propose: z.boolean() }),
});
