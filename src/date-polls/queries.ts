import type { Kysely } from 'kysely';
import { notFound } from '../common/errors.js';
import { bestSlot, countAnswers, type PollAnswer } from './rules.js';
import { may, type Viewer } from '../common/permissions.js';
import type { Database } from '../common/database/schema.js';
import { bodyMembersOn } from '../bodies/members.js';

type Db = Kysely<Database>;

/** A date poll: each slot with every member's answer (a poll is answered in the open), the counts and the best slot. */
export async function datePollDetail(db: Db, viewer: Viewer, partnershipId: string, pollId: string, now: Date) {
  const poll = await db
    .selectFrom('date_poll as d')
    .innerJoin('body as b', 'b.id', 'd.body_id')
    .innerJoin('person as p', 'p.id', 'd.created_by')
    .select(['d.id', 'd.title', 'd.duration_minutes', 'd.body_id', 'd.created_by', 'd.meeting_id', 'd.closed_at', 'b.name as body_name', 'p.full_name as created_by_name'])
    .where('d.id', '=', pollId)
    .where('d.partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!poll) throw notFound();
  const [seated, slots] = await Promise.all([
    bodyMembersOn(db, poll.body_id, now),
    db.selectFrom('date_poll_slot').select(['id', 'starts_at']).where('poll_id', '=', pollId).orderBy('starts_at').execute(),
  ]);
  const answers =
    slots.length === 0
      ? []
      : await db.selectFrom('date_poll_answer').select(['slot_id', 'member_id', 'answer']).where('slot_id', 'in', slots.map((slot) => slot.id)).execute();
  const counts = countAnswers(
    slots.map((slot) => ({ id: slot.id, startsAt: slot.starts_at })),
    answers.map((a) => ({ slotId: a.slot_id, answer: a.answer as PollAnswer })),
  );
  const members = [...seated.values()].map((m) => [m.personId, m.fullName] as const);
  const open = poll.closed_at === null;
  return {
    id: poll.id,
    title: poll.title,
    durationMinutes: poll.duration_minutes,
    body: { id: poll.body_id, name: poll.body_name },
    createdBy: { id: poll.created_by, fullName: poll.created_by_name },
    meetingId: poll.meeting_id,
    slots: counts.map((count) => ({ id: count.slotId, startsAt: count.startsAt, yes: count.yes, ifNeedBe: count.ifNeedBe, no: count.no })),
    members: members.map(([id, fullName]) => ({
      id,
      fullName,
      answers: Object.fromEntries(answers.filter((a) => a.member_id === id).map((a) => [a.slot_id, a.answer as PollAnswer])),
    })),
    ownAnswers: Object.fromEntries(answers.filter((a) => a.member_id === viewer.personId).map((a) => [a.slot_id, a.answer as PollAnswer])),
    bestSlotId: bestSlot(counts) ?? null,
    can: {
      answer: open && members.some(([id]) => id === viewer.personId),
      close: open && may.closeDatePoll(viewer, { createdBy: poll.created_by }),
    },
  };
}

export type DatePollDetail = Awaited<ReturnType<typeof datePollDetail>>;
