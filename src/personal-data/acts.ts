import type { ExpressionBuilder, Kysely } from 'kysely';
import { sealJournal, type JournalEvent } from '../journal/journal-store.js';
import { calendarDay } from '../common/dates.js';
import { conflict, forbidden } from '../common/errors.js';
import { may } from '../common/permissions.js';
import type { Database } from '../common/database/schema.js';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import { requireTarget } from '../common/references.js';
import { TENSION_AGENDA_TITLE } from '../tensions/rules.js';

type Db = Kysely<Database>;

/**
 * Everything Entente holds about the people an account is, in every partnership: the right of
 * access and the right to portability (GDPR art. 15 and 20), as one JSON document. What others
 * wrote about them (minutes, mails) is not theirs to take away, and stays out.
 */
export async function exportPersonalData(db: Db, accountId: string, now: Date) {
  const account = await db.selectFrom('account').select(['email', 'locale', 'created_at']).where('id', '=', accountId).executeTakeFirstOrThrow();
  const people = await db
    .selectFrom('person as p')
    .innerJoin('partnership as w', 'w.id', 'p.partnership_id')
    .select(['p.id', 'p.partnership_id', 'w.name as partnership_name', 'p.full_name', 'p.email', 'p.phone', 'p.is_partnership_admin', 'p.created_at'])
    .where('p.account_id', '=', accountId)
    .execute();
  const ids = people.map((p) => p.id);
  const sessions = await db.selectFrom('session').select(['created_at', 'expires_at']).where('account_id', '=', accountId).orderBy('created_at').execute();
  const base = { exportedAt: now.toISOString(), account: { email: account.email, locale: account.locale, createdAt: account.created_at }, sessions, people };
  if (ids.length === 0) return base;
  // Their acts are read from the chain: those just committed are sealed first.
  for (const partnershipId of new Set(people.map((p) => p.partnership_id))) await sealJournal(db, partnershipId).catch(() => undefined);
  const [memberships, seats, roles, delegations, proposals, stances, proxies, discussionMessages, nominations, electionStances, attendance, guestInvitations, roundWords, minutesReviews, pollAnswers, signatures, projects, actions, pooledMeanBookings, deliverables, disputes, tensions, circleJoins, accompaniments, acts] =
    await Promise.all([
      db.selectFrom('membership as m').innerJoin('organization as o', 'o.id', 'm.organization_id').select(['m.person_id', 'o.name as organization', 'm.kind', 'm.is_organization_admin']).where('m.person_id', 'in', ids).execute(),
      db.selectFrom('body_member as s').innerJoin('body as b', 'b.id', 's.body_id').select(['s.person_id', 'b.name as body', 's.capacity', 's.mandate_source', 's.starts_on', 's.ends_on']).where('s.person_id', 'in', ids).execute(),
      db.selectFrom('role_assignment as a').innerJoin('role as r', 'r.id', 'a.role_id').select(['a.person_id', 'r.name as role', 'a.starts_on', 'a.ends_on']).where('a.person_id', 'in', ids).execute(),
      db.selectFrom('delegation').select(['from_person_id', 'to_person_id', 'body_id', 'scope', 'starts_on', 'ends_on']).where((eb) => eb.or([eb('from_person_id', 'in', ids), eb('to_person_id', 'in', ids)])).execute(),
      db.selectFrom('proposal').select(['id', 'initiator_id', 'wording', 'context', 'status', 'created_at']).where('initiator_id', 'in', ids).execute(),
      db.selectFrom('stance').select(['proposal_id', 'round', 'member_id', 'posted_by', 'stance', 'reason', 'updated_at']).where((eb) => eb.or([eb('member_id', 'in', ids), eb('posted_by', 'in', ids)])).execute(),
      db.selectFrom('proxy').select(['proposal_id', 'giver_id', 'holder_id']).where((eb) => eb.or([eb('giver_id', 'in', ids), eb('holder_id', 'in', ids)])).execute(),
      // Their own messages in proposals' threads; what others replied stays theirs.
      db.selectFrom('discussion_message').select(['id', 'proposal_id', 'author_id', 'kind', 'phase', 'round', 'reply_to', 'body', 'created_at']).where('author_id', 'in', ids).orderBy('created_at').execute(),
      // Their own nominations only: whom others named stays theirs.
      db.selectFrom('nomination').select(['election_id', 'member_id', 'nominee_id', 'reason', 'first_nominee_id', 'first_reason', 'updated_at']).where('member_id', 'in', ids).execute(),
      db.selectFrom('election_stance').select(['election_id', 'round', 'member_id', 'stance', 'reason', 'updated_at']).where('member_id', 'in', ids).execute(),
      db.selectFrom('attendance').select(['meeting_id', 'person_id', 'status', 'represented_by']).where('person_id', 'in', ids).execute(),
      db.selectFrom('meeting_guest').select(['meeting_id', 'person_id', 'reason', 'invited_at', 'attendance']).where('person_id', 'in', ids).execute(),
      db.selectFrom('meeting_round_word').select(['meeting_id', 'round', 'person_id', 'word', 'said_at']).where('person_id', 'in', ids).execute(),
      db.selectFrom('minutes_review').select(['meeting_id', 'person_id', 'verdict', 'remark', 'answered_at']).where('person_id', 'in', ids).execute(),
      db.selectFrom('date_poll_answer').select(['slot_id', 'member_id', 'answer']).where('member_id', 'in', ids).execute(),
      db.selectFrom('charter_signature').select(['version_id', 'person_id', 'signed_at']).where('person_id', 'in', ids).execute(),
      // Common projects: those they carry, nominations they approved, evaluations they reported, readings they noted, objectives they carry.
      Promise.all([
        db.selectFrom('project_carrier as c').innerJoin('project as p', 'p.id', 'c.project_id').select(['c.person_id', 'p.id as project_id', 'p.title', 'p.stage']).where('c.person_id', 'in', ids).execute(),
        db.selectFrom('project_lead_approval').select(['project_id', 'person_id', 'nominee_id', 'approved_at']).where('person_id', 'in', ids).execute(),
        db.selectFrom('project_evaluation').select(['id', 'project_id', 'period_ends_on', 'analysis', 'emerging_needs', 'reported_by', 'reported_at']).where('reported_by', 'in', ids).execute(),
        db.selectFrom('project_measurement').select(['id', 'indicator_id', 'measured_on', 'value', 'note', 'recorded_by', 'recorded_at']).where('recorded_by', 'in', ids).execute(),
        db.selectFrom('project_objective').select(['id', 'project_id', 'statement', 'deadline', 'owner_id']).where('owner_id', 'in', ids).execute(),
      ]).then(([carried, leadApprovals, evaluationsReported, measurementsRecorded, objectivesOwned]) => ({ carried, leadApprovals, evaluationsReported, measurementsRecorded, objectivesOwned })),
      db.selectFrom('action_plan_action').select(['id', 'subject_id', 'title', 'owner_id', 'deadline', 'status']).where('owner_id', 'in', ids).execute(),
      db
        .selectFrom('pooled_mean_booking')
        .select(['id', 'mean_id', 'project_id', 'starts_at', 'ends_at', 'purpose', 'status', 'requested_by', 'decided_by', 'decline_reason'])
        .where((eb) => eb.or([eb('requested_by', 'in', ids), eb('decided_by', 'in', ids)]))
        .orderBy('requested_at')
        .execute(),
      // The charters' deliverables they answer for (deliverables/): an erased owner keeps them, under the pseudonym.
      db.selectFrom('deliverable').select(['id', 'charter_id', 'title', 'description', 'owner_id', 'due_on', 'status', 'published_url']).where('owner_id', 'in', ids).orderBy('created_at').execute(),
      // The disputes they are a party to or mediate, by id and stage: an export travels further than the
      // dispute's page, and its subject and other parties are as much the others' as theirs.
      db
        .selectFrom('dispute as d')
        .select(['d.id', 'd.charter_id', 'd.stage', 'd.opened_at', 'd.closed_at'])
        .select((eb) => eb.case().when('d.mediator_id', 'in', ids).then('mediator').else('party').end().as('role'))
        .where((eb) => eb.or([eb('d.mediator_id', 'in', ids), eb.exists(eb.selectFrom('dispute_party as dp').select('dp.person_id').whereRef('dp.dispute_id', '=', 'd.id').where('dp.person_id', 'in', ids))]))
        .orderBy('d.opened_at')
        .execute(),
      // The tensions they raised, in their words, and what the meeting made of them.
      db
        .selectFrom('tension as t')
        .innerJoin('body as b', 'b.id', 't.body_id')
        .select(['t.id', 'b.name as body', 't.text', 't.status', 't.raised_at', 't.closing_word', 't.settled_at'])
        .where('t.raised_by', 'in', ids)
        .orderBy('t.raised_at')
        .execute(),
      // Their requests to join a circle, and those they invited someone with: their words and the outcome.
      db
        .selectFrom('circle_join as j')
        .innerJoin('body as b', 'b.id', 'j.body_id')
        .select(['j.id', 'b.name as circle', 'j.person_id', 'j.asked_by', 'j.motivation', 'j.status', 'j.created_at', 'j.settled_at'])
        .where((eb) => eb.or([eb('j.person_id', 'in', ids), eb('j.asked_by', 'in', ids)]))
        .orderBy('j.created_at')
        .execute(),
      // The accompaniments they are in, as what, and the days they were noted present at (what the group shared there is the group's).
      Promise.all([
        db
          .selectFrom('accompaniment_member as m')
          .innerJoin('accompaniment as a', 'a.id', 'm.accompaniment_id')
          .select(['m.person_id', 'a.id as accompaniment_id', 'a.title', 'm.role', 'm.added_at'])
          .where('m.person_id', 'in', ids)
          .orderBy('m.added_at')
          .execute(),
        db
          .selectFrom('accompaniment_day_presence as p')
          .innerJoin('accompaniment_day as d', 'd.id', 'p.day_id')
          .select(['p.person_id', 'd.id as day_id', 'd.accompaniment_id', 'd.title', 'd.starts_at'])
          .where('p.person_id', 'in', ids)
          .orderBy('d.starts_at')
          .execute(),
      ]).then(([memberships, daysPresent]) => ({ memberships, daysPresent })),
      db.selectFrom('journal_entry').select(['partnership_id', 'seq', 'recorded_at', 'kind']).where('actor_id', 'in', ids).orderBy('recorded_at').execute(),
    ]);
  // The resources they shared in accompaniments, in their words; a document by its name (its bytes
  // stay in the partnership's backup); whether they consent to its publication under their name, and whether it is published.
  const resources = await db
    .selectFrom('resource as r')
    .leftJoin('workspace_file as f', 'f.id', 'r.file_id')
    .select(['r.id', 'r.accompaniment_id', 'r.kind', 'r.title', 'r.summary', 'r.url', 'r.body', 'f.file_name', 'r.tags', 'r.licence', 'r.confidential', 'r.author_consents', 'r.published_at', 'r.created_at'])
    .where('r.author_id', 'in', ids)
    .orderBy('r.created_at')
    .execute();
  // The questionnaires they took part in, and their named answers; an anonymous answer names no one, so it is no one's to export.
  const [participations, namedAnswers] = await Promise.all([
    db
      .selectFrom('questionnaire_participation as p')
      .innerJoin('questionnaire as q', 'q.id', 'p.questionnaire_id')
      .select(['p.questionnaire_id', 'q.title', 'q.anonymous', 'p.answered_at'])
      .where('p.person_id', 'in', ids)
      .orderBy('p.answered_at')
      .orderBy('p.questionnaire_id')
      .execute(),
    db.selectFrom('questionnaire_response').select(['id', 'questionnaire_id', 'answers', 'submitted', 'updated_at']).where('person_id', 'in', ids).orderBy('updated_at').execute(),
  ]);
  const questionnaires = { participations, namedAnswers: namedAnswers.map((row) => ({ ...row, answers: row.answers as Record<string, unknown> })) };
  // What they put on the map of an accompaniment's space, and what they harvested there, in their words.
  const [mapEntries, harvestItems] = await Promise.all([
    db.selectFrom('map_entry').select(['id', 'accompaniment_id', 'kind', 'title', 'description', 'status', 'created_at']).where('created_by', 'in', ids).orderBy('created_at').execute(),
    db.selectFrom('harvest_item').select(['id', 'accompaniment_id', 'kind', 'text', 'publication', 'publication_title', 'published_at', 'created_at']).where('author_id', 'in', ids).orderBy('created_at').execute(),
  ]);
  return { ...base, mapEntries, harvestItems, memberships, seats, roles, delegations, proposals, stances, proxies, discussionMessages, nominations, electionStances, attendance, guestInvitations, roundWords, minutesReviews, pollAnswers, signatures, projects, actions, pooledMeanBookings, deliverables, disputes, tensions, circleJoins, resources, questionnaires, accompaniments, acts };
}

/** An erased person stays erased: no act gives them back a name, a contact, an invitation, a role or a delegation. */
export async function refuseIfErased(db: Kysely<Database>, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  const erased = await db.selectFrom('person').select('id').where('id', 'in', personIds).where('erased_at', 'is not', null).executeTakeFirst();
  if (erased) throw conflict('error.erase.already');
}

/** The pseudonym an erased person keeps in the records. */
export const ERASED_NAME = 'Personne effacée';

/**
 * The right to erasure (GDPR art. 17), exercised by the partnership's administrators: the person
 * keeps their place in the records under a pseudonym, loses name, contact and account link, their
 * current seats and roles end today, invitations and mails addressed to them are deleted, and so
 * are their words in opening and closing rounds and in proposals' threads, the reason they were
 * invited to a meeting as a guest, and the partnership's
 * kept PDFs (printed anew).
 * The journal holds ids and values only, so it
 * still verifies. Published minutes and mails sent to others keep what they said. A project's
 * objective they carried keeps them as its owner, under the pseudonym: who was to carry it is the
 * project's record, and nothing new is given them to carry (projects/conduct/acts.ts). So do the
 * projects they carried, the nominations they approved and the one naming them lead (projects/acts.ts):
 * their ids stay, as in attendance; their seat in a working group and their lead's term end with the others.
 */
export async function erasePerson(ctx: ActContext, personId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireTarget(trx, 'person', personId, ctx.partnershipId);
    if (!may.manageStructure(ctx.viewer)) throw forbidden();
    const person = await trx.selectFrom('person').select(['email', 'is_partnership_admin', 'erased_at']).where('id', '=', personId).forUpdate().executeTakeFirstOrThrow();
    if (person.erased_at !== null) throw conflict('error.erase.already');
    if (person.is_partnership_admin) throw conflict('error.erase.administrator');
    const today = calendarDay(ctx.now);
    await trx.updateTable('person').set({ full_name: ERASED_NAME, email: null, phone: null, account_id: null, erased_at: ctx.now }).where('id', '=', personId).execute();
    // What had not started yet will not; what runs ends today, journaled as any other end.
    await trx.deleteFrom('body_member').where('person_id', '=', personId).where('starts_on', '>', today).execute();
    await trx.deleteFrom('role_assignment').where('person_id', '=', personId).where('starts_on', '>', today).execute();
    const involved = (eb: ExpressionBuilder<Database, 'delegation'>) => eb.or([eb('from_person_id', '=', personId), eb('to_person_id', '=', personId)]);
    await trx.deleteFrom('delegation').where(involved).where('starts_on', '>', today).execute();
    const seats = await trx
      .updateTable('body_member')
      .set({ ends_on: today })
      .where('person_id', '=', personId)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', today)]))
      .returning(['id', 'body_id'])
      .execute();
    const roles = await trx
      .updateTable('role_assignment')
      .set({ ends_on: today })
      .where('person_id', '=', personId)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', today)]))
      .returning(['id', 'role_id'])
      .execute();
    const delegations = await trx
      .updateTable('delegation')
      .set({ ends_on: today })
      .where(involved)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', today)]))
      .returning('id')
      .execute();
    await trx.deleteFrom('invitation').where('person_id', '=', personId).execute();
    await trx.deleteFrom('person_link').where('person_id', '=', personId).execute();
    await trx.deleteFrom('mail_notice').where('person_id', '=', personId).execute();
    await trx.deleteFrom('meeting_round_word').where('person_id', '=', personId).execute();
    // Their named answers to questionnaires stay in the group's results, as anonymous ones do: naming no one, keeping no time.
    await trx.updateTable('questionnaire_response').set({ person_id: null, updated_at: null }).where('person_id', '=', personId).execute();
    // Invited to a meeting, they keep their place among its guests as they do in its attendance; why they were invited may name them.
    await trx.updateTable('meeting_guest').set({ reason: '' }).where('person_id', '=', personId).execute();
    // Their messages in proposals' threads keep their place, so the answers to them still read as answers.
    await trx.updateTable('discussion_message').set({ body: '' }).where('author_id', '=', personId).execute();
    // Their tensions keep their place in their body's record, and what the meeting made of them; their words, and those they withdrew one with, go.
    await trx.updateTable('tension').set({ text: '' }).where('raised_by', '=', personId).execute();
    await trx.updateTable('tension').set({ closing_word: '' }).where('raised_by', '=', personId).where('status', '=', 'closed').where('settled_in_meeting_id', 'is', null).execute();
    // Their requests to join a circle, and those they invited someone with, keep their place and outcome; why, in their words or about them, goes.
    await trx.updateTable('circle_join').set({ motivation: '' }).where((eb) => eb.or([eb('person_id', '=', personId), eb('asked_by', '=', personId)])).execute();
    // The agenda item a tension of theirs sits on is titled by its words: it says « Tension » alone, unless the meeting's minutes are published.
    await trx
      .updateTable('agenda_item')
      .set({ title: TENSION_AGENDA_TITLE })
      .where('id', 'in', (eb) => eb.selectFrom('tension').select('agenda_item_id').where('raised_by', '=', personId).where('agenda_item_id', 'is not', null))
      .where('meeting_id', 'in', (eb) => eb.selectFrom('meeting').select('id').where('minutes_published_at', 'is', null))
      .execute();
    // The resources they shared stay the group's memory, under the licence they chose; they no longer say who shared them.
    await trx.updateTable('resource').set({ author_id: null }).where('author_id', '=', personId).execute();
    await trx.updateTable('resource').set({ created_by: null }).where('created_by', '=', personId).execute();
    await trx.updateTable('workspace_file').set({ uploaded_by: null }).where('uploaded_by', '=', personId).execute();
    // What they harvested in an accompaniment stays the group's, in its words, and no longer says who wrote it; nobody is left to consent to a publication they had not answered.
    await trx
      .updateTable('harvest_item')
      .set((eb) => ({ author_id: null, publication: eb.case().when('publication', '=', 'asked').then('private').else(eb.ref('publication')).end() }))
      .where('author_id', '=', personId)
      .execute();
    // A party stays a party of their disputes, by id, so the dispute still reads whole; the notes they wrote no longer say who wrote them.
    await trx.updateTable('dispute_meeting_note').set({ written_by: null }).where('written_by', '=', personId).execute();
    // A kept PDF may print their name (attendance, signatories): printed again, it shows the pseudonym.
    // The partnership's row, held to the commit, keeps a printing under way from keeping its PDF (Printing).
    await trx.selectFrom('partnership').select('id').where('id', '=', ctx.partnershipId).forNoKeyUpdate().execute();
    await trx.deleteFrom('printed_document').where('partnership_id', '=', ctx.partnershipId).execute();
    if (person.email !== null) await trx.deleteFrom('outbox_message').where('partnership_id', '=', ctx.partnershipId).where('recipient', '=', person.email).execute();
    // Named lead and still awaiting confirmation, their nomination falls as a refused one does: the
    // lead's role is never theirs, and the project waits on its namers again.
    const nominations = await trx
      .updateTable('project as p')
      .set({ lead_nominee_id: null })
      .where('p.partnership_id', '=', ctx.partnershipId)
      .where('p.lead_nominee_id', '=', personId)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('role_assignment as a').select('a.id').whereRef('a.role_id', '=', 'p.lead_role_id').where('a.person_id', '=', personId))))
      .returning('p.id')
      .execute();
    const fallen = nominations.map((row) => row.id);
    if (fallen.length > 0) {
      await trx.deleteFrom('project_lead_approval').where('project_id', 'in', fallen).execute();
      await trx.deleteFrom('project_step').where('project_id', 'in', fallen).where('step', '=', 'lead_named').execute();
    }
    const ended: JournalEvent[] = [
      ...fallen.map((projectId): JournalEvent => ({ kind: 'project.lead_refused', payload: { projectId, personId: ctx.viewer.personId, nomineeId: personId, reasonHash: null, erased: true } })),
      ...seats.map((seat): JournalEvent => ({ kind: 'mandate.ended', payload: { seatId: seat.id, bodyId: seat.body_id, personId, endsOn: today } })),
      ...roles.map((role): JournalEvent => ({ kind: 'role.unassigned', payload: { assignmentId: role.id, roleId: role.role_id, personId, endsOn: today } })),
      ...delegations.map((delegation): JournalEvent => ({ kind: 'delegation.ended', payload: { delegationId: delegation.id, endsOn: today } })),
    ];
    return { result: { id: personId }, events: [...ended, { kind: 'person.erased', payload: { personId } }] };
  });
}
