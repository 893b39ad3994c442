import { sql, type Kysely, type Transaction } from 'kysely';
import { partnershipRules } from '../../charters/queries.js';
import type { CharterRules } from '../../charters/rules/types.js';
import { calendarDay, type IsoDate } from '../../common/dates.js';
import type { Database } from '../../common/database/schema.js';
import { conflict, notFound } from '../../common/errors.js';
import type { Viewer } from '../../common/permissions.js';
import { projectRow } from '../../projects/queries.js';
import { budgetKeeping } from '../keepers.js';
import { budgetFigures, ledgerCursor, readLedgerCursor } from '../queries.js';
import { settlementLines, settlementTotals, type SettlementLine, type SettlementReason, type SettlementStatus } from '../rules/settlement.js';
import { postStandings, type PostStanding } from '../rules/split.js';
import { summarizeBudget } from '../rules/summary.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface SettledBudget {
  readonly id: string;
  readonly project_id: string | null;
  readonly charter_id: string | null;
  readonly status: string;
  readonly closed_at: Date | null;
}

/** The budget inside the partnership, locked for an act when asked (a closing waits for it, then refuses); 404 outside. */
export async function settledBudget(db: Db, partnershipId: string, budgetId: string, lock = false): Promise<SettledBudget> {
  let query = db.selectFrom('budget').select(['id', 'project_id', 'charter_id', 'status', 'closed_at']).where('id', '=', budgetId).where('partnership_id', '=', partnershipId);
  if (lock) query = query.forUpdate();
  const budget = await query.executeTakeFirst();
  if (!budget) throw notFound();
  return budget;
}

/**
 * The charter that governs a budget's split and routes its settlement: a project charter's own
 * adopted version for its budget (seed 000), the partnership charter in force for a common
 * project's. Null rules: no version adopted yet, so no posts.
 */
export async function governingCharter(db: Db, partnershipId: string, budget: Pick<SettledBudget, 'charter_id'>): Promise<{ rules: CharterRules | null; charterId: string | null; title: string | null }> {
  if (budget.charter_id === null) return { rules: (await partnershipRules(db, partnershipId)) ?? null, charterId: null, title: null };
  const version = await db
    .selectFrom('charter_version')
    .select(['rules', 'title'])
    .where('charter_id', '=', budget.charter_id)
    .where('status', '=', 'adopted')
    .executeTakeFirst();
  return { rules: (version?.rules as CharterRules | undefined) ?? null, charterId: budget.charter_id, title: version?.title ?? null };
}

/**
 * The money the split applies to: income actually received, and costs actually paid, in-kind help
 * left out on both sides (it is matched, never money on the account).
 */
export async function receivedAndSpent(db: Db, budgetId: string): Promise<{ receivedCents: number; spentCents: number }> {
  const figures = await budgetFigures(db, budgetId);
  const summary = summarizeBudget(figures.lines, figures.entries, figures.retired);
  return { receivedCents: summary.income.actualCents - summary.inKind.actualCents, spentCents: summary.costs.actualCents - summary.inKind.actualCents };
}

/** Where each of the charter's posts stands today on this budget. */
export async function standingsOf(db: Db, budgetId: string, rules: CharterRules | null): Promise<{ standings: PostStanding[]; receivedCents: number; spentCents: number }> {
  const [money, paid] = await Promise.all([
    receivedAndSpent(db, budgetId),
    db.selectFrom('split_payment').select(['post_id', (eb) => eb.fn.sum<string>('amount_cents').as('amount_cents')]).where('budget_id', '=', budgetId).groupBy('post_id').execute(),
  ]);
  const posts = rules?.budget.posts ?? [];
  const standings = postStandings(
    posts,
    rules?.budget.totalCents ?? null,
    money.receivedCents,
    paid.map((row) => ({ postId: row.post_id, amountCents: Number(row.amount_cents) })),
  );
  return { standings, ...money };
}

/**
 * While a statement is under decision, the budget's money stays as the statement states it: no
 * entry, correction or split payment is recorded until the decision is taken (approved, the
 * budget closes; returned, the statement is read again from the budget when proposed anew). Called
 * under the budget's lock, which proposing the statement also takes, so neither slips past the other.
 */
export async function refuseMoneyWhileSettling(db: Db, budgetId: string): Promise<void> {
  const underDecision = await db.selectFrom('settlement').select('id').where('budget_id', '=', budgetId).where('status', '=', 'proposed').executeTakeFirst();
  if (underDecision) throw conflict('settlement.refusal.moneyUnderDecision');
}

/** The statement's lines as they stand now, with the delivered values the keepers gave. */
export async function statementNow(db: Db, budgetId: string, rules: CharterRules | null, delivered: ReadonlyMap<string, number>) {
  const { standings, receivedCents, spentCents } = await standingsOf(db, budgetId, rules);
  return { lines: settlementLines(standings, delivered), receivedCents, spentCents };
}

/** Whether the viewer keeps this budget's books (budgetKeeping), its project read for its lead. */
export async function keepsAccounts(db: Db, viewer: Viewer, partnershipId: string, budget: Pick<SettledBudget, 'project_id'>, today: IsoDate): Promise<boolean> {
  const project = budget.project_id === null ? null : ((await projectRow(db, partnershipId, budget.project_id)) ?? null);
  return (await budgetKeeping(db, viewer, partnershipId, project, today)).keepsBooks;
}

/** The budget of a project charter, if one was opened; 404 for a charter of another partnership or not of a project. */
export async function charterBudget(db: Db, partnershipId: string, charterId: string) {
  const charter = await db.selectFrom('charter').select(['id', 'kind']).where('id', '=', charterId).where('partnership_id', '=', partnershipId).executeTakeFirst();
  if (!charter || charter.kind !== 'project') throw notFound();
  const budget = await db.selectFrom('budget').select('id').where('charter_id', '=', charterId).executeTakeFirst();
  return { budgetId: budget?.id ?? null };
}

/** A project charter's budget for its page: its id once opened, and whether the viewer may open it. */
export async function charterBudgetOf(db: Kysely<Database>, viewer: Viewer, partnershipId: string, charterId: string, now: Date) {
  const { budgetId } = await charterBudget(db, partnershipId, charterId);
  return { budgetId, canOpen: budgetId === null && (await keepsAccounts(db, viewer, partnershipId, { project_id: null }, calendarDay(now))) };
}

interface SettlementRow {
  readonly id: string;
  readonly reason: string;
  readonly status: string;
  readonly received_cents: string | number;
  readonly spent_cents: string | number;
  readonly approved_on: string | null;
}

/** The approved statement, else the one being drafted or under decision. */
async function shownSettlement(db: Db, budgetId: string): Promise<SettlementRow | undefined> {
  return db
    .selectFrom('settlement')
    .select(['id', 'reason', 'status', 'received_cents', 'spent_cents', 'approved_on'])
    .where('budget_id', '=', budgetId)
    .where('status', 'in', ['draft', 'proposed', 'approved'])
    .orderBy((eb) => eb.case().when('status', '=', 'approved').then(0).else(1).end())
    .executeTakeFirst();
}

async function storedLines(db: Db, settlementId: string): Promise<SettlementLine[]> {
  const rows = await db.selectFrom('settlement_line').selectAll().where('settlement_id', '=', settlementId).orderBy('position').execute();
  return rows.map((row) => ({
    postId: row.post_id,
    label: row.label,
    plannedCents: Number(row.planned_cents),
    owedCents: Number(row.owed_cents),
    paidCents: Number(row.paid_cents),
    deliveredCents: Number(row.delivered_cents),
    refundCents: Number(row.refund_cents),
    dueCents: Number(row.due_cents),
  }));
}

export const PAYMENTS_PAGE = 100;

/** The split payments of a budget, newest day first, 100 at a time after the cursor. */
async function paymentsAfter(db: Db, budgetId: string, after?: string) {
  const cursor = readLedgerCursor(after);
  let query = db
    .selectFrom('split_payment as s')
    .leftJoin('person as p', 'p.id', 's.person_id')
    .leftJoin('organization as o', 'o.id', 's.organization_id')
    .select((eb) => [
      's.id',
      's.post_id',
      's.paid_on',
      's.amount_cents',
      's.person_id',
      'p.full_name',
      's.organization_id',
      'o.name as organization_name',
      's.reverses',
      's.recorded_at',
      eb.exists(eb.selectFrom('split_payment as r').select('r.id').whereRef('r.reverses', '=', 's.id')).as('reversed'),
    ])
    .where('s.budget_id', '=', budgetId);
  if (cursor !== null) {
    const [paidOn, recordedAt, id] = cursor;
    query = query.where(sql<boolean>`(s.paid_on, s.recorded_at, s.id) < (${paidOn}::date, ${recordedAt}::timestamptz, ${id}::uuid)`);
  }
  const rows = await query.orderBy('s.paid_on', 'desc').orderBy('s.recorded_at', 'desc').orderBy('s.id', 'desc').limit(PAYMENTS_PAGE + 1).execute();
  const shown = rows.slice(0, PAYMENTS_PAGE);
  const last = shown.at(-1);
  return {
    payments: shown.map((row) => ({
      id: row.id,
      postId: row.post_id,
      paidOn: row.paid_on,
      amountCents: Number(row.amount_cents),
      person: row.person_id === null ? null : { id: row.person_id, fullName: row.full_name ?? '' },
      organization: row.organization_id === null ? null : { id: row.organization_id, name: row.organization_name ?? '' },
      reverses: row.reverses,
      reversed: Boolean(row.reversed),
    })),
    next: rows.length > PAYMENTS_PAGE && last ? ledgerCursor(last.paid_on, last.recorded_at, last.id) : null,
  };
}

/** A page of a budget's split payments, for whoever reads the budget. */
export async function splitPaymentsPage(db: Db, partnershipId: string, budgetId: string, after?: string) {
  await settledBudget(db, partnershipId, budgetId);
  return paymentsAfter(db, budgetId, after);
}

export async function settlementPage(db: Kysely<Database>, viewer: Viewer, partnershipId: string, budgetId: string, now: Date) {
  const budget = await settledBudget(db, partnershipId, budgetId);
  const charter = await governingCharter(db, partnershipId, budget);
  const project = budget.project_id === null ? undefined : await projectRow(db, partnershipId, budget.project_id);
  const [{ standings, receivedCents, spentCents }, payments, shown, keepAccounts] = await Promise.all([
    standingsOf(db, budgetId, charter.rules),
    paymentsAfter(db, budgetId),
    shownSettlement(db, budgetId),
    keepsAccounts(db, viewer, partnershipId, budget, calendarDay(now)),
  ]);
  let settlement = null;
  if (shown) {
    const lines = await storedLines(db, shown.id);
    const proposal = await db.selectFrom('proposal').select(['id', 'status']).where('settlement_id', '=', shown.id).orderBy('created_at', 'desc').executeTakeFirst();
    settlement = {
      id: shown.id,
      reason: shown.reason as SettlementReason,
      status: shown.status as SettlementStatus,
      receivedCents: Number(shown.received_cents),
      spentCents: Number(shown.spent_cents),
      approvedOn: shown.approved_on,
      lines,
      totals: settlementTotals(lines),
      proposal: proposal ?? null,
    };
  }
  return {
    budget: {
      id: budget.id,
      of: project ? { kind: 'project' as const, id: project.id, title: project.title } : { kind: 'charter' as const, id: budget.charter_id!, title: charter.title ?? '' },
      status: budget.status as 'open' | 'closed',
      closedOn: budget.closed_at === null ? null : calendarDay(budget.closed_at),
    },
    receivedCents,
    spentCents,
    totalCents: charter.rules?.budget.totalCents ?? null,
    posts: standings.map((standing) => ({ postId: standing.postId, label: standing.label, plannedCents: standing.plannedCents, owedCents: standing.owedCents, paidCents: standing.paidCents, remainingCents: standing.remainingCents })),
    payments,
    settlement,
    can: { keepAccounts: keepAccounts && budget.status === 'open' },
  };
}
