import type { IsoDate } from '../common/dates.js';

/**
 * The common fund (seed 003's « le 1 % »), as pure rules: which year a day belongs to, what each
 * organization is called for from its declared budget, which contributions are behind, and the
 * balance of the ledger with what the acts may take from it. No I/O and no clock: the day is given.
 */

/** The charter's contribution: a percentage of each organization's declared annual budget, or one amount for all. */
export type Contribution = { readonly kind: 'percent'; readonly percent: number } | { readonly kind: 'fixed'; readonly amountCents: number };

/** The most an organization may declare as its annual budget: a call at 100 % of it still fits a ledger row. */
export const MAX_DECLARED_BUDGET_CENTS = 100_000_000_000;

/** The fund year a day belongs to: year N runs from the first day of month `yearStartsMonth` of N. */
export function fundYearOf(day: IsoDate, yearStartsMonth: number): number {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month >= yearStartsMonth ? year : year - 1;
}

/** The first day of fund year N and the first day of the next one (excluded). */
export function fundYearSpan(year: number, yearStartsMonth: number): { readonly startsOn: IsoDate; readonly endsOn: IsoDate } {
  const month = String(yearStartsMonth).padStart(2, '0');
  return { startsOn: `${year}-${month}-01`, endsOn: `${year + 1}-${month}-01` };
}

/**
 * What an organization is called for: the fixed amount, or the percentage of its declared budget
 * rounded to the nearest cent (half a cent up). Percentages have at most three decimals (the
 * column's scale), so the product is computed exactly in integers. Null when the rule is a
 * percentage and the organization declared nothing: its call cannot be issued.
 */
export function callAmountCents(contribution: Contribution, declaredBudgetCents: number | null): number | null {
  if (contribution.kind === 'fixed') return contribution.amountCents;
  if (declaredBudgetCents === null) return null;
  const thousandthsOfPercent = BigInt(Math.round(contribution.percent * 1000));
  const scaled = BigInt(declaredBudgetCents) * thousandthsOfPercent;
  return Number((scaled + 50_000n) / 100_000n);
}

export interface CallToIssue {
  readonly organizationId: string;
  readonly amountCents: number;
  /** The budget the amount was computed from, under a percentage rule. */
  readonly declaredBudgetCents: number | null;
  readonly percent: number | null;
}

/**
 * The year's calls still to issue: one per organization not yet called, from its declaration under
 * a percentage rule; those without a declaration are listed apart (« budget non déclaré »).
 */
export function callsToIssue(
  contribution: Contribution,
  organizationIds: readonly string[],
  declaredBudgets: ReadonlyMap<string, number>,
  alreadyCalled: ReadonlySet<string>,
): { readonly calls: CallToIssue[]; readonly undeclared: string[] } {
  const calls: CallToIssue[] = [];
  const undeclared: string[] = [];
  for (const organizationId of organizationIds) {
    if (alreadyCalled.has(organizationId)) continue;
    const declared = declaredBudgets.get(organizationId) ?? null;
    const amountCents = callAmountCents(contribution, declared);
    if (amountCents === null) {
      undeclared.push(organizationId);
      continue;
    }
    calls.push({
      organizationId,
      amountCents,
      declaredBudgetCents: contribution.kind === 'percent' ? declared : null,
      percent: contribution.kind === 'percent' ? contribution.percent : null,
    });
  }
  return { calls, undeclared };
}

export type CallStatus = 'paid' | 'partly_paid' | 'unpaid';

/**
 * Where a call stands on a day: paid when the payments reach its amount; behind when it is not
 * paid in full after its due day (the due day itself is still in time).
 */
export function callStanding(call: { readonly amountCents: number; readonly paidCents: number; readonly dueOn: IsoDate }, today: IsoDate): { readonly status: CallStatus; readonly behind: boolean; readonly remainingCents: number } {
  const remainingCents = Math.max(0, call.amountCents - call.paidCents);
  const status: CallStatus = remainingCents === 0 ? 'paid' : call.paidCents > 0 ? 'partly_paid' : 'unpaid';
  return { status, behind: remainingCents > 0 && today > call.dueOn, remainingCents };
}

export type LedgerKind = 'payment' | 'spending';

export interface LedgerRow {
  readonly kind: LedgerKind;
  /** A payment (negative when it reverses one) or a spending, always counted as money out. */
  readonly amountCents: number;
}

/** What a ledger row does to the balance: payments come in (a reversal, negative, goes back out); spendings go out. */
export const balanceEffect = (row: LedgerRow): number => (row.kind === 'payment' ? row.amountCents : -row.amountCents);

/** The fund's balance: the payments received less the spendings. */
export function fundBalance(rows: readonly LedgerRow[]): number {
  return rows.reduce((sum, row) => sum + balanceEffect(row), 0);
}

/** The balance after each row, in the ledger's order, from an opening balance. */
export function runningBalances(openingCents: number, rows: readonly LedgerRow[]): number[] {
  let balance = openingCents;
  return rows.map((row) => (balance += balanceEffect(row)));
}

export type FundRefusal = 'above_available' | 'above_remaining';

/**
 * What the fund can still commit: its balance less the amounts of the spending proposals still
 * open, which are promised to their decision.
 */
export const availableCents = (balanceCents: number, reservedCents: number): number => balanceCents - reservedCents;

/** A spending proposal is refused above what the fund can still commit, so an adoption never overdraws it. */
export function maySpend(balanceCents: number, reservedCents: number, amountCents: number): FundRefusal | null {
  return amountCents > availableCents(balanceCents, reservedCents) ? 'above_available' : null;
}

/**
 * Reversing a payment takes its money back out: refused when the fund has already committed it
 * (spent it, or promised it to an open proposal), so the balance never goes negative.
 */
export function mayReverse(balanceCents: number, reservedCents: number, paymentCents: number): FundRefusal | null {
  return paymentCents > availableCents(balanceCents, reservedCents) ? 'above_available' : null;
}

/** A payment is refused above what its call still awaits: the fund takes no more than it called. */
export function mayPay(remainingCents: number, amountCents: number): FundRefusal | null {
  return amountCents > remainingCents ? 'above_remaining' : null;
}
