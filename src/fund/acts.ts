import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import { bookKeepersOf } from '../budgets/keepers.js';
import { partnershipRules } from '../charters/queries.js';
import { moneyRulesOf } from '../charters/rules/types.js';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import { calendarDay } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import { conflict, forbidden, invalid, notFound } from '../common/errors.js';
import { may } from '../common/permissions.js';
import { requireReference } from '../common/references.js';
import type { DecidedStatus } from '../decisions/consequences.js';
import { createProposalInTransaction } from '../decisions/acts.js';
import type { JournalEvent } from '../journal/journal-store.js';
import type { callsInput, declarationInput, paymentInput, spendingInput } from './contract.js';
import { fundFigures } from './queries.js';
import { callStanding, callsToIssue, fundYearOf, mayPay, mayReverse, maySpend, type FundRefusal } from './rules.js';

type Trx = Transaction<Database>;
type Scope = Pick<ActContext, 'partnershipId' | 'now'>;

/**
 * Every act that moves the fund's balance or what is promised of it takes this lock first, so two
 * acts never both see the same available balance: the balance never goes negative.
 */
async function lockFund(trx: Trx, partnershipId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`fund:${partnershipId}`}::text, 0))`.execute(trx);
}

const refusalError = (refusal: FundRefusal) => conflict(`fund.refusal.${refusal}`);

/** The fund's rule in the charter in force, and whether the viewer keeps the books; 403 before 409. */
async function keeperAndRule(trx: Trx, ctx: ActContext) {
  const keepers = await bookKeepersOf(trx, ctx.partnershipId, calendarDay(ctx.now));
  if (!may.keepAccounts(ctx.viewer, keepers)) throw forbidden();
  const rule = keepers.money.commonFund;
  if (rule === null) throw conflict('fund.refusal.no_fund');
  return rule;
}

/** An organization's administrators declare its annual budget for a fund year, until that year's call is issued to it. */
export async function declareBudget(ctx: ActContext, input: z.infer<typeof declarationInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireReference(trx, 'organization', input.organizationId, ctx.partnershipId, 'organizationId');
    if (!may.manageOrganization(ctx.viewer, input.organizationId)) throw forbidden();
    await lockFund(trx, ctx.partnershipId);
    const called = await trx
      .selectFrom('fund_call')
      .select('id')
      .where('partnership_id', '=', ctx.partnershipId)
      .where('organization_id', '=', input.organizationId)
      .where('year', '=', input.year)
      .executeTakeFirst();
    if (called) throw conflict('fund.refusal.already_called');
    await trx
      .insertInto('fund_declaration')
      .values({ partnership_id: ctx.partnershipId, organization_id: input.organizationId, year: input.year, budget_cents: input.budgetCents, declared_by: ctx.viewer.personId, declared_at: ctx.now })
      .onConflict((oc) => oc.columns(['partnership_id', 'organization_id', 'year']).doUpdateSet({ budget_cents: input.budgetCents, declared_by: ctx.viewer.personId, declared_at: ctx.now }))
      .execute();
    return { result: undefined, events: [{ kind: 'fund.budgetDeclared', payload: { organizationId: input.organizationId, year: input.year, budgetCents: input.budgetCents } }] };
  });
}

/**
 * The keepers issue the year's calls: one per organization not yet called, from its declaration
 * (or the fixed amount), due `dueWithinDays` after today (counted in SQL). Organizations without a
 * declaration under a percentage rule are not called and are asked to declare.
 */
export async function issueCalls(ctx: ActContext, input: z.infer<typeof callsInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const rule = await keeperAndRule(trx, ctx);
    await lockFund(trx, ctx.partnershipId);
    const [organizations, declarations, called] = await Promise.all([
      trx.selectFrom('organization').select('id').where('partnership_id', '=', ctx.partnershipId).orderBy('name').execute(),
      trx.selectFrom('fund_declaration').select(['organization_id', 'budget_cents']).where('partnership_id', '=', ctx.partnershipId).where('year', '=', input.year).execute(),
      trx.selectFrom('fund_call').select('organization_id').where('partnership_id', '=', ctx.partnershipId).where('year', '=', input.year).execute(),
    ]);
    const { calls, undeclared } = callsToIssue(
      rule.contribution,
      organizations.map((row) => row.id),
      new Map(declarations.map((row) => [row.organization_id, Number(row.budget_cents)])),
      new Set(called.map((row) => row.organization_id)),
    );
    if (calls.length === 0) throw conflict(undeclared.length > 0 ? 'fund.refusal.all_undeclared' : 'fund.refusal.nothing_to_call');
    const today = calendarDay(ctx.now);
    const events: JournalEvent[] = [];
    for (const call of calls) {
      const id = randomUUID();
      const row = await trx
        .insertInto('fund_call')
        .values({
          id,
          partnership_id: ctx.partnershipId,
          organization_id: call.organizationId,
          year: input.year,
          amount_cents: call.amountCents,
          declared_budget_cents: call.declaredBudgetCents,
          percent: call.percent === null ? null : String(call.percent),
          due_on: sql<string>`${today}::date + ${rule.dueWithinDays}::integer`,
          issued_by: ctx.viewer.personId,
          issued_at: ctx.now,
        })
        .returning(sql<string>`due_on::text`.as('due_on'))
        .executeTakeFirstOrThrow();
      events.push({ kind: 'fund.callIssued', payload: { callId: id, organizationId: call.organizationId, year: input.year, amountCents: call.amountCents, declaredBudgetCents: call.declaredBudgetCents, dueOn: row.due_on } });
    }
    if (undeclared.length > 0) events.push({ kind: 'fund.declarationRequested', payload: { year: input.year, organizationIds: undeclared } });
    return { result: { issued: calls.length, undeclared }, events };
  });
}

/** The keepers record a payment on a call of the partnership, up to what the call still awaits. */
export async function recordPayment(ctx: ActContext, input: z.infer<typeof paymentInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await keeperAndRule(trx, ctx);
    if (input.paidOn > calendarDay(ctx.now)) throw invalid('paidOn', 'fund.error.futureDay');
    const call = await trx.selectFrom('fund_call').select(['id', 'organization_id', 'year', 'amount_cents', 'due_on']).where('id', '=', input.callId).where('partnership_id', '=', ctx.partnershipId).executeTakeFirst();
    if (!call) throw invalid('callId', 'error.reference');
    await lockFund(trx, ctx.partnershipId);
    const paid = await trx.selectFrom('fund_ledger').select(sql<string | number>`coalesce(sum(amount_cents), 0)`.as('cents')).where('call_id', '=', call.id).executeTakeFirstOrThrow();
    const { remainingCents } = callStanding({ amountCents: Number(call.amount_cents), paidCents: Number(paid.cents), dueOn: call.due_on }, calendarDay(ctx.now));
    const refusal = mayPay(remainingCents, input.amountCents);
    if (refusal) throw refusalError(refusal);
    const id = randomUUID();
    await trx
      .insertInto('fund_ledger')
      .values({ id, partnership_id: ctx.partnershipId, year: call.year, kind: 'payment', organization_id: call.organization_id, call_id: call.id, amount_cents: input.amountCents, occurred_on: input.paidOn, recorded_by: ctx.viewer.personId, recorded_at: ctx.now })
      .execute();
    return {
      result: { id },
      events: [{ kind: 'fund.paymentRecorded', payload: { entryId: id, callId: call.id, organizationId: call.organization_id, year: call.year, amountCents: input.amountCents, occurredOn: input.paidOn } }],
    };
  });
}

/** The keepers correct a payment by a reversing row, today, unless the fund has already committed that money. */
export async function reversePayment(ctx: ActContext, entryId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await keeperAndRule(trx, ctx);
    await lockFund(trx, ctx.partnershipId);
    const entry = await trx
      .selectFrom('fund_ledger')
      .select(['id', 'kind', 'organization_id', 'call_id', 'year', 'amount_cents', 'reverses'])
      .select(sql<boolean>`exists (select 1 from fund_ledger r where r.reverses = fund_ledger.id)`.as('reversed'))
      .where('id', '=', entryId)
      .where('partnership_id', '=', ctx.partnershipId)
      .executeTakeFirst();
    if (!entry || entry.kind !== 'payment' || entry.reverses !== null) throw notFound();
    if (entry.reversed) throw conflict('fund.refusal.already_reversed');
    const amountCents = Number(entry.amount_cents);
    const { balanceCents, reservedCents } = await fundFigures(trx, ctx.partnershipId);
    const refusal = mayReverse(balanceCents, reservedCents, amountCents);
    if (refusal) throw refusalError(refusal);
    const id = randomUUID();
    const occurredOn = calendarDay(ctx.now);
    await trx
      .insertInto('fund_ledger')
      .values({ id, partnership_id: ctx.partnershipId, year: entry.year, kind: 'payment', organization_id: entry.organization_id, call_id: entry.call_id, amount_cents: -amountCents, occurred_on: occurredOn, reverses: entry.id, recorded_by: ctx.viewer.personId, recorded_at: ctx.now })
      .execute();
    return {
      result: { id },
      events: [{ kind: 'fund.paymentReversed', payload: { entryId: id, reverses: entry.id, callId: entry.call_id, organizationId: entry.organization_id, year: entry.year, amountCents: -amountCents, occurredOn } }],
    };
  });
}

/**
 * A proposal to spend from the fund, routed by the charter's spending matter, carrying its
 * amount: refused above the balance less what open spending proposals already hold, so whatever
 * is adopted can be paid.
 */
export async function proposeSpending(ctx: ActContext, input: z.infer<typeof spendingInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    if (!may.proposeFundSpending(ctx.viewer)) throw forbidden();
    const rule = moneyRulesOf((await partnershipRules(trx, ctx.partnershipId)) ?? {}).commonFund;
    if (rule === null) throw conflict('fund.refusal.no_fund');
    await lockFund(trx, ctx.partnershipId);
    const { balanceCents, reservedCents } = await fundFigures(trx, ctx.partnershipId);
    const refusal = maySpend(balanceCents, reservedCents, input.amountCents);
    if (refusal) throw refusalError(refusal);
    const { id, event } = await createProposalInTransaction(trx, ctx, {
      level: rule.spending.level,
      topic: rule.spending.topic,
      wording: input.wording,
      context: input.context,
      participationLevel: 'concertation',
      facilitatorId: input.facilitatorId,
    });
    await trx.updateTable('proposal').set({ fund_spending_cents: input.amountCents }).where('id', '=', id).execute();
    return { result: { id }, events: [event, { kind: 'fund.spendingProposed', payload: { proposalId: id, amountCents: input.amountCents } }] };
  });
}

/**
 * A decided proposal that carries a fund spending: adopted (or arbitrated), the spending is
 * written to the ledger on the decision's day, in the decision's transaction; otherwise the amount
 * it held is simply free again. Called by decisionConsequences.
 */
export async function recordFundSpendingDecidedBy(trx: Trx, scope: Scope, proposalId: string, status: DecidedStatus): Promise<JournalEvent[]> {
  if (status !== 'adopted' && status !== 'arbitrated') return [];
  const proposal = await trx.selectFrom('proposal').select('fund_spending_cents').where('id', '=', proposalId).executeTakeFirstOrThrow();
  if (proposal.fund_spending_cents === null) return [];
  await lockFund(trx, scope.partnershipId);
  const amountCents = Number(proposal.fund_spending_cents);
  const occurredOn = calendarDay(scope.now);
  const rule = moneyRulesOf((await partnershipRules(trx, scope.partnershipId)) ?? {}).commonFund;
  const year = fundYearOf(occurredOn, rule?.yearStartsMonth ?? 1);
  const id = randomUUID();
  await trx
    .insertInto('fund_ledger')
    .values({ id, partnership_id: scope.partnershipId, year, kind: 'spending', proposal_id: proposalId, amount_cents: amountCents, occurred_on: occurredOn, recorded_by: null, recorded_at: scope.now })
    .execute();
  return [{ kind: 'fund.spent', payload: { entryId: id, proposalId, year, amountCents, occurredOn } }];
}
