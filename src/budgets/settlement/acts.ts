import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { moneyRulesOf, type CharterRules } from '../../charters/rules/types.js';
import { actorOf, recordAct, type ActContext } from '../../common/act.js';
import { calendarDay } from '../../common/dates.js';
import type { Database } from '../../common/database/schema.js';
import { conflict, forbidden, invalid, notFound } from '../../common/errors.js';
import { requireReference } from '../../common/references.js';
import { createProposalInTransaction } from '../../decisions/acts.js';
import { translator } from '../../i18n/server-messages.js';
import type { JournalEvent } from '../../journal/journal-store.js';
import { createBudget } from '../acts.js';
import type { SettlementLine } from '../rules/settlement.js';
import type { settlementOpenInput, settlementProposeInput, settlementSaveInput, splitPaymentInput } from './contract.js';
import { charterBudget, governingCharter, keepsAccounts, refuseMoneyWhileSettling, settledBudget, statementNow, type SettledBudget } from './queries.js';

type Trx = Transaction<Database>;

/** The words Entente writes into a proposal it opens: in French, the partnership's language. */
const fr = translator('fr');

/** The budget locked for the act, refused to whoever does not keep its books, and to anyone once it is closed. */
async function keptBudget(trx: Trx, ctx: ActContext, budgetId: string) {
  const budget = await settledBudget(trx, ctx.partnershipId, budgetId, true);
  if (!(await keepsAccounts(trx, ctx.viewer, ctx.partnershipId, budget, calendarDay(ctx.now)))) throw forbidden();
  if (budget.status === 'closed') throw conflict('settlement.refusal.budgetClosed');
  return { budget, charter: await governingCharter(trx, ctx.partnershipId, budget) };
}

/**
 * A project charter's budget (seed 000: its split is the charter's article 5), opened by whoever
 * keeps the partnership's books; opening it again answers the same budget. Its forecast starts
 * with one income line of the split's total, on which the money received is recorded.
 */
export async function openCharterBudget(ctx: ActContext, charterId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await trx.selectFrom('charter').select('id').where('id', '=', charterId).where('partnership_id', '=', ctx.partnershipId).forUpdate().executeTakeFirst();
    const { budgetId } = await charterBudget(trx, ctx.partnershipId, charterId);
    if (!(await keepsAccounts(trx, ctx.viewer, ctx.partnershipId, { project_id: null }, calendarDay(ctx.now)))) throw forbidden();
    if (budgetId !== null) return { result: { id: budgetId }, events: [] };
    const { rules } = await governingCharter(trx, ctx.partnershipId, { charter_id: charterId });
    const incomeLine = { category: 'other_income', label: fr('settlement.incomeLine'), organizationId: null, internal: false, amountCents: rules?.budget.totalCents ?? 0, grantStatus: null } as const;
    const { budgetId: id, events } = await createBudget(trx, ctx, { charterId }, [incomeLine]);
    return { result: { id }, events };
  });
}

function requirePost(rules: CharterRules | null, postId: string, path: string): void {
  if (!(rules?.budget.posts ?? []).some((post) => post.id === postId)) throw invalid(path, 'settlement.error.unknownPost');
}

/** A payment to one of the split's posts. */
export async function recordSplitPayment(ctx: ActContext, budgetId: string, input: z.infer<typeof splitPaymentInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { charter } = await keptBudget(trx, ctx, budgetId);
    await refuseMoneyWhileSettling(trx, budgetId);
    requirePost(charter.rules, input.postId, 'postId');
    if (input.personId !== null) await requireReference(trx, 'person', input.personId, ctx.partnershipId, 'personId');
    if (input.organizationId !== null) await requireReference(trx, 'organization', input.organizationId, ctx.partnershipId, 'organizationId');
    const id = randomUUID();
    await trx
      .insertInto('split_payment')
      .values({
        id,
        budget_id: budgetId,
        post_id: input.postId,
        paid_on: input.paidOn,
        amount_cents: input.amountCents,
        person_id: input.personId,
        organization_id: input.organizationId,
        reverses: null,
        recorded_by: ctx.viewer.personId,
        recorded_at: ctx.now,
      })
      .execute();
    return {
      result: { id },
      events: [
        {
          kind: 'splitPayment.recorded',
          payload: { budgetId, paymentId: id, postId: input.postId, paidOn: input.paidOn, amountCents: input.amountCents, personId: input.personId, organizationId: input.organizationId, reverses: null },
        },
      ],
    };
  });
}

/** « Corriger »: a payment is never rewritten; a reversing row of the opposite amount cancels it, today. */
export async function reverseSplitPayment(ctx: ActContext, budgetId: string, paymentId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await keptBudget(trx, ctx, budgetId);
    await refuseMoneyWhileSettling(trx, budgetId);
    const payment = await trx.selectFrom('split_payment').selectAll().where('id', '=', paymentId).where('budget_id', '=', budgetId).executeTakeFirst();
    if (!payment) throw notFound();
    if (payment.reverses !== null) throw conflict('settlement.refusal.reversalOfReversal');
    const already = await trx.selectFrom('split_payment').select('id').where('reverses', '=', paymentId).executeTakeFirst();
    if (already) throw conflict('settlement.refusal.alreadyReversed');
    const id = randomUUID();
    const amountCents = -Number(payment.amount_cents);
    const paidOn = calendarDay(ctx.now);
    await trx
      .insertInto('split_payment')
      .values({
        id,
        budget_id: budgetId,
        post_id: payment.post_id,
        paid_on: paidOn,
        amount_cents: amountCents,
        person_id: payment.person_id,
        organization_id: payment.organization_id,
        reverses: paymentId,
        recorded_by: ctx.viewer.personId,
        recorded_at: ctx.now,
      })
      .execute();
    return {
      result: { id },
      events: [
        {
          kind: 'splitPayment.reversed',
          payload: { budgetId, paymentId: id, postId: payment.post_id, paidOn, amountCents, personId: payment.person_id, organizationId: payment.organization_id, reverses: paymentId },
        },
      ],
    };
  });
}

/** The statement's figures as journaled: amounts and ids, the posts' labels being the charter's. */
const linesPayload = (lines: readonly SettlementLine[]) =>
  lines.map((line) => ({
    postId: line.postId,
    plannedCents: line.plannedCents,
    owedCents: line.owedCents,
    paidCents: line.paidCents,
    deliveredCents: line.deliveredCents,
    refundCents: line.refundCents,
    dueCents: line.dueCents,
  }));

/** Rewrites the statement's figures from the budget as it stands now, keeping the delivered values given. */
async function writeStatement(trx: Trx, budget: SettledBudget, rules: CharterRules | null, settlementId: string, delivered: ReadonlyMap<string, number>) {
  const statement = await statementNow(trx, budget.id, rules, delivered);
  await trx.updateTable('settlement').set({ received_cents: statement.receivedCents, spent_cents: statement.spentCents }).where('id', '=', settlementId).execute();
  await trx.deleteFrom('settlement_line').where('settlement_id', '=', settlementId).execute();
  if (statement.lines.length > 0) {
    await trx
      .insertInto('settlement_line')
      .values(
        statement.lines.map((line, position) => ({
          settlement_id: settlementId,
          post_id: line.postId,
          position,
          label: line.label,
          planned_cents: line.plannedCents,
          owed_cents: line.owedCents,
          paid_cents: line.paidCents,
          delivered_cents: line.deliveredCents,
          refund_cents: line.refundCents,
          due_cents: line.dueCents,
        })),
      )
      .execute();
  }
  return { receivedCents: statement.receivedCents, spentCents: statement.spentCents, lines: linesPayload(statement.lines) };
}

/** A statement's draft, at closing or on an exit plan: each post's delivered value is, to begin with, what it is owed. */
export async function openSettlement(ctx: ActContext, budgetId: string, input: z.infer<typeof settlementOpenInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { id, event } = await openSettlementInTransaction(trx, ctx, budgetId, input);
    return { result: { id }, events: [event] };
  });
}

/** The same draft inside another act's transaction (an exit plan's task prepares the statement it waits for, disputes/ending). */
export async function openSettlementInTransaction(trx: Trx, ctx: ActContext, budgetId: string, input: z.infer<typeof settlementOpenInput>): Promise<{ id: string; event: JournalEvent }> {
  const { budget, charter } = await keptBudget(trx, ctx, budgetId);
  const pending = await trx.selectFrom('settlement').select('id').where('budget_id', '=', budgetId).where('status', 'in', ['draft', 'proposed']).executeTakeFirst();
  if (pending) throw conflict('settlement.refusal.pending');
  if ((charter.rules?.budget.posts ?? []).length === 0) throw conflict('settlement.refusal.noPosts');
  const id = randomUUID();
  await trx
    .insertInto('settlement')
    .values({ id, budget_id: budgetId, reason: input.reason, status: 'draft', received_cents: 0, spent_cents: 0, approved_on: null, created_by: ctx.viewer.personId, created_at: ctx.now })
    .execute();
  const statement = await writeStatement(trx, budget, charter.rules, id, new Map());
  return { id, event: { kind: 'settlement.drafted', payload: { budgetId, settlementId: id, reason: input.reason, status: 'draft', ...statement } } };
}

async function draftOf(trx: Trx, budgetId: string, settlementId: string) {
  const settlement = await trx.selectFrom('settlement').select(['id', 'status', 'reason']).where('id', '=', settlementId).where('budget_id', '=', budgetId).forUpdate().executeTakeFirst();
  if (!settlement) throw notFound();
  if (settlement.status !== 'draft') throw conflict(settlement.status === 'proposed' ? 'settlement.refusal.underDecision' : 'settlement.refusal.decided');
  return settlement;
}

async function deliveredOf(trx: Trx, settlementId: string): Promise<Map<string, number>> {
  const rows = await trx.selectFrom('settlement_line').select(['post_id', 'delivered_cents']).where('settlement_id', '=', settlementId).execute();
  return new Map(rows.map((row) => [row.post_id, Number(row.delivered_cents)]));
}

/** The keepers say what each post delivered; the statement is read again from the budget as it stands. */
export async function saveSettlement(ctx: ActContext, budgetId: string, settlementId: string, input: z.infer<typeof settlementSaveInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { budget, charter } = await keptBudget(trx, ctx, budgetId);
    await draftOf(trx, budgetId, settlementId);
    input.delivered.forEach((row, index) => requirePost(charter.rules, row.postId, `delivered.${index}.postId`));
    const delivered = await deliveredOf(trx, settlementId);
    for (const row of input.delivered) delivered.set(row.postId, row.deliveredCents);
    await trx.updateTable('settlement').set({ reason: input.reason }).where('id', '=', settlementId).execute();
    const statement = await writeStatement(trx, budget, charter.rules, settlementId, delivered);
    return { result: { id: settlementId }, events: [{ kind: 'settlement.saved', payload: { budgetId, settlementId, reason: input.reason, status: 'draft', ...statement } }] };
  });
}

/**
 * Puts the statement, read once more from the budget, to the decision the charter's settlement
 * matter names: for a project charter's budget, by that charter's own matrix. Its approval
 * freezes it and closes the budget (settlementDecidedBy).
 */
export async function proposeSettlement(ctx: ActContext, budgetId: string, settlementId: string, input: z.infer<typeof settlementProposeInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { budget, charter } = await keptBudget(trx, ctx, budgetId);
    const settlement = await draftOf(trx, budgetId, settlementId);
    // A revision decided after the budget closed would change nothing: the two decisions are not taken side by side.
    const revision = await trx.selectFrom('budget_version').select('id').where('budget_id', '=', budgetId).where('status', '=', 'proposed').executeTakeFirst();
    if (revision) throw conflict('settlement.refusal.revisionUnderDecision');
    const statement = await writeStatement(trx, budget, charter.rules, settlementId, await deliveredOf(trx, settlementId));
    const matter = moneyRulesOf(charter.rules ?? {}).settlement;
    const title = budget.project_id === null ? (charter.title ?? '') : ((await trx.selectFrom('project').select('title').where('id', '=', budget.project_id).executeTakeFirst())?.title ?? '');
    const proposal = await createProposalInTransaction(trx, ctx, {
      level: matter.level,
      topic: matter.topic,
      wording: fr(`settlement.proposalWording.${settlement.reason as 'closing' | 'exit_plan'}`, { title }),
      context: input.context,
      participationLevel: 'participation',
      ...(input.facilitatorId !== undefined && { facilitatorId: input.facilitatorId }),
      settlementId,
      ...(charter.charterId !== null && { routingCharterId: charter.charterId }),
    });
    await trx.updateTable('settlement').set({ status: 'proposed' }).where('id', '=', settlementId).execute();
    return {
      result: { id: proposal.id },
      events: [proposal.event, { kind: 'settlement.proposed', payload: { budgetId, settlementId, proposalId: proposal.id, reason: settlement.reason, status: 'proposed', ...statement } }],
    };
  });
}

/**
 * The decision on a statement, in the decision's transaction: adopted (or arbitrated), the
 * statement is approved and frozen and the budget closed, so no entry or payment is recorded on
 * it any more; refused or lapsed, it goes back to its draft, to be corrected and proposed again.
 */
export async function settlementDecidedBy(trx: Trx, scope: Pick<ActContext, 'partnershipId' | 'now'>, proposalId: string, status: string): Promise<JournalEvent[]> {
  const proposal = await trx.selectFrom('proposal').select('settlement_id').where('id', '=', proposalId).executeTakeFirstOrThrow();
  const settlementId = proposal.settlement_id;
  if (settlementId === null) return [];
  // The budget is locked before its statement, in the order every act on them takes.
  const { budget_id: budgetId } = await trx.selectFrom('settlement').select('budget_id').where('id', '=', settlementId).executeTakeFirstOrThrow();
  await trx.selectFrom('budget').select('id').where('id', '=', budgetId).forUpdate().executeTakeFirstOrThrow();
  const settlement = await trx.selectFrom('settlement').select('status').where('id', '=', settlementId).forUpdate().executeTakeFirstOrThrow();
  if (settlement.status !== 'proposed') return [];
  if (status !== 'adopted' && status !== 'arbitrated') {
    await trx.updateTable('settlement').set({ status: 'draft' }).where('id', '=', settlementId).execute();
    return [{ kind: 'settlement.returned', payload: { budgetId, settlementId, proposalId, outcome: status, status: 'draft' } }];
  }
  const approvedOn = calendarDay(scope.now);
  await trx.updateTable('settlement').set({ status: 'approved', approved_on: approvedOn }).where('id', '=', settlementId).execute();
  await trx.updateTable('budget').set({ status: 'closed', closed_at: scope.now }).where('id', '=', budgetId).execute();
  return [{ kind: 'settlement.approved', payload: { budgetId, settlementId, proposalId, approvedOn, status: 'approved' } }];
}
