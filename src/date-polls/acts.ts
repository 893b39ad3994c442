import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { conflict, forbidden, invalid, notFound } from '../common/errors.js';
import type { closePollInput, datePollInput, pollAnswersInput } from './contract.js';
import { may } from '../common/permissions.js';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import type { Database } from '../common/database/schema.js';
import { bodyMembersOn } from '../bodies/members.js';
import { callMeeting } from '../meetings/acts.js';
import { requireReference } from '../common/references.js';

type Trx = Transaction<Database>;

/** A member asks the body when it can meet: two to twenty slots, each answered yes, if need be, or no. */
export async function openDatePoll(ctx: ActContext, input: z.infer<typeof datePollInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireReference(trx, 'body', input.bodyId, ctx.partnershipId, 'bodyId');
    if (!may.callMeeting(ctx.viewer, input.bodyId)) throw forbidden();
    const instants = input.slots.map((slot) => new Date(slot).getTime());
    if (new Set(instants).size !== instants.length) throw invalid('slots', 'error.poll.duplicateSlot');
    const id = randomUUID();
    await trx
      .insertInto('date_poll')
      .values({ id, partnership_id: ctx.partnershipId, body_id: input.bodyId, title: input.title, duration_minutes: input.durationMinutes, created_by: ctx.viewer.personId, created_at: ctx.now, meeting_id: null, closed_at: null })
      .execute();
    const slots = [...instants].sort((a, b) => a - b).map((instant) => ({ id: randomUUID(), poll_id: id, starts_at: new Date(instant) }));
    await trx.insertInto('date_poll_slot').values(slots).execute();
    return { result: { id }, events: [{ kind: 'date_poll.opened', payload: { pollId: id, bodyId: input.bodyId, slots: slots.map((slot) => slot.starts_at.toISOString()) } }] };
  });
}

async function lockedPoll(trx: Trx, ctx: ActContext, pollId: string) {
  const poll = await trx.selectFrom('date_poll').selectAll().where('id', '=', pollId).where('partnership_id', '=', ctx.partnershipId).forUpdate().executeTakeFirst();
  if (!poll) throw notFound();
  if (poll.closed_at !== null) throw conflict('error.poll.closed');
  return poll;
}

/** A member of the body answers for each slot; a new answer replaces the previous one. */
export async function answerDatePoll(ctx: ActContext, pollId: string, input: z.infer<typeof pollAnswersInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const poll = await lockedPoll(trx, ctx, pollId);
    if (!(await bodyMembersOn(trx, poll.body_id, ctx.now)).has(ctx.viewer.personId)) throw forbidden();
    const slots = new Set((await trx.selectFrom('date_poll_slot').select('id').where('poll_id', '=', pollId).execute()).map((slot) => slot.id));
    if (input.answers.some((a) => !slots.has(a.slotId))) throw invalid('answers', 'error.poll.slotOfAnotherPoll');
    for (const a of input.answers) {
      await trx
        .insertInto('date_poll_answer')
        .values({ slot_id: a.slotId, member_id: ctx.viewer.personId, answer: a.answer })
        .onConflict((oc) => oc.columns(['slot_id', 'member_id']).doUpdateSet({ answer: a.answer }))
        .execute();
    }
    return { result: null, events: [{ kind: 'date_poll.answered', payload: { pollId, memberId: ctx.viewer.personId, answers: input.answers } }] };
  });
}

/** Whoever opened the poll (or an administrator) closes it on a slot: the meeting is called there, its invitations sent. */
export async function closeDatePoll(ctx: ActContext, pollId: string, input: z.infer<typeof closePollInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const poll = await lockedPoll(trx, ctx, pollId);
    if (!may.closeDatePoll(ctx.viewer, { createdBy: poll.created_by })) throw forbidden();
    const slot = await trx.selectFrom('date_poll_slot').select('starts_at').where('id', '=', input.slotId).where('poll_id', '=', pollId).executeTakeFirst();
    if (!slot) throw invalid('slotId', 'error.poll.slotOfAnotherPoll');
    // Whoever closes facilitates; an administrator outside the body hands it to the poll's creator, or to the rotation.
    const members = await bodyMembersOn(trx, poll.body_id, ctx.now);
    const facilitatorId = [ctx.viewer.personId, poll.created_by].find((id) => members.has(id));
    const { id, events } = await callMeeting(trx, ctx, {
      facilitatorId,
      bodyId: poll.body_id,
      title: poll.title,
      startsAt: slot.starts_at,
      durationMinutes: poll.duration_minutes,
      place: input.place,
      onlineUrl: input.onlineUrl,
      secretaryId: input.secretaryId,
    });
    await trx.updateTable('date_poll').set({ meeting_id: id, closed_at: ctx.now }).where('id', '=', pollId).execute();
    return { result: { meetingId: id }, events: [{ kind: 'date_poll.closed', payload: { pollId, slotId: input.slotId, meetingId: id } }, ...events] };
  });
}
