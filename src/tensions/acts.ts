import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import { calendarDay } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import { conflict, forbidden, invalid, notFound } from '../common/errors.js';
import { may } from '../common/permissions.js';
import { requireTarget } from '../common/references.js';
import { bodyMembersOn } from '../bodies/members.js';
import { createProposalInTransaction, projectCharterOfBody } from '../decisions/acts.js';
import { textHash } from '../journal/chain.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { addAgendaItemInTransaction } from '../meetings/acts.js';
import type { closingWordInput, tensionInput, tensionProposalInput, tensionTaskInput } from './contract.js';
import { statusAfter, tensionAgendaTitle, tensionMoveRefusal, waitsForAMeeting, type TensionMove, type TensionStatus } from './rules.js';

type Trx = Transaction<Database>;

interface Waiting {
  readonly id: string;
  readonly body_id: string;
  readonly text: string;
  readonly raised_by: string | null;
}

/**
 * Puts the tension on the meeting's agenda, as an item its raiser brings, titled by its words: the
 * meetings capability's own insertion, so the item is any other item (ordered, timed, minuted).
 */
async function place(trx: Trx, ctx: ActContext, tension: Waiting, meetingId: string): Promise<JournalEvent[]> {
  const item = await addAgendaItemInTransaction(trx, ctx, meetingId, {
    kind: 'discussion',
    title: tensionAgendaTitle(tension.text),
    proposalId: null,
    minutesAllotted: null,
    ...(tension.raised_by !== null && { proposedBy: tension.raised_by }),
  });
  await trx.updateTable('tension').set({ agenda_item_id: item.id }).where('id', '=', tension.id).execute();
  return [...item.events, { kind: 'tension.placed', payload: { tensionId: tension.id, bodyId: tension.body_id, meetingId, itemId: item.id } }];
}

/** The body's next meeting: the soonest one under way or still to come whose minutes are not published. */
async function nextMeetingOf(trx: Trx, bodyId: string, now: Date) {
  return trx
    .selectFrom('meeting')
    .select('id')
    .where('body_id', '=', bodyId)
    .where('ended_at', 'is', null)
    .where('minutes_published_at', 'is', null)
    .where('recorded_afterwards', '=', false)
    .where((eb) => eb.or([eb('starts_at', '>', now), eb('opened_at', 'is not', null)]))
    .orderBy('starts_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** A member of a body says what they feel is missing or in the way; the body's next meeting, if one is called, has it on its agenda at once. */
export async function raiseTension(ctx: ActContext, bodyId: string, input: z.infer<typeof tensionInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireTarget(trx, 'body', bodyId, ctx.partnershipId);
    if (!may.raiseTension(ctx.viewer, bodyId)) throw forbidden();
    const tension: Waiting = { id: randomUUID(), body_id: bodyId, text: input.text, raised_by: ctx.viewer.personId };
    await trx
      .insertInto('tension')
      .values({ ...tension, partnership_id: ctx.partnershipId, raised_at: ctx.now, status: 'open' })
      .execute();
    const raised: JournalEvent = { kind: 'tension.raised', payload: { tensionId: tension.id, bodyId, raisedBy: ctx.viewer.personId, textHash: textHash(input.text) } };
    const next = await nextMeetingOf(trx, bodyId, ctx.now);
    return { result: { id: tension.id }, events: [raised, ...(next ? await place(trx, ctx, tension, next.id) : [])] };
  });
}

/**
 * Called by meetings/acts.ts callMeeting, in the transaction that calls the body's meeting: every
 * open tension of the body on no agenda, or on that of a meeting now over, goes on this one's.
 */
export async function placeWaitingTensions(trx: Trx, ctx: ActContext, meeting: { readonly id: string; readonly bodyId: string }): Promise<JournalEvent[]> {
  const open = await trx
    .selectFrom('tension as t')
    .leftJoin('agenda_item as i', 'i.id', 't.agenda_item_id')
    .leftJoin('meeting as m', 'm.id', 'i.meeting_id')
    .select(['t.id', 't.body_id', 't.text', 't.raised_by', 't.status', 'i.id as item_id', 'm.ended_at', 'm.minutes_published_at'])
    .where('t.body_id', '=', meeting.bodyId)
    .where('t.status', '=', 'open')
    .orderBy('t.raised_at')
    .orderBy('t.id')
    .forUpdate('t')
    .execute();
  const waiting = open.filter((row) =>
    waitsForAMeeting({ status: row.status as TensionStatus, placedOnMeetingOver: row.item_id === null ? null : row.ended_at !== null || row.minutes_published_at !== null }),
  );
  const events: JournalEvent[] = [];
  for (const tension of waiting) events.push(...(await place(trx, ctx, tension, meeting.id)));
  return events;
}

async function lockedTension(trx: Trx, ctx: ActContext, tensionId: string) {
  const tension = await trx.selectFrom('tension').selectAll().where('id', '=', tensionId).where('partnership_id', '=', ctx.partnershipId).forUpdate().executeTakeFirst();
  if (!tension) throw notFound();
  return tension;
}

type LockedTension = Awaited<ReturnType<typeof lockedTension>>;

const refusalOf = (tension: LockedTension, move: TensionMove) =>
  tensionMoveRefusal({ status: tension.status as TensionStatus, placed: tension.agenda_item_id !== null, taskDone: tension.task_done_at !== null }, move);

function refuse(tension: LockedTension, move: TensionMove) {
  const refusal = refusalOf(tension, move);
  if (refusal !== null) throw conflict(refusal);
}

/**
 * The meeting whose agenda holds the tension, where it is settled: whoever runs it (its
 * facilitator or secretary, an administrator standing in) decides, from its opening until its
 * minutes are published.
 */
async function settlingMeeting(trx: Trx, ctx: ActContext, tension: LockedTension, move: TensionMove) {
  // On no agenda, no meeting settles it: the rules say why (settled already, or waiting for a meeting).
  if (tension.agenda_item_id === null) throw conflict(refusalOf(tension, move) ?? 'tension.error.notPlaced');
  const meeting = await trx
    .selectFrom('agenda_item as i')
    .innerJoin('meeting as m', 'm.id', 'i.meeting_id')
    .select(['m.id', 'm.body_id', 'm.facilitator_id', 'm.secretary_id', 'm.opened_at', 'm.minutes_published_at'])
    .where('i.id', '=', tension.agenda_item_id)
    .forUpdate('m')
    .executeTakeFirstOrThrow();
  if (!may.runMeeting(ctx.viewer, { facilitatorId: meeting.facilitator_id, secretaryId: meeting.secretary_id })) throw forbidden();
  refuse(tension, move);
  if (meeting.minutes_published_at !== null) throw conflict('error.meeting.minutesPublished');
  // The meeting settles it once it sits: before its opening, nobody has heard the tension yet.
  if (meeting.opened_at === null) throw conflict('tension.error.meetingNotOpen');
  return meeting;
}

function settled(ctx: ActContext, move: Exclude<TensionMove, 'task_done'>, meetingId: string | null) {
  return { status: statusAfter(move), settled_at: ctx.now, settled_in_meeting_id: meetingId };
}

/** The meeting turns the tension into a proposal routed by the charter governing its body, the tension's words as its context. */
export async function proposeFromTension(ctx: ActContext, tensionId: string, input: z.infer<typeof tensionProposalInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const tension = await lockedTension(trx, ctx, tensionId);
    const meeting = await settlingMeeting(trx, ctx, tension, 'propose');
    // A team governed by its project charter decides its tensions by it; any other body by the partnership's.
    const routingCharterId = await projectCharterOfBody(trx, ctx.partnershipId, tension.body_id);
    const proposal = await createProposalInTransaction(trx, ctx, { ...input, context: tension.text, ...(routingCharterId !== undefined && { routingCharterId }) });
    await trx
      .updateTable('tension')
      .set({ ...settled(ctx, 'propose', meeting.id), proposal_id: proposal.id })
      .where('id', '=', tensionId)
      .execute();
    return {
      result: { id: proposal.id },
      events: [proposal.event, { kind: 'tension.proposed', payload: { tensionId, meetingId: meeting.id, proposalId: proposal.id, settledBy: ctx.viewer.personId } }],
    };
  });
}

/** The meeting turns the tension into a task: a member of the body owns it until a day, and marks it done. */
export async function taskFromTension(ctx: ActContext, tensionId: string, input: z.infer<typeof tensionTaskInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const tension = await lockedTension(trx, ctx, tensionId);
    const meeting = await settlingMeeting(trx, ctx, tension, 'task');
    if (!(await bodyMembersOn(trx, meeting.body_id, ctx.now)).has(input.ownerId)) throw invalid('ownerId', 'tension.error.ownerNotAMember');
    if (input.dueOn < calendarDay(ctx.now)) throw invalid('dueOn', 'tension.error.dueInThePast');
    await trx
      .updateTable('tension')
      .set({ ...settled(ctx, 'task', meeting.id), task_title: input.title, task_owner_id: input.ownerId, task_due_on: input.dueOn })
      .where('id', '=', tensionId)
      .execute();
    return {
      result: null,
      events: [{ kind: 'tension.tasked', payload: { tensionId, meetingId: meeting.id, ownerId: input.ownerId, dueOn: input.dueOn, titleHash: textHash(input.title), settledBy: ctx.viewer.personId } }],
    };
  });
}

/** The meeting closes the tension with a word: heard, answered, or nothing to do. */
export async function closeTension(ctx: ActContext, tensionId: string, input: z.infer<typeof closingWordInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const tension = await lockedTension(trx, ctx, tensionId);
    const meeting = await settlingMeeting(trx, ctx, tension, 'close');
    await trx
      .updateTable('tension')
      .set({ ...settled(ctx, 'close', meeting.id), closing_word: input.word })
      .where('id', '=', tensionId)
      .execute();
    return { result: null, events: [{ kind: 'tension.closed', payload: { tensionId, meetingId: meeting.id, withdrawn: false, wordHash: textHash(input.word), settledBy: ctx.viewer.personId } }] };
  });
}

/** Outside a meeting, whoever raised the tension withdraws it, saying why; it stays in the body's record. */
export async function withdrawTension(ctx: ActContext, tensionId: string, input: z.infer<typeof closingWordInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const tension = await lockedTension(trx, ctx, tensionId);
    if (!may.withdrawTension(ctx.viewer, { raisedBy: tension.raised_by })) throw forbidden();
    refuse(tension, 'withdraw');
    await trx
      .updateTable('tension')
      .set({ ...settled(ctx, 'withdraw', null), closing_word: input.word })
      .where('id', '=', tensionId)
      .execute();
    return { result: null, events: [{ kind: 'tension.closed', payload: { tensionId, meetingId: null, withdrawn: true, wordHash: textHash(input.word), settledBy: ctx.viewer.personId } }] };
  });
}

/** The owner of the task a tension became marks it done. */
export async function markTensionTaskDone(ctx: ActContext, tensionId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const tension = await lockedTension(trx, ctx, tensionId);
    if (!may.markTensionTaskDone(ctx.viewer, { taskOwnerId: tension.task_owner_id })) throw forbidden();
    refuse(tension, 'task_done');
    await trx.updateTable('tension').set({ task_done_at: ctx.now }).where('id', '=', tensionId).execute();
    return { result: null, events: [{ kind: 'tension.taskDone', payload: { tensionId, ownerId: ctx.viewer.personId } }] };
  });
}
