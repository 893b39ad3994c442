import type { Kysely } from 'kysely';
import { notFound } from '../common/errors.js';
import { meetingQuorum, meetingStage, minutesPublishable, minutesSpent, nextFacilitator, type AgendaKind, type AttendanceStatus, type GuestAttendance, type MinutesVerdict, type Round } from './rules.js';
import { may, type Viewer } from '../common/permissions.js';
import type { ProposalStatus } from '../decisions/rules.js';
import { bodyMembersOn } from '../bodies/members.js';
import type { Database } from '../common/database/schema.js';
import { requireTarget } from '../common/references.js';

type Db = Kysely<Database>;

/**
 * Who facilitates the body's next meeting by rotation: its members of the day in the body's order
 * (by name), against the facilitators of the meetings already held.
 */
export async function facilitatorByRotation(db: Db, bodyId: string, now: Date): Promise<string | undefined> {
  const [seated, held] = await Promise.all([
    bodyMembersOn(db, bodyId, now),
    // Every member's last turn is among the latest meetings, as long as the body has fewer members than this.
    db.selectFrom('meeting').select('facilitator_id').where('body_id', '=', bodyId).where('starts_at', '<=', now).orderBy('starts_at', 'desc').limit(500).execute(),
  ]);
  return nextFacilitator(
    [...seated.keys()],
    held.reverse().map((m) => m.facilitator_id),
  );
}

/** A body's meetings, newest first, and who would facilitate the next one by rotation. */
export async function bodyMeetings(db: Db, viewer: Viewer, partnershipId: string, bodyId: string, now: Date) {
  await requireTarget(db, 'body', bodyId, partnershipId);
  const [meetings, seated, polls, next] = await Promise.all([
    db
      .selectFrom('meeting')
      .select(['id', 'title', 'starts_at', 'place', 'minutes_published_at', 'recorded_afterwards'])
      .where('body_id', '=', bodyId)
      .orderBy('starts_at', 'desc')
      .limit(200)
      .execute(),
    bodyMembersOn(db, bodyId, now),
    db.selectFrom('date_poll').select(['id', 'title', 'created_at']).where('body_id', '=', bodyId).where('closed_at', 'is', null).orderBy('created_at', 'desc').execute(),
    facilitatorByRotation(db, bodyId, now),
  ]);
  const members = [...seated.keys()];
  const nameOf = new Map([...seated.values()].map((m) => [m.personId, m.fullName]));
  return {
    meetings: meetings.map((m) => ({ id: m.id, title: m.title, startsAt: m.starts_at, place: m.place, published: m.minutes_published_at !== null, recordedAfterwards: m.recorded_afterwards })),
    openPolls: polls.map((p) => ({ id: p.id, title: p.title, createdAt: p.created_at })),
    nextFacilitator: next === undefined ? null : { id: next, fullName: nameOf.get(next) ?? '' },
    members: members.map((id) => ({ id, fullName: nameOf.get(id) ?? '' })),
    can: { call: may.callMeeting(viewer, bodyId) },
  };
}

/** A meeting as its page shows it: the agenda, who is there and whether the body may decide, the minutes. */
export async function meetingDetail(db: Db, viewer: Viewer, partnershipId: string, meetingId: string, now: Date) {
  const meeting = await db
    .selectFrom('meeting as m')
    .innerJoin('body as b', 'b.id', 'm.body_id')
    .innerJoin('person as f', 'f.id', 'm.facilitator_id')
    .leftJoin('person as s', 's.id', 'm.secretary_id')
    .select([
      'm.id',
      'm.title',
      'm.starts_at',
      'm.duration_minutes',
      'm.place',
      'm.online_url',
      'm.facilitator_id',
      'm.secretary_id',
      'm.minutes',
      'm.minutes_version',
      'm.minutes_published_at',
      'm.review_until',
      'm.opened_at',
      'm.current_item_id',
      'm.closing_at',
      'm.ended_at',
      'm.recorded_afterwards',
      'm.body_id',
      'b.name as body_name',
      'f.full_name as facilitator_name',
      's.full_name as secretary_name',
    ])
    .where('m.id', '=', meetingId)
    .where('m.partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!meeting) throw notFound();
  const [seated, items, attendance, guests, organizations, words, reviews, openProposals] = await Promise.all([
    // The members on the meeting's day: the minutes of a past meeting keep naming those who were in the body then.
    bodyMembersOn(db, meeting.body_id, meeting.starts_at),
    db
      .selectFrom('agenda_item as i')
      .innerJoin('person as p', 'p.id', 'i.proposed_by')
      .leftJoin('proposal as q', 'q.id', 'i.proposal_id')
      .select(['i.id', 'i.position', 'i.kind', 'i.title', 'i.minutes_allotted', 'i.proposal_id', 'i.started_at', 'i.ended_at', 'p.full_name as proposed_by_name', 'q.wording', 'q.status', 'q.outcome_statement'])
      .where('i.meeting_id', '=', meetingId)
      .orderBy('i.position')
      .execute(),
    db
      .selectFrom('attendance as a')
      .innerJoin('person as p', 'p.id', 'a.person_id')
      .select(['a.person_id', 'a.status', 'a.represented_by', 'p.full_name'])
      .where('a.meeting_id', '=', meetingId)
      .orderBy('p.full_name')
      .execute(),
    db
      .selectFrom('meeting_guest as g')
      .innerJoin('person as p', 'p.id', 'g.person_id')
      .select(['g.person_id', 'g.reason', 'g.attendance', 'p.full_name'])
      .where('g.meeting_id', '=', meetingId)
      .orderBy('p.full_name')
      .execute(),
    db.selectFrom('organization').select(['id', 'name']).where('partnership_id', '=', partnershipId).execute(),
    db
      .selectFrom('meeting_round_word as w')
      .innerJoin('person as p', 'p.id', 'w.person_id')
      .select(['w.round', 'w.person_id', 'w.word', 'p.full_name'])
      .where('w.meeting_id', '=', meetingId)
      .orderBy('w.said_at')
      .execute(),
    db
      .selectFrom('minutes_review as r')
      .innerJoin('person as p', 'p.id', 'r.person_id')
      .select(['r.person_id', 'r.minutes_version', 'r.verdict', 'r.remark', 'r.answered_at', 'p.full_name'])
      .where('r.meeting_id', '=', meetingId)
      .orderBy('r.answered_at')
      .orderBy('p.full_name')
      .execute(),
    // The body's open proposals not on this agenda yet, for a decision item to bring in.
    db
      .selectFrom('proposal as q')
      .select(['q.id', 'q.wording'])
      .where('q.body_id', '=', meeting.body_id)
      .where('q.partnership_id', '=', partnershipId)
      .where('q.status', '=', 'open')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('agenda_item as a').select('a.id').where('a.meeting_id', '=', meetingId).whereRef('a.proposal_id', '=', 'q.id'))))
      .orderBy('q.created_at', 'desc')
      .limit(100)
      .execute(),
  ]);
  const statusOf = new Map(attendance.map((a) => [a.person_id, a.status as AttendanceStatus]));
  const nameOf = new Map([...[...seated.values()].map((m) => [m.personId, m.fullName] as const), ...attendance.map((a) => [a.person_id, a.full_name] as const)]);
  const organizationName = new Map(organizations.map((o) => [o.id, o.name]));
  const quorum = meetingQuorum(
    [...seated.values()].flatMap((m) => m.seatsFor.map((organizationId) => ({ personId: m.personId, organizationId }))),
    statusOf,
  );
  const runner = may.runMeeting(viewer, { facilitatorId: meeting.facilitator_id, secretaryId: meeting.secretary_id });
  const published = meeting.minutes_published_at !== null;
  const stage = meetingStage({ openedAt: meeting.opened_at, currentItemId: meeting.current_item_id, closingAt: meeting.closing_at, endedAt: meeting.ended_at });
  const inRound = stage.kind === 'opening' || stage.kind === 'closing';
  const reviewOpen = meeting.review_until !== null && meeting.review_until > now;
  const publishable = minutesPublishable({
    reviewUntil: meeting.review_until,
    now,
    attendeeIds: attendance.filter((a) => a.status === 'present').map((a) => a.person_id),
    secretaryId: meeting.secretary_id,
    approvedIds: reviews.filter((r) => r.verdict === 'approve' && r.minutes_version === meeting.minutes_version).map((r) => r.person_id),
  });
  return {
    id: meeting.id,
    title: meeting.title,
    body: { id: meeting.body_id, name: meeting.body_name },
    startsAt: meeting.starts_at,
    durationMinutes: meeting.duration_minutes,
    place: meeting.place,
    onlineUrl: meeting.online_url,
    facilitator: { id: meeting.facilitator_id, fullName: meeting.facilitator_name },
    secretary: meeting.secretary_id === null ? null : { id: meeting.secretary_id, fullName: meeting.secretary_name ?? '' },
    agenda: items.map((item) => ({
      id: item.id,
      kind: item.kind as AgendaKind,
      title: item.title,
      minutesAllotted: item.minutes_allotted,
      startedAt: item.started_at,
      endedAt: item.ended_at,
      /** Whole minutes taken so far, or in all once the item is over. */
      minutesSpent: item.started_at === null ? null : minutesSpent(item.started_at, item.ended_at, now),
      proposedBy: item.proposed_by_name,
      proposal: item.proposal_id === null ? null : { id: item.proposal_id, wording: item.wording ?? '', status: (item.status ?? 'open') as ProposalStatus, outcomeStatement: item.outcome_statement },
    })),
    // A meeting recorded afterwards may name people whose seats Entente learnt of only later.
    attendance: [...new Set([...seated.keys(), ...attendance.map((a) => a.person_id)])].map((personId) => {
      const row = attendance.find((a) => a.person_id === personId);
      return {
        personId,
        fullName: nameOf.get(personId) ?? '',
        status: statusOf.get(personId) ?? null,
        representedBy: row?.represented_by ? { id: row.represented_by, fullName: nameOf.get(row.represented_by) ?? '' } : null,
      };
    }),
    guests: guests.map((g) => ({ personId: g.person_id, fullName: g.full_name, reason: g.reason, attendance: g.attendance as GuestAttendance | null })),
    quorum: {
      ...quorum,
      missingOrganizations: quorum.rule === 'one_delegate_per_organization' ? quorum.missingOrganizationIds.map((id) => organizationName.get(id) ?? '') : [],
    },
    /** The decisions taken on the agenda's proposals, as the minutes record them. */
    decisions: items
      .filter((item) => item.proposal_id !== null && item.status !== null && item.status !== 'open')
      .map((item) => ({ proposalId: item.proposal_id!, wording: item.wording ?? '', status: item.status as ProposalStatus, outcomeStatement: item.outcome_statement })),
    stage,
    /** Held before or outside Entente: its day and record only, no conduct, no quorum. */
    recordedAfterwards: meeting.recorded_afterwards,
    openedAt: meeting.opened_at,
    endedAt: meeting.ended_at,
    roundWords: words.map((w) => ({ round: w.round as Round, personId: w.person_id, fullName: w.full_name, word: w.word })),
    minutes: meeting.minutes,
    minutesVersion: meeting.minutes_version,
    minutesPublishedAt: meeting.minutes_published_at,
    reviewUntil: meeting.review_until,
    reviews: reviews.map((r) => ({
      personId: r.person_id,
      fullName: r.full_name,
      verdict: r.verdict as MinutesVerdict,
      remark: r.remark,
      answeredAt: r.answered_at,
      /** Whether the answer is about the text as it stands, not an earlier draft. */
      current: r.minutes_version === meeting.minutes_version,
    })),
    openProposals: published ? [] : openProposals.map((q) => ({ id: q.id, wording: q.wording })),
    /** Why the minutes cannot be published yet, in the order the runner meets the reasons; null once they can. */
    publishWaitsFor: published ? null : meeting.minutes.trim() === '' ? { reason: 'empty' as const, names: [] } : publishable.ok ? null : { reason: publishable.reason, names: publishable.waitingFor.map((id) => nameOf.get(id) ?? '').sort((a, b) => a.localeCompare(b)) },
    can: {
      // Once a meeting has ended, its agenda is what was discussed.
      addItem: !published && stage.kind !== 'ended' && may.callMeeting(viewer, meeting.body_id),
      changeRoles: !published && may.changeMeetingRoles(viewer, { facilitatorId: meeting.facilitator_id }),
      run: !published && runner,
      // Once the meeting has ended, its guests are those it had.
      inviteGuests: !published && stage.kind !== 'ended' && runner,
      publish: !published && runner && meeting.minutes.trim() !== '' && publishable.ok,
      sayWord: !published && inRound && seated.has(viewer.personId),
      // The secretary wrote the text: those present other than them review it.
      review: !published && reviewOpen && statusOf.get(viewer.personId) === 'present' && viewer.personId !== meeting.secretary_id,
    },
  };
}

export type MeetingDetail = Awaited<ReturnType<typeof meetingDetail>>;
