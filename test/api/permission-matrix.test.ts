import { randomUUID } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { furnished, partnershipRoutes, type Furnished, type Method } from '../support/partnership-routes.js';
import { copyPartnership, readPartnership, type PartnershipRows } from '../support/partnership-copy.js';
import { countRows, verifiedChain } from '../support/structure.js';
import { Client, createTestAccount, newPartnership, startTestApp, uniqueEmail, type PartnershipFixture, type Response, type TestApp } from '../support/test-app.js';

/**
 * Every route of a partnership, asked by every kind of actor: the answers form a table that
 * docs/PERMISSIONS.md keeps. A change of who may do what changes the table, so it shows in review;
 * `UPDATE_PERMISSIONS=1` writes the new one.
 */
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string;

const MATRIX_FILE = new URL('../../docs/PERMISSIONS.md', import.meta.url);

/** From the least to the most trusted; on a route that writes, each one acts after the previous. */
const ACTORS = [
  ['anonymous', 'anonymous'],
  ['outsider', 'admin of another partnership'],
  ['otherOrganization', 'member of another organization'],
  ['bodyMember', 'body member'],
  ['facilitator', 'facilitator'],
  ['organizationAdmin', 'organization admin'],
  ['partnershipAdmin', 'partnership admin'],
] as const;
type Actor = (typeof ACTORS)[number][0];

let t: TestApp;
let outsider: PartnershipFixture;
/** One account per kind of actor inside a partnership, signed in once; each world gives it a person. */
const accounts = {} as Record<'otherOrganization' | 'bodyMember' | 'facilitator' | 'organizationAdmin', { accountId: string; client: Client }>;
let charterContent: unknown;
let openApiPaths: string[];

beforeAll(async () => {
  t = await startTestApp();
  outsider = await newPartnership(t);
  for (const kind of ['otherOrganization', 'bodyMember', 'facilitator', 'organizationAdmin'] as const) {
    const email = uniqueEmail(kind);
    const accountId = await createTestAccount(t.store.db, email);
    const client = new Client(t.app);
    expect((await client.signIn(email)).status).toBe(200);
    accounts[kind] = { accountId, client };
  }
  openApiPaths = Object.keys((t.app.swagger() as { paths: Record<string, unknown> }).paths).filter((path) => path.startsWith('/api/v1/partnerships/{partnershipId}'));
});
afterAll(() => t.close());

interface World {
  readonly f: PartnershipFixture;
  readonly ids: Furnished;
  /** The organization administrator's request that the member of another organization join theirs. */
  readonly requestId: string;
  /** An active project whose working group is the body, with one of each part of its conduct. */
  readonly project: Awaited<ReturnType<typeof activeProject>>;
  /** A project charter's budget, opened, on which the split and the settlement are asked. */
  readonly charterBudget: Awaited<ReturnType<typeof charterBudget>>;
  /** A dispute at its exit plan between the facilitator and the target person, its one task the facilitator's. */
  readonly dispute: Awaited<ReturnType<typeof disputeAtExitPlan>>;
  /** A deliverable of the furnished charter, owned by the target person. */
  readonly deliverableId: string;
  /** Tensions the target person raised in the body, on the meeting's agenda, and one the meeting made a task of. */
  readonly tensions: Awaited<ReturnType<typeof tensionsOnTheAgenda>>;
  /** A circle under the body, its members the body's, and the administrator's own request to join it. */
  readonly circle: Awaited<ReturnType<typeof circleWorld>>;
  /** A dispute between the facilitator and the target person whose crisis meeting is called, under a charter that hides it. */
  readonly crisis: Awaited<ReturnType<typeof disputeInCrisis>>;
  /** An accompaniment the facilitator facilitates, the target person taking part, and someone to add. */
  readonly accompaniment: Awaited<ReturnType<typeof accompanimentWorld>>;
  readonly clients: Record<Actor, Client>;
}

/** A furnished partnership in which each kind of actor has a person, the proposal in its consent round. */
async function world(): Promise<World> {
  const f = await newPartnership(t);
  const linked = async (kind: keyof typeof accounts, memberships: unknown[]) => {
    const created = await f.admin.post(`${f.base}/people`, { fullName: `Acteur ${kind}`, email: null, memberships });
    expect(created.status).toBe(201);
    await t.store.db.updateTable('person').set({ account_id: accounts[kind].accountId }).where('id', '=', created.body.id).execute();
    return created.body.id as string;
  };
  const seat = async (bodyId: string, personId: string, organizationId: string) =>
    expect((await f.admin.post(`${f.base}/bodies/${bodyId}/members`, { personId, organizationId, capacity: 'delegate', mandateSource: 'board', startsOn: '2026-03-10' })).status).toBe(201);
  let otherOrganizationPersonId = '';
  let facilitatorPersonId = '';
  const ids = await furnished(f, 'Nadia Benali', async ({ organizationId, bodyId }) => {
    const other = await f.admin.post(`${f.base}/organizations`, { name: 'Autre maison', kind: 'association' });
    otherOrganizationPersonId = await linked('otherOrganization', [{ organizationId: other.body.id, kind: 'volunteer' }]);
    await seat(bodyId, await linked('bodyMember', [{ organizationId, kind: 'staff' }]), organizationId);
    const facilitatorId = await linked('facilitator', [{ organizationId, kind: 'staff' }]);
    facilitatorPersonId = facilitatorId;
    await seat(bodyId, facilitatorId, organizationId);
    await linked('organizationAdmin', [{ organizationId, kind: 'board', isOrganizationAdmin: true }]);
    return { facilitatorId };
  });
  for (let move = 0; move < 3; move++) expect((await f.admin.post(`${f.base}/proposals/${ids.proposalId}/phase`)).status).toBe(200);
  const request = await accounts.organizationAdmin.client.post(`${f.base}/organizations/${ids.organizationId}/memberships`, { personId: otherOrganizationPersonId, kind: 'volunteer' });
  expect(request.status).toBe(202);
  return {
    f,
    ids,
    requestId: request.body.id,
    project: await activeProject(f, ids),
    charterBudget: await charterBudget(f),
    dispute: await disputeAtExitPlan(f, ids, facilitatorPersonId),
    deliverableId: await deliverable(f, ids),
    tensions: await tensionsOnTheAgenda(f, ids),
    circle: await circleWorld(f, ids),
    crisis: await disputeInCrisis(f, ids, facilitatorPersonId),
    accompaniment: await accompanimentWorld(f, ids, facilitatorPersonId),
    clients: {
      anonymous: new Client(t.app),
      outsider: outsider.admin,
      otherOrganization: accounts.otherOrganization.client,
      bodyMember: accounts.bodyMember.client,
      facilitator: accounts.facilitator.client,
      organizationAdmin: accounts.organizationAdmin.client,
      partnershipAdmin: f.admin,
    },
  };
}

/** The world built through the API that the world of each route that writes copies; nobody acts in it. */
let original: { readonly world: World; readonly rows: PartnershipRows; readonly adminAccountId: string };

/**
 * A world as new as one built through the API, and the same row for row: a copy of the original
 * under new ids (a world built through its acts cost about 400 ms on PGlite, its copy under 100 ms), with
 * an administrator of its own.
 */
async function copiedWorld(): Promise<World> {
  return (await copyOfOriginal()).world;
}

/** The copy, and how it renamed the original's ids and values. */
async function copyOfOriginal(): Promise<{ world: World; swap: (value: unknown) => unknown }> {
  const adminEmail = uniqueEmail('admin');
  const accountId = await createTestAccount(t.store.db, adminEmail);
  const swap = await copyPartnership(t.store.db, original.rows, { accounts: new Map([[original.adminAccountId, accountId]]), texts: new Map([[original.world.f.adminEmail, adminEmail]]) });
  const admin = new Client(t.app);
  expect((await admin.signIn(adminEmail)).status).toBe(200);
  const { f, clients, ...rest } = original.world;
  const copy = swap({ ...rest, f: { partnershipId: f.partnershipId, adminPersonId: f.adminPersonId, adminEmail: f.adminEmail, base: f.base } }) as Omit<World, 'f' | 'clients'> & { f: Omit<PartnershipFixture, 'admin'> };
  return { world: { ...copy, f: { ...copy.f, admin }, clients: { ...clients, partnershipAdmin: admin } }, swap };
}

/**
 * An active common project of the organization, conducted by the body (its working group: the body
 * member and the facilitator sit there), led by the target person; the lifecycle's acts are not
 * what is asked here, so its rows are written as they would leave them.
 */
async function activeProject(f: PartnershipFixture, ids: Furnished) {
  const [projectId, purposeId, objectiveId, indicatorId, meansId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const now = t.clock.now();
  const db = t.store.db;
  await db
    .insertInto('project')
    .values({ id: projectId, partnership_id: f.partnershipId, title: 'Ateliers numériques', origin: 'team', stage: 'active', stage_since: now, created_by: f.adminPersonId, created_at: now, working_group_id: ids.bodyId, lead_nominee_id: ids.personId })
    .execute();
  await db.insertInto('project_organization').values({ project_id: projectId, organization_id: ids.organizationId }).execute();
  await db.insertInto('project_purpose').values({ id: purposeId, project_id: projectId, position: 0, statement: 'Réduire la fracture numérique' }).execute();
  await db.insertInto('project_objective').values({ id: objectiveId, project_id: projectId, position: 0, statement: 'Accueillir quarante familles' }).execute();
  await db.insertInto('project_indicator').values({ id: indicatorId, project_id: projectId, objective_id: objectiveId, position: 0, label: 'Familles inscrites', target: 40 }).execute();
  await db.insertInto('project_means').values({ id: meansId, project_id: projectId, organization_id: ids.organizationId, kind: 'room', description: 'Une salle', created_at: now }).execute();
  // Its budget: a draft forecast with a grant line, and an entry on it with its proof.
  const [budgetId, versionId, lineKey, entryId, attachmentId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await db.insertInto('budget').values({ id: budgetId, partnership_id: f.partnershipId, project_id: projectId, status: 'open', created_at: now }).execute();
  await db.insertInto('budget_version').values({ id: versionId, budget_id: budgetId, number: 1, status: 'draft', created_at: now, updated_at: now }).execute();
  await db
    .insertInto('budget_line')
    .values({ id: randomUUID(), version_id: versionId, line_key: lineKey, position: 0, kind: 'income', category: 'grant', internal: false, label: 'Subvention de la ville', amount_cents: 500_000, grant_status: 'applied' })
    .execute();
  const proof = Buffer.from('%PDF-1.4 reçu');
  await db
    .insertInto('money_attachment')
    .values({ id: attachmentId, partnership_id: f.partnershipId, file_name: 'recu.pdf', content_type: 'application/pdf', size_bytes: proof.length, sha256: 'a'.repeat(64), content: proof, uploaded_at: now })
    .execute();
  await db.insertInto('budget_entry').values({ id: entryId, budget_id: budgetId, line_key: lineKey, occurred_on: '2026-03-10', amount_cents: 250_000, attachment_id: attachmentId, recorded_at: now }).execute();
  // The organization lends a room the project has booked for next week (its directors: the organization's administrator) and a van nobody has booked.
  const [roomId, vanId, bookingId] = [randomUUID(), randomUUID(), randomUUID()];
  await db
    .insertInto('pooled_mean')
    .values([
      { id: roomId, partnership_id: f.partnershipId, organization_id: ids.organizationId, kind: 'room', label: 'Grande salle', created_at: now },
      { id: vanId, partnership_id: f.partnershipId, organization_id: ids.organizationId, kind: 'vehicle', label: 'Minibus', created_at: now },
    ])
    .execute();
  await db
    .insertInto('pooled_mean_booking')
    .values({ id: bookingId, mean_id: roomId, project_id: projectId, starts_at: new Date('2026-03-17T09:00:00Z'), ends_at: new Date('2026-03-17T12:00:00Z'), status: 'informed', requested_by: ids.personId, requested_at: now })
    .execute();
  return { projectId, purposeId, objectiveId, indicatorId, meansId, budgetId, lineKey, entryId, attachmentId, roomId, vanId, bookingId };
}

/** A project charter (seed 000) without an adopted version yet, and its open budget, as its opening leaves them. */
async function charterBudget(f: PartnershipFixture) {
  const [charterId, budgetId] = [randomUUID(), randomUUID()];
  const now = t.clock.now();
  await t.store.db.insertInto('charter').values({ id: charterId, partnership_id: f.partnershipId, kind: 'project' }).execute();
  await t.store.db.insertInto('budget').values({ id: budgetId, partnership_id: f.partnershipId, project_id: null, charter_id: charterId, status: 'open', created_at: now, closed_at: null }).execute();
  return { charterId, budgetId };
}

/** A dispute under the charter in force whose crisis meeting the facilitator called, as its acts leave it. */
async function disputeInCrisis(f: PartnershipFixture, ids: Furnished, facilitatorId: string) {
  const [disputeId, meetingId] = [randomUUID(), randomUUID()];
  const now = t.clock.now();
  await t.store.db
    .insertInto('dispute')
    .values({ id: disputeId, partnership_id: f.partnershipId, charter_id: ids.charterId, charter_version_id: ids.versionId, subject: 'Un désaccord', opened_by: facilitatorId, opened_at: now, stage: 'crisis', crisis_due_at: now, existence_visible: false })
    .execute();
  await t.store.db.insertInto('dispute_party').values([facilitatorId, ids.personId].map((person_id) => ({ dispute_id: disputeId, person_id }))).execute();
  await t.store.db.insertInto('dispute_meeting').values({ id: meetingId, dispute_id: disputeId, kind: 'crisis', starts_at: now, place: 'Salle du fond', called_by: facilitatorId, called_at: now }).execute();
  return { disputeId, meetingId };
}

/** A dispute under the charter in force whose crisis meeting and mediation found no solution, as their acts leave it. */
async function disputeAtExitPlan(f: PartnershipFixture, ids: Furnished, facilitatorId: string) {
  const [disputeId, taskId] = [randomUUID(), randomUUID()];
  const now = t.clock.now();
  await t.store.db
    .insertInto('dispute')
    .values({ id: disputeId, partnership_id: f.partnershipId, charter_id: ids.charterId, charter_version_id: ids.versionId, subject: 'Livrables en retard', opened_by: facilitatorId, opened_at: now, stage: 'exit_plan', crisis_due_at: now, existence_visible: false })
    .execute();
  await t.store.db.insertInto('dispute_party').values([facilitatorId, ids.personId].map((person_id) => ({ dispute_id: disputeId, person_id }))).execute();
  await t.store.db.insertInto('dispute_task').values({ id: taskId, dispute_id: disputeId, position: 0, objective: 'Solder les comptes', owner_id: facilitatorId, due_on: '2026-04-30', status: 'open' }).execute();
  return { disputeId, taskId, facilitatorId };
}

/** A deliverable of the furnished charter (whose bodies the body member sits in), as its addition leaves it. */
async function deliverable(f: PartnershipFixture, ids: Furnished) {
  const id = randomUUID();
  const now = t.clock.now();
  await t.store.db
    .insertInto('deliverable')
    .values({ id, partnership_id: f.partnershipId, charter_id: ids.charterId, title: 'Rapport d’étape', owner_id: ids.personId, due_on: '2026-04-01', status: 'planned', status_since: now, created_by: f.adminPersonId, created_at: now })
    .execute();
  return id;
}

/**
 * Tensions the target person (a member of the body, without an account) raised, each on the
 * meeting's agenda: one for each way the meeting settles it, one for its raiser to withdraw, and
 * one the meeting made a task of, theirs to mark done; written as the acts would leave them.
 */
async function tensionsOnTheAgenda(f: PartnershipFixture, ids: Furnished) {
  const now = t.clock.now();
  // A meeting of its own, the furnished one's twin, so the furnished agenda stays as other routes expect it.
  const meetingId = randomUUID();
  const twin = await t.store.db.selectFrom('meeting').selectAll().where('id', '=', ids.meetingId).executeTakeFirstOrThrow();
  // Opened, so that its tensions may be settled there.
  await t.store.db.insertInto('meeting').values({ ...twin, id: meetingId, title: 'Réunion des tensions', opened_at: now }).execute();
  const [proposed, tasked, closed, withdrawn, task] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  for (const [position, id] of [proposed, tasked, closed, withdrawn, task].entries()) {
    const itemId = randomUUID();
    await t.store.db.insertInto('agenda_item').values({ id: itemId, meeting_id: meetingId, position: position + 1, kind: 'discussion', title: 'Tension : les clés', proposed_by: ids.personId, created_at: now }).execute();
    await t.store.db
      .insertInto('tension')
      .values({
        id,
        partnership_id: f.partnershipId,
        body_id: ids.bodyId,
        raised_by: ids.personId,
        raised_at: now,
        text: 'Personne ne sait qui a les clés.',
        agenda_item_id: itemId,
        ...(id === task
          ? { status: 'task', task_title: 'Faire un tableau des clés', task_owner_id: ids.personId, task_due_on: '2026-04-01', settled_at: now, settled_in_meeting_id: meetingId }
          : { status: 'open' }),
      })
      .execute();
  }
  return { meetingId, proposed, tasked, closed, withdrawn, task };
}

/**
 * An accompaniment of the partnership (issue 21): the facilitator facilitates it, the target person
 * takes part, and a person of the partnership outside it is there to be added. Later parts of the
 * workspace (questionnaires, resources, map, harvest) hang their rows on it.
 */
async function accompanimentWorld(f: PartnershipFixture, ids: Furnished, facilitatorPersonId: string) {
  const db = t.store.db;
  const now = t.clock.now();
  const accompanimentId = randomUUID();
  const newcomerId = randomUUID();
  await db.insertInto('person').values({ id: newcomerId, partnership_id: f.partnershipId, full_name: 'Nouvelle venue', email: null }).execute();
  await db.insertInto('accompaniment').values({ id: accompanimentId, partnership_id: f.partnershipId, title: 'Accompagnement des conseils', licence: 'CC-BY-SA-4.0', created_by: f.adminPersonId, created_at: now }).execute();
  await db
    .insertInto('accompaniment_member')
    .values([
      { accompaniment_id: accompanimentId, person_id: facilitatorPersonId, role: 'facilitator', added_by: f.adminPersonId, added_at: now },
      { accompaniment_id: accompanimentId, person_id: ids.personId, role: 'participant', added_by: f.adminPersonId, added_at: now },
    ])
    .execute();
  // A questionnaire sent, with one question answered by the participant.
  const questionnaireId = randomUUID();
  const questionId = randomUUID();
  await db.insertInto('questionnaire').values({ id: questionnaireId, accompaniment_id: accompanimentId, title: 'Avant la journée', anonymous: false, created_at: now, sent_at: now }).execute();
  await db.insertInto('questionnaire_question').values({ id: questionId, questionnaire_id: questionnaireId, position: 0, kind: 'scale', label: 'Votre envie', scale_min: 1, scale_max: 5 }).execute();
  await db
    .insertInto('questionnaire_response')
    .values({ id: randomUUID(), questionnaire_id: questionnaireId, person_id: ids.personId, answers: JSON.stringify({ [questionId]: 4 }), submitted: true, updated_at: now })
    .execute();
  // A questionnaire still in the builder, with one short question.
  const draftQuestionnaireId = randomUUID();
  await db.insertInto('questionnaire').values({ id: draftQuestionnaireId, accompaniment_id: accompanimentId, title: 'Retours à chaud', anonymous: true, created_at: now }).execute();
  await db.insertInto('questionnaire_question').values({ id: randomUUID(), questionnaire_id: draftQuestionnaireId, position: 0, kind: 'short_text', label: 'Un mot' }).execute();
  // The target person's skill on the space's map.
  const mapEntryId = randomUUID();
  await db
    .insertInto('map_entry')
    .values({ id: mapEntryId, partnership_id: f.partnershipId, accompaniment_id: accompanimentId, kind: 'skill', title: 'Animer un atelier', organization_id: ids.organizationId, created_by: ids.personId, created_at: now })
    .execute();
  // The target person's document, and a published article of the space.
  const fileId = randomUUID();
  const resourceId = randomUUID();
  const publishedResourceId = randomUUID();
  const content = Buffer.from('%PDF-1.4\n%%EOF\n');
  await db
    .insertInto('workspace_file')
    .values({ id: fileId, partnership_id: f.partnershipId, file_name: 'compte-rendu.pdf', content_type: 'application/pdf', size_bytes: content.length, sha256: 'a'.repeat(64), content, uploaded_by: ids.personId, uploaded_at: now })
    .execute();
  const resource = { partnership_id: f.partnershipId, accompaniment_id: accompanimentId, licence: 'CC-BY-SA-4.0', author_id: ids.personId, author_consents: true, created_by: ids.personId, created_at: now, updated_at: now };
  await db
    .insertInto('resource')
    .values([
      { ...resource, id: resourceId, kind: 'file', title: 'Compte rendu de l’atelier', file_id: fileId },
      { ...resource, id: publishedResourceId, kind: 'article', title: 'Notre méthode', body: 'Écouter, puis agir.', published_at: now },
    ])
    .execute();
  // A day of the space, begun an hour before the world's now, so it can be said held.
  const dayId = randomUUID();
  await db
    .insertInto('accompaniment_day')
    .values({ id: dayId, accompaniment_id: accompanimentId, title: 'Journée de coopération', starts_at: new Date(now.getTime() - 3_600_000), ends_at: new Date(now.getTime() + 3_600_000), created_by: facilitatorPersonId, created_at: now })
    .execute();
  await db.insertInto('accompaniment_day_item').values({ id: randomUUID(), day_id: dayId, position: 0, title: 'Accueil', minutes: 30 }).execute();
  // The target person's nugget of that day, and another whose publication is asked of them.
  const [harvestItemId, askedItemId] = [randomUUID(), randomUUID()];
  const harvested = { partnership_id: f.partnershipId, accompaniment_id: accompanimentId, kind: 'nugget', author_id: ids.personId, day_id: dayId, created_at: now };
  await db
    .insertInto('harvest_item')
    .values([
      { ...harvested, id: harvestItemId, text: 'Le tour de table a délié les langues.' },
      { ...harvested, id: askedItemId, text: 'Les binômes ont bien marché.', publication: 'asked', publication_title: 'Les binômes', publication_asked_by: f.adminPersonId, publication_asked_at: now },
    ])
    .execute();
  return { accompanimentId, newcomerId, questionnaireId, questionId, draftQuestionnaireId, mapEntryId, resourceId, publishedResourceId, dayId, harvestItemId, askedItemId };
}

function accompanimentRoutes(base: string, ids: Furnished, accompaniment: World['accompaniment']): [Method, string, unknown?][] {
  const space = `${base}/accompaniments/${accompaniment.accompanimentId}`;
  return [
    ['GET', `${base}/accompaniments`],
    ['POST', `${base}/accompaniments`, { title: 'Un nouveau groupe' }],
    ['GET', space],
    ['PUT', space, { title: 'Accompagnement renommé', purpose: 'Coopérer', licence: 'CC-BY-4.0' }],
    ['POST', `${space}/members`, { personId: accompaniment.newcomerId, role: 'participant' }],
    ['DELETE', `${space}/members/${ids.personId}`],
    ['POST', `${space}/archive`],
    ['GET', `${space}/questionnaires`],
    ['POST', `${space}/questionnaires`, { title: 'Avant la journée', anonymous: false, questions: [{ kind: 'long_text', label: 'Vos attentes ?' }] }],
    ['POST', `${space}/questionnaires/from-template`, { template: 'hot_feedback' }],
    ['GET', `${base}/questionnaires/${accompaniment.draftQuestionnaireId}`],
    ['PUT', `${base}/questionnaires/${accompaniment.draftQuestionnaireId}`, { title: 'Retours', anonymous: true, questions: [{ kind: 'short_text', label: 'Un mot ?' }] }],
    ['POST', `${base}/questionnaires/${accompaniment.draftQuestionnaireId}/send`],
    ['POST', `${base}/questionnaires/${accompaniment.questionnaireId}/close`],
    ['PUT', `${base}/questionnaires/${accompaniment.questionnaireId}/response`, { answers: { [accompaniment.questionId]: 5 }, submit: true }],
    ['GET', `${space}/days`],
    ['POST', `${space}/days`, { title: 'Deuxième journée', startsAt: '2030-03-14T08:30:00Z', endsAt: '2030-03-14T16:00:00Z', programme: [{ title: 'Accueil', minutes: 30 }] }],
    ['GET', `${base}/accompaniment-days/${accompaniment.dayId}`],
    ['PUT', `${base}/accompaniment-days/${accompaniment.dayId}`, { title: 'Journée de coopération', startsAt: '2030-03-14T08:30:00Z', endsAt: '2030-03-14T16:00:00Z', place: 'Lille' }],
    ['POST', `${base}/accompaniment-days/${accompaniment.dayId}/held`, { presentIds: [ids.personId] }],
    ['GET', `${base}/questionnaires/${accompaniment.questionnaireId}/results`],
    ['GET', `${base}/questionnaires/${accompaniment.questionnaireId}/answers.csv`],
    ['GET', `${base}/questionnaires/${accompaniment.questionnaireId}/events`],
    ['GET', `${space}/map?q=atelier`],
    ['POST', `${space}/map`, { kind: 'equipment', title: 'Un vidéoprojecteur', offeredBy: { organizationId: ids.organizationId } }],
    ['PUT', `${base}/map-entries/${accompaniment.mapEntryId}`, { kind: 'skill', title: 'Animer un atelier d’écriture', offeredBy: { organizationId: ids.organizationId } }],
    ['DELETE', `${base}/map-entries/${accompaniment.mapEntryId}`],
    ['GET', `${space}/harvest`],
    ['POST', `${space}/harvest`, { kind: 'pebble', text: 'La salle était trop petite.', dayId: accompaniment.dayId }],
    ['POST', `${base}/harvest-items/${accompaniment.harvestItemId}/publication-request`, { title: 'Le tour de table' }],
    ['POST', `${base}/harvest-items/${accompaniment.askedItemId}/publication-answer`, { consents: true }],
    ['GET', `${space}/resources?q=atelier`],
    ['POST', `${space}/resources`, { kind: 'link', title: 'Le site du réseau', url: 'https://reseau.example.org' }],
    ['GET', `${base}/resources/${accompaniment.resourceId}`],
    ['GET', `${base}/resources/${accompaniment.resourceId}/document`],
    ['PUT', `${base}/resources/${accompaniment.resourceId}`, { title: 'Compte rendu', tags: ['atelier'], licence: 'CC-BY-4.0', confidential: false }],
    ['DELETE', `${base}/resources/${accompaniment.resourceId}`],
    ['POST', `${base}/resources/${accompaniment.resourceId}/publish`],
    ['POST', `${base}/resources/${accompaniment.publishedResourceId}/unpublish`],
    ['GET', `${space}/report`],
    ['GET', `${space}/report.pdf`],
  ];
}

function tensionRoutes(base: string, ids: Furnished, tensions: World['tensions']): [Method, string, unknown?][] {
  return [
    ['GET', `${base}/bodies/${ids.bodyId}/tensions`],
    ['POST', `${base}/bodies/${ids.bodyId}/tensions`, { text: 'Il manque un lieu pour se retrouver.' }],
    ['GET', `${base}/meetings/${tensions.meetingId}/tensions`],
    ['GET', `${base}/tensions/${tensions.proposed}`],
    ['POST', `${base}/tensions/${tensions.proposed}/proposal`, { wording: 'Louer une salle', level: 'operational' }],
    ['POST', `${base}/tensions/${tensions.tasked}/task`, { title: 'Faire un double des clés', ownerId: ids.personId, dueOn: '2026-04-01' }],
    ['POST', `${base}/tensions/${tensions.closed}/close`, { word: 'Réglé depuis.' }],
    ['POST', `${base}/tensions/${tensions.withdrawn}/withdraw`, { word: 'Plus d’actualité.' }],
    ['POST', `${base}/tensions/${tensions.task}/task-done`],
  ];
}

/** A circle under the body, where the body's members sit too, the partnership administrator's request to join it, its round open, and someone to invite. */
async function circleWorld(f: PartnershipFixture, ids: Furnished) {
  const circleId = randomUUID();
  const db = t.store.db;
  await db.insertInto('body').values({ id: circleId, partnership_id: f.partnershipId, parent_body_id: ids.bodyId, name: 'Cercle des jardins', kind: 'circle', min_size: 6, max_size: 8, founded_on: '2026-01-01' }).execute();
  const seats = await db.selectFrom('body_member').select(['person_id', 'organization_id', 'capacity', 'mandate_source', 'starts_on', 'ends_on']).where('body_id', '=', ids.bodyId).execute();
  await db.insertInto('body_member').values(seats.map((seat) => ({ ...seat, id: randomUUID(), body_id: circleId }))).execute();
  const asked = await f.admin.post(`${f.base}/circles/${circleId}/join-requests`, { motivation: 'Cultiver ensemble' });
  expect(asked.status).toBe(201);
  const invitee = await f.admin.post(`${f.base}/people`, { fullName: 'Invitée du cercle', email: null, memberships: [] });
  return { circleId, joinId: asked.body.id as string, inviteeId: invitee.body.id as string };
}

/** The OpenAPI path a concrete URL answers to, so the table reads like the API reference. */
function templateOf(url: string): string {
  const path = url.split('?')[0]!;
  const matches = openApiPaths.filter((template) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
  // A literal segment ("/charters/import") wins over a parameter ("/charters/{charterId}").
  const best = matches.sort((a, b) => b.split('{').length - a.split('{').length).at(-1);
  if (!best) throw new Error(`no OpenAPI path for ${url}`);
  return best;
}

/** An event stream never ends: its status is all there is to read, then it is dropped. */
async function ask(client: Client, method: Method, url: string, payload: unknown): Promise<Response> {
  if (!url.endsWith('/events')) return client.request(method, url, payload);
  const response = await t.app.inject({ method, url, headers: client.cookie ? { cookie: client.cookie } : {}, payloadAsStream: true });
  response.stream().destroy();
  return { status: response.statusCode, body: undefined, headers: response.headers };
}

/** Routes the shared list leaves out because only this test needs them. */
function extraRoutes(base: string, ids: Furnished, requestId: string, project: World['project'], charterBudget: World['charterBudget'], dispute: World['dispute'], deliverableId: string, circle: World['circle'], crisis: World['crisis']): [Method, string, unknown?][] {
  const inCrisis = `${base}/disputes/${crisis.disputeId}`;
  const deliverables = `${base}/charters/${ids.charterId}/deliverables`;
  const conduct = `${base}/projects/${project.projectId}`;
  const budget = `${base}/budgets/${project.budgetId}`;
  const split = `${base}/budgets/${charterBudget.budgetId}`;
  const ending = `${base}/disputes/${dispute.disputeId}`;
  const objective = { statement: 'Accueillir des familles aux ateliers', metric: 'Familles inscrites', target: '40', deadline: '2026-12-31', ownerId: ids.personId };
  const indicator = { objectiveId: project.objectiveId, label: 'Familles inscrites', unit: 'familles', target: 40 };
  return [
    ['GET', `${conduct}/conduct`],
    ['GET', `${base}/pooled-means`],
    ['POST', `${base}/pooled-means`, { organizationId: ids.organizationId, kind: 'equipment', label: 'Vidéoprojecteur', conditions: 'À rendre le lendemain' }],
    ['POST', `${base}/pooled-means/${project.vanId}/withdrawal`],
    ['POST', `${conduct}/pooled-mean-bookings`, { meanId: project.roomId, startsAt: '2026-03-18T09:00:00Z', endsAt: '2026-03-18T12:00:00Z', purpose: 'Atelier' }],
    ['GET', `${base}/pooled-mean-bookings/${project.bookingId}`],
    ['POST', `${base}/pooled-mean-bookings/${project.bookingId}/decline`, { reason: 'Salle en travaux' }],
    ['POST', `${base}/pooled-mean-bookings/${project.bookingId}/cancel`],
    ['PUT', `${conduct}/diagnosis`, { diagnosis: 'Les familles manquent d’accès au numérique.', sources: 'Enquête' }],
    ['POST', `${conduct}/purposes`, { statement: 'Créer du lien' }],
    ['PUT', `${conduct}/purposes/${project.purposeId}`, { statement: 'Réduire la fracture numérique', position: 0 }],
    ['DELETE', `${conduct}/purposes/${project.purposeId}`],
    ['POST', `${conduct}/objectives`, objective],
    ['PUT', `${conduct}/objectives/${project.objectiveId}`, objective],
    ['DELETE', `${conduct}/objectives/${project.objectiveId}`],
    ['POST', `${conduct}/indicators`, indicator],
    ['PUT', `${conduct}/indicators/${project.indicatorId}`, indicator],
    ['DELETE', `${conduct}/indicators/${project.indicatorId}`],
    ['POST', `${conduct}/indicators/${project.indicatorId}/measurements`, { measuredOn: '2026-03-10', value: 12, organizationId: ids.organizationId }],
    ['POST', `${conduct}/means`, { organizationId: ids.organizationId, kind: 'speaker', description: 'Une intervenante' }],
    ['DELETE', `${conduct}/means/${project.meansId}`],
    ['PUT', `${conduct}/mission-sheet`, { missionGoals: 'Animer les ateliers', missionTime: 'Quatre heures par semaine', missionTraining: '' }],
    ['GET', `${base}/projects`],
    ['POST', `${base}/projects`, { title: 'Jardin partagé', origin: 'team' }],
    // The common fund: the furnished charter has none, so the keepers' acts answer 409 once allowed.
    ['GET', `${base}/fund`],
    ['PUT', `${base}/fund/declarations`, { organizationId: ids.organizationId, year: 2026, budgetCents: 10_000_000 }],
    ['POST', `${base}/fund/calls`, { year: 2026 }],
    ['POST', `${base}/fund/payments`, { callId: ids.proposalId, amountCents: 100, paidOn: '2026-03-10' }],
    ['POST', `${base}/fund/ledger/${ids.proposalId}/reversal`],
    ['POST', `${base}/fund/spendings`, { wording: 'Financer la fête commune', amountCents: 100 }],
    ['GET', `${base}/fund/statement`],
    ['GET', `${base}/fund/statement.csv`],
    ['GET', `${base}/fund/statement.pdf`],
    ['GET', conduct],
    ['PUT', `${conduct}/formalization`, { needs: 'Des familles isolées', organizationIds: [ids.organizationId] }],
    ['POST', `${conduct}/presentation`, {}],
    ['POST', `${conduct}/carriers-told`, { recommendations: 'Associer les habitants' }],
    ['POST', `${conduct}/referents`, { organizationId: ids.organizationId, personId: ids.personId }],
    ['POST', `${conduct}/lead`, { personId: ids.personId, missionGoals: 'Animer les ateliers' }],
    ['POST', `${conduct}/lead/approval`, {}],
    ['POST', `${conduct}/lead/refusal`, { reason: 'Pas disponible' }],
    ['POST', `${conduct}/evaluations`, { periodEndsOn: '2026-03-10', analysis: 'Objectifs atteints', proposedOutcome: 'renew' }],
    ['GET', `${conduct}/sheet.pdf`],
    ['GET', `${conduct}/sheet.md`],
    ['GET', `${conduct}/subjects`],
    ['PUT', `${conduct}/subjects`, { subjectIds: [] }],
    ['GET', `${conduct}/budget`],
    ['POST', `${conduct}/budget/lines`, { category: 'transport', label: 'Location du car', amountCents: 120_000 }],
    ['PUT', `${budget}/lines/${project.lineKey}`, { category: 'grant', label: 'Subvention de la ville', amountCents: 600_000, grantStatus: 'applied' }],
    ['PUT', `${budget}/lines/${project.lineKey}/grant-status`, { grantStatus: 'granted' }],
    ['DELETE', `${budget}/lines/${project.lineKey}`],
    ['POST', `${budget}/revision`, {}],
    ['POST', `${budget}/proposal`, {}],
    ['GET', `${budget}/entries`],
    ['GET', split],
    ['POST', `${split}/lines`, { category: 'other_income', label: 'Ventes de la récolte', amountCents: 10_000 }],
    ['POST', `${budget}/entries`, { lineKey: project.lineKey, occurredOn: '2026-03-10', amountCents: 10_000 }],
    ['POST', `${budget}/entries/${project.entryId}/reversal`, {}],
    ['GET', `${budget}/attachments/${project.attachmentId}`],
    ['GET', `${conduct}/budget/report`],
    ['GET', `${conduct}/budget/report.pdf`],
    ['GET', `${conduct}/budget/report.csv`],
    ['POST', `${conduct}/budget/report`, {}],
    ['POST', `${base}/membership-requests/${requestId}/accept`, {}],
    ['POST', `${base}/membership-requests/${requestId}/decline`, {}],
    ['GET', `${split}/settlement`],
    ['GET', `${split}/split-payments`],
    ['POST', `${split}/split-payments`, { postId: randomUUID(), paidOn: '2026-03-10', amountCents: 10_000, personId: ids.personId, organizationId: null }],
    ['POST', `${split}/split-payments/${randomUUID()}/reversal`, {}],
    ['POST', `${split}/settlements`, { reason: 'closing' }],
    ['PUT', `${split}/settlements/${randomUUID()}`, { reason: 'closing', delivered: [] }],
    ['POST', `${split}/settlements/${randomUUID()}/proposal`, {}],
    ['GET', `${base}/charters/${charterBudget.charterId}/budget`],
    ['POST', `${base}/charters/${charterBudget.charterId}/budget`, {}],
    // A dispute's first half: its parties act (the facilitator is one); nobody else learns it exists. The charter has no dispute rules: opening one is refused.
    ['GET', `${base}/disputes`],
    ['POST', `${base}/disputes`, { charterId: ids.charterId, subject: 'Un désaccord', partyIds: [ids.personId] }],
    ['GET', inCrisis],
    ['POST', `${inCrisis}/crisis-meeting`, { startsAt: '2026-03-12T17:00:00Z', place: 'Salle du fond', onlineUrl: null }],
    ['POST', `${inCrisis}/meetings/${crisis.meetingId}/notes`, { round: 'facts', text: 'Ce qui s’est passé.' }],
    ['POST', `${inCrisis}/crisis-outcome`, { outcome: 'mediation' }],
    ['POST', `${inCrisis}/mediator`, { personId: ids.otherPersonId }],
    ['POST', `${inCrisis}/mediation-outcome`, { outcome: 'failure' }],
    ['GET', `${ending}/ending`],
    ['PUT', `${ending}/tasks/${dispute.taskId}`, { ownerId: dispute.facilitatorId, dueOn: '2026-04-30' }],
    ['PUT', `${ending}/tasks/${dispute.taskId}/settlement`, { settlementId: null }],
    ['POST', `${ending}/tasks/${dispute.taskId}/settlement`, {}],
    ['POST', `${ending}/tasks/${dispute.taskId}/done`, {}],
    ['POST', `${ending}/restorative-circle`, { startsAt: '2026-03-20T17:00:00Z', place: 'Salle du fond', onlineUrl: null }],
    ['POST', `${ending}/restorative-circle/held`, {}],
    ['PUT', `${ending}/write-up`, { text: 'Ce que nous avons appris.' }],
    ['PUT', `${ending}/publish-consent`, { consents: true }],
    ['POST', `${ending}/closure`, {}],
    ['GET', `${base}/experience-reports`],
    ['GET', deliverables],
    ['POST', deliverables, { title: 'Synthèse des ateliers', ownerId: ids.personId, dueOn: '2026-04-15' }],
    ['PUT', `${deliverables}/${deliverableId}`, { title: 'Rapport d’étape', description: 'Pour le comité', dueOn: '2026-04-01' }],
    ['PUT', `${deliverables}/${deliverableId}/owner`, { ownerId: ids.personId }],
    ['PUT', `${deliverables}/${deliverableId}/status`, { status: 'in_progress' }],
    ['GET', `${base}/proposals/${ids.proposalId}/events`],
    ['GET', `${base}/elections/${ids.electionId}/events`],
    ['GET', `${base}/meetings/${ids.meetingId}/events`],
    ['GET', `${base}/circles/${circle.circleId}`],
    ['POST', `${base}/circles/${circle.circleId}/join-requests`, { motivation: 'Apprendre la sociocratie' }],
    ['POST', `${base}/circles/${circle.circleId}/invitations`, { personId: circle.inviteeId, motivation: 'Elle connaît les jardins' }],
    ['GET', `${base}/circle-joins/${circle.joinId}`],
    ['POST', `${base}/circle-joins/${circle.joinId}/withdrawal`],
  ];
}

function allRoutes(w: World): [Method, string, unknown?][] {
  return [...partnershipRoutes(w.f.base, w.ids, w.ids, charterContent), ...extraRoutes(w.f.base, w.ids, w.requestId, w.project, w.charterBudget, w.dispute, w.deliverableId, w.circle, w.crisis), ...tensionRoutes(w.f.base, w.ids, w.tensions), ...accompanimentRoutes(w.f.base, w.ids, w.accompaniment)];
}

type Row = { route: string; answers: Record<Actor, number> };
const rows: Row[] = [];
const refusalsThatWrote: string[] = [];

/** What a refusal must leave as it was: the partnership's rows, table by table, and its journal. */
async function snapshot(w: World): Promise<string> {
  return JSON.stringify(await countRows(t, w.f.partnershipId));
}

/**
 * Asks one route as each actor in turn; a refusal must leave the partnership as it was. Answers
 * whether the partnership is as it found it: no actor was let through and nothing was written.
 */
async function fillRow(w: World, index: number): Promise<boolean> {
  const answers = {} as Record<Actor, number>;
  let template = '';
  const found = await snapshot(w);
  // Each actor finds the partnership as the previous one left it, so one look serves as after and before.
  let before = found;
  for (const [actor] of ACTORS) {
    // Asked again for each actor: the inputs' names are new at each call.
    const [method, url, payload] = allRoutes(w)[index]!;
    template = `${method} ${templateOf(url)}`;
    const response = await ask(w.clients[actor], method, url, payload);
    answers[actor] = response.status;
    // The last actor let through leaves a partnership no later look compares with.
    if (actor === 'partnershipAdmin' && response.status < 400) break;
    const after = await snapshot(w);
    if ([401, 403, 404].includes(response.status) && after !== before) refusalsThatWrote.push(`${template} as ${actor}`);
    before = after;
  }
  rows.push({ route: template, answers });
  return Object.values(answers).every((status) => status >= 400) && before === found;
}

function table(): string {
  const header = `| route | ${ACTORS.map(([, label]) => label).join(' | ')} |`;
  const rule = `|---|${ACTORS.map(() => '---').join('|')}|`;
  const lines = [...rows]
    .sort((a, b) => a.route.replace(/^\w+ /, '').localeCompare(b.route.replace(/^\w+ /, '')) || a.route.localeCompare(b.route))
    .map((row) => `| \`${row.route.replace('/api/v1/partnerships/{partnershipId}', '…')}\` | ${ACTORS.map(([actor]) => row.answers[actor]).join(' | ')} |`);
  return [header, rule, ...lines].join('\n');
}

const PREAMBLE = `# Permission matrix

Generated by \`test/api/permission-matrix.test.ts\`, on PGlite and on PostgreSQL, which must agree;
the test fails when an answer changes. After a deliberate change of permissions, rewrite this file
with \`UPDATE_PERMISSIONS=1 npx vitest run --project api-pglite test/api/permission-matrix.test.ts\`
and review the difference.

Each route of a partnership (\`…\` stands for \`/api/v1/partnerships/{partnershipId}\`) is asked by
each kind of actor, in a partnership that has one of everything: an organization, a body with
three seated members, a role, a delegation, a charter in force, a proposal in its consent round,
an election taking nominations, a meeting with an agenda item, a date poll. On a route that
writes, the actors ask one after the other, from left to right, each in the state the previous
left; every partnership starts afresh for each route.

- **anonymous**: no session.
- **admin of another partnership**: signed in, administrator elsewhere, no person here.
- **member of another organization**: a person of the partnership, volunteer of another organization, with no seat or role.
- **body member**: seated in the body for the organization the targets belong to.
- **facilitator**: seated in the body, facilitator of the proposal, the election and the meeting, and the signatory of the charter in force (whose revision rule lets signatories ask).
- **organization admin**: administrator of the organization the targets belong to, with no seat.
- **partnership admin**: administrator of the partnership.

Answers: 2xx done; 401 sign in first; 404 not there for them (outsiders cannot tell a partnership
that exists from one that does not); 403 their place in the structure does not allow it; 400 and
409 allowed to ask, but the input or the state of this partnership refuses it (a stance outside a
round, a second publication). A 401, 403 or 404 never writes a row or a journal entry: the test
checks each one.

`;

describe('the permission matrix', () => {
  let reads: World;
  beforeAll(async () => {
    reads = await world();
    const built = await world();
    const rows = await readPartnership(t.store.db, built.f.partnershipId, t.clock.now());
    const admin = rows.tables.find(([table]) => table === 'person')![1].find((person) => person['id'] === built.f.adminPersonId)!;
    original = { world: built, rows, adminAccountId: String(admin['account_id']) };
    charterContent = (await reads.f.admin.get(`${reads.f.base}/charters/${reads.ids.charterId}/versions/${reads.ids.versionId}`)).body.content;
  });

  it('covers every route of a partnership that the API describes', () => {
    const covered = new Set(allRoutes(reads).map(([method, url]) => `${method} ${templateOf(url)}`));
    const described = openApiPaths.flatMap((path) =>
      Object.keys((t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths[path]!).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(described.filter((route) => !covered.has(route))).toEqual([]);
    expect(covered.size).toBe(allRoutes(reads).length);
  });

  it('copies the original world row for row, its journal whole', async () => {
    const { world: copy, swap } = await copyOfOriginal();
    const rows = await readPartnership(t.store.db, copy.f.partnershipId, t.clock.now());
    // Row order follows the ids, the journal's hashes the entries' new text (the chain is verified
    // instead), and the digests of mailed secrets are new.
    const comparable = (tables: PartnershipRows['tables']) =>
      tables
        .filter(([table]) => table !== 'journal_head')
        .map(([table, list]) => {
          const unlike = [...(table === 'journal_entry' ? ['hash', 'prev_hash'] : []), ...(original.rows.secrets.get(table) ?? [])];
          return [table, list.map((row) => canonicalize({ ...row, ...Object.fromEntries(unlike.map((column) => [column, null])) })).sort()];
        });
    expect(comparable(rows.tables)).toEqual(comparable(swap(original.rows.tables) as PartnershipRows['tables']));
    expect(await verifiedChain(t, copy.f.partnershipId)).toMatchObject({ ok: true, chains: [{ entries: original.rows.tables.find(([table]) => table === 'journal_entry')![1].length }] });
  });

  it('asks every route as every actor, a partnership as new for each route that writes', async () => {
    const routes = allRoutes(reads);
    // A partnership that a route left as it found it (every actor refused, not a row nor an entry
    // written) is as fresh as a new one: the next route that writes gets it instead of a new one.
    let untouched: World | undefined;
    for (let index = 0; index < routes.length; index++) {
      if (routes[index]![0] === 'GET') {
        await fillRow(reads, index);
        continue;
      }
      const w = untouched ?? (await copiedWorld());
      untouched = (await fillRow(w, index)) ? w : undefined;
    }
    expect(refusalsThatWrote).toEqual([]);
  }, 300_000);

  it('answers 401 to anyone without a session and 404 to another partnership, whatever the route', () => {
    expect(rows).toHaveLength(allRoutes(reads).length);
    for (const row of rows) {
      expect(row.answers.anonymous, row.route).toBe(401);
      expect(row.answers.outsider, row.route).toBe(404);
    }
  });

  it('never answers a 5xx', () => {
    for (const row of rows) for (const [actor] of ACTORS) expect(row.answers[actor], `${row.route} as ${actor}`).toBeLessThan(500);
  });

  it('gives the answers docs/PERMISSIONS.md holds', () => {
    const generated = `${PREAMBLE}${table()}\n`;
    if (process.env['UPDATE_PERMISSIONS'] === '1') writeFileSync(MATRIX_FILE, generated);
    expect(generated).toEqual(readFileSync(MATRIX_FILE, 'utf8'));
  });
});
