import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { openSettlementInTransaction } from '../../budgets/settlement/acts.js';
import { disputeRulesOf } from '../../charters/rules/types.js';
import { actorOf, recordAct, type ActContext } from '../../common/act.js';
import { calendarDay } from '../../common/dates.js';
import type { Database } from '../../common/database/schema.js';
import { conflict, forbidden, invalid, notFound } from '../../common/errors.js';
import { textHash } from '../../journal/chain.js';
import type { JournalEvent } from '../../journal/journal-store.js';
import { disputeInFullView, type DisputeInView } from '../access.js';
import {
  circleRoundsMissing,
  disputeActorOf,
  exitPlanTasks,
  mayOwnTask,
  nextDisputeStage,
  taskDoneRefusal,
  writeUpEditable,
  writeUpPersonalDetails,
  writeUpPublishable,
  type DisputeMove,
} from '../rules.js';
import { charterBudgetOf } from './queries.js';
import type { disputeTaskInput, disputeTaskSettlementInput, publishConsentInput, restorativeCircleInput, writeUpInput } from './contract.js';

/**
 * The dispute chain's second half (seed 000, art. 7): the exit plan's tasks owned and dated, the
 * accounts settled and what was not delivered refunded by the charter budget's statement, a
 * restorative circle, a write-up without personal details published with every party's consent,
 * and the closure. Every act reads the dispute through access.ts (404 to whoever it does not name)
 * and journals ids, days and hashes of the free text only.
 */

type Trx = Transaction<Database>;

const inDispute = (ctx: ActContext) => ({ partnershipId: ctx.partnershipId, viewer: ctx.viewer });

/** The dispute locked for the act, refused to whoever only reads it (the bodies the charter names). */
async function disputeToAct(trx: Trx, ctx: ActContext, disputeId: string, who: 'party' | 'party_or_mediator'): Promise<DisputeInView> {
  const dispute = await disputeInFullView(trx, inDispute(ctx), disputeId, { lock: true });
  const actor = disputeActorOf(ctx.viewer.personId, dispute);
  if (actor === 'reader' || (who === 'party' && actor !== 'party')) throw forbidden();
  return dispute;
}

interface TaskRow {
  readonly id: string;
  readonly owner_id: string | null;
  readonly due_on: string | null;
  readonly status: string;
  readonly settlement_id: string | null;
}

async function tasksOf(trx: Trx, disputeId: string): Promise<TaskRow[]> {
  return trx.selectFrom('dispute_task').select(['id', 'owner_id', 'due_on', 'status', 'settlement_id']).where('dispute_id', '=', disputeId).orderBy('position').execute();
}

async function taskOf(trx: Trx, disputeId: string, taskId: string): Promise<TaskRow> {
  const task = (await tasksOf(trx, disputeId)).find((row) => row.id === taskId);
  if (!task) throw notFound();
  return task;
}

/** Where a move leads, with the dispute's tasks and write-up as they stand, or the refusal as 409. */
async function moved(trx: Trx, dispute: DisputeInView, move: DisputeMove) {
  const [tasks, row] = await Promise.all([tasksOf(trx, dispute.id), trx.selectFrom('dispute').select('write_up').where('id', '=', dispute.id).executeTakeFirstOrThrow()]);
  const next = nextDisputeStage(
    {
      stage: dispute.stage,
      crisisMeetingHeld: true,
      mediationAvailable: true,
      tasks: tasks.map((task) => ({ ownerId: task.owner_id, dueOn: task.due_on, done: task.status === 'done' })),
      writeUp: row.write_up,
    },
    move,
  );
  if (!next.ok) throw conflict(`disputeEnding.refusal.${next.refusal}`);
  return next.stage;
}

const TASK_STAGES = new Set(['exit_plan', 'restorative_circle', 'write_up']);

/**
 * The exit plan's tasks, one per objective of the charter's list, in the act that enters the
 * stage (the crisis meeting or the mediation ending without a solution, disputes/acts.ts).
 */
export async function exitPlanTasksInTransaction(trx: Trx, dispute: Pick<DisputeInView, 'id' | 'rules'>): Promise<JournalEvent[]> {
  const tasks = exitPlanTasks(disputeRulesOf(dispute.rules).exitPlanObjectives).map((task) => ({ id: randomUUID(), ...task }));
  if (tasks.length > 0) {
    await trx
      .insertInto('dispute_task')
      .values(tasks.map((task) => ({ id: task.id, dispute_id: dispute.id, position: task.position, objective: task.objective, owner_id: null, due_on: null, status: 'open', done_at: null, settlement_id: null })))
      .execute();
  }
  return [{ kind: 'dispute.exitPlanned', payload: { disputeId: dispute.id, taskIds: tasks.map((task) => task.id) } }];
}

/** The parties (or the mediator) give a task its owner, a party or the mediator, and its due day; the owner is told. */
export async function assignDisputeTask(ctx: ActContext, disputeId: string, taskId: string, input: z.infer<typeof disputeTaskInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const dispute = await disputeToAct(trx, ctx, disputeId, 'party_or_mediator');
    if (!TASK_STAGES.has(dispute.stage)) throw conflict('disputeEnding.refusal.not_at_this_stage');
    const task = await taskOf(trx, disputeId, taskId);
    if (task.status === 'done') throw conflict('disputeEnding.refusal.taskDone');
    // The circle was called on a complete plan: from then on every task keeps an owner and a day.
    if (dispute.stage !== 'exit_plan' && (input.ownerId === null || input.dueOn === null)) throw conflict('disputeEnding.refusal.planIncomplete');
    if (input.ownerId !== null && !mayOwnTask(input.ownerId, dispute)) throw invalid('ownerId', 'disputeEnding.error.ownerNotInDispute');
    if (input.dueOn !== null && input.dueOn !== task.due_on && input.dueOn < calendarDay(ctx.now)) throw invalid('dueOn', 'disputeEnding.error.dueInPast');
    await trx.updateTable('dispute_task').set({ owner_id: input.ownerId, due_on: input.dueOn }).where('id', '=', taskId).execute();
    return { result: { id: taskId }, events: [{ kind: 'dispute.taskAssigned', payload: { disputeId, taskId, ownerId: input.ownerId, dueOn: input.dueOn } }] };
  });
}

/** The owner marks their task done; a task waiting for a settlement statement is done by its approval. */
export async function markDisputeTaskDone(ctx: ActContext, disputeId: string, taskId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const dispute = await disputeToAct(trx, ctx, disputeId, 'party_or_mediator');
    if (!TASK_STAGES.has(dispute.stage)) throw conflict('disputeEnding.refusal.not_at_this_stage');
    const task = await taskOf(trx, disputeId, taskId);
    const refusal = taskDoneRefusal(ctx.viewer.personId, { ownerId: task.owner_id, done: task.status === 'done', settlementId: task.settlement_id });
    if (refusal === 'not_owner') throw forbidden();
    if (refusal !== null) throw conflict(`disputeEnding.refusal.${refusal}`);
    await trx.updateTable('dispute_task').set({ status: 'done', done_at: ctx.now }).where('id', '=', taskId).execute();
    return { result: { id: taskId }, events: [{ kind: 'dispute.taskDone', payload: { disputeId, taskId, settlementId: null } }] };
  });
}

/** The link written, and the task done at once when the statement is approved already. */
async function linkSettlement(trx: Trx, ctx: ActContext, disputeId: string, taskId: string, settlement: { id: string; status: string } | null): Promise<JournalEvent[]> {
  const done = settlement?.status === 'approved';
  await trx
    .updateTable('dispute_task')
    .set({ settlement_id: settlement?.id ?? null, ...(done && { status: 'done', done_at: ctx.now }) })
    .where('id', '=', taskId)
    .execute();
  const events: JournalEvent[] = [{ kind: 'dispute.taskLinked', payload: { disputeId, taskId, settlementId: settlement?.id ?? null } }];
  if (done) events.push({ kind: 'dispute.taskDone', payload: { disputeId, taskId, settlementId: settlement.id } });
  return events;
}

/**
 * The parties (or the mediator) link a task to a statement of the charter's budget drawn up on the
 * exit plan (seed 000: settle the accounts, refund what was not delivered), or unlink it: the task
 * is then done when that statement is approved.
 */
export async function linkDisputeTaskSettlement(ctx: ActContext, disputeId: string, taskId: string, input: z.infer<typeof disputeTaskSettlementInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const dispute = await disputeToAct(trx, ctx, disputeId, 'party_or_mediator');
    if (!TASK_STAGES.has(dispute.stage)) throw conflict('disputeEnding.refusal.not_at_this_stage');
    const task = await taskOf(trx, disputeId, taskId);
    if (task.status === 'done') throw conflict('disputeEnding.refusal.taskDone');
    let settlement: { id: string; status: string } | null = null;
    if (input.settlementId !== null) {
      const budget = await charterBudgetOf(trx, ctx.partnershipId, dispute.charterId);
      const found = budget
        ? await trx.selectFrom('settlement').select(['id', 'status']).where('id', '=', input.settlementId).where('budget_id', '=', budget.id).where('reason', '=', 'exit_plan').executeTakeFirst()
        : undefined;
      if (!found) throw invalid('settlementId', 'error.reference');
      settlement = found;
    }
    return { result: { id: taskId }, events: await linkSettlement(trx, ctx, disputeId, taskId, settlement) };
  });
}

/**
 * From a task, whoever keeps the charter budget's books and acts in the dispute draws up the
 * statement on the exit plan (the settlement's own act, in this transaction) and links the task to it.
 */
export async function prepareDisputeTaskSettlement(ctx: ActContext, disputeId: string, taskId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const dispute = await disputeToAct(trx, ctx, disputeId, 'party_or_mediator');
    if (!TASK_STAGES.has(dispute.stage)) throw conflict('disputeEnding.refusal.not_at_this_stage');
    const task = await taskOf(trx, disputeId, taskId);
    if (task.status === 'done') throw conflict('disputeEnding.refusal.taskDone');
    const budget = await charterBudgetOf(trx, ctx.partnershipId, dispute.charterId);
    if (!budget) throw conflict('disputeEnding.refusal.noBudget');
    const drafted = await openSettlementInTransaction(trx, ctx, budget.id, { reason: 'exit_plan' });
    return { result: { id: drafted.id }, events: [drafted.event, ...(await linkSettlement(trx, ctx, disputeId, taskId, { id: drafted.id, status: 'draft' }))] };
  });
}

/**
 * In the decision's transaction (decisions/consequences.ts): a statement approved does the tasks
 * that waited for it.
 */
export async function disputeTasksSettledBy(trx: Trx, scope: Pick<ActContext, 'now'>, proposalId: string): Promise<JournalEvent[]> {
  const proposal = await trx.selectFrom('proposal').select('settlement_id').where('id', '=', proposalId).executeTakeFirstOrThrow();
  if (proposal.settlement_id === null) return [];
  const settlement = await trx.selectFrom('settlement').select('status').where('id', '=', proposal.settlement_id).executeTakeFirstOrThrow();
  if (settlement.status !== 'approved') return [];
  const done = await trx
    .updateTable('dispute_task')
    .set({ status: 'done', done_at: scope.now })
    .where('settlement_id', '=', proposal.settlement_id)
    .where('status', '=', 'open')
    .returning(['id', 'dispute_id'])
    .execute();
  return done.map((task) => ({ kind: 'dispute.taskDone', payload: { disputeId: task.dispute_id, taskId: task.id, settlementId: proposal.settlement_id } }));
}

/**
 * Once every task has an owner and a day, the parties (or the mediator) call the restorative
 * circle (or move it while it is not held): the parties and the mediator are convened with its
 * calendar event.
 */
export async function callRestorativeCircle(ctx: ActContext, disputeId: string, input: z.infer<typeof restorativeCircleInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const dispute = await disputeToAct(trx, ctx, disputeId, 'party_or_mediator');
    const startsAt = new Date(input.startsAt);
    if (startsAt.getTime() <= ctx.now.getTime()) throw invalid('startsAt', 'disputeEnding.error.startsInPast');
    const values = { starts_at: startsAt, place: input.place, online_url: input.onlineUrl, called_by: ctx.viewer.personId, called_at: ctx.now };
    const called = await trx.selectFrom('dispute_meeting').select('id').where('dispute_id', '=', disputeId).where('kind', '=', 'restorative_circle').where('held_at', 'is', null).executeTakeFirst();
    let meetingId: string;
    if (dispute.stage === 'restorative_circle' && called) {
      meetingId = called.id;
      await trx.updateTable('dispute_meeting').set(values).where('id', '=', meetingId).execute();
    } else {
      const stage = await moved(trx, dispute, 'call_circle');
      meetingId = randomUUID();
      await trx.insertInto('dispute_meeting').values({ id: meetingId, dispute_id: disputeId, kind: 'restorative_circle', ...values }).execute();
      await trx.updateTable('dispute').set({ stage }).where('id', '=', disputeId).execute();
    }
    return {
      result: { id: meetingId },
      events: [{ kind: 'dispute.circleCalled', payload: { disputeId, meetingId, startsAt: startsAt.toISOString(), placeHash: textHash(input.place), onlineUrlHash: textHash(input.onlineUrl ?? '') } }],
    };
  });
}

/** The circle was held once each of its rounds has notes (disputes/acts.ts writeMeetingNotes): the write-up follows. */
export async function holdRestorativeCircle(ctx: ActContext, disputeId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const dispute = await disputeToAct(trx, ctx, disputeId, 'party_or_mediator');
    const stage = await moved(trx, dispute, 'circle_held');
    const circle = await trx.selectFrom('dispute_meeting').select(['id', 'starts_at']).where('dispute_id', '=', disputeId).where('kind', '=', 'restorative_circle').where('held_at', 'is', null).executeTakeFirstOrThrow();
    if (circle.starts_at.getTime() > ctx.now.getTime()) throw conflict('disputeEnding.refusal.circleNotStarted');
    const notes = await trx.selectFrom('dispute_meeting_note').select(['round', 'text']).where('meeting_id', '=', circle.id).execute();
    const missing = circleRoundsMissing(notes);
    if (missing.length > 0) throw conflict('disputeEnding.refusal.roundsMissing', { count: missing.length });
    await trx.updateTable('dispute_meeting').set({ held_at: ctx.now, outcome: 'held' }).where('id', '=', circle.id).execute();
    await trx.updateTable('dispute').set({ stage }).where('id', '=', disputeId).execute();
    return { result: { id: circle.id }, events: [{ kind: 'dispute.circleHeld', payload: { disputeId, meetingId: circle.id } }] };
  });
}

/** The people a write-up must not name: the dispute's parties and its mediator. */
async function namedPeople(trx: Trx, dispute: DisputeInView) {
  const ids = [...dispute.partyIds, ...(dispute.mediatorId === null ? [] : [dispute.mediatorId])];
  return trx.selectFrom('person').select(['full_name as fullName', 'email']).where('id', 'in', ids).execute();
}

async function refuseWriteUpWithDetails(trx: Trx, dispute: DisputeInView, text: string, path: string): Promise<void> {
  const found = writeUpPersonalDetails(text, await namedPeople(trx, dispute));
  if (found.length > 0) throw invalid(path, 'disputeEnding.error.personalDetails', { found: found.map((what) => `« ${what} »`).join(', ') });
}

/**
 * A party writes the experience « sans détails personnels »: refused (400, naming what to remove)
 * when it holds a party's or the mediator's name or address. Writing it again takes back the
 * consents given to the text before.
 */
export async function saveWriteUp(ctx: ActContext, disputeId: string, input: z.infer<typeof writeUpInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const dispute = await disputeToAct(trx, ctx, disputeId, 'party');
    const row = await trx.selectFrom('dispute').select('write_up_published_at').where('id', '=', disputeId).executeTakeFirstOrThrow();
    if (!writeUpEditable({ stage: dispute.stage, writeUpPublishedAt: row.write_up_published_at })) throw conflict('disputeEnding.refusal.not_at_this_stage');
    await refuseWriteUpWithDetails(trx, dispute, input.text, 'text');
    await trx.updateTable('dispute').set({ write_up: input.text }).where('id', '=', disputeId).execute();
    await trx.updateTable('dispute_party').set({ consents_to_publish: null }).where('dispute_id', '=', disputeId).execute();
    return { result: { id: disputeId }, events: [{ kind: 'dispute.writeUpSaved', payload: { disputeId, textHash: textHash(input.text) } }] };
  });
}

/**
 * A party says yes or no to publishing the write-up as it stands; the last yes publishes it to
 * the partnership's « Retours d'expérience », with no subject, no name and no link to the dispute.
 */
export async function consentToPublish(ctx: ActContext, disputeId: string, input: z.infer<typeof publishConsentInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const dispute = await disputeToAct(trx, ctx, disputeId, 'party');
    const row = await trx.selectFrom('dispute').select(['write_up', 'write_up_published_at']).where('id', '=', disputeId).executeTakeFirstOrThrow();
    if (!writeUpEditable({ stage: dispute.stage, writeUpPublishedAt: row.write_up_published_at })) throw conflict('disputeEnding.refusal.not_at_this_stage');
    if (row.write_up === null) throw conflict('disputeEnding.refusal.write_up_missing');
    const writeUpHash = textHash(row.write_up);
    await trx.updateTable('dispute_party').set({ consents_to_publish: input.consents }).where('dispute_id', '=', disputeId).where('person_id', '=', ctx.viewer.personId).execute();
    const events: JournalEvent[] = [{ kind: 'dispute.publishConsent', payload: { disputeId, personId: ctx.viewer.personId, consents: input.consents, writeUpHash } }];
    const parties = await trx.selectFrom('dispute_party').select('consents_to_publish as consentsToPublish').where('dispute_id', '=', disputeId).execute();
    if (writeUpPublishable(parties)) {
      // A name changed since the text was written would be published with it: looked for once more.
      await refuseWriteUpWithDetails(trx, dispute, row.write_up, 'consents');
      await trx.updateTable('dispute').set({ write_up_published_at: ctx.now }).where('id', '=', disputeId).execute();
      events.push({ kind: 'dispute.writeUpPublished', payload: { disputeId, writeUpHash } });
    }
    return { result: { id: disputeId }, events };
  });
}

/** Once the write-up is written and every task done, the parties (or the mediator) close the dispute. */
export async function closeDispute(ctx: ActContext, disputeId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const dispute = await disputeToAct(trx, ctx, disputeId, 'party_or_mediator');
    const stage = await moved(trx, dispute, 'close');
    await trx.updateTable('dispute').set({ stage, closed_at: ctx.now, closed_how: 'exit_plan' }).where('id', '=', disputeId).execute();
    return { result: { id: disputeId }, events: [{ kind: 'dispute.closed', payload: { disputeId, closedHow: 'exit_plan' } }] };
  });
}
