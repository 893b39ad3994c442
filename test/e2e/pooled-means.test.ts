import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * The houses' pooled means: Agnès, who administers the MJC des Tilleuls, lends its minibus from her
 * desk; Lina, in a project's working group, books it from her phone through the project page (and
 * is refused a second, overlapping booking); Hélène, who sits for the Tilleuls among the directors,
 * finds the booking to review in her list and declines it.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');

let t: TestApp;
let f: PartnershipFixture;
let browser: Browser;
let origin: string;
let projectId: string;
let agnes: Awaited<ReturnType<typeof newMember>>;
let lina: Awaited<ReturnType<typeof newMember>>;
let helene: Awaited<ReturnType<typeof newMember>>;

/** The wall time in Paris, `days` from now at `hour`, as a `datetime-local` field takes it. */
function parisLocal(days: number, hour: number): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + days * 86_400_000));
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  f = await newPartnership(t, 'Les Trois Quartiers');
  const build = builder(f);
  const tilleuls = await build.organization('MJC des Tilleuls');
  const rives = await build.organization('Centre social des Rives');
  agnes = await newMember(t, f, { fullName: 'Agnès Petit', memberships: [{ organizationId: tilleuls, kind: 'staff', isOrganizationAdmin: true }] });
  lina = await newMember(t, f, { fullName: 'Lina Morel', memberships: [{ organizationId: tilleuls, kind: 'staff' }] });
  helene = await newMember(t, f, { fullName: 'Hélène Roux', memberships: [{ organizationId: tilleuls, kind: 'board' }] });
  const today = new Date().toISOString().slice(0, 10);
  const directors = await build.body({ name: 'Comité de direction', kind: 'directors' });
  await build.seat(directors, { personId: helene.personId, organizationId: tilleuls, startsOn: today });
  const group = await build.body({ name: 'Groupe de travail Fête des voisins', kind: 'working_group' });
  await build.seat(group, { personId: lina.personId, organizationId: tilleuls, capacity: 'referent', startsOn: today });
  await build.organization('Maison des Aulnes');
  await f.admin.post(`${f.base}/pooled-means`, { organizationId: rives, kind: 'room', label: 'Salle polyvalente', conditions: 'Trente places, cuisine attenante.' });
  // The lifecycle's steps are walked elsewhere: here the project is already active.
  projectId = randomUUID();
  const now = t.clock.now();
  await t.store.db
    .insertInto('project')
    .values({ id: projectId, partnership_id: f.partnershipId, title: 'Fête des voisins', origin: 'team', stage: 'active', stage_since: now, created_by: f.adminPersonId, created_at: now, working_group_id: group })
    .execute();
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const context = (viewport: { width: number; height: number }) => browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });

async function book(page: Page, from: string, to: string, purpose: string) {
  const form = page.getByRole('form', { name: 'Réserver un moyen pour « Fête des voisins »' });
  await form.getByLabel('Moyen').selectOption({ label: 'Minibus neuf places (MJC des Tilleuls)' });
  await form.getByLabel('Début').fill(from);
  await form.getByLabel('Fin').fill(to);
  await form.getByLabel('Pour quoi faire').fill(purpose);
  await form.getByRole('button', { name: 'Réserver' }).click();
}

describe('pooled means', () => {
  it('are lent by an organization, booked by a project from a phone, and declined by the lending directors', async () => {
    const desk = await (await context({ width: 1280, height: 900 })).newPage();
    await signIn(desk, origin, agnes.email, TEST_PASSWORD);
    await desk.getByRole('link', { name: 'Moyens', exact: true }).click();
    await desk.getByRole('heading', { level: 1, name: 'Moyens mutualisés' }).waitFor();
    const lend = desk.getByRole('form', { name: 'Prêter un moyen' });
    await lend.getByLabel('Nature').selectOption({ label: 'Véhicule' });
    await lend.getByLabel('Nom').fill('Minibus neuf places');
    await lend.getByLabel('Conditions').fill('Permis B depuis plus de trois ans. Le plein au retour.');
    await lend.getByRole('button', { name: 'Ajouter ce moyen' }).click();
    await desk.getByRole('heading', { level: 3, name: /Minibus neuf places/ }).waitFor();

    const phone = await (await context({ width: 390, height: 844 })).newPage();
    await signIn(phone, origin, lina.email, TEST_PASSWORD);
    await phone.goto(`${origin}/p/${f.partnershipId}/projets/${projectId}`);
    await phone.getByRole('link', { name: 'Réserver un moyen' }).click();
    await phone.getByRole('heading', { level: 2, name: 'Réserver un moyen pour « Fête des voisins »' }).waitFor();
    await book(phone, parisLocal(3, 9), parisLocal(3, 18), 'Aller chercher les tables et les barnums');
    await phone.getByText('Réservation enregistrée. La direction de la structure qui prête est informée.').waitFor();
    await phone.getByText('pour le projet « Fête des voisins »').waitFor();
    // The same minibus over the same afternoon: refused, in French, nothing written.
    await book(phone, parisLocal(3, 14), parisLocal(3, 20), 'Retour des familles');
    await phone.getByRole('alert').getByText('Ce moyen est déjà réservé sur ce créneau : choisissez d’autres horaires.').waitFor();
    await expectNoAxeViolations(phone);
    await screenshot(phone, 'pooled-means-booking-phone');

    await desk.reload();
    const minibus = desk.getByRole('listitem').filter({ has: desk.getByRole('heading', { level: 3, name: /Minibus neuf places/ }) });
    await minibus.getByText('pour le projet « Fête des voisins »').waitFor();
    const span = await minibus.getByRole('link').first().textContent();
    expect(span).toMatch(/09:00.*18:00/);
    await expectNoAxeViolations(desk);
    await screenshot(desk, 'pooled-means-desktop');

    const director = await (await context({ width: 390, height: 844 })).newPage();
    await signIn(director, origin, helene.email, TEST_PASSWORD);
    await director.goto(`${origin}/p/${f.partnershipId}`);
    await director.getByRole('link', { name: /Réservation à examiner : « Minibus neuf places »/ }).click();
    await director.getByRole('heading', { level: 2, name: 'Décliner la réservation' }).waitFor();
    await director.getByText('Aller chercher les tables et les barnums').waitFor();
    await director.getByLabel('Motif').fill('Le minibus part en révision ce jour-là.');
    await director.getByRole('button', { name: 'Décliner la réservation' }).click();
    await director.getByText('Réservation déclinée. La personne qui l’a faite en est informée.').waitFor();
    await director.getByText('Le minibus part en révision ce jour-là.').waitFor();
    await expectNoAxeViolations(director);
    await screenshot(director, 'pooled-means-declined-phone');

    const bookings = await t.store.db.selectFrom('pooled_mean_booking').select(['status', 'decline_reason']).execute();
    expect(bookings).toEqual([{ status: 'declined', decline_reason: 'Le minibus part en révision ce jour-là.' }]);
    for (const page of [desk, phone, director]) await page.context().close();
  });
});
