import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, ServerLog, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * Issue 14, point 7 in a browser: the director of one house asks a volunteer of another to join
 * theirs; she opens the mail's link on her phone, signs in, lands on her own page, and accepts.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');

const serverLog = new ServerLog();
let t: TestApp;
let f: PartnershipFixture;
let browser: Browser;
let origin: string;
let house: string;
let director: Awaited<ReturnType<typeof newMember>>;
let elise: Awaited<ReturnType<typeof newMember>>;

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT, logger: serverLog.logger });
  t.clock.current = new Date();
  f = await newPartnership(t, 'Les Trois Rives');
  house = await builder(f).organization('Maison des Possibles');
  const other = await builder(f).organization('Centre social du Moulin');
  director = await newMember(t, f, { fullName: 'Damien Roche', memberships: [{ organizationId: house, kind: 'staff', isOrganizationAdmin: true }] });
  elise = await newMember(t, f, { fullName: 'Élise Marchand', memberships: [{ organizationId: other, kind: 'volunteer' }] });
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const phone = async () => (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' })).newPage();

describe('a volunteer of another house asked to join', () => {
  it('is only asked when the director adds her', async () => {
    const page = await phone();
    await signIn(page, origin, director.email, TEST_PASSWORD);
    await page.goto(`${origin}/p/${f.partnershipId}/structures/${house}`);
    const add = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Ajouter une personne à la structure' }) });
    await add.getByLabel('Personne', { exact: true }).selectOption({ label: 'Élise Marchand' });
    await add.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await add.getByText('elle a reçu une demande et rejoindra « Maison des Possibles » si elle l’accepte').waitFor();
    expect(await page.getByRole('link', { name: 'Élise Marchand' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, '73-membership-asked');
  });

  it('opens her own page from the mail, signs in on the way, and accepts', async () => {
    await t.app.mailer.idle();
    const link = serverLog.linkMailedTo(elise.email, /(http:\/\/entente\.test\/\S+)/).replace('http://entente.test', origin);
    expect(link).toBe(`${origin}/p/${f.partnershipId}/personnes/${elise.personId}`);
    const page = await phone();
    await page.goto(link);
    await page.getByLabel('Adresse e-mail').first().fill(elise.email);
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Élise Marchand' }).waitFor();
    expect(page.url()).toBe(`${origin}/p/${f.partnershipId}/personnes/${elise.personId}`);
    await page.getByRole('heading', { level: 3, name: 'Demandes en attente de réponse' }).waitFor();
    await page.getByText('Damien Roche propose d’inscrire cette personne dans :').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '74-membership-request-on-own-page');
    await page.getByRole('button', { name: 'Accepter : Maison des Possibles' }).click();
    await page.getByRole('status').filter({ hasText: 'Demande acceptée : membre de « Maison des Possibles ».' }).waitFor();
    await page.locator('section[aria-labelledby="person-orgs"] > ul').getByRole('link', { name: 'Maison des Possibles' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Demandes en attente de réponse' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, '75-membership-accepted');
  });

  it('opens the same page after signing in without a password, by a link asked on the way', async () => {
    const page = await phone();
    await page.goto(`${origin}/p/${f.partnershipId}/personnes/${elise.personId}`);
    const byLink = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Sans mot de passe' }) });
    await byLink.getByLabel('Adresse e-mail').fill(elise.email);
    await byLink.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await page.getByRole('status').waitFor();
    await t.app.mailer.idle();
    const link = serverLog.linkMailedTo(elise.email, /(http:\/\/entente\.test\/connexion\/lien\S+)/).replace('http://entente.test', origin);
    await page.goto(link);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Élise Marchand' }).waitFor();
    expect(page.url()).toBe(`${origin}/p/${f.partnershipId}/personnes/${elise.personId}`);
  });
});
