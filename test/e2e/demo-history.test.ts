import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPartnership, DEMO_SIGN_IN } from '../../src/demo/demo-partnership.js';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { createTestAccount, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

/**
 * The demo a visitor explores, with its months of history: Gérard finds what the partnership
 * expects of him and the round that waits on him; the coordinator reads a matter the directors
 * arbitrated and the minutes of a meeting held months ago.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');
const LAPTOP = { width: 1280, height: 900 };

let t: TestApp;
let browser: Browser;
let origin: string;
let base: string;

const proposalId = async (wordingStart: string) =>
  (await t.store.db.selectFrom('proposal').select('id').where('wording', 'like', `${wordingStart}%`).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  const { partnershipId } = await createDemoPartnership(t.store.db, t.clock.now(), { history: true });
  base = `/p/${partnershipId}`;
  const email = 'gerard@trois-rives.example';
  const accountId = await createTestAccount(t.store.db, email);
  await t.store.db.updateTable('person').set({ account_id: accountId }).where('partnership_id', '=', partnershipId).where('email', '=', email).execute();
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const newWindow = async () => (await browser.newContext({ viewport: LAPTOP, locale: 'fr-FR', timezoneId: 'Europe/Paris' })).newPage();

describe('the living demo, as a visitor sees it', () => {
  it('Gérard has a round, an agenda item and a date poll to see to, and the round waits on him', async () => {
    const gerard = await newWindow();
    await signIn(gerard, origin, 'gerard@trois-rives.example', TEST_PASSWORD);
    await gerard.goto(`${origin}${base}`);
    await gerard.getByRole('heading', { level: 1, name: 'Les Trois Rives' }).waitFor();
    await gerard.getByRole('link', { name: /Lancer « La Gazette des Trois Rives »/ }).first().waitFor();
    await gerard.getByRole('link', { name: /Bilan de la permanence tournante du samedi/ }).first().waitFor();
    await gerard.getByRole('link', { name: /Assemblée plénière : bilan des six mois/ }).first().waitFor();
    await expectNoAxeViolations(gerard);
    await screenshot(gerard, '95-demo-to-do');

    await gerard.goto(`${origin}${base}/propositions/${await proposalId('Lancer « La Gazette')}`);
    await gerard.getByText('D’accord, à condition que le premier numéro soit financé avant d’annoncer les suivants.').waitFor();
    await gerard.getByText('Combien coûte un numéro, et sur quel budget ?').waitFor();
    await expectNoAxeViolations(gerard);
    await screenshot(gerard, '96-demo-open-round');
  });

  it('the coordinator reads the arbitrated matter and the published minutes', async () => {
    const camille = await newWindow();
    await signIn(camille, origin, DEMO_SIGN_IN.email, DEMO_SIGN_IN.password);
    await camille.goto(`${origin}${base}/propositions/${await proposalId('Mutualiser l’accueil du samedi')}`);
    await camille.getByText('Le Haut-Pré rejoindra la permanence dès qu’un poste d’accueil y sera pourvu.').first().waitFor();
    await camille.getByText('Prêter une personne ne suffit pas', { exact: false }).first().waitFor();
    await expectNoAxeViolations(camille);
    await screenshot(camille, '97-demo-arbitrated');

    const meeting = await t.store.db.selectFrom('meeting').select('id').where('recorded_afterwards', '=', false).where('minutes_published_at', 'is not', null).executeTakeFirstOrThrow();
    await camille.goto(`${origin}${base}/reunions/${meeting.id}`);
    await camille.getByText('Réserve de Jacques Arnaud', { exact: false }).first().waitFor();
    await expectNoAxeViolations(camille);
    await screenshot(camille, '98-demo-minutes');

    await camille.getByRole('link', { name: 'Journal' }).first().click();
    await camille.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    const titles = await camille.locator('ol.journal li strong').allTextContents();
    expect(titles.length).toBeGreaterThanOrEqual(50);
    expect(titles.filter((title) => /^[a-z_]+\.[a-z_]+$/.test(title) || title === 'Autre acte')).toEqual([]);
    await screenshot(camille, '99-demo-journal');
  });
});
