import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_LEVELS, emptyRules } from '../../src/charters/rules/types.js';
import { DOCUMENTS } from '../support/documents.js';
import type { Method as HttpMethod } from '../support/partnership-routes.js';
import { builder, expectCreated, journalLength, TODAY } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type Client, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * Whatever a client sends, the answer is a 2xx or a 4xx: random JSON, and inputs that are
 * nearly right (real ids and dates mixed with wrong values, odd Unicode, extreme numbers).
 */
let t: TestApp;
let f: PartnershipFixture;
let ids: {
  requestId: string;
  organizationId: string;
  personId: string;
  otherPersonId: string;
  bodyId: string;
  roleId: string;
  seatId: string;
  assignmentId: string;
  delegationId: string;
  charterId: string;
  versionId: string;
  proposalId: string;
  messageId: string;
  electionId: string;
  meetingId: string;
  pollId: string;
  projectId: string;
  purposeId: string;
  objectiveId: string;
  indicatorId: string;
  budgetId: string;
  lineKey: string;
  meanId: string;
  bookingId: string;
  settlementId: string;
  planId: string;
  actionId: string;
  disputeId: string;
  taskId: string;
  deliverableId: string;
  tensionId: string;
  circleId: string;
  joinId: string;
  crisisDisputeId: string;
  crisisMeetingId: string;
  spaceId: string;
  mapEntryId: string;
  cooperationId: string;
  harvestItemId: string;
  spaceDayId: string;
  resourceId: string;
  draftQuestionnaireId: string;
  openQuestionnaireId: string;
  scaleQuestionId: string;
  rankingQuestionId: string;
};
beforeAll(async () => {
  t = await startTestApp();
  f = await newPartnership(t);
  const build = builder(f);
  const organizationId = await build.organization();
  const personId = await build.person({ memberships: [{ organizationId, kind: 'staff' }] });
  const otherPersonId = await build.person({ memberships: [{ organizationId, kind: 'board' }] });
  const bodyId = await build.body({ delegatesPerOrganization: 2 });
  const seatId = await build.seat(bodyId, { personId, organizationId, startsOn: '2026-01-01' });
  const roleId = await build.role({ bodyId });
  const assignmentId = await build.assign(roleId, personId, '2026-01-01');
  const delegationId = await build.delegation({ fromPersonId: personId, toPersonId: otherPersonId, bodyId });
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'partnership' });
  // A second charter, in force, that sends every decision to the one body, so proposals can be fuzzed too.
  const rules = {
    ...emptyRules(),
    bodyIds: [bodyId],
    decisionMatrix: DECISION_LEVELS.map((level) => ({ id: randomUUID(), level, topic: '', bodyId, method: 'consent', quorumPercent: null, maxRounds: 3, onBlock: { kind: 'lapse' }, informBodyIds: [] })),
  };
  const inForce = await f.admin.post(`${f.base}/charters/import`, {
    format: 'entente-charter',
    formatVersion: 1,
    kind: 'partnership',
    content: { title: 'Charte', articles: [{ key: randomUUID(), kind: 'purpose', title: 'Objet', body: '' }], rules },
  });
  const inForceUrl = `${f.base}/charters/${inForce.body.id}/versions/${inForce.body.versionId}`;
  await f.admin.post(`${inForceUrl}/adoption`, { bodyId, adoptedOn: TODAY, contentHash: (await f.admin.get(inForceUrl)).body.contentHash });
  const proposalId = expectCreated(await f.admin.post(`${f.base}/proposals`, { level: 'strategic', wording: 'Une proposition', participationLevel: 'participation' }), 'proposal');
  const messageId = expectCreated(await f.admin.post(`${f.base}/proposals/${proposalId}/messages`, { kind: 'question', body: 'Pour quand ?' }), 'message');
  const planId = expectCreated(await f.admin.post(`${f.base}/action-plans`, {}), 'action plan');
  await f.admin.put(`${f.base}/action-plans/${planId}`, { title: 'Plan', startsOn: TODAY, endsOn: '2029-03-10', subjects: [{ title: 'Communication', actions: [{ title: 'Un site', ownerId: personId }] }] });
  const actionId = (await f.admin.get(`${f.base}/action-plans`)).body.draft.subjects[0].actions[0].id as string;
  const houseAdmin = await newMember(t, f, { memberships: [{ organizationId, kind: 'staff', isOrganizationAdmin: true }] });
  const asked = await houseAdmin.client.post(`${f.base}/organizations/${organizationId}/memberships`, { personId: await build.person(), kind: 'volunteer' });
  // A circle where the administrator sits, and someone's request to join it, so its forms are fuzzed past their permission.
  const circleId = await build.body({ kind: 'circle', parentBodyId: bodyId, minSize: 6, maxSize: 8 });
  await build.seat(circleId, { personId: f.adminPersonId, organizationId: null, mandateSource: 'self' });
  const joinId = expectCreated(await f.admin.post(`${f.base}/circles/${circleId}/invitations`, { personId: otherPersonId, motivation: 'Pour voir' }), 'circle invitation');
  ids = {
    requestId: asked.body.id,
    organizationId,
    personId,
    otherPersonId,
    bodyId,
    roleId,
    seatId,
    assignmentId,
    delegationId,
    charterId: charter.body.id,
    versionId: charter.body.versionId,
    proposalId,
    messageId,
    electionId: expectCreated(await f.admin.post(`${f.base}/elections`, { bodyId, roleId, termMonths: 12, facilitatorId: personId }), 'election'),
    meetingId: expectCreated(await f.admin.post(`${f.base}/meetings`, { bodyId, title: 'Réunion', startsAt: '2026-04-01T18:00:00+02:00', facilitatorId: personId }), 'meeting'),
    pollId: expectCreated(await f.admin.post(`${f.base}/date-polls`, { bodyId, title: 'Quand ?', slots: ['2026-04-01T18:00:00+02:00', '2026-04-02T18:00:00+02:00'] }), 'date poll'),
    ...(await activeProject(organizationId, bodyId, personId)),
    planId,
    actionId,
    ...(await disputeAtExitPlan(charter.body.id, charter.body.versionId, personId)),
    deliverableId: expectCreated(await f.admin.post(`${f.base}/charters/${charter.body.id}/deliverables`, { title: 'Un livrable', ownerId: personId, dueOn: '2026-04-01' }), 'deliverable'),
    tensionId: randomUUID(),
    circleId,
    joinId,
    ...(await disputeInCrisis(charter.body.id, charter.body.versionId, personId)),
    ...(await mappedSpace(organizationId, personId).then(async (space) => ({ ...space, ...(await questionnairesOf(space.spaceId)) }))),
    resourceId: randomUUID(),
  };
  await tensionOnTheAgenda(ids.tensionId, ids.meetingId, bodyId, personId);
  await sharedResource(ids.resourceId, personId);
});

/** An accompaniment the administrator facilitates, a person takes part in, with a cooperation between them and a skill on its map. */
async function mappedSpace(organizationId: string, personId: string) {
  const [spaceId, cooperationId, mapEntryId] = [randomUUID(), randomUUID(), randomUUID()];
  const now = t.clock.now();
  const db = t.store.db;
  await db.insertInto('accompaniment').values({ id: spaceId, partnership_id: f.partnershipId, title: 'Accompagnement', licence: 'CC-BY-SA-4.0', created_by: f.adminPersonId, created_at: now }).execute();
  await db
    .insertInto('accompaniment_member')
    .values([
      { accompaniment_id: spaceId, person_id: f.adminPersonId, role: 'facilitator', added_by: f.adminPersonId, added_at: now },
      { accompaniment_id: spaceId, person_id: personId, role: 'participant', added_by: f.adminPersonId, added_at: now },
    ])
    .execute();
  const entry = { partnership_id: f.partnershipId, accompaniment_id: spaceId, created_by: personId, created_at: now };
  await db
    .insertInto('map_entry')
    .values([
      { ...entry, id: cooperationId, kind: 'cooperation', title: 'Un jardin', status: 'under_way' },
      { ...entry, id: mapEntryId, kind: 'skill', title: 'Animer', person_id: personId },
    ])
    .execute();
  await db.insertInto('map_cooperation_party').values([{ entry_id: cooperationId, position: 0, organization_id: organizationId }, { entry_id: cooperationId, position: 1, person_id: personId }]).execute();
  // A day of the space and the administrator's nugget of it, its publication asked of them.
  const [spaceDayId, harvestItemId] = [randomUUID(), randomUUID()];
  await db.insertInto('accompaniment_day').values({ id: spaceDayId, accompaniment_id: spaceId, title: 'Journée', starts_at: now, ends_at: new Date(now.getTime() + 3_600_000), created_at: now }).execute();
  await db
    .insertInto('harvest_item')
    .values({ id: harvestItemId, partnership_id: f.partnershipId, accompaniment_id: spaceId, kind: 'nugget', text: 'Bien', author_id: f.adminPersonId, day_id: spaceDayId, created_at: now, publication: 'asked', publication_title: 'Bien' })
    .execute();
  return { spaceId, cooperationId, mapEntryId, spaceDayId, harvestItemId };
}

/** Two questionnaires of the space: one in the builder, one sent with a scale and a ranking to answer. */
async function questionnairesOf(spaceId: string) {
  const [draftQuestionnaireId, openQuestionnaireId, scaleQuestionId, rankingQuestionId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const now = t.clock.now();
  const db = t.store.db;
  await db
    .insertInto('questionnaire')
    .values([
      { id: draftQuestionnaireId, accompaniment_id: spaceId, title: 'Brouillon', anonymous: false, created_at: now },
      { id: openQuestionnaireId, accompaniment_id: spaceId, title: 'Ouvert', anonymous: false, created_at: now, opens_at: now, sent_at: now },
    ])
    .execute();
  await db
    .insertInto('questionnaire_question')
    .values([
      { id: randomUUID(), questionnaire_id: draftQuestionnaireId, position: 0, kind: 'short_text', label: 'Un mot' },
      { id: scaleQuestionId, questionnaire_id: openQuestionnaireId, position: 0, kind: 'scale', label: 'Envie', scale_min: 1, scale_max: 5 },
      { id: rankingQuestionId, questionnaire_id: openQuestionnaireId, position: 1, kind: 'ranking', label: 'Priorités', choices: JSON.stringify([{ id: 'c1', label: 'A' }, { id: 'c2', label: 'B' }]) },
    ])
    .execute();
  return { draftQuestionnaireId, openQuestionnaireId, scaleQuestionId, rankingQuestionId };
}

/** Accompaniments and their days: spaces of any licence and project, members from the partnership or outside, days at any time, anyone present. */
function accompanimentRoutes(): [Method, string, fc.Arbitrary<unknown>][] {
  const moment = fc.constantFrom('2099-03-14T09:00:00Z', '2026-03-14T08:00:00+02:00', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', 'x', null);
  const licence = fc.constantFrom('CC-BY-SA-4.0', 'CC-BY-4.0', 'CC0-1.0', 'all_rights_reserved', 'x');
  const day = nearlyValid({ title: text, startsAt: moment, endsAt: moment, place: text, programme: fc.array(nearlyValid({ title: text, minutes: fc.oneof(number, fc.constant(null)) }), { maxLength: 4 }) });
  return [
    ['POST', `${f.base}/accompaniments`, nearlyValid({ title: text, purpose: text, projectId: fc.oneof(someId(), fc.constant(null)), licence })],
    ['PUT', `${f.base}/accompaniments/${ids.spaceId}`, nearlyValid({ title: text, purpose: text, licence })],
    [
      'POST',
      `${f.base}/accompaniments/${ids.spaceId}/members`,
      fc.oneof(nearlyValid({ personId: fc.oneof(someId(), fc.constant(ids.otherPersonId)), role: fc.constantFrom('facilitator', 'participant', 'x') }), nearlyValid({ outsider: nearlyValid({ fullName: text, email: fc.oneof(text, fc.emailAddress()) }) })),
    ],
    ['POST', `${f.base}/accompaniments/${ids.spaceId}/days`, day],
    ['PUT', `${f.base}/accompaniment-days/${ids.spaceDayId}`, day],
    ['POST', `${f.base}/accompaniment-days/${ids.spaceDayId}/held`, nearlyValid({ presentIds: fc.array(fc.oneof(someId(), fc.constant(ids.personId), fc.constant(ids.otherPersonId)), { maxLength: 3 }) })],
  ];
}

/** Questionnaires: questions of every kind and shape, openings anywhere, answers of any value to any question. */
function questionnaireRoutes(): [Method, string, fc.Arbitrary<unknown>][] {
  const moment = fc.constantFrom('2099-03-14T09:00:00Z', '2026-03-14T08:00:00+02:00', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', 'x', null);
  const question = nearlyValid({
    id: fc.oneof(someId(), fc.constant(null)),
    kind: fc.constantFrom('short_text', 'long_text', 'single_choice', 'multiple_choice', 'scale', 'ranking', 'x'),
    label: text,
    help: text,
    required: fc.boolean(),
    choices: fc.array(nearlyValid({ id: fc.constantFrom('c1', 'c2', null, '', 'é'), label: text }), { maxLength: 4 }),
    scaleMin: fc.oneof(number, fc.constant(null)),
    scaleMax: fc.oneof(number, fc.constant(null)),
    scaleMinLabel: text,
    scaleMaxLabel: text,
  });
  const questionnaire = nearlyValid({
    title: text,
    intro: text,
    anonymous: fc.boolean(),
    dayId: fc.oneof(someId(), fc.constant(null)),
    weeksAfterDay: fc.oneof(number, fc.constant(null)),
    opensAt: moment,
    closesAt: moment,
    questions: fc.array(question, { maxLength: 4 }),
  });
  const answers = fc.dictionary(fc.constantFrom(ids.scaleQuestionId, ids.rankingQuestionId, 'x', ''), fc.oneof(anyValue, fc.constantFrom(['c1', 'c2'], ['c2', 'c2'], 3, 6), fc.array(text, { maxLength: 3 })));
  return [
    ['POST', `${f.base}/accompaniments/${ids.spaceId}/questionnaires`, questionnaire],
    ['POST', `${f.base}/accompaniments/${ids.spaceId}/questionnaires/from-template`, nearlyValid({ template: fc.constantFrom('before_day', 'hot_feedback', 'cold_evaluation', 'x'), dayId: fc.oneof(someId(), fc.constant(null)), weeksAfterDay: fc.oneof(number, fc.constant(null)) })],
    ['PUT', `${f.base}/questionnaires/${ids.draftQuestionnaireId}`, questionnaire],
    ['PUT', `${f.base}/questionnaires/${ids.openQuestionnaireId}/response`, nearlyValid({ answers, submit: fc.boolean() })],
  ];
}

/** The map and the harvest: entries of every kind, parties of any shape, cooperations and days of any id, words of any length. */
function mapRoutes(): [Method, string, fc.Arbitrary<unknown>][] {
  const party = fc.oneof(nearlyValid({ organizationId: someId() }), nearlyValid({ personId: someId() }), anyValue);
  const entry = nearlyValid({
    kind: fc.constantFrom('cooperation', 'obstacle', 'need', 'skill', 'premises', 'equipment', 'x'),
    title: text,
    description: text,
    status: fc.constantFrom('under_way', 'to_come', 'x'),
    parties: fc.array(party, { maxLength: 4 }),
    cooperationId: someId(),
    offeredBy: party,
  });
  return [
    ['POST', `${f.base}/accompaniments/${ids.spaceId}/map`, entry],
    ['PUT', `${f.base}/map-entries/${ids.cooperationId}`, entry],
    ['PUT', `${f.base}/map-entries/${ids.mapEntryId}`, entry],
    ['POST', `${f.base}/accompaniments/${ids.spaceId}/harvest`, nearlyValid({ kind: fc.constantFrom('nugget', 'pebble', 'x'), text, dayId: fc.oneof(someId(), fc.constant(null)), projectStage: fc.constantFrom('active', 'idea', 'x', null) })],
    ['POST', `${f.base}/harvest-items/${ids.harvestItemId}/publication-request`, nearlyValid({ title: text })],
    ['POST', `${f.base}/harvest-items/${ids.harvestItemId}/publication-answer`, nearlyValid({ consents: fc.constantFrom(true, false, 'oui', null) })],
  ];
}

/** A link the person shared in the space. */
async function sharedResource(resourceId: string, personId: string) {
  const now = t.clock.now();
  await t.store.db
    .insertInto('resource')
    .values({ id: resourceId, partnership_id: f.partnershipId, accompaniment_id: ids.spaceId, kind: 'link', title: 'Un site', url: 'https://site.example.org', author_id: personId, licence: 'CC-BY-SA-4.0', created_at: now, updated_at: now })
    .execute();
}

/** Resources: documents of any declared type and content (a program among them), links to anywhere, words of any length. */
function resourceRoutes(): [Method, string, fc.Arbitrary<unknown>][] {
  const described = {
    title: text,
    summary: text,
    tags: fc.array(text, { maxLength: 3 }),
    licence: fc.constantFrom('CC-BY-SA-4.0', 'CC0-1.0', 'all_rights_reserved', 'x'),
    confidential: fc.boolean(),
    outputTitle: text,
    url: fc.constantFrom('https://site.example.org', 'http://[::1]', 'javascript:alert(1)', 'x'),
    body: text,
  };
  const document = nearlyValid({
    fileName: text,
    contentType: fc.constantFrom('application/pdf', 'text/plain', 'image/png', 'image/svg+xml', 'x'),
    contentBase64: fc.constantFrom(DOCUMENTS.pdf, DOCUMENTS.exe, DOCUMENTS.latin1, DOCUMENTS.png, '', '!!!', 'QQ'),
  });
  return [
    ['POST', `${f.base}/accompaniments/${ids.spaceId}/resources`, nearlyValid({ kind: fc.constantFrom('file', 'link', 'article', 'x'), ...described, file: document })],
    ['PUT', `${f.base}/resources/${ids.resourceId}`, nearlyValid(described)],
  ];
}

/** A dispute whose crisis meeting is called, between the administrator and a person. */
async function disputeInCrisis(charterId: string, versionId: string, otherPartyId: string) {
  const [crisisDisputeId, crisisMeetingId] = [randomUUID(), randomUUID()];
  const now = t.clock.now();
  await t.store.db
    .insertInto('dispute')
    .values({ id: crisisDisputeId, partnership_id: f.partnershipId, charter_id: charterId, charter_version_id: versionId, subject: 'Un différend', opened_by: f.adminPersonId, opened_at: now, stage: 'crisis', crisis_due_at: now, existence_visible: false })
    .execute();
  await t.store.db.insertInto('dispute_party').values([f.adminPersonId, otherPartyId].map((person_id) => ({ dispute_id: crisisDisputeId, person_id }))).execute();
  await t.store.db.insertInto('dispute_meeting').values({ id: crisisMeetingId, dispute_id: crisisDisputeId, kind: 'crisis', starts_at: now, place: 'Ici', called_by: f.adminPersonId, called_at: now }).execute();
  return { crisisDisputeId, crisisMeetingId };
}

/** A dispute at its exit plan between the administrator and a person, as the crisis meeting and the mediation leave it, with one task. */
async function disputeAtExitPlan(charterId: string, versionId: string, otherPartyId: string) {
  const [disputeId, taskId] = [randomUUID(), randomUUID()];
  const now = t.clock.now();
  await t.store.db
    .insertInto('dispute')
    .values({ id: disputeId, partnership_id: f.partnershipId, charter_id: charterId, charter_version_id: versionId, subject: 'Un différend', opened_by: f.adminPersonId, opened_at: now, stage: 'exit_plan', crisis_due_at: now, existence_visible: false })
    .execute();
  await t.store.db.insertInto('dispute_party').values([f.adminPersonId, otherPartyId].map((person_id) => ({ dispute_id: disputeId, person_id }))).execute();
  await t.store.db.insertInto('dispute_task').values({ id: taskId, dispute_id: disputeId, position: 0, objective: 'Solder les comptes', owner_id: null, due_on: null, status: 'open' }).execute();
  return { disputeId, taskId };
}

/** A tension its body member raised, on the meeting's agenda, for the meeting to settle. */
async function tensionOnTheAgenda(tensionId: string, meetingId: string, bodyId: string, personId: string) {
  const now = t.clock.now();
  const itemId = randomUUID();
  await t.store.db.insertInto('agenda_item').values({ id: itemId, meeting_id: meetingId, position: 9, kind: 'discussion', title: 'Tension : les clés', proposed_by: personId, created_at: now }).execute();
  await t.store.db
    .insertInto('tension')
    .values({ id: tensionId, partnership_id: f.partnershipId, body_id: bodyId, raised_by: personId, raised_at: now, text: 'Personne ne sait qui a les clés.', status: 'open', agenda_item_id: itemId })
    .execute();
}
afterAll(() => t.close());

/** An active project whose working group is the body, with a purpose, an objective and its indicator, to fuzz its conduct. */
async function activeProject(organizationId: string, bodyId: string, personId: string) {
  const [projectId, purposeId, objectiveId, indicatorId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const now = t.clock.now();
  const db = t.store.db;
  await db
    .insertInto('project')
    .values({ id: projectId, partnership_id: f.partnershipId, title: 'Projet', origin: 'team', stage: 'active', stage_since: now, created_by: f.adminPersonId, created_at: now, working_group_id: bodyId, lead_nominee_id: personId })
    .execute();
  await db.insertInto('project_organization').values({ project_id: projectId, organization_id: organizationId }).execute();
  await db.insertInto('project_purpose').values({ id: purposeId, project_id: projectId, position: 0, statement: 'Une finalité' }).execute();
  await db.insertInto('project_objective').values({ id: objectiveId, project_id: projectId, position: 0, statement: 'Un objectif' }).execute();
  await db.insertInto('project_indicator').values({ id: indicatorId, project_id: projectId, objective_id: objectiveId, position: 0, label: 'Un indicateur', target: 10 }).execute();
  // Its budget: a draft forecast with one grant line.
  const [budgetId, versionId, lineKey] = [randomUUID(), randomUUID(), randomUUID()];
  await db.insertInto('budget').values({ id: budgetId, partnership_id: f.partnershipId, project_id: projectId, status: 'open', created_at: now }).execute();
  await db.insertInto('budget_version').values({ id: versionId, budget_id: budgetId, number: 1, status: 'draft', created_at: now, updated_at: now }).execute();
  await db
    .insertInto('budget_line')
    .values({ id: randomUUID(), version_id: versionId, line_key: lineKey, position: 0, kind: 'income', category: 'grant', internal: false, label: 'Une subvention', amount_cents: 100_000, grant_status: 'applied' })
    .execute();
  // A mean its organization lends, booked by the project, and the budget's settlement drafted.
  const [meanId, bookingId, settlementId] = [randomUUID(), randomUUID(), randomUUID()];
  await db.insertInto('pooled_mean').values({ id: meanId, partnership_id: f.partnershipId, organization_id: organizationId, kind: 'room', label: 'Une salle', created_at: now }).execute();
  await db
    .insertInto('pooled_mean_booking')
    .values({ id: bookingId, mean_id: meanId, project_id: projectId, starts_at: new Date('2099-01-01T09:00:00Z'), ends_at: new Date('2099-01-01T17:00:00Z'), status: 'informed', requested_at: now })
    .execute();
  await db.insertInto('settlement').values({ id: settlementId, budget_id: budgetId, reason: 'closing', status: 'draft', received_cents: 0, spent_cents: 0, created_at: now }).execute();
  return { projectId, purposeId, objectiveId, indicatorId, budgetId, lineKey, meanId, bookingId, settlementId };
}

/** Cases per route: 50 in `npm test`; `FUZZ_RUNS=10000 npx vitest run test/api/never-500.test.ts` is the large run. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 50);

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x'.repeat(201), 'é'.repeat(250), "'; drop table person; --", '{"a":1}', 'null'),
);
const anyValue = fc.oneof(text, fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE));
const date = fc.oneof(
  fc.constantFrom(TODAY, '2026-01-01', '0000-01-01', '0001-01-01', '9999-12-31', '2024-02-29', '2026-02-29', '2026-13-01', '20260310', '2026-03-10T00:00:00Z'),
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const number = fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constantFrom(0, 1, 50, 51, 10000, 10001, 2 ** 31, 1e21, 0.5));
const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: anyValue });

/** Records of the route's fields, each right or wrong, each present or not. */
function nearlyValid(fields: Record<string, fc.Arbitrary<unknown>>) {
  return fc.record(Object.fromEntries(Object.entries(fields).map(([key, arbitrary]) => [key, maybe(arbitrary)])), { requiredKeys: [] });
}

const someId = () => fc.constantFrom(...Object.values(ids), f.adminPersonId, f.partnershipId, '00000000-0000-0000-0000-000000000000');
const bodies = {
  organization: () => nearlyValid({ name: text, kind: fc.constantFrom('association', 'other', 'castle'), contactEmail: fc.oneof(fc.emailAddress(), text), contactPhone: text, address: text }),
  person: () =>
    nearlyValid({
      fullName: text,
      email: fc.oneof(fc.emailAddress(), text),
      phone: text,
      isPartnershipAdmin: fc.boolean(),
      memberships: fc.array(nearlyValid({ organizationId: someId(), kind: fc.constantFrom('volunteer', 'staff', 'board', 'king'), isOrganizationAdmin: fc.boolean() }), { maxLength: 3 }),
    }),
  body: () =>
    nearlyValid({
      name: text,
      kind: fc.constantFrom('plenary', 'steering', 'circle', 'x'),
      parentBodyId: fc.oneof(someId(), fc.constant(null)),
      purpose: text,
      delegatesPerOrganization: number,
      minReferentsPerOrganization: number,
      minSize: number,
      maxSize: number,
      meetingsPerYear: number,
      foundedOn: date,
    }),
  seat: () =>
    nearlyValid({
      personId: someId(),
      organizationId: fc.oneof(someId(), fc.constant(null)),
      capacity: fc.constantFrom('delegate', 'referent', 'member', 'chair'),
      mandateSource: fc.constantFrom('board', 'staff_body', 'self', 'god'),
      startsOn: date,
      endsOn: fc.oneof(date, fc.constant(null)),
    }),
  role: () =>
    nearlyValid({
      name: text,
      purpose: text,
      accountabilities: fc.array(text, { maxLength: 3 }),
      termMonths: number,
      bodyId: fc.oneof(someId(), fc.constant(null)),
      maxHolders: number,
      sitsInParent: fc.boolean(),
      appointedByParent: fc.boolean(),
      supervisesCircles: fc.boolean(),
    }),
  assignment: () => nearlyValid({ personId: someId(), startsOn: date, endsOn: fc.oneof(date, fc.constant(null)) }),
  delegation: () => nearlyValid({ fromPersonId: someId(), toPersonId: someId(), bodyId: someId(), scope: text, startsOn: date, endsOn: fc.oneof(date, fc.constant(null)) }),
  end: () => nearlyValid({ endsOn: date }),
  charterContent: () =>
    nearlyValid({
      title: text,
      articles: fc.array(nearlyValid({ key: someId(), kind: fc.constantFrom('purpose', 'budget', 'custom', 'x'), title: text, body: text }), { maxLength: 3 }),
      rules: nearlyValid({
        bodyIds: fc.array(someId(), { maxLength: 3 }),
        decisionMatrix: fc.array(
          nearlyValid({
            id: someId(),
            level: fc.constantFrom('strategic', 'operational', 'x'),
            topic: text,
            bodyId: someId(),
            method: fc.constantFrom('consensus', 'majority', 'x'),
            quorumPercent: number,
            maxRounds: number,
            onBlock: fc.oneof(fc.constant({ kind: 'lapse' }), nearlyValid({ kind: fc.constantFrom('arbitration', 'x'), bodyId: someId() })),
          }),
          { maxLength: 3 },
        ),
        participationLevels: fc.array(fc.constantFrom('consultation', 'x'), { maxLength: 3 }),
        revision: nearlyValid({ requestedBy: fc.constantFrom('any_member', 'x'), bodyId: someId(), method: fc.constantFrom('consent', 'x') }),
        dispute: nearlyValid({ crisisMeetingWithinDays: number, mediationProvider: text, exitPlanObjectives: fc.array(text, { maxLength: 2 }) }),
        duration: nearlyValid({ startsOn: date, endsOn: date }),
        budget: nearlyValid({ totalCents: number, posts: fc.array(nearlyValid({ id: someId(), label: text, percent: number, amountCents: number }), { maxLength: 3 }) }),
        licence: nearlyValid({ licence: fc.constantFrom('CC-BY-SA-4.0', 'x'), outputs: fc.array(text, { maxLength: 2 }) }),
        confidentialData: fc.array(text, { maxLength: 2 }),
        signatories: fc.array(nearlyValid({ id: someId(), personId: someId(), organizationId: someId(), capacity: text }), { maxLength: 2 }),
      }),
    }),
};

type Method = 'POST' | 'PATCH' | 'PUT';
const routes = (): [Method, string, fc.Arbitrary<unknown>][] => [
  ...projectConductRoutes(),
  ...budgetRoutes(),
  ...moneyRoutes(),
  ...disputeRoutes(),
  ...disputeEndingRoutes(),
  ...projectLifecycleRoutes(),
  ...deliverableRoutes(),
  ...tensionRoutes(),
  ...mapRoutes(),
  ...resourceRoutes(),
  ...questionnaireRoutes(),
  ...accompanimentRoutes(),
  ['POST', `${f.base}/circles/${ids.circleId}/join-requests`, nearlyValid({ motivation: text })],
  ['POST', `${f.base}/circles/${ids.circleId}/invitations`, nearlyValid({ personId: someId(), motivation: text })],
  ['POST', `${f.base}/circle-joins/${ids.joinId}/withdrawal`, anyValue],
  ['POST', `${f.base}/organizations`, bodies.organization()],
  ['PATCH', `${f.base}/organizations/${ids.organizationId}`, bodies.organization()],
  ['POST', `${f.base}/organizations/${ids.organizationId}/memberships`, nearlyValid({ personId: someId(), kind: fc.constantFrom('staff', 'x'), isOrganizationAdmin: fc.boolean() })],
  ['POST', `${f.base}/membership-requests/${ids.requestId}/decline`, anyValue],
  ['POST', `${f.base}/membership-requests/${ids.requestId}/accept`, anyValue],
  ['POST', `${f.base}/people`, bodies.person()],
  ['PATCH', `${f.base}/people/${ids.otherPersonId}`, bodies.person()],
  ['POST', `${f.base}/bodies`, bodies.body()],
  ['PATCH', `${f.base}/bodies/${ids.bodyId}`, bodies.body()],
  ['POST', `${f.base}/bodies/${ids.bodyId}/members`, bodies.seat()],
  ['POST', `${f.base}/bodies/${ids.bodyId}/members/${ids.seatId}/end`, bodies.end()],
  ['POST', `${f.base}/roles`, bodies.role()],
  ['PATCH', `${f.base}/roles/${ids.roleId}`, bodies.role()],
  ['POST', `${f.base}/roles/${ids.roleId}/assignments`, bodies.assignment()],
  ['POST', `${f.base}/roles/${ids.roleId}/assignments/${ids.assignmentId}/end`, bodies.end()],
  ['POST', `${f.base}/delegations`, bodies.delegation()],
  ['POST', `${f.base}/delegations/${ids.delegationId}/end`, bodies.end()],
  ['POST', `${f.base}/charters`, nearlyValid({ template: fc.constantFrom('partnership', 'cooperation', null, 'x'), title: text })],
  ['PUT', `${f.base}/charters/${ids.charterId}/versions/${ids.versionId}`, bodies.charterContent()],
  ['POST', `${f.base}/charters/import`, nearlyValid({ format: fc.constantFrom('entente-charter', 'x'), formatVersion: number, kind: fc.constantFrom('project', 'x'), content: bodies.charterContent() })],
  ['POST', `${f.base}/charters/${ids.charterId}/versions/${ids.versionId}/adoption`, nearlyValid({ bodyId: someId(), adoptedOn: date, contentHash: fc.constantFrom('0'.repeat(64), 'x') })],
  [
    'POST',
    `${f.base}/charters/${ids.charterId}/versions/${ids.versionId}/signatures`,
    nearlyValid({ signatoryId: someId(), typedName: text, readAndApproved: fc.constantFrom(true, false, 'oui'), contentHash: fc.constantFrom('0'.repeat(64), 'x') }),
  ],
  [
    'POST',
    `${f.base}/proposals`,
    nearlyValid({ level: fc.constantFrom('strategic', 'x'), topic: text, wording: text, context: text, participationLevel: fc.constantFrom('participation', 'x'), facilitatorId: someId() }),
  ],
  ['PATCH', `${f.base}/proposals/${ids.proposalId}`, nearlyValid({ wording: text, context: text })],
  ['POST', `${f.base}/proposals/${ids.proposalId}/amend-and-reopen`, nearlyValid({ wording: text, context: text, deadline: text })],
  ['POST', `${f.base}/proposals/${ids.proposalId}/phase`, anyValue],
  [
    'POST',
    `${f.base}/proposals/${ids.proposalId}/stances`,
    nearlyValid({ stance: fc.constantFrom('consent', 'object', 'for', 'x'), reason: text, idempotencyKey: fc.oneof(text, fc.uuid()), onBehalfOf: someId() }),
  ],
  ['POST', `${f.base}/proposals/${ids.proposalId}/proxies`, nearlyValid({ holderId: someId() })],
  [
    'POST',
    `${f.base}/proposals/${ids.proposalId}/close-round`,
    nearlyValid({ statement: text, reviewOn: date, expected: fc.oneof(fc.record({ outcome: fc.constantFrom('amend', 'adopted', 'x'), reason: fc.constantFrom('quorumNotReached', 'x') }), text) }),
  ],
  ['POST', `${f.base}/proposals/${ids.proposalId}/decision`, nearlyValid({ outcome: fc.constantFrom('adopted', 'x'), statement: text, reviewOn: date })],
  ['POST', `${f.base}/proposals/${ids.proposalId}/messages`, nearlyValid({ kind: fc.constantFrom('question', 'answer', 'reaction', 'comment', 'x'), body: text, replyTo: someId() })],
  ['POST', `${f.base}/elections`, nearlyValid({ bodyId: fc.constantFrom(ids.bodyId, randomUUID()), roleId: someId(), termMonths: number, qualities: text, facilitatorId: someId(), nominationDeadline: date })],
  ['PUT', `${f.base}/elections/${ids.electionId}/nomination`, nearlyValid({ nomineeId: fc.constantFrom(ids.personId, ids.otherPersonId, randomUUID()), reason: text })],
  ['POST', `${f.base}/elections/${ids.electionId}/phase`, anyValue],
  ['POST', `${f.base}/elections/${ids.electionId}/candidate`, nearlyValid({ candidateId: someId(), deadline: date })],
  ['POST', `${f.base}/elections/${ids.electionId}/stances`, nearlyValid({ stance: fc.constantFrom('consent', 'object', 'x'), reason: text })],
  ['POST', `${f.base}/elections/${ids.electionId}/close-round`, anyValue],
  [
    'POST',
    `${f.base}/meetings`,
    nearlyValid({ bodyId: fc.constantFrom(ids.bodyId, randomUUID()), title: text, startsAt: fc.oneof(date, fc.constant('2026-04-01T18:00:00+02:00')), durationMinutes: number, place: text, onlineUrl: fc.oneof(text, fc.webUrl()), facilitatorId: someId(), secretaryId: someId() }),
  ],
  [
    'POST',
    `${f.base}/meetings/past`,
    nearlyValid({
      bodyId: fc.constantFrom(ids.bodyId, randomUUID()),
      title: text,
      heldOn: date,
      place: text,
      facilitatorId: someId(),
      secretaryId: someId(),
      attendeeIds: fc.array(someId(), { maxLength: 3 }),
      minutes: text,
    }),
  ],
  ['POST', `${f.base}/meetings/${ids.meetingId}/agenda`, nearlyValid({ kind: fc.constantFrom('information', 'decision', 'x'), title: text, proposalId: someId(), minutesAllotted: number })],
  ['PUT', `${f.base}/meetings/${ids.meetingId}/agenda/order`, nearlyValid({ itemIds: fc.array(someId(), { maxLength: 3 }) })],
  ['PUT', `${f.base}/meetings/${ids.meetingId}/attendance`, nearlyValid({ personId: someId(), status: fc.constantFrom('present', 'represented', 'x'), representedBy: someId() })],
  ['POST', `${f.base}/meetings/${ids.meetingId}/guests`, nearlyValid({ personId: fc.constantFrom(ids.personId, ids.otherPersonId, randomUUID()), reason: text })],
  ['PUT', `${f.base}/meetings/${ids.meetingId}/minutes`, nearlyValid({ text, basedOn: number })],
  ['POST', `${f.base}/meetings/${ids.meetingId}/advance`, anyValue],
  ['PUT', `${f.base}/meetings/${ids.meetingId}/roles`, nearlyValid({ facilitatorId: fc.constantFrom(ids.personId, randomUUID()), secretaryId: someId() })],
  ['PUT', `${f.base}/meetings/${ids.meetingId}/round-word`, nearlyValid({ word: text })],
  ['POST', `${f.base}/meetings/${ids.meetingId}/minutes/review`, nearlyValid({ until: fc.oneof(date, fc.constant('2026-04-01T18:00:00+02:00')) })],
  ['PUT', `${f.base}/meetings/${ids.meetingId}/minutes/review`, nearlyValid({ verdict: fc.constantFrom('approve', 'amend', 'x'), remark: text, basedOn: number })],
  ['POST', `${f.base}/date-polls`, nearlyValid({ bodyId: fc.constantFrom(ids.bodyId, randomUUID()), title: text, durationMinutes: number, slots: fc.array(fc.oneof(date, fc.constant('2026-04-01T18:00:00+02:00')), { maxLength: 22 }) })],
  ['PUT', `${f.base}/date-polls/${ids.pollId}/answers`, nearlyValid({ answers: fc.array(nearlyValid({ slotId: someId(), answer: fc.constantFrom('yes', 'if_need_be', 'no', 'x') }), { maxLength: 3 }) })],
  ['POST', `${f.base}/date-polls/${ids.pollId}/close`, nearlyValid({ slotId: someId(), place: text, onlineUrl: fc.oneof(text, fc.webUrl()), secretaryId: someId() })],
  ['POST', `${f.base}/action-plans`, nearlyValid({ title: text })],
  [
    'PUT',
    `${f.base}/action-plans/${ids.planId}`,
    nearlyValid({
      title: text,
      startsOn: date,
      endsOn: date,
      subjects: fc.array(
        nearlyValid({
          id: someId(),
          title: text,
          description: text,
          actions: fc.array(nearlyValid({ id: someId(), title: text, ownerId: fc.oneof(someId(), fc.constant(null)), deadline: fc.oneof(date, fc.constant(null)), status: fc.constantFrom('todo', 'done', 'x') }), { maxLength: 3 }),
        }),
        { maxLength: 3 },
      ),
    }),
  ],
  ['POST', `${f.base}/action-plans/${ids.planId}/proposal`, nearlyValid({ wording: text, context: text, facilitatorId: someId() })],
  ['PUT', `${f.base}/action-plans/${ids.planId}/actions/${ids.actionId}/status`, nearlyValid({ status: fc.constantFrom('todo', 'doing', 'done', 'dropped', 'x') })],
  ['PUT', `${f.base}/projects/${ids.projectId}/subjects`, nearlyValid({ subjectIds: fc.array(someId(), { maxLength: 3 }) })],
  ['POST', '/api/v1/auth/sign-in', nearlyValid({ email: fc.oneof(fc.emailAddress(), text), password: text })],
  ['POST', '/api/v1/auth/magic-link', nearlyValid({ email: fc.oneof(fc.emailAddress(), text) })],
  ['POST', '/api/v1/auth/magic-link/consume', nearlyValid({ token: fc.oneof(text, fc.string({ minLength: 20, maxLength: 60 })) })],
  ['POST', '/api/v1/auth/invitation/describe', nearlyValid({ token: fc.oneof(text, fc.string({ minLength: 20, maxLength: 60 })) })],
  ['POST', '/api/v1/auth/invitation/accept', nearlyValid({ token: fc.string({ minLength: 20, maxLength: 60 }), password: text })],
  ['POST', '/api/v1/auth/locale', nearlyValid({ locale: fc.constantFrom('fr', 'en', 'de') })],
  ['POST', '/api/v1/auth/action-link', nearlyValid({ token: fc.oneof(text, fc.string({ minLength: 20, maxLength: 60 })), path: fc.constantFrom(`/p/${f.partnershipId}/journal`, '//elsewhere', 'x') })],
  ['PUT', `${f.base}/mail-preference`, nearlyValid({ preference: fc.constantFrom('each', 'digest', 'deadlines', 'none', 'x') })],
  ['POST', '/api/v1/mail-settings/describe', nearlyValid({ token: fc.oneof(text, fc.string({ minLength: 20, maxLength: 60 })) })],
  ['POST', '/api/v1/mail-settings/preference', nearlyValid({ token: fc.oneof(text, fc.string({ minLength: 20, maxLength: 60 })), preference: fc.constantFrom('each', 'none', 'x') })],
];

async function send(method: Method, url: string, payload: unknown) {
  const response = await t.app.inject({
    method,
    url,
    headers: { cookie: f.admin.cookie!, 'x-csrf-token': f.admin.csrfToken!, 'content-type': 'application/json' },
    payload: JSON.stringify(payload) ?? 'null',
  });
  return response;
}

// The large run takes hours: its timeout grows with it.
describe('never a 500', { timeout: Math.max(30_000, RUNS * 2_000) }, () => {
  it('for any JSON body on any route', async () => {
    for (const [method, url] of routes()) {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (payload) => {
          const response = await send(method, url, payload);
          expect(response.statusCode, `${method} ${url} ${JSON.stringify(payload)} → ${response.body}`).toBeLessThan(500);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('for nearly valid inputs on every route', async () => {
    for (const [method, url, input] of routes()) {
      await fc.assert(
        fc.asyncProperty(input, async (payload) => {
          const response = await send(method, url, payload);
          expect(response.statusCode, `${method} ${url} ${JSON.stringify(payload)} → ${response.body}`).toBeLessThan(500);
          expect(response.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(200);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('for any query string of the journal', async () => {
    const value = fc.oneof(fc.string(), fc.integer().map(String), fc.constantFrom('0', '-1', '1.5', '2147483647', '2147483648', '3000000000', '9007199254740991', '1e300', 'NaN', '', '%00'));
    await fc.assert(
      fc.asyncProperty(value, value, async (before, limit) => {
        const response = await f.admin.get(`${f.base}/journal?before=${encodeURIComponent(before)}&limit=${encodeURIComponent(limit)}`);
        expect(response.status, `before=${before} limit=${limit}`).toBeLessThan(500);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it.each(['a body’s decision register', 'the register of agreements and disagreements'])('for any query string of %s', async (register) => {
    const path = register === 'a body’s decision register' ? `${f.base}/bodies/${ids.bodyId}/decisions` : `${f.base}/disagreements`;
    const cursor = fc.oneof(fc.string(), fc.constantFrom('2026-03-10T09:00:00.000Z~00000000-0000-0000-0000-000000000000', '9999-99-99T99:99:99.999Z~00000000-0000-0000-0000-000000000000', '0000-01-01T00:00:00.000Z~zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', '~', ''));
    await fc.assert(
      fc.asyncProperty(cursor, fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('%', '_', "'", 'x'.repeat(201))), async (before, q) => {
        const response = await f.admin.get(`${path}?before=${encodeURIComponent(before)}&q=${encodeURIComponent(q)}`);
        expect(response.status, `before=${before} q=${q}`).toBeLessThan(500);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('for any query string of the people list', async () => {
    const id = fc.oneof(fc.uuid().map(String), fc.string(), fc.constantFrom(ids.personId, '00000000-0000-0000-0000-000000000000', ''));
    const idList = fc.oneof(fc.array(id, { maxLength: 120 }).map((list) => list.join(',')), fc.string(), fc.constantFrom(',', ',,,', `${ids.personId},`));
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('%', '_', '\\', "'", 'x'.repeat(201)));
    await fc.assert(
      fc.asyncProperty(text, id, id, idList, fc.oneof(fc.string(), fc.integer().map(String)), async (q, organizationId, after, someIds, limit) => {
        const query = new URLSearchParams({ q, organizationId, after, ids: someIds, limit });
        const response = await f.admin.get(`${f.base}/people?${query}`);
        expect(response.status, String(query)).toBeLessThan(500);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('for any percent-encoding of any route’s path: the same answer as the plain path', async () => {
    const member = await newMember(t, f);
    const paths = (t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    const everyRoute = Object.entries(paths).flatMap(([template, operations]) =>
      Object.keys(operations).map((method) => [method.toUpperCase() as HttpMethod, template.replace('{partnershipId}', f.partnershipId).replace(/\{[^}]+\}/g, randomUUID())] as const),
    );
    const encoded = (path: string) =>
      fc
        .array(fc.constantFrom('keep', 'upper', 'lower'), { minLength: path.length, maxLength: path.length })
        .map((choices) =>
          [...path]
            .map((character, index) => {
              const hex = character.charCodeAt(0).toString(16).padStart(2, '0');
              if (character === '/' || choices[index] === 'keep') return character;
              return `%${choices[index] === 'upper' ? hex.toUpperCase() : hex}`;
            })
            .join(''),
        );
    // Anonymous, and signed in without the CSRF token: neither may reach a mutation, however the path is written.
    const ask = (method: HttpMethod, url: string, client: Client | undefined) =>
      t.app.inject({ method, url, headers: { 'content-type': 'application/json', ...(client ? { cookie: client.cookie! } : {}) }, payload: method === 'GET' ? undefined : '{}' });
    expect(everyRoute.length).toBeGreaterThan(80);
    for (const [method, path] of everyRoute) {
      for (const client of [undefined, member.client]) {
        const plain = await ask(method, path, client);
        await fc.assert(
          fc.asyncProperty(encoded(path), async (url) => {
            const response = await ask(method, url, client);
            expect(response.statusCode, `${method} ${url} → ${response.body}`).toBeLessThan(500);
            if (response.statusCode !== 429 && plain.statusCode !== 429) expect(response.statusCode, `${method} ${url}`).toBe(plain.statusCode);
          }),
          { numRuns: Math.max(3, RUNS / 10) },
        );
      }
    }
    expect((await ask('POST', '/%61pi/v1/auth/sign-out-everywhere', undefined)).statusCode).toBe(401);
  });

  it('for bodies that are not JSON at all', async () => {
    for (const [method, url] of routes()) {
      for (const [type, payload] of [
        ['application/json', '{"name":'],
        ['application/json', ''],
        ['application/json', '{"__proto__":{"polluted":true},"name":"x","kind":"other"}'],
        ['application/json', '{"constructor":{"prototype":{"polluted":true}}}'],
        ['application/json; charset=latin1', '{"name":"x"}'],
        ['text/plain', 'hello'],
        ['application/x-www-form-urlencoded', 'name=x&kind=other'],
      ] as const) {
        const response = await t.app.inject({ method, url, headers: { cookie: f.admin.cookie!, 'x-csrf-token': f.admin.csrfToken!, 'content-type': type }, payload });
        expect(response.statusCode, `${method} ${url} ${type} ${payload}`).toBeLessThan(500);
      }
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

/** The split, the settlement, the common fund and the pooled means: amounts at their edges, ids of any kind, instants out of order. */
function moneyRoutes(): [Method, string, fc.Arbitrary<unknown>][] {
  const budget = `${f.base}/budgets/${ids.budgetId}`;
  const cents = fc.oneof(number, fc.constantFrom(100_000_000_000, 100_000_000_001, -1, 0, 2 ** 53, 0.5));
  const year = fc.oneof(number, fc.constantFrom(2026, 1999, 2201, '2026'));
  const moment = fc.constantFrom('2099-03-14T09:00:00Z', '2099-03-14T08:00:00+02:00', '2020-01-01T00:00:00Z', '2099-13-40T25:00:00Z', 'x', '');
  return [
    ['POST', `${budget}/lines`, nearlyValid({ category: fc.constantFrom('transport', 'grant', 'x'), label: text, amountCents: fc.oneof(cents, fc.constant(null)), internal: fc.boolean(), organizationId: fc.oneof(someId(), fc.constant(null)), grantStatus: fc.constantFrom('applied', null, 'x') })],
    ['POST', `${budget}/split-payments`, nearlyValid({ postId: someId(), paidOn: date, amountCents: cents, personId: fc.oneof(someId(), fc.constant(null)), organizationId: fc.oneof(someId(), fc.constant(null)) })],
    ['POST', `${budget}/settlements`, nearlyValid({ reason: fc.constantFrom('closing', 'exit_plan', 'x') })],
    ['PUT', `${budget}/settlements/${ids.settlementId}`, nearlyValid({ reason: fc.constantFrom('closing', 'x'), delivered: fc.array(nearlyValid({ postId: someId(), deliveredCents: cents }), { maxLength: 3 }) })],
    ['POST', `${budget}/settlements/${ids.settlementId}/proposal`, nearlyValid({ context: text, facilitatorId: someId() })],
    ['PUT', `${f.base}/fund/declarations`, nearlyValid({ organizationId: someId(), year, budgetCents: cents })],
    ['POST', `${f.base}/fund/calls`, nearlyValid({ year })],
    ['POST', `${f.base}/fund/payments`, nearlyValid({ callId: someId(), amountCents: cents, paidOn: date })],
    ['POST', `${f.base}/fund/spendings`, nearlyValid({ wording: text, context: text, amountCents: cents, facilitatorId: someId() })],
    ['POST', `${f.base}/pooled-means`, nearlyValid({ organizationId: someId(), kind: fc.constantFrom('room', 'vehicle', 'x'), label: text, conditions: text })],
    ['POST', `${f.base}/projects/${ids.projectId}/pooled-mean-bookings`, nearlyValid({ meanId: someId(), startsAt: moment, endsAt: moment, purpose: text })],
    ['POST', `${f.base}/pooled-mean-bookings/${ids.bookingId}/decline`, nearlyValid({ reason: text })],
  ];
}

/** A dispute's first half: parties, rounds and outcomes of any kind, meetings at any instant, mediators inside or outside. */
function disputeRoutes(): [Method, string, fc.Arbitrary<unknown>][] {
  const dispute = `${f.base}/disputes/${ids.crisisDisputeId}`;
  const moment = fc.constantFrom('2099-03-14T09:00:00Z', '2099-03-14T08:00:00+02:00', '2020-01-01T00:00:00Z', '2099-13-40T25:00:00Z', 'x', '');
  return [
    ['POST', `${f.base}/disputes`, nearlyValid({ charterId: someId(), subject: text, partyIds: fc.array(someId(), { maxLength: 3 }) })],
    ['POST', `${dispute}/crisis-meeting`, nearlyValid({ startsAt: moment, place: text, onlineUrl: fc.constantFrom('https://visio.example/crise', 'x', null) })],
    ['POST', `${dispute}/meetings/${ids.crisisMeetingId}/notes`, nearlyValid({ round: fc.constantFrom('facts', 'needs', 'x', ''), text })],
    ['POST', `${dispute}/crisis-outcome`, nearlyValid({ outcome: fc.constantFrom('agreement', 'mediation', 'exit_plan', 'x'), agreement: text })],
    ['POST', `${dispute}/mediator`, fc.oneof(nearlyValid({ personId: someId() }), nearlyValid({ outsider: nearlyValid({ fullName: text, email: fc.constantFrom('claire@example.org', 'x', '') }) }))],
    ['POST', `${dispute}/mediation-outcome`, nearlyValid({ outcome: fc.constantFrom('agreement', 'failure', 'x'), agreement: text })],
  ];
}

/** A dispute's ending: owners and days of any kind, statements of any id, instants anywhere, write-ups of any text. */
function disputeEndingRoutes(): [Method, string, fc.Arbitrary<unknown>][] {
  const dispute = `${f.base}/disputes/${ids.disputeId}`;
  const moment = fc.constantFrom('2099-03-14T09:00:00Z', '2099-03-14T08:00:00+02:00', '2020-01-01T00:00:00Z', '2099-13-40T25:00:00Z', 'x', '');
  return [
    ['PUT', `${dispute}/tasks/${ids.taskId}`, nearlyValid({ ownerId: fc.oneof(someId(), fc.constant(null)), dueOn: fc.oneof(date, fc.constant(null)) })],
    ['PUT', `${dispute}/tasks/${ids.taskId}/settlement`, nearlyValid({ settlementId: fc.oneof(someId(), fc.constant(null)) })],
    ['POST', `${dispute}/restorative-circle`, nearlyValid({ startsAt: moment, place: text, onlineUrl: fc.constantFrom('https://visio.example/cercle', 'x', null) })],
    ['PUT', `${dispute}/write-up`, nearlyValid({ text })],
    ['PUT', `${dispute}/publish-consent`, nearlyValid({ consents: fc.constantFrom(true, false, 'oui', null) })],
  ];
}

/** Tensions: texts of any kind, levels out of the list, owners of every kind, due days anywhere. */
function tensionRoutes(): [Method, string, fc.Arbitrary<unknown>][] {
  const tension = `${f.base}/tensions/${ids.tensionId}`;
  return [
    ['POST', `${f.base}/bodies/${ids.bodyId}/tensions`, nearlyValid({ text })],
    ['POST', `${tension}/proposal`, nearlyValid({ wording: text, level: fc.constantFrom('strategic', 'operational', 'x'), topic: text, participationLevel: fc.constantFrom('participation', 'x') })],
    ['POST', `${tension}/task`, nearlyValid({ title: text, ownerId: someId(), dueOn: date })],
    ['POST', `${tension}/close`, nearlyValid({ word: text })],
    ['POST', `${tension}/withdraw`, nearlyValid({ word: text })],
  ];
}

/** A project's budget: amounts at the columns' edges, categories and statuses out of their lists, proofs that are no PDF. */
function budgetRoutes(): [Method, string, fc.Arbitrary<unknown>][] {
  const budget = `${f.base}/budgets/${ids.budgetId}`;
  const cents = fc.oneof(number, fc.constantFrom(100_000_000_000, 100_000_000_001, -1, 0, 2 ** 53, 0.5));
  const line = () =>
    nearlyValid({
      category: fc.constantFrom('transport', 'grant', 'premises', 'contribution', 'x'),
      label: text,
      amountCents: fc.oneof(cents, fc.constant(null)),
      internal: fc.boolean(),
      organizationId: fc.oneof(someId(), fc.constant(null)),
      grantStatus: fc.constantFrom('applied', 'paid', null, 'x'),
    });
  const attachment = nearlyValid({ fileName: text, contentType: fc.constantFrom('application/pdf', 'image/png', 'image/gif'), contentBase64: fc.constantFrom('JVBERi0xLjQ=', '***', '', 'AA') });
  return [
    ['POST', `${f.base}/projects/${ids.projectId}/budget/lines`, line()],
    ['PUT', `${budget}/lines/${ids.lineKey}`, line()],
    ['PUT', `${budget}/lines/${ids.lineKey}/grant-status`, nearlyValid({ grantStatus: fc.constantFrom('to_apply', 'applied', 'granted', 'paid', 'x') })],
    [
      'POST',
      `${budget}/entries`,
      nearlyValid({
        lineKey: someId(),
        occurredOn: date,
        amountCents: cents,
        organizationId: fc.oneof(someId(), fc.constant(null)),
        personId: fc.oneof(someId(), fc.constant(null)),
        counterparty: text,
        note: text,
        attachment: fc.oneof(fc.constant(null), attachment),
      }),
    ],
  ];
}

/** A project's conduct: numbers at numeric(14, 2)'s edges, dates anywhere, references of every kind. */
function projectConductRoutes(): [Method, string, fc.Arbitrary<unknown>][] {
  const project = `${f.base}/projects/${ids.projectId}`;
  const quantity = fc.oneof(number, fc.constantFrom(999_999_999_999, 999_999_999_999.99, 1e12, -1e12, 0.005, -0.001, Number.MAX_VALUE));
  const objective = () => nearlyValid({ statement: text, metric: text, target: text, deadline: fc.oneof(date, fc.constant(null)), ownerId: fc.oneof(someId(), fc.constant(null)) });
  const indicator = () => nearlyValid({ objectiveId: someId(), label: text, unit: text, target: quantity });
  return [
    ['PUT', `${project}/diagnosis`, nearlyValid({ diagnosis: text, sources: text })],
    ['POST', `${project}/purposes`, nearlyValid({ statement: text })],
    ['PUT', `${project}/purposes/${ids.purposeId}`, nearlyValid({ statement: text, position: number })],
    ['POST', `${project}/objectives`, objective()],
    ['PUT', `${project}/objectives/${ids.objectiveId}`, objective()],
    ['POST', `${project}/indicators`, indicator()],
    ['PUT', `${project}/indicators/${ids.indicatorId}`, indicator()],
    ['POST', `${project}/indicators/${ids.indicatorId}/measurements`, nearlyValid({ measuredOn: date, value: quantity, organizationId: fc.oneof(someId(), fc.constant(null)), note: text })],
    ['POST', `${project}/means`, nearlyValid({ organizationId: someId(), kind: fc.constantFrom('room', 'speaker', 'x'), description: text })],
    ['PUT', `${project}/mission-sheet`, nearlyValid({ missionGoals: text, missionTime: text, missionTraining: text })],
  ];
}

/** A charter's deliverables: titles at their limits, days and owners of any kind, statuses out of their list, addresses that are no web address. */
function deliverableRoutes(): [Method, string, fc.Arbitrary<unknown>][] {
  const deliverables = `${f.base}/charters/${ids.charterId}/deliverables`;
  const deliverable = `${deliverables}/${ids.deliverableId}`;
  const dueOn = fc.oneof(date, fc.constant(null));
  return [
    ['POST', deliverables, nearlyValid({ title: text, description: text, ownerId: fc.oneof(someId(), fc.constant(null)), dueOn })],
    ['PUT', deliverable, nearlyValid({ title: text, description: text, dueOn })],
    ['PUT', `${deliverable}/owner`, nearlyValid({ ownerId: fc.oneof(someId(), fc.constant(null)) })],
    [
      'PUT',
      `${deliverable}/status`,
      nearlyValid({
        status: fc.constantFrom('planned', 'in_progress', 'delivered', 'published', 'dropped', 'x'),
        publishedUrl: fc.oneof(text, fc.constantFrom('https://example.org/a', 'ftp://x', `https://example.org/${'a'.repeat(2000)}`)),
      }),
    ],
  ];
}

/** A project's nine steps and its evaluation: references of every kind, texts at their limits, steps out of order. */
function projectLifecycleRoutes(): [Method, string, fc.Arbitrary<unknown>][] {
  const project = `${f.base}/projects/${ids.projectId}`;
  const someIds = fc.array(someId(), { maxLength: 3 });
  return [
    ['POST', `${f.base}/projects`, nearlyValid({ title: text, summary: text, origin: fc.constantFrom('team', 'board', 'x'), originDetail: text, carrierPersonIds: someIds, carrierOrganizationIds: someIds })],
    ['PUT', `${project}/formalization`, nearlyValid({ needs: text, analysis: text, organizationIds: someIds })],
    ['POST', `${project}/presentation`, nearlyValid({ facilitatorId: someId(), wording: text, context: text })],
    ['POST', `${project}/carriers-told`, nearlyValid({ recommendations: text, vigilance: text })],
    ['POST', `${project}/referents`, nearlyValid({ organizationId: someId(), personId: someId() })],
    ['POST', `${project}/lead`, nearlyValid({ personId: someId(), missionGoals: text, missionTime: text, missionTraining: text })],
    ['POST', `${project}/lead/refusal`, nearlyValid({ reason: text })],
    ['POST', `${project}/evaluations`, nearlyValid({ periodEndsOn: date, analysis: text, emergingNeeds: text, proposedOutcome: fc.constantFrom('renew', 'close', 'x') })],
  ];
}

describe('the fuzzed routes', () => {
  it('include every route the API describes as taking a body', () => {
    const fuzzed = routes().map(([method, url]) => [method, url.split('?')[0]!] as const);
    const paths = (t.app.swagger() as { paths: Record<string, Record<string, { requestBody?: unknown }>> }).paths;
    const unfuzzed = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.requestBody !== undefined)
        .map(([method]) => `${method.toUpperCase()} ${path}`)
        .filter((route) => {
          const [method, template] = route.split(' ') as [string, string];
          const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
          return !fuzzed.some(([m, url]) => m === method && pattern.test(url));
        }),
    );
    expect(unfuzzed).toEqual([]);
  });
});

describe('inputs that once caused a 500', () => {
  it('an empty patch is a no-op: 200, nothing changed, no journal entry', async () => {
    const before = await journalLength(t, f.partnershipId);
    for (const url of [`organizations/${ids.organizationId}`, `people/${ids.otherPersonId}`, `bodies/${ids.bodyId}`, `roles/${ids.roleId}`]) {
      const response = await f.admin.patch(`${f.base}/${url}`, {});
      expect(response.status, url).toBe(200);
    }
    expect(await journalLength(t, f.partnershipId)).toBe(before);
  });

  it('a NUL character in text is refused with 400 (PostgreSQL text cannot hold it)', async () => {
    for (const [method, url, payload] of [
      ['POST', `${f.base}/organizations`, { name: 'Maison\u0000', kind: 'other' }],
      ['PATCH', `${f.base}/bodies/${ids.bodyId}`, { purpose: 'x\u0000y' }],
      ['POST', `${f.base}/roles`, { name: 'Rôle', accountabilities: ['a\u0000'] }],
      ['POST', `${f.base}/delegations`, { fromPersonId: ids.personId, toPersonId: ids.otherPersonId, bodyId: ids.bodyId, scope: '\u0000', startsOn: TODAY }],
    ] as const) {
      const response = await f.admin.request(method, url, payload);
      expect(response.status, url).toBe(400);
      // The random requests above may have set the account's language: only the kind of answer matters here.
      expect(response.body.error).toBe('invalid');
    }
  });

  it('a journal page before a sequence number beyond 32 bits', async () => {
    expect((await f.admin.get(`${f.base}/journal?before=3000000000`)).status).toBeLessThan(500);
  });
});
