import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * An active common project of two houses, conducted from a phone by Lina, who sits in its working
 * group: she writes a vague objective and sees what it lacks, writes a complete one, sets its
 * indicator and records the first registrations of her house.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');

let t: TestApp;
let f: PartnershipFixture;
let browser: Browser;
let origin: string;
let projectId: string;
let lina: Awaited<ReturnType<typeof newMember>>;

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  f = await newPartnership(t, 'Les Trois Quartiers');
  const build = builder(f);
  const tilleuls = await build.organization('MJC des Tilleuls');
  const rives = await build.organization('Centre social des Rives');
  lina = await newMember(t, f, { fullName: 'Lina Morel', memberships: [{ organizationId: tilleuls, kind: 'staff' }] });
  const marc = await newMember(t, f, { fullName: 'Marc Diallo', memberships: [{ organizationId: rives, kind: 'staff' }] });
  const group = await build.body({ name: 'Groupe de travail Ateliers numériques', kind: 'working_group' });
  const today = new Date().toISOString().slice(0, 10);
  await build.seat(group, { personId: lina.personId, organizationId: tilleuls, capacity: 'referent', startsOn: today });
  // The lifecycle's steps are walked elsewhere: here the project is already active, staffed and led.
  projectId = randomUUID();
  const now = t.clock.now();
  await t.store.db
    .insertInto('project')
    .values({ id: projectId, partnership_id: f.partnershipId, title: 'Ateliers numériques', origin: 'team', stage: 'active', stage_since: now, created_by: f.adminPersonId, created_at: now, working_group_id: group, lead_nominee_id: marc.personId })
    .execute();
  await t.store.db.insertInto('project_organization').values([{ project_id: projectId, organization_id: tilleuls }, { project_id: projectId, organization_id: rives }]).execute();
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the conduct of a common project, on a phone', () => {
  it('shows what an objective lacks, then follows an indicator of a complete one', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' })).newPage();
    await signIn(page, origin, lina.email, TEST_PASSWORD);
    await page.goto(`${origin}/p/${f.partnershipId}/projets/${projectId}`);
    await page.getByRole('heading', { level: 2, name: 'Objectifs' }).waitFor();

    await page.getByRole('button', { name: 'Ajouter un objectif' }).click();
    let form = page.getByRole('group', { name: 'Ajouter un objectif' });
    await form.getByLabel('Objectif', { exact: true }).fill('Former les gens');
    await form.getByRole('button', { name: 'Ajouter un objectif' }).click();
    const vague = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Former les gens' }) });
    for (const gap of ['Trop vague', 'Pas mesurable : indiquez une mesure et une cible', 'Personne pour le porter', 'Sans échéance']) await vague.getByText(gap).waitFor();
    // The form closes itself once the page shows the objective: it is opened again after that.
    await form.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Ajouter un objectif' }).click();
    form = page.getByRole('group', { name: 'Ajouter un objectif' });
    await form.getByLabel('Objectif', { exact: true }).fill('Accueillir des familles aux ateliers numériques');
    await form.getByLabel('Mesure', { exact: true }).fill('Familles inscrites');
    await form.getByLabel('Cible', { exact: true }).fill('40 familles');
    await form.getByLabel('Échéance').fill('2027-06-30');
    await form.getByLabel('Personne qui le porte').selectOption({ label: 'Marc Diallo' });
    await form.getByRole('button', { name: 'Ajouter un objectif' }).click();
    const complete = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Accueillir des familles aux ateliers numériques' }) });
    await complete.getByText('Objectif complet').waitFor();
    await complete.getByText('Porté par Marc Diallo').waitFor();

    await page.getByRole('button', { name: 'Ajouter un indicateur' }).click();
    form = page.getByRole('group', { name: 'Ajouter un indicateur' });
    await form.getByLabel('Objectif mesuré').selectOption({ label: 'Accueillir des familles aux ateliers numériques' });
    await form.getByLabel('Indicateur', { exact: true }).fill('Familles inscrites');
    await form.getByLabel('Cible chiffrée').fill('40');
    await form.getByLabel('Unité').fill('familles');
    await form.getByRole('button', { name: 'Ajouter un indicateur' }).click();
    const indicator = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Familles inscrites' }) });
    await indicator.getByText('Pas encore de mesure.').waitFor();

    await indicator.getByRole('button', { name: 'Noter une mesure' }).click();
    form = page.getByRole('group', { name: 'Noter une mesure' });
    await form.getByLabel('Valeur').fill('12');
    await form.getByLabel('Pour', { exact: true }).selectOption({ label: 'MJC des Tilleuls' });
    await form.getByRole('button', { name: 'Enregistrer la mesure' }).click();
    await indicator.getByText('12 sur 40 familles').waitFor();
    await indicator.getByText('30 % de la cible').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, 'project-conduct-phone');

    const conduct = (await f.admin.get(`${f.base}/projects/${projectId}/conduct`)).body;
    expect(conduct.objectives.map((objective: { smartGaps: string[] }) => objective.smartGaps)).toEqual([['specific', 'measurable', 'in_action', 'time_bound'], []]);
    expect(conduct.indicators[0].progress).toEqual({ value: 12, percent: 30 });
    await page.context().close();
  });
});
