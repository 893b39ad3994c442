import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../common/database/schema.js';
import type { Viewer } from '../common/permissions.js';
import { disputeRulesOf, hasDisputeRules, type CharterRules } from '../charters/rules/types.js';
import { disputeInFullView } from './access.js';
import type { disputeAnswer, disputesAnswer } from './contract.js';
import { crisisMeetingLate, disputeNextStep, disputeReach, DISPUTE_MEETING_ROUNDS, mayNameMediator, mayWriteNotes, type DisputeMeetingKind, type DisputeStage } from './rules.js';

/**
 * Reads of disputes, each through what the viewer may know (access.ts, rules.ts disputeReach):
 * those a dispute names read it in full; others, when its charter shows it, one line without
 * subject or names; everyone else nothing.
 */

type Scope = { readonly db: Kysely<Database>; readonly partnershipId: string; readonly viewer: Viewer; readonly now: Date };

const charterTitle = sql<string>`coalesce((select cv.title from charter_version cv where cv.charter_id = d.charter_id order by (cv.status = 'adopted') desc, cv.number desc limit 1), '')`;

/**
 * « Différends »: the disputes the viewer reads in full (opened first, the latest first), the
 * others they may know exist, and the charters in force with dispute rules they may open one under.
 */
export async function disputesOf(scope: Scope): Promise<z.infer<typeof disputesAnswer>> {
  const [rows, charters] = await Promise.all([
    scope.db
      .selectFrom('dispute as d')
      .innerJoin('charter_version as v', 'v.id', 'd.charter_version_id')
      .select([
        'd.id',
        'd.charter_id',
        'd.subject',
        'd.stage',
        'd.opened_at',
        'd.crisis_due_at',
        'd.mediator_id',
        'd.mediator_body_id',
        'd.existence_visible',
        'v.rules',
        charterTitle.as('charter_title'),
        sql<boolean>`exists (select 1 from dispute_meeting m where m.dispute_id = d.id and m.kind = 'crisis' and m.held_at is not null)`.as('crisis_held'),
        sql<{ id: string; fullName: string }[]>`coalesce((select json_agg(json_build_object('id', p.id, 'fullName', p.full_name) order by p.full_name) from dispute_party dp join person p on p.id = dp.person_id where dp.dispute_id = d.id), '[]')`.as(
          'parties',
        ),
      ])
      .where('d.partnership_id', '=', scope.partnershipId)
      .orderBy('d.opened_at', 'desc')
      .execute(),
    scope.db
      .selectFrom('charter_version as v')
      .innerJoin('charter as c', 'c.id', 'v.charter_id')
      .select(['c.id', 'v.title', 'v.rules'])
      .where('c.partnership_id', '=', scope.partnershipId)
      .where('v.status', '=', 'adopted')
      .orderBy('v.title')
      .execute(),
  ]);
  const disputes: z.infer<typeof disputesAnswer>['disputes'] = [];
  const others: z.infer<typeof disputesAnswer>['others'] = [];
  for (const row of rows) {
    const rules = row.rules as CharterRules;
    const parties = typeof row.parties === 'string' ? (JSON.parse(row.parties) as { id: string; fullName: string }[]) : row.parties;
    const reach = disputeReach(scope.viewer, {
      partyIds: parties.map((party) => party.id),
      mediatorId: row.mediator_id,
      confidantBodyId: disputeRulesOf(rules).confidantBodyId,
      mediatorBodyId: row.mediator_body_id,
      existenceVisible: row.existence_visible,
    });
    const charter = { id: row.charter_id, title: row.charter_title };
    const stage = row.stage as DisputeStage;
    if (reach === 'full') {
      disputes.push({
        id: row.id,
        charter,
        subject: row.subject,
        stage,
        openedAt: row.opened_at,
        crisisDueAt: row.crisis_due_at,
        crisisLate: crisisMeetingLate({ stage, crisisDueAt: row.crisis_due_at, crisisMeetingHeld: row.crisis_held }, scope.now),
        parties,
      });
    } else if (reach === 'existence') {
      others.push({ id: row.id, charter, openedAt: row.opened_at, closed: stage === 'closed' });
    }
  }
  const openUnder = scope.viewer.outsider === true ? [] : charters.filter((charter) => hasDisputeRules(charter.rules as CharterRules)).map((charter) => ({ id: charter.id, title: charter.title }));
  return { disputes, others, can: { openUnder } };
}

/** One dispute, for those it names; 404 to anyone else, and to those who may only know it exists. */
export async function disputeOf(scope: Scope, disputeId: string): Promise<z.infer<typeof disputeAnswer>> {
  const dispute = await disputeInFullView(scope.db, scope, disputeId);
  const [row, parties, meetings, notes, tasks] = await Promise.all([
    scope.db
      .selectFrom('dispute as d')
      .leftJoin('person as opener', 'opener.id', 'd.opened_by')
      .leftJoin('person as mediator', 'mediator.id', 'd.mediator_id')
      .leftJoin('body as b', 'b.id', 'd.mediator_body_id')
      .select([
        'd.subject',
        'd.agreement',
        'd.agreed_at',
        'd.mediation_requested_at',
        'd.mediation_ended_at',
        'd.write_up',
        'd.write_up_published_at',
        'd.closed_at',
        'd.closed_how',
        'opener.full_name as opener_name',
        'mediator.full_name as mediator_name',
        'mediator.outsider as mediator_outsider',
        'b.name as body_name',
        charterTitle.as('charter_title'),
      ])
      .where('d.id', '=', disputeId)
      .executeTakeFirstOrThrow(),
    scope.db
      .selectFrom('dispute_party as dp')
      .innerJoin('person as p', 'p.id', 'dp.person_id')
      .select(['p.id', 'p.full_name', 'dp.consents_to_publish'])
      .where('dp.dispute_id', '=', disputeId)
      .orderBy('p.full_name')
      .execute(),
    scope.db
      .selectFrom('dispute_meeting as m')
      .leftJoin('person as p', 'p.id', 'm.called_by')
      .select(['m.id', 'm.kind', 'm.starts_at', 'm.place', 'm.online_url', 'm.called_by', 'p.full_name as caller_name', 'm.called_at', 'm.held_at', 'm.outcome'])
      .where('m.dispute_id', '=', disputeId)
      .orderBy('m.called_at')
      // Acts of one instant (a test's clock, a demo's day) still read in the chain's order.
      .orderBy(sql`case m.kind when 'crisis' then 0 when 'mediation' then 1 else 2 end`)
      .execute(),
    scope.db
      .selectFrom('dispute_meeting_note as n')
      .innerJoin('dispute_meeting as m', 'm.id', 'n.meeting_id')
      .leftJoin('person as p', 'p.id', 'n.written_by')
      .select(['n.meeting_id', 'n.round', 'n.text', 'n.written_by', 'p.full_name as writer_name', 'n.written_at'])
      .where('m.dispute_id', '=', disputeId)
      .execute(),
    scope.db
      .selectFrom('dispute_task as t')
      .leftJoin('person as p', 'p.id', 't.owner_id')
      .select(['t.id', 't.position', 't.objective', 't.owner_id', 'p.full_name as owner_name', 't.due_on', 't.status', 't.done_at', 't.settlement_id'])
      .where('t.dispute_id', '=', disputeId)
      .orderBy('t.position')
      .execute(),
  ]);
  const rules = disputeRulesOf(dispute.rules);
  const personOf = (id: string | null, fullName: string | null) => (id === null ? null : { id, fullName: fullName ?? '' });
  const crisisHeld = meetings.some((meeting) => meeting.kind === 'crisis' && meeting.held_at !== null);
  const crisisCalled = meetings.some((meeting) => meeting.kind === 'crisis');
  const crisisLate = crisisMeetingLate({ stage: dispute.stage, crisisDueAt: dispute.crisisDueAt, crisisMeetingHeld: crisisHeld }, scope.now);
  const next = disputeNextStep({ stage: dispute.stage, crisisMeetingCalled: crisisCalled, mediatorNamed: dispute.mediatorId !== null, mediationBodyAsked: dispute.mediatorBodyId !== null });
  const isParty = dispute.partyIds.includes(scope.viewer.personId);
  return {
    id: dispute.id,
    charter: { id: dispute.charterId, title: row.charter_title },
    subject: row.subject,
    stage: dispute.stage,
    openedBy: personOf(dispute.openedBy, row.opener_name),
    openedAt: dispute.openedAt,
    crisisDueAt: dispute.crisisDueAt,
    crisisLate,
    parties: parties.map((party) => ({ id: party.id, fullName: party.full_name, consentsToPublish: party.consents_to_publish })),
    mediator: dispute.mediatorId === null ? null : { id: dispute.mediatorId, fullName: row.mediator_name ?? '', outsider: row.mediator_outsider ?? false },
    mediationBody: dispute.mediatorBodyId === null ? null : { id: dispute.mediatorBodyId, name: row.body_name ?? '' },
    mediationProvider: rules.mediationProvider,
    mediationRequestedAt: row.mediation_requested_at,
    mediationEndedAt: row.mediation_ended_at,
    agreement: row.agreement,
    agreedAt: row.agreed_at,
    meetings: meetings.map((meeting) => {
      const kind = meeting.kind as DisputeMeetingKind;
      return {
        id: meeting.id,
        kind,
        startsAt: meeting.starts_at,
        place: meeting.place,
        onlineUrl: meeting.online_url,
        calledBy: personOf(meeting.called_by, meeting.caller_name),
        calledAt: meeting.called_at,
        rounds: [...DISPUTE_MEETING_ROUNDS[kind]],
        notes: notes
          .filter((note) => note.meeting_id === meeting.id)
          .map((note) => ({ round: note.round, text: note.text, writtenBy: personOf(note.written_by, note.writer_name), writtenAt: note.written_at })),
        heldAt: meeting.held_at,
        outcome: meeting.outcome as 'agreement' | 'mediation' | 'exit_plan' | 'held' | null,
        canWriteNotes: meeting.held_at === null && mayWriteNotes(scope.viewer.personId, kind, dispute),
      };
    }),
    exitPlanObjectives: [...rules.exitPlanObjectives],
    tasks: tasks.map((task) => ({
      id: task.id,
      position: task.position,
      objective: task.objective,
      owner: personOf(task.owner_id, task.owner_name),
      dueOn: task.due_on,
      status: task.status as 'open' | 'done',
      doneAt: task.done_at,
      settlementId: task.settlement_id,
    })),
    writeUp: row.write_up,
    writeUpPublishedAt: row.write_up_published_at,
    closedAt: row.closed_at,
    closedHow: row.closed_how as 'agreement' | 'exit_plan' | null,
    next: { ...next, deadline: dispute.stage === 'crisis' && !crisisHeld ? dispute.crisisDueAt : null },
    can: {
      callCrisisMeeting: isParty && dispute.stage === 'crisis',
      recordCrisisOutcome: isParty && dispute.stage === 'crisis' && crisisCalled,
      askMediation: isParty && dispute.stage === 'crisis' && crisisCalled,
      nameMediator: dispute.stage === 'mediation' && dispute.mediatorId === null && mayNameMediator(scope.viewer, dispute),
      recordMediationOutcome: dispute.stage === 'mediation' && dispute.mediatorId === scope.viewer.personId,
    },
    viewerIsOutsider: scope.viewer.outsider === true,
  };
}

/**
 * The compliance view's findings: disputes whose crisis meeting is late, only those whose
 * existence their charter shows to the whole partnership (the compliance view is everyone's), as
 * ids and instants: charters/queries.ts words them without subject or names. The parties of a
 * hidden dispute see its delay on its page.
 */
export async function lateCrisisMeetings(db: Kysely<Database>, partnershipId: string, now: Date): Promise<{ readonly disputeId: string; readonly charterId: string; readonly dueAt: Date }[]> {
  const rows = await db
    .selectFrom('dispute as d')
    .select(['d.id', 'd.charter_id', 'd.crisis_due_at'])
    .where('d.partnership_id', '=', partnershipId)
    .where('d.existence_visible', '=', true)
    .where('d.stage', '=', 'crisis')
    .where('d.crisis_due_at', '<', now)
    .where(sql<boolean>`not exists (select 1 from dispute_meeting m where m.dispute_id = d.id and m.kind = 'crisis' and m.held_at is not null)`)
    .orderBy('d.crisis_due_at')
    .execute();
  return rows.map((row) => ({ disputeId: row.id, charterId: row.charter_id, dueAt: row.crisis_due_at }));
}
