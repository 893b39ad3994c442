import { z } from 'zod';
import { calendarDate, id, isoDate } from '../../common/contract.js';
import { SETTLEMENT_REASONS, SETTLEMENT_STATUSES } from '../rules/settlement.js';

const choice = { error: 'error.choice' } as const;
/** A sum of money in cents, as a ledger holds it: more than nothing, at most a billion euros. */
const positiveCents = z.int({ error: 'error.integer' }).min(1, { error: 'budget.error.positive' }).max(100_000_000_000, { error: 'error.tooLarge' });
const cents = z.int({ error: 'error.integer' }).min(0, { error: 'error.negative' }).max(100_000_000_000, { error: 'error.tooLarge' });

/** A payment to one of the split's posts, to a person or an organization of the partnership (or neither named), as an entry names its payer. */
export const splitPaymentInput = z
  .object({
    postId: id,
    paidOn: isoDate,
    amountCents: positiveCents,
    personId: id.nullable().default(null),
    organizationId: id.nullable().default(null),
  })
  .refine((payment) => payment.personId === null || payment.organizationId === null, { error: 'budget.error.payerOne', path: ['personId'] });

/** A settlement's draft: at closing, or on an exit plan. */
export const settlementOpenInput = z.object({ reason: z.enum(SETTLEMENT_REASONS, choice) });

/** The draft saved: its reason and the value of what each post delivered (a post left out: what it is owed). */
export const settlementSaveInput = z.object({
  reason: z.enum(SETTLEMENT_REASONS, choice),
  delivered: z.array(z.object({ postId: id, deliveredCents: cents })).max(50, { error: 'error.tooMany' }),
});

/** The statement put to the decision the charter names: who facilitates it, and what the deciders should know. */
export const settlementProposeInput = z.object({
  context: z.string().trim().max(20000, { error: 'error.tooLong' }).default(''),
  facilitatorId: id.optional(),
});

const figures = {
  plannedCents: z.number().int(),
  owedCents: z.number().int(),
  paidCents: z.number().int(),
};

const settlementLine = z.object({
  postId: z.uuid(),
  label: z.string(),
  ...figures,
  deliveredCents: z.number().int(),
  refundCents: z.number().int(),
  dueCents: z.number().int(),
});

/** The payments after a cursor (the `next` of the page before). */
export const splitPaymentsQuery = z.object({ after: z.string().max(200).optional() });

/** A page of split payments, newest day first, 100 at a time. */
export const splitPaymentsAnswer = z.object({
  payments: z.array(
    z.object({
      id: z.uuid(),
      postId: z.uuid(),
      paidOn: calendarDate,
      amountCents: z.number().int(),
      person: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
      organization: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      reverses: z.uuid().nullable(),
      /** A later row reverses this one. */
      reversed: z.boolean(),
    }),
  ),
  next: z.string().nullable(),
});

const settlementAnswer = z.object({
  id: z.uuid(),
  reason: z.enum(SETTLEMENT_REASONS),
  status: z.enum(SETTLEMENT_STATUSES),
  receivedCents: z.number().int(),
  spentCents: z.number().int(),
  approvedOn: calendarDate.nullable(),
  lines: z.array(settlementLine),
  totals: settlementLine.omit({ postId: true, label: true }),
  /** The latest proposal naming this statement: the one under decision, or the one that decided it. */
  proposal: z.object({ id: z.uuid(), status: z.string() }).nullable(),
});

/** A budget's split and settlement page: where each post stands, the payments, the statement. */
export const settlementPageAnswer = z.object({
  budget: z.object({
    id: z.uuid(),
    /** What the budget is of: a common project, or a project charter (seed 000). */
    of: z.discriminatedUnion('kind', [z.object({ kind: z.literal('project'), id: z.uuid(), title: z.string() }), z.object({ kind: z.literal('charter'), id: z.uuid(), title: z.string() })]),
    status: z.enum(['open', 'closed']),
    closedOn: calendarDate.nullable(),
  }),
  /** The money received (income actually in, in-kind help left out) and spent, that the split applies to. */
  receivedCents: z.number().int(),
  spentCents: z.number().int(),
  totalCents: z.number().int().nullable(),
  posts: z.array(z.object({ postId: z.uuid(), label: z.string(), ...figures, remainingCents: z.number().int() })),
  /** The newest payments; the older ones after the `next` cursor. */
  payments: splitPaymentsAnswer,
  /** The approved statement, else the one being drafted or under decision. */
  settlement: settlementAnswer.nullable(),
  can: z.object({ keepAccounts: z.boolean() }),
});

/** A project charter's budget: its id once opened. */
export const charterBudgetAnswer = z.object({ budgetId: z.uuid().nullable(), canOpen: z.boolean() });
