import { sql, type Kysely } from 'kysely';
import { bookKeepersOf } from '../budgets/keepers.js';
import { calendarDay, type IsoDate } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import { may, type Viewer } from '../common/permissions.js';
import type { z } from 'zod';
import type { fundYearQuery } from './contract.js';
import type { PROPOSAL_STATUSES } from '../decisions/rules.js';
import { availableCents, callStanding, fundYearOf, fundYearSpan, runningBalances, type LedgerKind } from './rules.js';

type Db = Kysely<Database>;

/** The sum of the ledger's rows as the balance counts them (rules.ts balanceEffect), in SQL. */
const balanceSum = sql<string | number>`coalesce(sum(case kind when 'payment' then amount_cents else -amount_cents end), 0)`;

/** The fund's balance and what open spending proposals hold of it, in two statements (acts read them under the fund's lock). */
export async function fundFigures(db: Db, partnershipId: string): Promise<{ balanceCents: number; reservedCents: number }> {
  const [balance, reserved] = await Promise.all([
    db.selectFrom('fund_ledger').select(balanceSum.as('cents')).where('partnership_id', '=', partnershipId).executeTakeFirstOrThrow(),
    db
      .selectFrom('proposal')
      .select(sql<string | number>`coalesce(sum(fund_spending_cents), 0)`.as('cents'))
      .where('partnership_id', '=', partnershipId)
      .where('status', '=', 'open')
      .where('fund_spending_cents', 'is not', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { balanceCents: Number(balance.cents), reservedCents: Number(reserved.cents) };
}

/** The year a page asks for (the current fund year by default) and its span, by the charter's rule or the calendar year without one. */
function yearOf(yearStartsMonth: number, asked: number | undefined, today: IsoDate) {
  const currentYear = fundYearOf(today, yearStartsMonth);
  const year = asked ?? currentYear;
  return { year, currentYear, ...fundYearSpan(year, yearStartsMonth) };
}

/** A year's calls with what each organization has paid on it (reversals counted). */
async function callsOf(db: Db, partnershipId: string, year: number) {
  return db
    .selectFrom('fund_call as c')
    .innerJoin('organization as o', 'o.id', 'c.organization_id')
    .select(['c.id', 'c.organization_id', 'o.name as organization_name', 'c.amount_cents', 'c.declared_budget_cents', 'c.percent', 'c.due_on', 'c.issued_at'])
    .select(sql<string | number>`(select coalesce(sum(l.amount_cents), 0) from fund_ledger l where l.call_id = c.id)`.as('paid_cents'))
    .where('c.partnership_id', '=', partnershipId)
    .where('c.year', '=', year)
    .orderBy('o.name')
    .execute();
}

/** The opening balance of a year: every row of the years before it. */
async function openingBalance(db: Db, partnershipId: string, year: number): Promise<number> {
  const row = await db.selectFrom('fund_ledger').select(balanceSum.as('cents')).where('partnership_id', '=', partnershipId).where('year', '<', year).executeTakeFirstOrThrow();
  return Number(row.cents);
}

/** A year's ledger rows in their order: the day, then when they were written. */
async function ledgerOf(db: Db, partnershipId: string, year: number) {
  return db
    .selectFrom('fund_ledger as l')
    .leftJoin('organization as o', 'o.id', 'l.organization_id')
    .leftJoin('proposal as p', 'p.id', 'l.proposal_id')
    .select(['l.id', 'l.kind', 'l.occurred_on', 'l.amount_cents', 'l.organization_id', 'o.name as organization_name', 'l.call_id', 'l.proposal_id', 'p.wording', 'l.reverses'])
    .select(sql<boolean>`exists (select 1 from fund_ledger r where r.reverses = l.id)`.as('reversed'))
    .where('l.partnership_id', '=', partnershipId)
    .where('l.year', '=', year)
    .orderBy('l.occurred_on')
    .orderBy('l.recorded_at')
    // Rows written at the same instant: money in before money out, so no running balance dips below zero.
    .orderBy('l.kind')
    .orderBy('l.id')
    .execute();
}

/**
 * The fund page: the charter's rule, each organization's declaration and call for the year with
 * what it paid and whether it is behind, the year's ledger with its running balance, the
 * spending proposals, and what the viewer may do. A fixed number of statements.
 */
export async function fundPage(db: Db, viewer: Viewer, partnershipId: string, query: z.infer<typeof fundYearQuery>, now: Date) {
  const today = calendarDay(now);
  const keepers = await bookKeepersOf(db, partnershipId, today);
  const rule = keepers.money.commonFund;
  const span = yearOf(rule?.yearStartsMonth ?? 1, query.year, today);
  const [organizations, declarations, calls, opening, ledger, figures, spendings] = await Promise.all([
    db.selectFrom('organization').select(['id', 'name']).where('partnership_id', '=', partnershipId).orderBy('name').execute(),
    db.selectFrom('fund_declaration').select(['organization_id', 'budget_cents', 'declared_at']).where('partnership_id', '=', partnershipId).where('year', '=', span.year).execute(),
    callsOf(db, partnershipId, span.year),
    openingBalance(db, partnershipId, span.year),
    ledgerOf(db, partnershipId, span.year),
    fundFigures(db, partnershipId),
    db
      .selectFrom('proposal')
      .select(['id', 'wording', 'fund_spending_cents', 'status', 'created_at'])
      .where('partnership_id', '=', partnershipId)
      .where('fund_spending_cents', 'is not', null)
      .where((eb) => eb.or([eb('status', '=', 'open'), eb.and([eb('created_at', '>=', sql<Date>`${span.startsOn}::date`), eb('created_at', '<', sql<Date>`${span.endsOn}::date`)])]))
      .orderBy('created_at', 'desc')
      .execute(),
  ]);
  const declared = new Map(declarations.map((row) => [row.organization_id, row]));
  const callOf = new Map(calls.map((row) => [row.organization_id, row]));
  const balances = runningBalances(
    opening,
    ledger.map((row) => ({ kind: row.kind as LedgerKind, amountCents: Number(row.amount_cents) })),
  );
  return {
    rule,
    ...span,
    organizations: organizations.map((organization) => {
      const declaration = declared.get(organization.id);
      const call = callOf.get(organization.id);
      return {
        organization,
        declaredBudgetCents: declaration ? Number(declaration.budget_cents) : null,
        declaredAt: declaration?.declared_at ?? null,
        call: call ? callAnswerOf(call, today) : null,
        undeclared: rule?.contribution.kind === 'percent' && !declaration && !call,
      };
    }),
    openingBalanceCents: opening,
    balanceCents: figures.balanceCents,
    reservedCents: figures.reservedCents,
    availableCents: availableCents(figures.balanceCents, figures.reservedCents),
    ledger: ledger.map((row, index) => ({
      id: row.id,
      kind: row.kind as LedgerKind,
      occurredOn: row.occurred_on,
      amountCents: Number(row.amount_cents),
      organization: row.organization_id === null ? null : { id: row.organization_id, name: row.organization_name ?? '' },
      callId: row.call_id,
      proposal: row.proposal_id === null ? null : { id: row.proposal_id, wording: row.wording ?? '' },
      reverses: row.reverses,
      reversed: row.reversed,
      balanceCents: balances[index]!,
    })),
    spendings: spendings.map((row) => ({ id: row.id, wording: row.wording, amountCents: Number(row.fund_spending_cents), status: row.status as (typeof PROPOSAL_STATUSES)[number], createdAt: row.created_at })),
    can: {
      declareFor: organizations.filter((organization) => may.manageOrganization(viewer, organization.id)).map((organization) => organization.id),
      keepAccounts: may.keepAccounts(viewer, keepers),
      proposeSpending: rule !== null && may.proposeFundSpending(viewer),
    },
  };
}

function callAnswerOf(call: Awaited<ReturnType<typeof callsOf>>[number], today: IsoDate) {
  const amountCents = Number(call.amount_cents);
  const paidCents = Number(call.paid_cents);
  const standing = callStanding({ amountCents, paidCents, dueOn: call.due_on }, today);
  return {
    id: call.id,
    amountCents,
    declaredBudgetCents: call.declared_budget_cents === null ? null : Number(call.declared_budget_cents),
    percent: call.percent === null ? null : Number(call.percent),
    dueOn: call.due_on,
    issuedAt: call.issued_at,
    paidCents,
    ...standing,
  };
}

/** The yearly statement: the year's calls and what each paid, who is behind, the spendings, the opening and closing balance. */
export async function fundStatement(db: Db, partnershipId: string, query: z.infer<typeof fundYearQuery>, now: Date) {
  const today = calendarDay(now);
  const keepers = await bookKeepersOf(db, partnershipId, today);
  const span = yearOf(keepers.money.commonFund?.yearStartsMonth ?? 1, query.year, today);
  const [calls, opening, ledger] = await Promise.all([callsOf(db, partnershipId, span.year), openingBalance(db, partnershipId, span.year), ledgerOf(db, partnershipId, span.year)]);
  const rows = calls.map((call) => {
    const answer = callAnswerOf(call, today);
    return { organization: { id: call.organization_id, name: call.organization_name }, amountCents: answer.amountCents, paidCents: answer.paidCents, remainingCents: answer.remainingCents, dueOn: answer.dueOn, behind: answer.behind };
  });
  const spendings = ledger
    .filter((row) => row.kind === 'spending')
    .map((row) => ({ proposalId: row.proposal_id!, wording: row.wording ?? '', occurredOn: row.occurred_on, amountCents: Number(row.amount_cents) }));
  const received = ledger.filter((row) => row.kind === 'payment').reduce((sum, row) => sum + Number(row.amount_cents), 0);
  const spentCents = spendings.reduce((sum, row) => sum + row.amountCents, 0);
  return {
    year: span.year,
    startsOn: span.startsOn,
    endsOn: span.endsOn,
    today,
    calls: rows,
    spendings,
    calledCents: rows.reduce((sum, row) => sum + row.amountCents, 0),
    paidCents: received,
    spentCents,
    openingBalanceCents: opening,
    closingBalanceCents: opening + received - spentCents,
  };
}

/** The organizations behind with their contribution, for the compliance view: calls not paid in full after their due day. */
export async function organizationsBehind(db: Db, partnershipId: string, today: IsoDate) {
  const rows = await db
    .selectFrom('fund_call as c')
    .innerJoin('organization as o', 'o.id', 'c.organization_id')
    .select(['c.organization_id', 'o.name', 'c.year', 'c.amount_cents', 'c.due_on'])
    .select(sql<string | number>`(select coalesce(sum(l.amount_cents), 0) from fund_ledger l where l.call_id = c.id)`.as('paid_cents'))
    .where('c.partnership_id', '=', partnershipId)
    .where('c.due_on', '<', today)
    .orderBy('c.year')
    .orderBy('o.name')
    .execute();
  return rows
    .map((row) => ({ organizationId: row.organization_id, name: row.name, year: row.year, dueOn: row.due_on, amountCents: Number(row.amount_cents), paidCents: Number(row.paid_cents) }))
    .filter((row) => callStanding(row, today).behind);
}
