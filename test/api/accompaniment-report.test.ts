import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_LEVELS, emptyRules } from '../../src/charters/rules/types.js';
import { accompanimentWithGroup } from '../support/accompaniment.js';
import { pdfText } from '../support/pdf-text.js';
import { questionnaireWithQuestions } from '../support/questionnaire-rows.js';
import { builder, expectCreated, TODAY } from '../support/structure.js';
import { newPartnership, ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

type Group = Awaited<ReturnType<typeof accompanimentWithGroup>>;

/** A proposal of the partnership, adopted, tied to the project (the decisions' acts are not this test's). */
async function adoptedProposalOf(s: Group, projectId: string) {
  const { f } = s;
  const build = builder(f);
  const bodyId = await build.body({ name: 'Comité', kind: 'circle' });
  const rules = {
    ...emptyRules(),
    bodyIds: [bodyId],
    decisionMatrix: DECISION_LEVELS.map((level) => ({ id: randomUUID(), level, topic: '', bodyId, method: 'consent' as const, quorumPercent: null, maxRounds: null, onBlock: { kind: 'lapse' as const }, informBodyIds: [] })),
  };
  const charter = await f.admin.post(`${f.base}/charters/import`, {
    format: 'entente-charter',
    formatVersion: 1,
    kind: 'partnership',
    content: { title: 'Charte', articles: [{ key: randomUUID(), kind: 'purpose', title: 'Objet', body: '' }], rules },
  });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  await f.admin.post(`${versionUrl}/adoption`, { bodyId, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash });
  const proposalId = expectCreated(await f.admin.post(`${f.base}/proposals`, { level: 'operational', wording: 'Créer un fonds commun des conseils', participationLevel: 'participation' }), 'proposal');
  await t.store.db
    .updateTable('proposal')
    .set({ project_id: projectId, project_matter: 'presentation', status: 'adopted', decided_at: new Date('2026-03-20T18:00:00Z'), outcome_statement: 'Adoptée par consentement.' })
    .where('id', '=', proposalId)
    .execute();
}

/** The space lived: a day held, a questionnaire answered, resources, a map, a harvest, a decision of its project. */
async function livedSpace() {
  const s = await accompanimentWithGroup(t, log);
  const db = t.store.db;
  const now = new Date('2026-03-10T09:00:00Z');
  const p = s.f.partnershipId;
  const projectId = randomUUID();
  await db.insertInto('project').values({ id: projectId, partnership_id: p, title: 'Coopération des conseils', origin: 'team', stage: 'active', stage_since: now, created_by: s.f.adminPersonId, created_at: now }).execute();
  await db.updateTable('accompaniment').set({ project_id: projectId }).where('id', '=', s.id).execute();
  const dayId = randomUUID();
  await db
    .insertInto('accompaniment_day')
    .values({ id: dayId, accompaniment_id: s.id, title: 'Journée de coopération', starts_at: now, ends_at: new Date('2026-03-10T17:00:00Z'), place: 'Maison des associations', held_at: now, created_at: now })
    .execute();
  await db
    .insertInto('accompaniment_day_item')
    .values([
      { id: randomUUID(), day_id: dayId, position: 0, title: 'Accueil et météo', minutes: 30 },
      { id: randomUUID(), day_id: dayId, position: 1, title: 'Ateliers de coopération', minutes: 120 },
    ])
    .execute();
  await db
    .insertInto('accompaniment_day_presence')
    .values([s.amina.personId, s.eric.personId].map((person_id) => ({ day_id: dayId, person_id })))
    .execute();
  const questionnaire = await questionnaireWithQuestions(t, s.id, { anonymous: true, title: 'Retours à chaud' });
  const { q } = questionnaire;
  await questionnaire.answer(s.amina.personId, { [q.format]: 'c1', [q.energy]: 5, [q.priorities]: ['c2', 'c1', 'c3'], [q.hopes]: 'Continuer ensemble' });
  await questionnaire.answer(s.bruno.personId, { [q.format]: 'c1', [q.energy]: 4, [q.priorities]: ['c2', 'c3', 'c1'] });
  await questionnaire.answer(s.eric.personId, { [q.format]: 'c2', [q.energy]: 3, [q.priorities]: ['c1', 'c2', 'c3'] });
  await questionnaireWithQuestions(t, s.id, { anonymous: false, sent: false, title: 'Évaluation à froid en préparation' });
  const resource = (title: string, confidential: boolean, author: string, minutes: number) => ({
    id: randomUUID(),
    partnership_id: p,
    accompaniment_id: s.id,
    kind: 'link',
    title,
    url: 'https://example.org/',
    licence: 'CC-BY-SA-4.0',
    confidential,
    author_id: author,
    created_at: new Date(now.getTime() + minutes * 60_000),
    updated_at: now,
  });
  await db
    .insertInto('resource')
    .values([resource('Guide de la coopération entre conseils', false, s.amina.personId, 1), resource('Annuaire interne des conseils', true, s.bruno.personId, 2)])
    .execute();
  const cooperationId = randomUUID();
  await db
    .insertInto('map_entry')
    .values([
      { id: cooperationId, partnership_id: p, accompaniment_id: s.id, kind: 'cooperation', title: 'Fête de quartier commune', status: 'under_way', created_at: now },
      { id: randomUUID(), partnership_id: p, accompaniment_id: s.id, kind: 'obstacle', title: 'Pas de salle le samedi', cooperation_id: cooperationId, created_at: now },
      { id: randomUUID(), partnership_id: p, accompaniment_id: s.id, kind: 'skill', title: 'Animation de réunions', person_id: s.bruno.personId, created_at: now },
    ])
    .execute();
  await db
    .insertInto('map_cooperation_party')
    .values([
      { entry_id: cooperationId, position: 0, organization_id: s.nord },
      { entry_id: cooperationId, position: 1, organization_id: s.sud },
    ])
    .execute();
  await db
    .insertInto('harvest_item')
    .values([
      { id: randomUUID(), partnership_id: p, accompaniment_id: s.id, kind: 'nugget', text: 'Le tour de météo a détendu tout le monde.', author_id: s.amina.personId, day_id: dayId, created_at: now },
      { id: randomUUID(), partnership_id: p, accompaniment_id: s.id, kind: 'pebble', text: 'La plénière était trop longue.', author_id: null, created_at: now },
    ])
    .execute();
  await adoptedProposalOf(s, projectId);
  return s;
}

describe('the final report of an accompaniment', () => {
  it('assembles the programme held, the participants by organization, the results, resources, map, harvest and decisions', async () => {
    const s = await livedSpace();
    const report = await s.f.admin.get(`${s.url}/report`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const body = report.body;
    expect(body).toMatchObject({ title: 'Accompagnement des conseils citoyens', licence: 'CC-BY-SA-4.0', project: { title: 'Coopération des conseils' } });
    expect(body.days).toMatchObject([{ title: 'Journée de coopération', items: [{ title: 'Accueil et météo', minutes: 30 }, { title: 'Ateliers de coopération', minutes: 120 }], present: ['Amina Diallo', 'Éric Dehors'] }]);
    expect(body.participants.organizations.map((o: { name: string; people: { fullName: string }[] }) => [o.name, o.people.map((person) => person.fullName)])).toEqual([
      ['Conseil citoyen Nord', ['Amina Diallo']],
      ['Conseil citoyen Sud', ['Bruno Lemaire']],
    ]);
    expect(body.participants.withoutOrganization.map((person: { fullName: string }) => person.fullName)).toEqual(['Admin Test']);
    expect(body.participants.outsiders.map((person: { fullName: string }) => person.fullName)).toEqual(['Éric Dehors']);
    // Only what was sent: the draft stays its facilitators'.
    expect(body.questionnaires.map((questionnaire: { title: string; respondents: number }) => [questionnaire.title, questionnaire.respondents])).toEqual([['Retours à chaud', 3]]);
    expect(body.resources.map((resource: { title: string; author: string }) => [resource.title, resource.author])).toEqual([
      ['Guide de la coopération entre conseils', 'Amina Diallo'],
      ['Annuaire interne des conseils', 'Bruno Lemaire'],
    ]);
    expect(body.map).toMatchObject([
      { kind: 'cooperation', title: 'Fête de quartier commune', status: 'under_way', parties: ['Conseil citoyen Nord', 'Conseil citoyen Sud'] },
      { kind: 'obstacle', cooperation: 'Fête de quartier commune' },
      { kind: 'skill', offeredBy: 'Bruno Lemaire' },
    ]);
    expect(body.harvest.map((item: { kind: string; author: string | null }) => [item.kind, item.author])).toEqual([
      ['nugget', 'Amina Diallo'],
      ['pebble', null],
    ]);
    expect(body.decisions).toMatchObject([{ wording: 'Créer un fonds commun des conseils', status: 'adopted', outcomeStatement: 'Adoptée par consentement.' }]);

    // A reader of the partnership reads it without the group's confidential resources; an outsider it names reads it too.
    const read = await s.odile.client.get(`${s.url}/report`);
    expect(read.body.resources.map((resource: { title: string }) => resource.title)).toEqual(['Guide de la coopération entre conseils']);
    // The questionnaires' results are the group's: not in a reader's report.
    expect(read.body.questionnaires).toEqual([]);
    expect((await s.eric.client.get(`${s.url}/report`)).status).toBe(200);
  });

  it('is printed as a PDF with the results drawn and their figures, read by an outsider of the group', async () => {
    const s = await livedSpace();
    const pdf = await t.app.inject({ method: 'GET', url: `${s.url}/report.pdf`, headers: { cookie: s.eric.client.cookie! } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(new Uint8Array(pdf.rawPayload))).join('\n');
    for (const expected of [
      'Rapport final : Accompagnement des conseils citoyens',
      'Licence : Creative Commons Attribution – Partage dans les mêmes conditions 4.0 (CC BY-SA 4.0)',
      'Le programme tenu',
      'Accueil et météo (30 min)',
      'Présents : Amina Diallo, Éric Dehors',
      'Conseil citoyen Nord',
      'Venus de l’extérieur',
      'Retours à chaud (anonyme)',
      '3 réponses sur 4 personnes interrogées',
      '2 (66,7 %)',
      'Moyenne : 4 (de 1 à 5)',
      '5 points, place moyenne 1,33',
      'Continuer ensemble',
      'Guide de la coopération entre conseils',
      'Fête de quartier commune — en cours, avec Conseil citoyen Nord, Conseil citoyen Sud',
      'Animation de réunions — proposé par Bruno Lemaire',
      'Le tour de météo a détendu tout le monde.',
      'La plénière était trop longue.',
      'Créer un fonds commun des conseils — adoptée',
    ]) {
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    }
    expect(text).not.toContain('Évaluation à froid en préparation');
  });

  it('is no one’s outside the space: another partnership, an outsider the space does not name', async () => {
    const s = await livedSpace();
    const other = await s.f.admin.post(`${s.f.base}/accompaniments`, { title: 'Un autre groupe' });
    expect((await s.eric.client.get(`${s.f.base}/accompaniments/${other.body.id}/report.pdf`)).status).toBe(404);
    const stranger = await newPartnership(t);
    expect((await stranger.admin.get(`${stranger.base}/accompaniments/${s.id}/report`)).status).toBe(404);
  });
});
