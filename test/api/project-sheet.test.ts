import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorIn, builder, uniqueName } from '../support/structure.js';
import { pdfText } from '../support/pdf-text.js';
import { newMember, newPartnership, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/**
 * An active project of two houses, its conduct written through the conduct's acts by its working
 * group (Lina) and its lead (Marc); Odile, of a third house, only reads it.
 */
async function conductedProject() {
  const f = await newPartnership(t);
  const build = builder(f);
  const tilleuls = await build.organization(uniqueName('MJC des Tilleuls'));
  const rives = await build.organization(uniqueName('Centre social des Rives'));
  const outside = await build.organization(uniqueName('Maison des Aulnes'));
  const member = (fullName: string, organizationId: string) => newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'staff' }] });
  const lina = await member('Lina Morel', tilleuls);
  const marc = await member('Marc Diallo', rives);
  const odile = await member('Odile Perrin', outside);
  const group = await build.body({ name: uniqueName('Groupe de travail Vacances'), kind: 'working_group' });
  await build.seat(group, { personId: lina.personId, organizationId: tilleuls, capacity: 'referent' });
  // The lifecycle's acts staff a project over nine steps (test/api/projects.test.ts); the sheet is read from one already under way.
  const projectId = randomUUID();
  const title = uniqueName('Premiers départs en vacances');
  const now = t.clock.now();
  await t.store.db
    .insertInto('project')
    .values({ id: projectId, partnership_id: f.partnershipId, title, summary: 'Un premier séjour pour des familles qui ne partent jamais.', origin: 'team', stage: 'active', stage_since: now, created_by: f.adminPersonId, created_at: now, working_group_id: group, lead_nominee_id: marc.personId })
    .execute();
  await t.store.db.insertInto('project_organization').values([{ project_id: projectId, organization_id: tilleuls }, { project_id: projectId, organization_id: rives }]).execute();
  const url = `${f.base}/projects/${projectId}`;

  expect((await lina.client.put(`${url}/diagnosis`, { diagnosis: 'Soixante familles ne sont pas parties depuis cinq ans.', sources: 'Relevé des accueils' })).status).toBe(200);
  expect((await lina.client.post(`${url}/purposes`, { statement: 'Faire découvrir le plaisir d’un séjour' })).status).toBe(201);
  expect((await lina.client.post(`${url}/purposes`, { statement: 'Créer des liens entre familles des deux quartiers' })).status).toBe(201);
  const departures = (await lina.client.post(`${url}/objectives`, { statement: 'Faire partir vingt-quatre familles en séjour', metric: 'Familles parties', target: '24 familles', deadline: '2026-09-30', ownerId: marc.personId })).body.id as string;
  await lina.client.post(`${url}/objectives`, { statement: 'Réunir deux fois chaque groupe de familles', metric: 'Réunions tenues', target: '6 réunions', ownerId: lina.personId });
  const indicator = (await lina.client.post(`${url}/indicators`, { objectiveId: departures, label: 'Familles inscrites', unit: 'familles', target: 24 })).body.id as string;
  const day = now.toISOString().slice(0, 10);
  for (const [organizationId, value] of [[tilleuls, 6], [rives, 9]] as const) {
    expect((await lina.client.post(`${url}/indicators/${indicator}/measurements`, { measuredOn: day, value, organizationId })).status).toBe(201);
  }
  expect((await lina.client.post(`${url}/means`, { organizationId: rives, kind: 'room', description: 'La salle des Saules, un samedi par mois' })).status).toBe(201);
  expect((await marc.client.put(`${url}/mission-sheet`, { missionGoals: 'Coordonner les trois séjours avec les familles', missionTime: 'Quatre heures par semaine', missionTraining: 'Accompagner les départs en vacances' })).status).toBe(200);
  return { f, url, title, odile, tilleuls, rives };
}

describe('the project sheet', () => {
  it('is a Markdown file naming the purposes, objectives, indicators with their targets and readings, the mission sheet and the means', async () => {
    const p = await conductedProject();
    const response = await t.app.inject({ method: 'GET', url: `${p.url}/sheet.md`, headers: { cookie: p.odile.client.cookie! } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="fiche-projet.md"');
    const text = response.body;
    expect(text.startsWith(`# Fiche projet : ${p.title}\n`)).toBe(true);
    for (const expected of [
      '_Étape : en cours, depuis le',
      '## Diagnostic des besoins',
      'Soixante familles ne sont pas parties depuis cinq ans.',
      'Sources : Relevé des accueils',
      '## Finalités',
      '1. Faire découvrir le plaisir d’un séjour',
      '2. Créer des liens entre familles des deux quartiers',
      '## Objectifs',
      '| 1. Faire partir vingt-quatre familles en séjour | Familles parties | 24 familles | 30 septembre 2026 | Marc Diallo |  |',
      // The objective without a deadline says which SMART letter it lacks.
      '| 2. Réunir deux fois chaque groupe de familles | Réunions tenues | 6 réunions |  | Lina Morel | daté |',
      '## Indicateurs de réussite',
      // The latest reading of each house adds up against the target.
      '| Familles inscrites | 1. Faire partir vingt-quatre familles en séjour | 24 familles | 15 familles | 63 % |',
      'Mesures : Familles inscrites',
      '## Fiche de mission',
      'Chef·fe de projet : Marc Diallo',
      'Coordonner les trois séjours avec les familles',
      'Temps alloué : Quatre heures par semaine',
      '## Moyens et modalités',
      'La salle des Saules, un samedi par mois',
    ]) {
      expect(text).toContain(expected);
    }
    const readings = text.split('\n').filter((line) => line.includes('| 6 familles |') || line.includes('| 9 familles |'));
    expect(readings.map((line) => line.split(' | ')[1])).toEqual(expect.arrayContaining([expect.stringContaining('MJC des Tilleuls'), expect.stringContaining('Centre social des Rives')]));

    const english = await t.app.inject({ method: 'GET', url: `${p.url}/sheet.md`, headers: { cookie: p.odile.client.cookie!, 'x-entente-locale': 'en' } });
    expect(english.body).toContain(`# Project sheet: ${p.title}`);
    expect(english.body).toContain('## Indicators of success');
  });

  it('prints as a PDF carrying the journal’s head, for anyone of the partnership only', async () => {
    const p = await conductedProject();
    const response = await t.app.inject({ method: 'GET', url: `${p.url}/sheet.pdf`, headers: { cookie: p.odile.client.cookie! } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const printed = (await pdfText(new Uint8Array(response.rawPayload))).join(' ').replace(/\s+/g, ' ');
    for (const expected of [`Fiche projet : ${p.title}`, 'Finalités', 'Faire partir vingt-quatre familles en séjour', 'Familles inscrites', 'Fiche de mission', 'La salle des Saules']) expect(printed).toContain(expected);
    await anchorIn(t, p.f.partnershipId, printed);

    const stranger = await newPartnership(t);
    expect((await stranger.admin.get(`${p.url}/sheet.md`)).status).toBe(404);
    expect((await p.odile.client.get(`${p.f.base}/projects/${randomUUID()}/sheet.pdf`)).status).toBe(404);
  });
});
