import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { keepsAccounts } from '../../budgets/settlement/queries.js';
import { calendarDay } from '../../common/dates.js';
import type { Database } from '../../common/database/schema.js';
import type { Viewer } from '../../common/permissions.js';
import { disputeInFullView } from '../access.js';
import { DISPUTE_MEETING_ROUNDS, circleRoundsMissing, disputeActorOf, exitPlanComplete, taskDoneRefusal, writeUpEditable, type DisputeStage } from '../rules.js';
import type { disputeEndingAnswer, experienceReportsAnswer } from './contract.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The budget the dispute's charter holds (seed 000: the project charter's split), if one was opened. */
export async function charterBudgetOf(db: Db, partnershipId: string, charterId: string) {
  return db.selectFrom('budget').select(['id', 'status']).where('charter_id', '=', charterId).where('partnership_id', '=', partnershipId).executeTakeFirst();
}

/** The ending of one dispute for whoever it names: tasks, statements to link, the circle, the write-up and the consents, and what this viewer may do. */
export async function disputeEnding(db: Kysely<Database>, scope: { readonly partnershipId: string; readonly viewer: Viewer }, disputeId: string, now: Date): Promise<z.output<typeof disputeEndingAnswer>> {
  const dispute = await disputeInFullView(db, scope, disputeId);
  const ownerIds = [...dispute.partyIds, ...(dispute.mediatorId === null ? [] : [dispute.mediatorId])];
  const [people, parties, tasks, circle, row, budget] = await Promise.all([
    db.selectFrom('person').select(['id', 'full_name as fullName']).where('id', 'in', ownerIds).orderBy('full_name').execute(),
    db.selectFrom('dispute_party').select(['person_id', 'consents_to_publish']).where('dispute_id', '=', disputeId).execute(),
    db
      .selectFrom('dispute_task as t')
      .leftJoin('settlement as s', 's.id', 't.settlement_id')
      .select(['t.id', 't.position', 't.objective', 't.owner_id', 't.due_on', 't.status', 't.done_at', 't.settlement_id', 's.status as settlement_status'])
      .where('t.dispute_id', '=', disputeId)
      .orderBy('t.position')
      .execute(),
    db.selectFrom('dispute_meeting').select(['id', 'starts_at', 'place', 'online_url', 'held_at']).where('dispute_id', '=', disputeId).where('kind', '=', 'restorative_circle').orderBy('called_at', 'desc').executeTakeFirst(),
    db.selectFrom('dispute').select(['write_up', 'write_up_published_at']).where('id', '=', disputeId).executeTakeFirstOrThrow(),
    charterBudgetOf(db, scope.partnershipId, dispute.charterId),
  ]);
  const [notes, settlements, keeper] = await Promise.all([
    circle ? db.selectFrom('dispute_meeting_note').select(['round', 'text']).where('meeting_id', '=', circle.id).execute() : Promise.resolve([]),
    budget
      ? db.selectFrom('settlement').select(['id', 'status', 'created_at']).where('budget_id', '=', budget.id).where('reason', '=', 'exit_plan').orderBy('created_at', 'desc').execute()
      : Promise.resolve([]),
    budget ? keepsAccounts(db, scope.viewer, scope.partnershipId, { project_id: null }, calendarDay(now)) : Promise.resolve(false),
  ]);
  const nameOf = new Map(people.map((person) => [person.id, person.fullName]));
  const personOf = (id: string | null) => (id === null ? null : { id, fullName: nameOf.get(id) ?? '' });
  const actor = disputeActorOf(scope.viewer.personId, dispute);
  const acts = actor !== 'reader';
  const stage: DisputeStage = dispute.stage;
  const withTasks = stage === 'exit_plan' || stage === 'restorative_circle' || stage === 'write_up';
  const editable = actor === 'party' && writeUpEditable({ stage, writeUpPublishedAt: row.write_up_published_at });
  const circleOpen = circle !== undefined && circle.held_at === null;
  return {
    stage,
    owners: people,
    tasks: tasks.map((task) => ({
      id: task.id,
      position: task.position,
      objective: task.objective,
      owner: personOf(task.owner_id),
      dueOn: task.due_on,
      status: task.status as 'open' | 'done',
      doneAt: task.done_at,
      settlement: task.settlement_id === null ? null : { id: task.settlement_id, status: task.settlement_status ?? '' },
      can: { markDone: withTasks && taskDoneRefusal(scope.viewer.personId, { ownerId: task.owner_id, done: task.status === 'done', settlementId: task.settlement_id }) === null },
    })),
    budget: budget ? { id: budget.id, status: budget.status as 'open' | 'closed' } : null,
    settlements: settlements.map((settlement) => ({ id: settlement.id, status: settlement.status, createdAt: settlement.created_at })),
    circle: circle
      ? {
          id: circle.id,
          startsAt: circle.starts_at,
          place: circle.place,
          onlineUrl: circle.online_url,
          heldAt: circle.held_at,
          rounds: DISPUTE_MEETING_ROUNDS.restorative_circle.map((round) => ({ round, text: notes.find((note) => note.round === round)?.text ?? '' })),
        }
      : null,
    writeUp: row.write_up,
    writeUpPublishedAt: row.write_up_published_at,
    consents: parties.map((party) => ({ id: party.person_id, fullName: nameOf.get(party.person_id) ?? '', consentsToPublish: party.consents_to_publish })).sort((a, b) => a.fullName.localeCompare(b.fullName, 'fr')),
    can: {
      assign: acts && withTasks,
      linkSettlement: acts && withTasks && budget !== undefined,
      prepareSettlement: acts && withTasks && budget?.status === 'open' && keeper,
      callCircle: acts && (stage === 'exit_plan' ? exitPlanComplete(tasks.map((task) => ({ ownerId: task.owner_id, dueOn: task.due_on }))) : stage === 'restorative_circle' && circleOpen),
      writeNotes: acts && stage === 'restorative_circle' && circleOpen,
      holdCircle: acts && stage === 'restorative_circle' && circleOpen && circleRoundsMissing(notes).length === 0,
      writeUp: editable,
      consent: editable && row.write_up !== null,
      close: acts && stage === 'write_up' && row.write_up !== null && tasks.every((task) => task.status === 'done'),
    },
  };
}

/**
 * « Retours d'expérience »: the write-ups every party consented to publish, for every member of the
 * partnership; the text and its day only, never the dispute, its subject or its people.
 */
export async function experienceReports(db: Kysely<Database>, partnershipId: string): Promise<z.output<typeof experienceReportsAnswer>> {
  const rows = await db
    .selectFrom('dispute')
    .select(['write_up', 'write_up_published_at'])
    .where('partnership_id', '=', partnershipId)
    .where('write_up_published_at', 'is not', null)
    .where('write_up', 'is not', null)
    .orderBy('write_up_published_at', 'desc')
    .limit(200)
    .execute();
  return { reports: rows.map((row) => ({ publishedAt: row.write_up_published_at!, text: row.write_up! })) };
}
