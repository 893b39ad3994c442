import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, ServerLog, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * Seed 002's accompaniment, its space and its day: the facilitator opens the space from
 * « Accompagnements », invites Amina of the partnership and Éric from outside, plans the day with
 * its programme and, once it has begun, says it took place with who came; Éric opens the mail's
 * link on his phone and reads the space and the day without the partnership's navigation.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');
const serverLog = new ServerLog();

let t: TestApp;
let f: PartnershipFixture;
let browser: Browser;
let origin: string;

/** The wall time in Paris a `datetime-local` field takes, some minutes from now. */
const parisLocal = (minutesFromNow: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .format(new Date(Date.now() + minutesFromNow * 60_000))
    .replace(' ', 'T');

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT, logger: serverLog.logger });
  t.clock.current = new Date();
  f = await newPartnership(t, 'Cré-sol');
  const nord = await builder(f).organization('Conseil citoyen Nord');
  await newMember(t, f, { fullName: 'Amina Diallo', memberships: [{ organizationId: nord, kind: 'volunteer' }] });
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const context = (viewport: { width: number; height: number }) => browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });

describe('an accompaniment in the browser', () => {
  it('is opened, its group invited (one from outside), its day planned with its programme and held; the outsider reads it on a phone', async () => {
    const page = await (await context({ width: 1280, height: 900 })).newPage();
    await signIn(page, origin, f.adminEmail, TEST_PASSWORD);
    await page.goto(`${origin}/p/${f.partnershipId}`);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Accompagnements' }).click();
    await page.getByRole('heading', { name: 'Accompagnements', level: 1 }).waitFor();
    await page.getByText('Aucun accompagnement pour l’instant.').waitFor();
    await page.getByRole('button', { name: 'Ouvrir un accompagnement' }).click();
    await page.getByLabel('Nom de l’accompagnement').fill('Conseils citoyens en coopération');
    await page.getByLabel('Ce que le groupe veut faire ensemble').fill('Faire coopérer les conseils citoyens du territoire autour d’une journée.');
    await page.getByRole('button', { name: 'Ouvrir l’espace' }).click();
    await page.getByRole('heading', { name: 'Conseils citoyens en coopération', level: 1 }).waitFor();
    for (const part of ['Questionnaires', 'Ressources', 'Carte des coopérations', 'Moisson', 'Rapport final']) {
      await page.getByRole('navigation', { name: 'L’espace de travail' }).getByRole('link', { name: part }).waitFor();
    }

    await page.getByRole('button', { name: 'Inviter quelqu’un' }).click();
    await page.getByLabel('Personne', { exact: true }).selectOption({ label: 'Amina Diallo' });
    await page.getByRole('button', { name: 'Inviter', exact: true }).click();
    await page.getByText('Invitation envoyée.').waitFor();
    const people = page.getByRole('region', { name: /personnes dans le groupe/ });
    await people.getByText('Amina Diallo', { exact: true }).waitFor();
    await page.getByLabel('Une personne extérieure').check();
    await page.getByLabel('Nom et prénom').fill('Éric Dehors');
    const ericEmail = `eric.${Date.now()}@dehors.example.org`;
    await page.getByLabel('Adresse e-mail').fill(ericEmail);
    await page.getByRole('button', { name: 'Inviter', exact: true }).click();
    await page.getByText('Éric Dehors est invité et reçoit le lien par e-mail.').waitFor();
    await people.getByText('Extérieur au partenariat').waitFor();
    await page.getByRole('heading', { name: '3 personnes dans le groupe' }).waitFor();

    // The day began an hour ago: it can be said held at once.
    await page.getByRole('button', { name: 'Prévoir une journée' }).click();
    await page.getByLabel('Titre de la journée').fill('Journée de coopération');
    await page.getByLabel('Début').fill(parisLocal(-60));
    await page.getByLabel('Fin').fill(parisLocal(6 * 60));
    await page.getByLabel('Lieu', { exact: true }).fill('Maison des associations');
    await page.getByLabel('Moment 1').fill('Accueil et tour de table');
    await page.getByLabel('Durée en minutes').first().fill('30');
    await page.getByRole('button', { name: 'Ajouter un moment' }).click();
    await page.getByLabel('Moment 2').fill('Ateliers : nos coopérations');
    await page.getByLabel('Durée en minutes').nth(1).fill('120');
    await page.getByRole('button', { name: 'Prévoir la journée', exact: true }).click();
    await page.getByText('Journée prévue : le groupe a reçu l’invitation.').waitFor();
    await page.getByRole('link', { name: 'Journée de coopération' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, 'accompaniment-space-1280');

    await page.getByRole('link', { name: 'Journée de coopération' }).click();
    await page.getByRole('heading', { name: 'Journée de coopération', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Programme' }).getByText('Ateliers : nos coopérations').waitFor();
    await page.getByLabel('Amina Diallo').check();
    await page.getByLabel('Éric Dehors').check();
    await page.getByRole('button', { name: 'Dire que la journée a eu lieu' }).click();
    await page.getByRole('heading', { name: '2 personnes présentes' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, 'accompaniment-day-1280');
    const dayPath = new URL(page.url()).pathname;

    // The invitation's link, not the day's convocation mailed after it.
    const link = serverLog.linkMailedTo(ericEmail, /(http:\/\/entente\.test\/\S+accompagnements\/[0-9a-f-]+#\S+)/).replace('http://entente.test', origin);
    const phone = await (await context({ width: 360, height: 780 })).newPage();
    await phone.goto(link);
    await phone.getByRole('heading', { name: 'Conseils citoyens en coopération', level: 1 }).waitFor();
    // No way to the rest of the partnership.
    expect(await phone.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(0);
    await phone.getByText('Vous y participez').waitFor();
    expect(await phone.getByRole('button', { name: 'Inviter quelqu’un' }).count()).toBe(0);
    await expectNoAxeViolations(phone);
    await screenshot(phone, 'accompaniment-space-outsider-360');
    await phone.getByRole('link', { name: 'Journée de coopération' }).click();
    await phone.getByRole('heading', { name: '2 personnes présentes' }).waitFor();
    expect(new URL(phone.url()).pathname).toBe(dayPath);
    expect(await phone.getByRole('button', { name: 'Enregistrer les présences' }).count()).toBe(0);
    await expectNoAxeViolations(phone);
    await screenshot(phone, 'accompaniment-day-outsider-360');
  });
});
