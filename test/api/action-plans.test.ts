import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPartnership, restorePartnership } from '../../src/backup/backup.js';
import { checkStateAgainstJournal, describeDisagreement } from '../../src/journal/state-proof.js';
import { builder, journalOf, TODAY } from '../support/structure.js';
import { emptyDatabase, newMember, newPartnership, ServerLog, startTestApp, type Client, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

interface Plan {
  id: string;
  title: string;
  startsOn: string;
  endsOn: string;
  status: string;
  adoptedOn: string | null;
  proposal: { id: string; status: string } | null;
  subjects: {
    id: string;
    title: string;
    description: string;
    actions: { id: string; title: string; owner: { id: string; fullName: string } | null; deadline: string | null; status: string; canSetStatus: boolean }[];
    projects: { id: string; title: string; stage: string }[];
  }[];
}
interface Page {
  inForce: Plan | null;
  draft: Plan | null;
  superseded: { id: string; title: string }[];
  can: { draft: boolean };
}

/**
 * Three houses' partnership on the template's charter: the steering committee (Nadia, Gérard,
 * Samia) decides by consent what the action plan is, when `planRow` adds its row to the matrix;
 * else the general strategic row (the plenary, by consensus) does. Paul belongs to a house and
 * sits nowhere.
 */
async function partnership(planRow = true) {
  const f = await newPartnership(t);
  const build = builder(f);
  const tilleuls = await build.organization('MJC des Tilleuls');
  const moulin = await build.organization('Centre social du Moulin');
  const plenary = await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
  const steering = await build.body({ name: 'Comité de pilotage', kind: 'steering' });
  await build.body({ name: 'Codir', kind: 'directors' });
  await build.body({ name: 'Groupe jardins', kind: 'working_group' });
  const members = [];
  for (const [fullName, organizationId] of [
    ['Nadia Benali', tilleuls],
    ['Gérard Lefèvre', tilleuls],
    ['Samia Haddad', moulin],
  ] as const) {
    const person = await newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'board' }] });
    await build.seat(steering, { personId: person.personId, organizationId });
    members.push(person);
  }
  const paul = await newMember(t, f, { fullName: 'Paul Girard', memberships: [{ organizationId: moulin, kind: 'volunteer' }] });
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'partnership' });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  const content = (await f.admin.get(versionUrl)).body.content;
  const general = content.rules.decisionMatrix.find((rule: { level: string; topic: string }) => rule.level === 'strategic' && rule.topic === '');
  if (planRow) {
    content.rules.decisionMatrix.push({ ...general, id: randomUUID(), topic: "Plan d'action", bodyId: steering, method: 'consent', silence: 'absent', onBlock: { kind: 'lapse' }, informBodyIds: [] });
  }
  expect((await f.admin.put(versionUrl, content)).body.issues).toEqual([]);
  expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId: steering, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash })).status).toBe(200);
  const [nadia, gerard, samia] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
  const page = async (client: Client = f.admin) => {
    const response = await client.get(`${f.base}/action-plans`);
    expect(response.status).toBe(200);
    return response.body as Page;
  };
  return { f, plenary, steering, tilleuls, moulin, nadia, gerard, samia, paul, page };
}

type World = Awaited<ReturnType<typeof partnership>>;

/** The steering committee consents to the proposal, which its facilitator (or an administrator) takes to the round and closes. */
async function consentTo(w: World, proposalId: string) {
  const url = `${w.f.base}/proposals/${proposalId}`;
  for (let step = 0; step < 3; step += 1) expect((await w.f.admin.post(`${url}/phase`)).status).toBe(200);
  for (const member of [w.nadia, w.gerard, w.samia]) {
    expect((await member.client.post(`${url}/stances`, { stance: 'consent', idempotencyKey: randomUUID() })).status).toBe(200);
  }
  expect((await w.f.admin.post(`${url}/close-round`, { statement: 'Plan adopté.' })).body).toMatchObject({ outcome: 'adopted' });
}

/** A draft written by Nadia: two subjects, Paul's action due within the month, Gérard's in June. */
async function writtenDraft(w: World) {
  const started = await w.nadia.client.post(`${w.f.base}/action-plans`, {});
  expect(started.status).toBe(201);
  const planId = started.body.id as string;
  const seeded = (await w.page()).draft!;
  const saved = await w.nadia.client.put(`${w.f.base}/action-plans/${planId}`, {
    title: 'Plan 2026-2029',
    startsOn: seeded.startsOn,
    endsOn: seeded.endsOn,
    subjects: [
      { id: seeded.subjects[1]!.id, title: 'Communication', description: 'Faire connaître le partenariat.', actions: [{ title: 'Lancer le site commun', ownerId: w.paul.personId, deadline: '2026-03-25' }] },
      { title: 'Activités partagées', actions: [{ title: 'Une fête commune', ownerId: w.gerard.personId, deadline: '2026-06-30', status: 'doing' }, { title: 'Un séjour', ownerId: null }] },
    ],
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return planId;
}

const proofOf = async (w: World) => (await checkStateAgainstJournal(t.store.db, w.f.partnershipId)).map(describeDisagreement);

describe('an action plan', () => {
  it('is drafted by a member of a body from the seed’s five subjects, put to the decision the matrix names, and adopted by it', async () => {
    const w = await partnership();
    const refused = await w.paul.client.post(`${w.f.base}/action-plans`, {});
    expect([refused.status, refused.body.message]).toEqual([403, 'Vous n’avez pas le droit de faire cela.']);
    expect((await w.page(w.paul.client)).can).toEqual({ draft: false });

    const planId = expectOk(await w.nadia.client.post(`${w.f.base}/action-plans`, {}), 201).id as string;
    const seeded = (await w.page(w.nadia.client)).draft!;
    expect(seeded).toMatchObject({ id: planId, title: 'Plan d’action du partenariat', startsOn: TODAY, endsOn: '2029-03-10', status: 'draft', proposal: null });
    expect(seeded.subjects.map((subject) => subject.title)).toEqual(['Financement des projets communs', 'Communication', 'Activités partagées', 'Moyens humains et logistiques', 'Partenariats extérieurs']);
    const again = await w.gerard.client.post(`${w.f.base}/action-plans`, {});
    expect([again.status, again.body.message]).toEqual([409, 'Un brouillon du plan d’action est déjà en cours : reprenez-le.']);
    await w.nadia.client.delete(`${w.f.base}/action-plans/${planId}`);
    expect((await w.page()).draft).toBeNull();

    const draftId = await writtenDraft(w);
    const draft = (await w.page()).draft!;
    expect(draft.subjects.map((subject) => [subject.title, subject.actions.map((action) => [action.title, action.owner?.fullName ?? null, action.deadline, action.status, action.canSetStatus])])).toEqual([
      ['Communication', [['Lancer le site commun', 'Paul Girard', '2026-03-25', 'todo', false]]],
      ['Activités partagées', [['Une fête commune', 'Gérard Lefèvre', '2026-06-30', 'doing', false], ['Un séjour', null, null, 'todo', false]]],
    ]);
    const paulsAction = draft.subjects[0]!.actions[0]!.id;
    const status = await w.paul.client.put(`${w.f.base}/action-plans/${draftId}/actions/${paulsAction}/status`, { status: 'doing' });
    expect([status.status, status.body.message]).toEqual([409, 'Ce plan n’est pas encore adopté : l’état de ses actions se change dans le brouillon.']);

    const proposed = await w.nadia.client.post(`${w.f.base}/action-plans/${draftId}/proposal`, {});
    expect(proposed.status).toBe(201);
    const proposal = (await w.f.admin.get(`${w.f.base}/proposals/${proposed.body.id}`)).body;
    expect(proposal).toMatchObject({ level: 'strategic', topic: "Plan d'action", wording: 'Adopter le plan d’action « Plan 2026-2029 », du 10 mars 2026 au 10 mars 2029.', body: { id: w.steering } });
    // The body decides on the text it was shown.
    const frozen = await w.nadia.client.put(`${w.f.base}/action-plans/${draftId}`, { title: 'Autre', startsOn: TODAY, endsOn: '2027-01-01', subjects: [] });
    expect([frozen.status, frozen.body.message]).toEqual([409, 'Ce brouillon est soumis à une décision : il ne change pas tant qu’elle n’est pas prise.']);
    expect((await w.nadia.client.post(`${w.f.base}/action-plans/${draftId}/proposal`, {})).status).toBe(409);
    expect((await w.page()).draft!.proposal).toEqual({ id: proposed.body.id, status: 'open' });

    await consentTo(w, proposed.body.id);
    const adopted = await w.page(w.paul.client);
    expect(adopted.draft).toBeNull();
    expect(adopted.inForce).toMatchObject({ id: draftId, status: 'adopted', adoptedOn: TODAY, proposal: { id: proposed.body.id, status: 'adopted' } });
    expect(adopted.inForce!.subjects[0]!.actions[0]!.canSetStatus).toBe(true);
    expect(adopted.inForce!.subjects[1]!.actions[0]!.canSetStatus).toBe(false);
    expect((await journalOf(t, w.f.partnershipId)).filter((entry) => entry.kind.startsWith('actionPlan.')).map((entry) => entry.kind)).toEqual([
      'actionPlan.draft_started',
      'actionPlan.draft_discarded',
      'actionPlan.draft_started',
      'actionPlan.draft_saved',
      'actionPlan.proposed',
      'actionPlan.adopted',
    ]);
    expect((await journalOf(t, w.f.partnershipId)).find((entry) => entry.kind === 'actionPlan.adopted')!.payload).toEqual({ planId: draftId, proposalId: proposed.body.id, adoptedOn: TODAY, supersededPlanId: null });
    expect(JSON.stringify(await journalOf(t, w.f.partnershipId))).not.toContain('site commun');

    // Its owners are told what is in their hands; Paul's action, due within the month, waits on him.
    const told = log.mailsTo(w.paul.email).filter((mail) => mail.subject.startsWith('Plan d’action adopté'));
    expect(told).toHaveLength(1);
    expect(told[0]!.button).toBe(`/p/${w.f.partnershipId}/plan-d-action#vos-actions`);
    expect(told[0]!.body).toContain('Lancer le site commun (Communication)');
    expect(log.mailsTo(w.samia.email).filter((mail) => mail.subject.startsWith('Plan d’action adopté'))).toEqual([]);
    const toDo = (await w.paul.client.get(`${w.f.base}/to-do`)).body.items;
    expect(toDo).toEqual([
      { target: { kind: 'action', planId: draftId, actionId: paulsAction }, title: 'Lancer le site commun', bodyName: null, deadline: { kind: 'day', on: '2026-03-25' }, path: `/p/${w.f.partnershipId}/plan-d-action#vos-actions` },
    ]);
    // Gérard's is due in June: not yet.
    expect((await w.gerard.client.get(`${w.f.base}/to-do`)).body.items.filter((item: { target: { kind: string } }) => item.target.kind === 'action')).toEqual([]);

    // Adopted, it is frozen; its actions move by their owner's word, or an administrator's.
    const rewrite = await w.nadia.client.put(`${w.f.base}/action-plans/${draftId}`, { title: 'Autre', startsOn: TODAY, endsOn: '2027-01-01', subjects: [] });
    expect([rewrite.status, rewrite.body.message]).toEqual([409, 'Ce plan d’action est adopté : il ne change plus. Commencez un nouveau brouillon pour le réviser.']);
    const statusUrl = `${w.f.base}/action-plans/${draftId}/actions/${paulsAction}/status`;
    expect((await w.nadia.client.put(statusUrl, { status: 'done' })).status).toBe(403);
    const wrong = await w.paul.client.put(statusUrl, { status: 'finished' });
    expect([wrong.status, wrong.body.fields]).toEqual([400, { status: 'Choisissez une des valeurs proposées.' }]);
    expect((await w.paul.client.put(statusUrl, { status: 'doing' })).status).toBe(204);
    expect((await journalOf(t, w.f.partnershipId)).at(-1)).toMatchObject({ kind: 'actionPlan.action_status', actor_id: w.paul.personId, payload: { planId: draftId, actionId: paulsAction, status: 'doing' } });
    expect((await w.f.admin.put(statusUrl, { status: 'done' })).status).toBe(204);
    expect((await w.paul.client.get(`${w.f.base}/to-do`)).body.items).toEqual([]);
    await expect(sql`update action_plan_subject set title = 'Réécrit' where plan_id = ${draftId}`.execute(t.store.db)).rejects.toThrow(/cannot change/);
    await expect(sql`update action_plan_action set title = 'Réécrit' where id = ${paulsAction}`.execute(t.store.db)).rejects.toThrow(/cannot change/);
    expect(await proofOf(w)).toEqual([]);
    // An adopted plan, frozen, travels whole in a backup and come back as they were.
    const backup = await exportPartnership(t.store.db, w.f.partnershipId, t.clock.now(), { withPasswordHashes: false });
    expect([backup.tables['action_plan']!.length, backup.tables['action_plan_action']!.length]).toEqual([1, 3]);
    const target = await emptyDatabase();
    try {
      await restorePartnership(target.store.db, backup);
      const restored = await exportPartnership(target.store.db, w.f.partnershipId, t.clock.now(), { withPasswordHashes: false });
      for (const table of ['action_plan', 'action_plan_subject', 'action_plan_action']) expect(restored.tables[table], table).toEqual(backup.tables[table]);
    } finally {
      await target.drop();
    }
  });

  it('refuses a draft that does not hold together, in the person’s language, writing nothing', async () => {
    const w = await partnership();
    const planId = await writtenDraft(w);
    const save = (subjects: unknown[], period = { startsOn: TODAY, endsOn: '2029-03-10' }) => w.nadia.client.put(`${w.f.base}/action-plans/${planId}`, { title: 'Plan', ...period, subjects });
    expect((await save([{ title: 'Communication' }, { title: ' communication ' }])).body.fields).toEqual({ 'subjects.1.title': 'Un autre sujet porte déjà ce titre.' });
    expect((await save([{ title: 'Communication', actions: [{ title: 'Un site', ownerId: randomUUID() }] }])).body.fields).toEqual({ 'subjects.0.actions.0.ownerId': 'Cette personne ne fait pas partie du partenariat.' });
    expect((await save([{ id: randomUUID(), title: 'Communication' }])).body.fields).toEqual({ 'subjects.0.id': 'Cet élément est introuvable.' });
    expect((await save([], { startsOn: '2029-03-10', endsOn: TODAY })).body.fields).toEqual({ endsOn: 'La fin ne peut pas précéder le début.' });
    w.nadia.client.locale = 'en';
    expect((await save([{ title: 'Communication' }, { title: 'communication' }])).body.fields).toEqual({ 'subjects.1.title': 'Another subject already has this title.' });
    expect((await w.page()).draft!.subjects.map((subject) => subject.title)).toEqual(['Communication', 'Activités partagées']);
    expect((await save([])).status).toBe(200);
    const empty = await w.nadia.client.post(`${w.f.base}/action-plans/${planId}/proposal`, {});
    expect([empty.status, empty.body.message]).toEqual([409, 'Add at least one subject before proposing the plan.']);
    expect(await proofOf(w)).toEqual([]);
  });

  it('goes to the general strategic row when no row of the matrix names it', async () => {
    const w = await partnership(false);
    const planId = await writtenDraft(w);
    const proposed = await w.nadia.client.post(`${w.f.base}/action-plans/${planId}/proposal`, { wording: 'Adopter notre feuille de route.' });
    expect(proposed.status).toBe(201);
    expect((await w.f.admin.get(`${w.f.base}/proposals/${proposed.body.id}`)).body).toMatchObject({ topic: 'Plan d’action', wording: 'Adopter notre feuille de route.', body: { id: w.plenary } });
  });

  it('is revised by a next draft carrying its subjects, open actions and projects; a lapsed proposal leaves the draft, the adopted one supersedes the plan', async () => {
    const w = await partnership();
    const firstId = await writtenDraft(w);
    await consentTo(w, (await w.nadia.client.post(`${w.f.base}/action-plans/${firstId}/proposal`, {})).body.id);
    const first = (await w.page()).inForce!;
    const communication = first.subjects[0]!.id;
    const activities = first.subjects[1]!.id;
    expect((await w.f.admin.put(`${w.f.base}/action-plans/${firstId}/actions/${first.subjects[0]!.actions[0]!.id}/status`, { status: 'done' })).status).toBe(204);

    // Samia records an idea carried by her house too: Paul, who belongs to it, carries it.
    const projectId = expectOk(await w.samia.client.post(`${w.f.base}/projects`, { title: 'Jardins partagés', origin: 'board', carrierOrganizationIds: [w.moulin] }), 201).id as string;
    const subjectsUrl = `${w.f.base}/projects/${projectId}/subjects`;
    expect((await w.gerard.client.put(subjectsUrl, { subjectIds: [activities] })).status).toBe(403);
    expect((await w.gerard.client.get(subjectsUrl)).body.can).toEqual({ set: false });
    expect((await w.paul.client.get(subjectsUrl)).body.can).toEqual({ set: true });
    expect((await w.paul.client.put(subjectsUrl, { subjectIds: [activities, communication] })).status).toBe(204);
    expect((await w.paul.client.put(subjectsUrl, { subjectIds: [activities] })).status).toBe(204);
    expect((await w.paul.client.get(subjectsUrl)).body).toEqual({
      plan: { id: firstId, title: 'Plan 2026-2029' },
      subjects: [
        { id: communication, title: 'Communication', attached: false },
        { id: activities, title: 'Activités partagées', attached: true },
      ],
      can: { set: true },
    });
    expect((await journalOf(t, w.f.partnershipId)).at(-1)).toMatchObject({ kind: 'actionPlan.project_subjects', payload: { projectId, planId: firstId, subjectIds: [activities] } });
    expect((await w.page()).inForce!.subjects[1]!.projects).toEqual([{ id: projectId, title: 'Jardins partagés', stage: 'idea' }]);

    const secondId = expectOk(await w.gerard.client.post(`${w.f.base}/action-plans`, {}), 201).id as string;
    const second = (await w.page()).draft!;
    expect(second.title).toBe('Plan 2026-2029');
    // What was done stays in the plan that saw it.
    expect(second.subjects.map((subject) => [subject.title, subject.actions.map((action) => action.title)])).toEqual([
      ['Communication', []],
      ['Activités partagées', ['Une fête commune', 'Un séjour']],
    ]);
    const stranger = await w.paul.client.put(subjectsUrl, { subjectIds: [second.subjects[1]!.id] });
    expect([stranger.status, stranger.body.fields]).toEqual([400, { 'subjectIds.0': 'Ce sujet n’est pas un sujet du plan d’action en vigueur.' }]);

    const lapsing = (await w.gerard.client.post(`${w.f.base}/action-plans/${secondId}/proposal`, {})).body.id as string;
    expect((await w.f.admin.post(`${w.f.base}/proposals/${lapsing}/blocked`)).body).toEqual({ outcome: 'lapsed' });
    expect((await w.page()).draft).toMatchObject({ id: secondId, status: 'draft', proposal: { id: lapsing, status: 'lapsed' } });
    const discard = await w.gerard.client.delete(`${w.f.base}/action-plans/${secondId}`);
    expect([discard.status, discard.body.message]).toEqual([409, 'Ce brouillon a déjà été soumis à une décision, qui reste au registre : modifiez-le et proposez-le de nouveau.']);

    const adopting = (await w.gerard.client.post(`${w.f.base}/action-plans/${secondId}/proposal`, {})).body.id as string;
    await consentTo(w, adopting);
    const page = await w.page();
    expect(page.inForce).toMatchObject({ id: secondId, status: 'adopted', proposal: { id: adopting, status: 'adopted' } });
    expect(page.superseded).toEqual([{ id: firstId, title: 'Plan 2026-2029', startsOn: TODAY, endsOn: '2029-03-10', adoptedOn: TODAY }]);
    expect((await journalOf(t, w.f.partnershipId)).filter((entry) => entry.kind === 'actionPlan.adopted').at(-1)!.payload).toEqual({ planId: secondId, proposalId: adopting, adoptedOn: TODAY, supersededPlanId: firstId });
    // The project followed its subject into the plan in force.
    expect(page.inForce!.subjects[1]!.projects).toEqual([{ id: projectId, title: 'Jardins partagés', stage: 'idea' }]);
    expect((await w.paul.client.get(subjectsUrl)).body.subjects.map((subject: { attached: boolean }) => subject.attached)).toEqual([false, true]);
    const superseded = await w.f.admin.put(`${w.f.base}/action-plans/${firstId}/actions/${first.subjects[1]!.actions[0]!.id}/status`, { status: 'done' });
    expect([superseded.status, superseded.body.message]).toEqual([409, 'Ce plan a été remplacé : ses actions ne changent plus.']);
    expect(await proofOf(w)).toEqual([]);
    // Both plans and the project's subjects travel in a backup and come back as they were.
    const backup = await exportPartnership(t.store.db, w.f.partnershipId, t.clock.now(), { withPasswordHashes: false });
    expect([backup.tables['action_plan']!.length, backup.tables['project_subject']!.length]).toEqual([2, 2]);
    const target = await emptyDatabase();
    try {
      await restorePartnership(target.store.db, backup);
      const restored = await exportPartnership(target.store.db, w.f.partnershipId, t.clock.now(), { withPasswordHashes: false });
      for (const table of ['action_plan', 'action_plan_subject', 'action_plan_action', 'project_subject']) expect(restored.tables[table], table).toEqual(backup.tables[table]);
    } finally {
      await target.drop();
    }
    // A status edited behind the journal's back is found.
    await sql`update action_plan set status = 'superseded' where id = ${secondId}`.execute(t.store.db);
    expect(await proofOf(w)).toEqual([`action_plan ${secondId}: status is "superseded", the journal says "adopted"`]);
  });
});

function expectOk(response: { status: number; body: Record<string, unknown> }, status: number) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return response.body;
}
