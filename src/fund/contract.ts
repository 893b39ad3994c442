import { z } from 'zod';
import { DECISION_LEVELS } from '../charters/rules/enums.js';
import { calendarDate, instant } from '../common/contract.js';
import { PROPOSAL_STATUSES } from '../decisions/rules.js';
import { MAX_DECLARED_BUDGET_CENTS } from './rules.js';

/**
 * The common fund's inputs and answers (issue 19, « le 1 % »).
 *
 * The fund page's forms carry these anchors (`TO_DO_ANCHORS` in participation/rules.ts), where the
 * « À faire pour vous » links and mails land:
 *   `declarer-le-budget`  an organization's annual budget, declared by its administrators
 *   `contribution`        the organization's call and what it has paid
 *   `en-retard`           the organizations behind, for the keepers of the books
 */
const reference = z.uuid({ error: 'error.reference' });
const year = z.int({ error: 'error.integer' }).min(2000, { error: 'fund.error.year' }).max(2200, { error: 'fund.error.year' });
const cents = (max: number) => z.int({ error: 'error.integer' }).min(1, { error: 'fund.error.positiveAmount' }).max(max, { error: 'error.tooLarge' });
const requiredText = (max: number) => z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(max, { error: 'error.tooLong' });

/** An organization's annual budget for a fund year, revisable until that year's call is issued to it. */
export const declarationInput = z.object({
  organizationId: reference,
  year,
  budgetCents: z.int({ error: 'error.integer' }).min(0, { error: 'fund.error.positiveAmount' }).max(MAX_DECLARED_BUDGET_CENTS, { error: 'error.tooLarge' }),
});

/** Issue the year's calls to every organization not yet called that can be. */
export const callsInput = z.object({ year });

/** A payment on a call, in cents, received on a day. */
export const paymentInput = z.object({
  callId: reference,
  amountCents: cents(100_000_000_000),
  paidOn: z.iso.date({ error: 'error.date' }),
});

/** A proposal to spend from the fund: its wording, why, and the amount the decision would take from it. */
export const spendingInput = z.object({
  wording: requiredText(2000),
  context: z.string().trim().max(20000, { error: 'error.tooLong' }).default(''),
  amountCents: cents(100_000_000_000),
  facilitatorId: reference.optional(),
});

/** The fund page and the statement read one fund year; the current one when none is asked. */
export const fundYearQuery = z.object({ year: z.coerce.number({ error: 'error.integer' }).pipe(year).optional() });

const named = z.object({ id: z.uuid(), name: z.string() });

export const fundRuleAnswer = z.object({
  contribution: z.discriminatedUnion('kind', [z.object({ kind: z.literal('percent'), percent: z.number() }), z.object({ kind: z.literal('fixed'), amountCents: z.int() })]),
  yearStartsMonth: z.int(),
  dueWithinDays: z.int(),
  spending: z.object({ level: z.enum(DECISION_LEVELS), topic: z.string() }),
});

const callAnswer = z.object({
  id: z.uuid(),
  amountCents: z.int(),
  declaredBudgetCents: z.int().nullable(),
  percent: z.number().nullable(),
  dueOn: calendarDate,
  issuedAt: instant,
  paidCents: z.int(),
  remainingCents: z.int(),
  status: z.enum(['paid', 'partly_paid', 'unpaid']),
  behind: z.boolean(),
});

/** Each organization of the partnership for the year: its declaration and its call, with what it has paid. */
const organizationLine = z.object({
  organization: named,
  declaredBudgetCents: z.int().nullable(),
  declaredAt: instant.nullable(),
  call: callAnswer.nullable(),
  /** Under a percentage rule without a declaration, no call can be issued to it. */
  undeclared: z.boolean(),
});

const ledgerLine = z.object({
  id: z.uuid(),
  kind: z.enum(['payment', 'spending']),
  occurredOn: calendarDate,
  amountCents: z.int(),
  organization: named.nullable(),
  callId: z.uuid().nullable(),
  proposal: z.object({ id: z.uuid(), wording: z.string() }).nullable(),
  reverses: z.uuid().nullable(),
  reversed: z.boolean(),
  balanceCents: z.int(),
});

const spendingProposal = z.object({ id: z.uuid(), wording: z.string(), amountCents: z.int(), status: z.enum(PROPOSAL_STATUSES), createdAt: instant });

export const fundPageAnswer = z.object({
  rule: fundRuleAnswer.nullable(),
  year: z.int(),
  currentYear: z.int(),
  startsOn: calendarDate,
  endsOn: calendarDate,
  organizations: z.array(organizationLine),
  openingBalanceCents: z.int(),
  balanceCents: z.int(),
  /** Promised to open spending proposals. */
  reservedCents: z.int(),
  availableCents: z.int(),
  /** The year's ledger rows, in their order, each with the balance after it. */
  ledger: z.array(ledgerLine),
  /** Spending proposals of the year, open or settled. */
  spendings: z.array(spendingProposal),
  can: z.object({
    /** The organizations whose annual budget the viewer may declare. */
    declareFor: z.array(z.uuid()),
    keepAccounts: z.boolean(),
    proposeSpending: z.boolean(),
  }),
});

export const callsIssuedAnswer = z.object({ issued: z.int(), undeclared: z.array(z.uuid()) });

/** The yearly statement: the calls, what each paid, who is behind, the spendings, the opening and closing balance. */
export const fundStatementAnswer = z.object({
  year: z.int(),
  startsOn: calendarDate,
  endsOn: calendarDate,
  today: calendarDate,
  calls: z.array(z.object({ organization: named, amountCents: z.int(), paidCents: z.int(), remainingCents: z.int(), dueOn: calendarDate, behind: z.boolean() })),
  spendings: z.array(z.object({ proposalId: z.uuid(), wording: z.string(), occurredOn: calendarDate, amountCents: z.int() })),
  calledCents: z.int(),
  paidCents: z.int(),
  spentCents: z.int(),
  openingBalanceCents: z.int(),
  closingBalanceCents: z.int(),
});
