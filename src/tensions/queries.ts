import type { Kysely } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { notFound } from '../common/errors.js';
import { may, type Viewer } from '../common/permissions.js';
import { requireTarget } from '../common/references.js';
import { bodyMembersOn } from '../bodies/members.js';
import type { TensionStatus } from './rules.js';

type Db = Kysely<Database>;

/** The tensions of a partnership with what a page shows of each: its body, raiser, agenda item, proposal and task. */
function tensions(db: Db, partnershipId: string) {
  return db
    .selectFrom('tension as t')
    .innerJoin('body as b', 'b.id', 't.body_id')
    .leftJoin('person as r', 'r.id', 't.raised_by')
    .leftJoin('agenda_item as i', 'i.id', 't.agenda_item_id')
    .leftJoin('meeting as m', 'm.id', 'i.meeting_id')
    .leftJoin('proposal as q', 'q.id', 't.proposal_id')
    .leftJoin('person as o', 'o.id', 't.task_owner_id')
    .select([
      't.id',
      't.body_id',
      'b.name as body_name',
      't.text',
      't.raised_by',
      'r.full_name as raised_by_name',
      't.raised_at',
      't.status',
      't.agenda_item_id',
      'm.id as meeting_id',
      'm.title as meeting_title',
      'm.starts_at',
      't.proposal_id',
      'q.wording',
      't.task_title',
      't.task_owner_id',
      'o.full_name as owner_name',
      't.task_due_on',
      't.task_done_at',
      't.closing_word',
      't.settled_at',
      't.settled_in_meeting_id',
    ])
    .where('t.partnership_id', '=', partnershipId);
}

type Row = Awaited<ReturnType<ReturnType<typeof tensions>['execute']>>[number];

function summaryOf(viewer: Viewer, row: Row) {
  const status = row.status as TensionStatus;
  return {
    id: row.id,
    body: { id: row.body_id, name: row.body_name },
    text: row.text,
    raisedBy: row.raised_by === null ? null : { id: row.raised_by, fullName: row.raised_by_name ?? '' },
    raisedAt: row.raised_at,
    status,
    agendaItem: row.agenda_item_id === null || row.meeting_id === null ? null : { id: row.agenda_item_id, meetingId: row.meeting_id, meetingTitle: row.meeting_title ?? '', startsAt: row.starts_at! },
    proposal: row.proposal_id === null ? null : { id: row.proposal_id, wording: row.wording ?? '' },
    task:
      row.task_owner_id === null || row.task_due_on === null
        ? null
        : { title: row.task_title ?? '', owner: { id: row.task_owner_id, fullName: row.owner_name ?? '' }, dueOn: row.task_due_on, doneAt: row.task_done_at },
    closingWord: row.closing_word,
    settledAt: row.settled_at,
    settledInMeetingId: row.settled_in_meeting_id,
    can: {
      withdraw: status === 'open' && may.withdrawTension(viewer, { raisedBy: row.raised_by }),
      markDone: status === 'task' && row.task_done_at === null && may.markTensionTaskDone(viewer, { taskOwnerId: row.task_owner_id }),
    },
  };
}

/** A body's open tensions, and the tasks they became that are still under way, oldest first. */
export async function bodyTensions(db: Db, viewer: Viewer, partnershipId: string, bodyId: string) {
  await requireTarget(db, 'body', bodyId, partnershipId);
  const rows = await tensions(db, partnershipId)
    .where('t.body_id', '=', bodyId)
    .where((eb) => eb.or([eb('t.status', '=', 'open'), eb.and([eb('t.status', '=', 'task'), eb('t.task_done_at', 'is', null)])]))
    .orderBy('t.raised_at')
    .orderBy('t.id')
    .limit(200)
    .execute();
  return { tensions: rows.map((row) => summaryOf(viewer, row)), can: { raise: may.raiseTension(viewer, bodyId) } };
}

/** The tensions a meeting's agenda holds, whom a task may go to, and whether the viewer settles them. */
export async function meetingTensions(db: Db, viewer: Viewer, partnershipId: string, meetingId: string, now: Date) {
  const meeting = await db
    .selectFrom('meeting')
    .select(['body_id', 'facilitator_id', 'secretary_id', 'opened_at', 'minutes_published_at'])
    .where('id', '=', meetingId)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!meeting) throw notFound();
  const [rows, members] = await Promise.all([tensions(db, partnershipId).where('i.meeting_id', '=', meetingId).orderBy('i.position').execute(), bodyMembersOn(db, meeting.body_id, now)]);
  return {
    tensions: rows.map((row) => summaryOf(viewer, row)),
    members: [...members.values()].map((member) => ({ id: member.personId, fullName: member.fullName })),
    can: { settle: meeting.opened_at !== null && meeting.minutes_published_at === null && may.runMeeting(viewer, { facilitatorId: meeting.facilitator_id, secretaryId: meeting.secretary_id }) },
  };
}

/** One tension and what became of it. */
export async function tensionDetail(db: Db, viewer: Viewer, partnershipId: string, tensionId: string) {
  const row = await tensions(db, partnershipId).where('t.id', '=', tensionId).executeTakeFirst();
  if (!row) throw notFound();
  return summaryOf(viewer, row);
}
