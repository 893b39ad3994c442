import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import { calendarDay, PARTNERSHIP_TIME_ZONE } from '../common/dates.js';
import { conflict, forbidden, invalid, notFound } from '../common/errors.js';
import type {
  agendaItemInput,
  agendaOrderInput,
  attendanceInput,
  guestInput,
  meetingInput,
  meetingRolesInput,
  minutesAnswerInput,
  minutesInput,
  minutesReviewInput,
  pastMeetingInput,
  roundWordInput,
} from './contract.js';
import { checkAgendaOrder, GUEST_REASON_MAX_LENGTH, meetingStage, minutesPublishable, nextStage } from './rules.js';
import { may } from '../common/permissions.js';
import { inviteProjectCarriers } from '../projects/acts.js';
import { inviteCircleSupervisors } from '../circles/acts.js';
import { textHash } from '../journal/chain.js';
import type { JournalEvent } from '../journal/journal-store.js';
import type { Database } from '../common/database/schema.js';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import { bodyMembersOn } from '../bodies/members.js';
import { bodyRecipients } from '../mail/mailer.js';
import { facilitatorByRotation } from './queries.js';
import { requireReference } from '../common/references.js';
import { refuseIfErased } from '../personal-data/acts.js';
import { placeWaitingTensions } from '../tensions/acts.js';

type Trx = Transaction<Database>;

/** A body meets: its members call the meeting, name who facilitates and who takes the minutes. */
export async function scheduleMeeting(ctx: ActContext, input: z.infer<typeof meetingInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireReference(trx, 'body', input.bodyId, ctx.partnershipId, 'bodyId');
    if (!may.callMeeting(ctx.viewer, input.bodyId)) throw forbidden();
    const { id, events } = await callMeeting(trx, ctx, { ...input, startsAt: new Date(input.startsAt) });
    return { result: { id }, events };
  });
}

interface MeetingIdentity {
  readonly id: string;
  readonly bodyId: string;
  readonly title: string;
  readonly place: string;
  readonly facilitatorId: string;
  readonly secretaryId: string | null;
}

/** What a meeting's row says of it whether it is called or recorded afterwards: who holds it, where, and who wrote it in. */
function meetingRow(ctx: ActContext, meeting: MeetingIdentity) {
  return {
    id: meeting.id,
    partnership_id: ctx.partnershipId,
    body_id: meeting.bodyId,
    title: meeting.title,
    place: meeting.place,
    facilitator_id: meeting.facilitatorId,
    secretary_id: meeting.secretaryId,
    created_by: ctx.viewer.personId,
    created_at: ctx.now,
  };
}

/**
 * The meeting row, its invitations and its journal entries, for a meeting called directly or by
 * closing a date poll; the body's tensions waiting for a meeting go on its agenda, and a circle's meeting
 * also convenes those who supervise circles, as guests.
 */
export async function callMeeting(
  trx: Trx,
  ctx: ActContext,
  input: Omit<z.infer<typeof meetingInput>, 'startsAt'> & { readonly startsAt: Date },
): Promise<{ id: string; events: JournalEvent[] }> {
  const members = await bodyMembersOn(trx, input.bodyId, ctx.now);
  // Unnamed, the member who calls facilitates; an administrator outside the body leaves it to the rotation.
  const facilitatorId = input.facilitatorId ?? (members.has(ctx.viewer.personId) ? ctx.viewer.personId : await facilitatorByRotation(trx, input.bodyId, ctx.now));
  if (facilitatorId === undefined) throw conflict('error.meeting.noMembers');
  if (!members.has(facilitatorId)) throw invalid('facilitatorId', 'error.meeting.notAMember');
  if (input.secretaryId !== null && !members.has(input.secretaryId)) throw invalid('secretaryId', 'error.meeting.notAMember');
  const id = randomUUID();
  await trx
    .insertInto('meeting')
    .values({
      ...meetingRow(ctx, { id, ...input, facilitatorId }),
      starts_at: input.startsAt,
      duration_minutes: input.durationMinutes,
      online_url: input.onlineUrl,
    })
    .execute();
  const scheduled: JournalEvent = { kind: 'meeting.scheduled', payload: { meetingId: id, bodyId: input.bodyId, startsAt: input.startsAt.toISOString(), facilitatorId, secretaryId: input.secretaryId } };
  return { id, events: [scheduled, ...(await placeWaitingTensions(trx, ctx, { id, bodyId: input.bodyId })), ...(await inviteCircleSupervisors(trx, ctx, id, input.bodyId))] };
}

/**
 * A meeting held before or outside Entente enters the body's record, as a governance act of
 * whoever may call its meetings. Its people sat in the body that day or sit in it now (seats are
 * often entered in Entente later than they began); its minutes are published as recorded, and
 * frozen from then on like any published minutes. Nobody is mailed: the meeting is long over.
 */
export async function recordPastMeeting(ctx: ActContext, input: z.infer<typeof pastMeetingInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireReference(trx, 'body', input.bodyId, ctx.partnershipId, 'bodyId');
    if (!may.callMeeting(ctx.viewer, input.bodyId)) throw forbidden();
    const body = await trx.selectFrom('body').select('founded_on').where('id', '=', input.bodyId).executeTakeFirstOrThrow();
    const today = calendarDay(ctx.now);
    if (input.heldOn > today) throw invalid('heldOn', 'error.meeting.recordedInFuture');
    if (input.heldOn < body.founded_on) throw invalid('heldOn', 'error.meeting.beforeFounding', { date: body.founded_on });
    // Who sat on the day, or sits today: Entente may learn of a seat of then only after the meeting.
    const members = new Set([...(await bodyMembersOn(trx, input.bodyId, input.heldOn)).keys(), ...(await bodyMembersOn(trx, input.bodyId, today)).keys()]);
    if (!members.has(input.facilitatorId)) throw invalid('facilitatorId', 'error.meeting.notAMember');
    if (input.secretaryId !== null && !members.has(input.secretaryId)) throw invalid('secretaryId', 'error.meeting.notAMember');
    const attendeeIds = [...new Set(input.attendeeIds)];
    if (attendeeIds.some((id) => !members.has(id))) throw invalid('attendeeIds', 'error.meeting.notAMember');
    const id = randomUUID();
    await trx
      .insertInto('meeting')
      .values({
        ...meetingRow(ctx, { id, ...input }),
        // The day is what is known; noon where the partnerships live keeps it that day in every reading.
        starts_at: sql<Date>`(${input.heldOn}::date + time '12:00') at time zone ${sql.lit(PARTNERSHIP_TIME_ZONE)}`,
        duration_minutes: 120,
        online_url: null,
        minutes: input.minutes,
        minutes_version: 1,
        minutes_published_at: ctx.now,
        recorded_afterwards: true,
      })
      .execute();
    if (attendeeIds.length > 0) {
      await trx
        .insertInto('attendance')
        .values(attendeeIds.map((personId) => ({ meeting_id: id, person_id: personId, status: 'present', represented_by: null })))
        .execute();
    }
    return {
      result: { id },
      events: [
        {
          kind: 'meeting.recorded',
          payload: { meetingId: id, bodyId: input.bodyId, heldOn: input.heldOn, facilitatorId: input.facilitatorId, secretaryId: input.secretaryId, attendeeIds, minutesHash: textHash(input.minutes) },
        },
      ],
    };
  });
}

async function lockedMeeting(trx: Trx, ctx: ActContext, meetingId: string) {
  const meeting = await trx
    .selectFrom('meeting')
    .selectAll()
    .where('id', '=', meetingId)
    .where('partnership_id', '=', ctx.partnershipId)
    .forUpdate()
    .executeTakeFirst();
  if (!meeting) throw notFound();
  return meeting;
}

type LockedMeeting = Awaited<ReturnType<typeof lockedMeeting>>;

/** Once its minutes are published, a meeting is a record: its agenda, attendance and minutes no longer change. */
function refuseIfPublished(meeting: LockedMeeting) {
  if (meeting.minutes_published_at !== null) throw conflict('error.meeting.minutesPublished');
}

/** The facilitator and the secretary run the meeting; administrators may stand in. */
function requireRunner(ctx: ActContext, meeting: LockedMeeting) {
  if (!may.runMeeting(ctx.viewer, { facilitatorId: meeting.facilitator_id, secretaryId: meeting.secretary_id })) throw forbidden();
}

/** The facilitator (or an administrator) hands facilitation or the minutes to members of the meeting's day. */
export async function changeMeetingRoles(ctx: ActContext, meetingId: string, input: z.infer<typeof meetingRolesInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const meeting = await lockedMeeting(trx, ctx, meetingId);
    refuseIfPublished(meeting);
    if (!may.changeMeetingRoles(ctx.viewer, { facilitatorId: meeting.facilitator_id })) throw forbidden();
    const members = await bodyMembersOn(trx, meeting.body_id, meeting.starts_at);
    if (!members.has(input.facilitatorId)) throw invalid('facilitatorId', 'error.meeting.notAMember');
    if (input.secretaryId !== null && !members.has(input.secretaryId)) throw invalid('secretaryId', 'error.meeting.notAMember');
    await trx.updateTable('meeting').set({ facilitator_id: input.facilitatorId, secretary_id: input.secretaryId }).where('id', '=', meetingId).execute();
    return { result: null, events: [{ kind: 'meeting.roles_changed', payload: { meetingId, facilitatorId: input.facilitatorId, secretaryId: input.secretaryId } }] };
  });
}

/** Any member proposes an item; a decision item brings a proposal before this body. */
export async function addAgendaItem(ctx: ActContext, meetingId: string, input: z.infer<typeof agendaItemInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const meeting = await lockedMeeting(trx, ctx, meetingId);
    if (!may.callMeeting(ctx.viewer, meeting.body_id)) throw forbidden();
    const { id, events } = await insertAgendaItem(trx, ctx, meeting, input);
    return { result: { id }, events };
  });
}

/**
 * Puts an item on a meeting's agenda inside the caller's act, which has decided that its actor
 * may (a tension raised goes to the body's next meeting); `proposedBy` brings it, the actor by
 * default. The entries returned are the caller's to record.
 */
export async function addAgendaItemInTransaction(
  trx: Trx,
  ctx: ActContext,
  meetingId: string,
  input: z.infer<typeof agendaItemInput> & { readonly proposedBy?: string },
): Promise<{ id: string; events: JournalEvent[] }> {
  return insertAgendaItem(trx, ctx, await lockedMeeting(trx, ctx, meetingId), input);
}

async function insertAgendaItem(trx: Trx, ctx: ActContext, meeting: LockedMeeting, input: z.infer<typeof agendaItemInput> & { readonly proposedBy?: string }) {
  const meetingId = meeting.id;
  refuseIfPublished(meeting);
  if (meeting.ended_at !== null) throw conflict('error.meeting.ended');
  if (input.proposalId !== null) {
    const proposal = await trx.selectFrom('proposal').select('body_id').where('id', '=', input.proposalId).where('partnership_id', '=', ctx.partnershipId).executeTakeFirst();
    if (!proposal) throw invalid('proposalId', 'error.reference');
    if (proposal.body_id !== meeting.body_id) throw invalid('proposalId', 'error.meeting.proposalOfAnotherBody');
  }
  const last = await trx.selectFrom('agenda_item').select((eb) => eb.fn.max('position').as('position')).where('meeting_id', '=', meetingId).executeTakeFirst();
  const id = randomUUID();
  await trx
    .insertInto('agenda_item')
    .values({
      id,
      meeting_id: meetingId,
      position: (last?.position ?? 0) + 1,
      kind: input.kind,
      title: input.title,
      proposal_id: input.proposalId,
      minutes_allotted: input.minutesAllotted,
      proposed_by: input.proposedBy ?? ctx.viewer.personId,
      created_at: ctx.now,
    })
    .execute();
  // A common project presented to the body: its carriers come to be heard, as guests.
  const guests = input.proposalId === null ? [] : await inviteProjectCarriers(trx, ctx, meetingId, input.proposalId);
  const events: JournalEvent[] = [{ kind: 'agenda.item_added', payload: { meetingId, itemId: id, kind: input.kind, proposalId: input.proposalId } }, ...guests];
  return { id, events };
}

/** The facilitator orders the agenda. */
export async function orderAgenda(ctx: ActContext, meetingId: string, input: z.infer<typeof agendaOrderInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const meeting = await lockedMeeting(trx, ctx, meetingId);
    refuseIfPublished(meeting);
    requireRunner(ctx, meeting);
    const items = await trx.selectFrom('agenda_item').select('id').where('meeting_id', '=', meetingId).execute();
    if (!checkAgendaOrder(items.map((item) => item.id), input.itemIds)) throw invalid('itemIds', 'error.meeting.agendaOrder');
    for (const [index, id] of input.itemIds.entries()) await trx.updateTable('agenda_item').set({ position: index + 1 }).where('id', '=', id).execute();
    return { result: null, events: [{ kind: 'agenda.ordered', payload: { meetingId, itemIds: input.itemIds } }] };
  });
}

/** The secretary notes who is there: present, excused, absent, or represented by another member. */
export async function recordAttendance(ctx: ActContext, meetingId: string, input: z.infer<typeof attendanceInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const meeting = await lockedMeeting(trx, ctx, meetingId);
    refuseIfPublished(meeting);
    requireRunner(ctx, meeting);
    // Who sits on the meeting's day, so that minutes noted later still name the members of then.
    const members = await bodyMembersOn(trx, meeting.body_id, meeting.starts_at);
    if (!members.has(input.personId)) return { result: null, events: [await recordGuestAttendance(trx, meetingId, input)] };
    const representedBy = input.status === 'represented' ? input.representedBy : null;
    if (input.status === 'represented') {
      const holder =
        representedBy === null || representedBy === input.personId || !members.has(representedBy)
          ? undefined
          : await trx.selectFrom('attendance').select('status').where('meeting_id', '=', meetingId).where('person_id', '=', representedBy).executeTakeFirst();
      if (holder?.status !== 'present') throw invalid('representedBy', 'error.meeting.representedBySelf');
    }
    await trx
      .insertInto('attendance')
      .values({ meeting_id: meetingId, person_id: input.personId, status: input.status, represented_by: representedBy })
      .onConflict((oc) => oc.columns(['meeting_id', 'person_id']).doUpdateSet({ status: input.status, represented_by: representedBy }))
      .execute();
    return { result: null, events: [{ kind: 'meeting.attendance', payload: { meetingId, personId: input.personId, status: input.status, representedBy } }] };
  });
}

/**
 * A guest is noted apart from the members, present or absent: nobody represents them, and they
 * count neither for the quorum nor among those who review the minutes.
 */
async function recordGuestAttendance(trx: Trx, meetingId: string, input: z.infer<typeof attendanceInput>): Promise<JournalEvent> {
  const guest = await trx.selectFrom('meeting_guest').select('person_id').where('meeting_id', '=', meetingId).where('person_id', '=', input.personId).executeTakeFirst();
  if (!guest) throw invalid('personId', 'error.meeting.notAMember');
  if (input.status !== 'present' && input.status !== 'absent') throw invalid('status', 'error.meeting.guestPresentOrAbsent');
  await trx.updateTable('meeting_guest').set({ attendance: input.status }).where('meeting_id', '=', meetingId).where('person_id', '=', input.personId).execute();
  return { kind: 'meeting.attendance', payload: { meetingId, personId: input.personId, status: input.status, representedBy: null, guest: true } };
}

/** Guests are invited until the meeting ends: from then on, who was invited is part of its record. */
function refuseIfGuestsClosed(meeting: LockedMeeting) {
  if (meeting.ended_at !== null || meeting.minutes_published_at !== null) throw conflict('error.meeting.guestsClosed');
}

/** Invites those not invited yet among people known to be outside the body; each is convened (meetings/notices.ts). */
async function addGuests(trx: Trx, ctx: ActContext, meeting: LockedMeeting, guests: readonly { readonly personId: string; readonly reason: string }[]): Promise<JournalEvent[]> {
  const invited = await trx.selectFrom('meeting_guest').select('person_id').where('meeting_id', '=', meeting.id).execute();
  const already = new Set(invited.map((row) => row.person_id));
  // A person named twice is invited once, for the first reason given.
  const fresh = new Map<string, string>();
  for (const guest of guests) if (!already.has(guest.personId) && !fresh.has(guest.personId)) fresh.set(guest.personId, guest.reason);
  if (fresh.size === 0) return [];
  await trx
    .insertInto('meeting_guest')
    .values([...fresh].map(([personId, reason]) => ({ meeting_id: meeting.id, person_id: personId, reason, invited_by: ctx.viewer.personId, invited_at: ctx.now })))
    .execute();
  // The reason is free text about a person: the entry keeps its fingerprint, not its words.
  return [...fresh].map(([personId, reason]) => ({ kind: 'meeting.guest_invited', payload: { meetingId: meeting.id, personId, reasonHash: reason === '' ? null : textHash(reason) } }));
}

/** The people of the partnership among these, not erased, who do not sit in the meeting's body on its day. */
async function outsidersOf(trx: Trx, ctx: ActContext, meeting: LockedMeeting, personIds: readonly string[]): Promise<Set<string>> {
  for (const personId of personIds) await requireReference(trx, 'person', personId, ctx.partnershipId, 'personId');
  await refuseIfErased(trx, personIds);
  const members = await bodyMembersOn(trx, meeting.body_id, meeting.starts_at);
  return new Set(personIds.filter((personId) => !members.has(personId)));
}

/**
 * Whoever runs the meeting invites someone who does not sit in its body, saying why if they
 * wish. Inviting a member is refused: the body's members are convened already.
 */
export async function inviteGuest(ctx: ActContext, meetingId: string, input: z.infer<typeof guestInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const meeting = await lockedMeeting(trx, ctx, meetingId);
    refuseIfGuestsClosed(meeting);
    requireRunner(ctx, meeting);
    if (!(await outsidersOf(trx, ctx, meeting, [input.personId])).has(input.personId)) throw invalid('personId', 'error.meeting.guestIsMember');
    return { result: null, events: await addGuests(trx, ctx, meeting, [input]) };
  });
}

/**
 * Invites these people to the meeting inside the caller's act, which has decided that its actor
 * may (putting a project on the agenda invites its carriers, say). A person invited already is
 * left as invited, and so is a member of the body, whom the meeting convenes anyway; the
 * entries returned are the caller's to record.
 */
export async function inviteGuestsInTransaction(trx: Trx, ctx: ActContext, meetingId: string, guests: readonly { readonly personId: string; readonly reason: string }[]): Promise<JournalEvent[]> {
  const meeting = await lockedMeeting(trx, ctx, meetingId);
  refuseIfGuestsClosed(meeting);
  const outsiders = await outsidersOf(trx, ctx, meeting, [...new Set(guests.map((guest) => guest.personId))]);
  // The caller composes the reason (a project's name in a sentence): a long one is cut, not the act refused.
  const invited = guests.filter((guest) => outsiders.has(guest.personId)).map((guest) => ({ personId: guest.personId, reason: guest.reason.trim().slice(0, GUEST_REASON_MAX_LENGTH) }));
  return addGuests(trx, ctx, meeting, invited);
}

/** Whoever runs the meeting withdraws an invitation until the meeting ends. */
export async function removeGuest(ctx: ActContext, meetingId: string, personId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const meeting = await lockedMeeting(trx, ctx, meetingId);
    refuseIfGuestsClosed(meeting);
    requireRunner(ctx, meeting);
    const removed = await trx.deleteFrom('meeting_guest').where('meeting_id', '=', meetingId).where('person_id', '=', personId).returning('person_id').executeTakeFirst();
    if (!removed) throw notFound();
    return { result: null, events: [{ kind: 'meeting.guest_removed', payload: { meetingId, personId } }] };
  });
}

const progressOf = (meeting: LockedMeeting) => ({ openedAt: meeting.opened_at, currentItemId: meeting.current_item_id, closingAt: meeting.closing_at, endedAt: meeting.ended_at });

/**
 * The facilitator moves the meeting on: the opening round, each item in the agenda's order (the
 * time each takes is kept), the closing round, the end.
 */
export async function advanceMeeting(ctx: ActContext, meetingId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const meeting = await lockedMeeting(trx, ctx, meetingId);
    refuseIfPublished(meeting);
    requireRunner(ctx, meeting);
    const items = await trx.selectFrom('agenda_item').select(['id', 'started_at']).where('meeting_id', '=', meetingId).orderBy('position').execute();
    const stage = meetingStage(progressOf(meeting));
    const next = nextStage(
      stage,
      items.map((item) => ({ id: item.id, started: item.started_at !== null })),
    );
    if (next === undefined) throw conflict('error.meeting.ended');
    if (stage.kind === 'item') await trx.updateTable('agenda_item').set({ ended_at: ctx.now }).where('id', '=', stage.itemId).execute();
    if (next.kind === 'item') await trx.updateTable('agenda_item').set({ started_at: ctx.now }).where('id', '=', next.itemId).execute();
    await trx
      .updateTable('meeting')
      .set({
        current_item_id: next.kind === 'item' ? next.itemId : null,
        ...(next.kind === 'opening' && { opened_at: ctx.now }),
        ...(next.kind === 'closing' && { closing_at: ctx.now }),
        ...(next.kind === 'ended' && { ended_at: ctx.now }),
      })
      .where('id', '=', meetingId)
      .execute();
    return { result: null, events: [{ kind: 'meeting.advanced', payload: { meetingId, stage: next.kind, itemId: next.kind === 'item' ? next.itemId : null } }] };
  });
}

/** In the opening or closing round, a member of the body says a word; saying it again replaces it. */
export async function sayRoundWord(ctx: ActContext, meetingId: string, input: z.infer<typeof roundWordInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const meeting = await lockedMeeting(trx, ctx, meetingId);
    refuseIfPublished(meeting);
    if (!(await bodyMembersOn(trx, meeting.body_id, meeting.starts_at)).has(ctx.viewer.personId)) throw forbidden();
    const stage = meetingStage(progressOf(meeting));
    if (stage.kind !== 'opening' && stage.kind !== 'closing') throw conflict('error.meeting.notInRound');
    await trx
      .insertInto('meeting_round_word')
      .values({ meeting_id: meetingId, round: stage.kind, person_id: ctx.viewer.personId, word: input.word, said_at: ctx.now })
      .onConflict((oc) => oc.columns(['meeting_id', 'round', 'person_id']).doUpdateSet({ word: input.word, said_at: ctx.now }))
      .execute();
    // The word is free text: the entry records that it was said, not what.
    return { result: null, events: [{ kind: 'meeting.round_word', payload: { meetingId, round: stage.kind, personId: ctx.viewer.personId } }] };
  });
}

/**
 * The secretary drafts the minutes during the meeting; the journal keeps each saved draft's
 * fingerprint. A save names the version it was based on, so that one runner's save never
 * silently replaces another's.
 */
export async function saveMinutes(ctx: ActContext, meetingId: string, input: z.infer<typeof minutesInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const meeting = await lockedMeeting(trx, ctx, meetingId);
    requireRunner(ctx, meeting);
    refuseIfPublished(meeting);
    if (input.basedOn !== meeting.minutes_version) throw conflict('error.meeting.minutesChanged');
    const version = meeting.minutes_version + 1;
    // A text changed once its review has closed was read by nobody: it goes back to review before it can be published.
    const reviewClosed = meeting.review_until !== null && meeting.review_until <= ctx.now;
    await trx
      .updateTable('meeting')
      .set({ minutes: input.text, minutes_version: version, ...(reviewClosed && { review_until: null }) })
      .where('id', '=', meetingId)
      .execute();
    return { result: { version }, events: [{ kind: 'meeting.minutes_saved', payload: { meetingId, version, minutesHash: textHash(input.text) } }] };
  });
}

/** Those noted present: they review the minutes before they are published. */
async function attendeesOf(trx: Trx, meetingId: string) {
  const rows = await trx.selectFrom('attendance').select('person_id').where('meeting_id', '=', meetingId).where('status', '=', 'present').execute();
  return rows.map((row) => row.person_id);
}

/**
 * The secretary submits the minutes to the attendees until a date, and each present attendee
 * with an address is asked to read them. Submitting again moves the end of the review.
 */
export async function openMinutesReview(ctx: ActContext, meetingId: string, input: z.infer<typeof minutesReviewInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const meeting = await lockedMeeting(trx, ctx, meetingId);
    requireRunner(ctx, meeting);
    refuseIfPublished(meeting);
    if (meeting.minutes.trim() === '') throw conflict('error.meeting.minutesEmpty');
    const until = new Date(input.until);
    if (until <= ctx.now) throw invalid('until', 'error.meeting.reviewInThePast');
    await trx.updateTable('meeting').set({ review_until: until }).where('id', '=', meetingId).execute();
    // Those present are called to read them (meetings/notices.ts); the entry counts those with an address.
    const readers = await trx
      .selectFrom('attendance as t')
      .innerJoin('person as p', 'p.id', 't.person_id')
      .select('p.id')
      .where('t.meeting_id', '=', meetingId)
      .where('t.status', '=', 'present')
      .where('p.email', 'is not', null)
      .execute();
    return {
      result: null,
      events: [{ kind: 'meeting.minutes_review_opened', payload: { meetingId, until: until.toISOString(), version: meeting.minutes_version, readers: readers.length } }],
    };
  });
}

/** An attendee approves the version read, or asks for an amendment; a new answer replaces the previous one. */
export async function answerMinutesReview(ctx: ActContext, meetingId: string, input: z.infer<typeof minutesAnswerInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const meeting = await lockedMeeting(trx, ctx, meetingId);
    refuseIfPublished(meeting);
    if (!(await attendeesOf(trx, meetingId)).includes(ctx.viewer.personId)) throw forbidden();
    if (meeting.review_until === null || meeting.review_until <= ctx.now) throw conflict('error.meeting.reviewClosed');
    if (input.basedOn !== meeting.minutes_version) throw conflict('error.meeting.minutesChanged');
    const answer = { minutes_version: input.basedOn, verdict: input.verdict, remark: input.remark, answered_at: ctx.now };
    await trx
      .insertInto('minutes_review')
      .values({ meeting_id: meetingId, person_id: ctx.viewer.personId, ...answer })
      .onConflict((oc) => oc.columns(['meeting_id', 'person_id']).doUpdateSet(answer))
      .execute();
    // The remark is free text, which may name people: the entry records its fingerprint, not its words.
    const remarkHash = input.remark === '' ? null : textHash(input.remark);
    return {
      result: null,
      events: [{ kind: 'meeting.minutes_reviewed', payload: { meetingId, personId: ctx.viewer.personId, verdict: input.verdict, version: input.basedOn, remarkHash } }],
    };
  });
}

/**
 * Publishing locks the minutes (a trigger refuses any later change) and sends them as an
 * information note to the members of the body and of the body above it.
 */
export async function publishMinutes(ctx: ActContext, meetingId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const meeting = await lockedMeeting(trx, ctx, meetingId);
    requireRunner(ctx, meeting);
    refuseIfPublished(meeting);
    if (meeting.minutes.trim() === '') throw conflict('error.meeting.minutesEmpty');
    const approvals = await trx
      .selectFrom('minutes_review')
      .select('person_id')
      .where('meeting_id', '=', meetingId)
      .where('verdict', '=', 'approve')
      .where('minutes_version', '=', meeting.minutes_version)
      .execute();
    const publishable = minutesPublishable({
      reviewUntil: meeting.review_until,
      now: ctx.now,
      attendeeIds: await attendeesOf(trx, meetingId),
      secretaryId: meeting.secretary_id,
      approvedIds: approvals.map((row) => row.person_id),
    });
    if (!publishable.ok) {
      if (publishable.reason === 'review_first') throw conflict('error.meeting.reviewFirst');
      const names = await trx.selectFrom('person').select('full_name').where('id', 'in', publishable.waitingFor).orderBy('full_name').execute();
      throw conflict('error.meeting.reviewOpen', { names: names.map((n) => n.full_name).join(', ') });
    }
    await trx.updateTable('meeting').set({ minutes_published_at: ctx.now }).where('id', '=', meetingId).execute();
    const body = await trx.selectFrom('body').select(['name', 'parent_body_id']).where('id', '=', meeting.body_id).executeTakeFirstOrThrow();
    const informed = [meeting.body_id, ...(body.parent_body_id ? [body.parent_body_id] : [])];
    // Their members receive the minutes (meetings/notices.ts); the entry counts those with an address.
    const recipients = await bodyRecipients(trx, informed, calendarDay(ctx.now));
    return {
      result: null,
      events: [{ kind: 'meeting.minutes_published', payload: { meetingId, minutesHash: textHash(meeting.minutes), informedBodyIds: informed, recipients: recipients.length } }],
    };
  });
}
