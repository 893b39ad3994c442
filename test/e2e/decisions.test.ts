import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPartnership, DEMO_SIGN_IN } from '../../src/demo/demo-partnership.js';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { Client, createTestAccount, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const WEB_ROOT = join(process.cwd(), 'dist', 'web');
/** The family outings working group of the demo: it decides functional matters by consent. */
const GROUP = ['yanis', 'mireille', 'amandine', 'karim'] as const;

let t: TestApp;
let browser: Browser;
let facilitator: Page;
let mireille: Page;
let origin: string;
let proposalPath: string;
let partnershipId: string;
const others = new Map<string, Client>();

async function signInToTheDemo(page: Page, email: string, password: string) {
  await signIn(page, origin, email, password);
  await page.getByRole('heading', { level: 1, name: 'Les Trois Rives' }).waitFor();
}

/** The members who are not in a browser take their stance through the API, as another device would. */
async function othersConsent() {
  for (const client of others.values()) {
    const answer = await client.post(`/api/v1/partnerships/${partnershipId}/proposals/${proposalPath.split('/').pop()}/stances`, { stance: 'consent', idempotencyKey: crypto.randomUUID() });
    expect(answer.status).toBe(200);
  }
}

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  ({ partnershipId } = await createDemoPartnership(t.store.db, t.clock.now(), { afterCommit: t.app.afterCommit }));
  for (const key of GROUP) {
    const email = `${key}@trois-rives.example`;
    const accountId = await createTestAccount(t.store.db, email);
    await t.store.db.updateTable('person').set({ account_id: accountId }).where('partnership_id', '=', partnershipId).where('email', '=', email).execute();
    if (key !== 'mireille') {
      const client = new Client(t.app);
      expect((await client.signIn(email)).status).toBe(200);
      others.set(key, client);
    }
  }
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  const phone = { viewport: { width: 360, height: 780 }, locale: 'fr-FR' };
  facilitator = await (await browser.newContext(phone)).newPage();
  mireille = await (await browser.newContext(phone)).newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a working group decides by consent, live, in two browsers', () => {
  it('the coordinator proposes; the charter routes it to the working group, by consent', async () => {
    await signInToTheDemo(facilitator, DEMO_SIGN_IN.email, DEMO_SIGN_IN.password);
    await facilitator.getByRole('link', { name: 'Décisions' }).click();
    await facilitator.getByRole('heading', { level: 1, name: 'Décisions' }).waitFor();
    await facilitator.getByLabel('Libellé de la décision').fill('Partir à la mer le 12 juillet avec deux cars.');
    await facilitator.getByLabel('Niveau', { exact: true }).selectOption('functional');
    await facilitator.getByRole('button', { name: 'Proposer' }).click();
    await facilitator.getByText('Décision fonctionnelle → Groupe de travail Sorties familles, par consentement (charte, art. 4)').waitFor();
    proposalPath = new URL(facilitator.url()).pathname;
    await expectNoAxeViolations(facilitator);
    await screenshot(facilitator, '30-proposal');
    for (const phase of ['questions de clarification', 'réactions', 'tour de table']) {
      await facilitator.getByRole('button', { name: 'Passer à la phase suivante' }).click();
      await facilitator.getByText(`Phase : ${phase} (tour 1)`).waitFor();
    }
  });

  it('a member objects from her phone; the facilitator sees it and the round leads to an amendment', async () => {
    await signInToTheDemo(mireille, 'mireille@trois-rives.example', TEST_PASSWORD);
    await mireille.goto(`${origin}${proposalPath}`);
    await mireille.getByRole('heading', { name: 'Votre position' }).waitFor();
    await mireille.getByLabel('Objection').check();
    await mireille.getByRole('button', { name: 'Donner ma position' }).click();
    await mireille.getByText('Dites pourquoi : une objection ou une réserve s’accompagne de ses raisons.').waitFor();
    await mireille.getByLabel('Raisons').fill('Un seul car suffit si le centre social prête son minibus.');
    await mireille.getByRole('button', { name: 'Donner ma position' }).click();
    await mireille.getByRole('status').filter({ hasText: 'Position enregistrée.' }).waitFor();
    await expectNoAxeViolations(mireille);
    await screenshot(mireille, '31-objection');

    // Before the others speak, the facilitator reads how the round would close: the silent named, the quorum missed.
    await facilitator.getByText('« Un seul car suffit si le centre social prête son minibus. »').waitFor();
    await facilitator.getByRole('button', { name: 'Clore le tour' }).click();
    const preview = facilitator.getByRole('region', { name: 'Avant de clore le tour' });
    await preview.getByText(/^3 membres ne se sont pas exprimés \(.+\) : la charte les compte absents\. Quorum non atteint : 1 voix sur les 4 nécessaires\./).waitFor();
    await preview.getByText('Ne se sont pas exprimés :').waitFor();
    await expect.poll(() => preview.getByRole('listitem').count()).toBe(3);
    await expectNoAxeViolations(facilitator);
    await screenshot(facilitator, '31b-closing-confirmation');
    await facilitator.setViewportSize({ width: 1280, height: 900 });
    await screenshot(facilitator, '31c-closing-confirmation-wide');
    await facilitator.setViewportSize({ width: 360, height: 780 });
    await preview.getByRole('button', { name: 'Annuler' }).click();
    await othersConsent();

    await facilitator.getByText('4 membres sur 4 ont pris la parole.').waitFor();
    await facilitator.getByRole('button', { name: 'Clore le tour' }).click();
    await preview.getByText('Une objection a été formulée. La proposition revient en amendement, puis un nouveau tour s’ouvre.').waitFor();
    await preview.getByRole('button', { name: 'Confirmer la clôture' }).click();
    await facilitator.getByText('Tour 1 : Une objection a été formulée. La proposition revient en amendement, puis un nouveau tour s’ouvre.').waitFor();
    await facilitator.getByLabel('Proposition amendée').fill('Partir à la mer le 12 juillet avec un car et le minibus du Moulin.');
    await expectNoAxeViolations(facilitator);
    await screenshot(facilitator, '31b-amend-and-reopen');
    await facilitator.getByRole('button', { name: 'Amender et ouvrir un nouveau tour' }).click();
    await facilitator.getByRole('heading', { level: 1, name: 'Partir à la mer le 12 juillet avec un car et le minibus du Moulin.' }).waitFor();
    await facilitator.getByText('Phase : tour de table (tour 2)').waitFor();
  });

  it('the second round consents and both see the outcome and the information note', async () => {
    await mireille.getByText('Phase : tour de table (tour 2)').waitFor();
    await mireille.getByRole('heading', { level: 1, name: 'Partir à la mer le 12 juillet avec un car et le minibus du Moulin.' }).waitFor();
    await mireille.getByLabel('Consentement').check();
    await mireille.getByRole('button', { name: 'Donner ma position' }).click();
    await mireille.getByRole('status').filter({ hasText: 'Position enregistrée.' }).waitFor();
    await othersConsent();
    await facilitator.getByText('4 membres sur 4 ont pris la parole.').waitFor();
    await facilitator.getByLabel('Relevé de décision').fill('Un car et le minibus du Moulin, départ 8 h.');
    await facilitator.getByRole('button', { name: 'Clore le tour' }).click();
    const confirmation = facilitator.getByRole('region', { name: 'Avant de clore le tour' });
    await confirmation.getByText('Aucune objection. La proposition est adoptée.').waitFor();
    await confirmation.getByRole('button', { name: 'Confirmer la clôture' }).click();
    await facilitator.getByRole('status').filter({ hasText: 'Un car et le minibus du Moulin, départ 8 h.' }).waitFor();
    await mireille.getByText('Un car et le minibus du Moulin, départ 8 h.').waitFor();
    await expect.poll(() => mireille.getByText('Adoptée', { exact: true }).count()).toBeGreaterThan(0);
    await mireille.getByText(/Note d’information envoyée à : Comité de pilotage \(\d+ destinataires\)\./).waitFor();
    await expectNoAxeViolations(mireille);
    await screenshot(mireille, '32-adopted');
    await facilitator.getByText('Tours précédents').waitFor();
    await expectNoAxeViolations(facilitator);
    await screenshot(facilitator, '33-adopted-facilitator');
  });

  it('finds the decision in the group’s register, and the objection in the disagreements register', async () => {
    await facilitator.getByRole('link', { name: 'Décisions' }).first().click();
    await facilitator.getByRole('link', { name: 'Accords et désaccords' }).click();
    await facilitator.getByText('« Un seul car suffit si le centre social prête son minibus. »', { exact: false }).waitFor();
    // The decision itself is there with the agreement it met, not only the objection heard on the way.
    const decided = facilitator.getByRole('listitem').filter({ has: facilitator.getByRole('link', { name: 'Partir à la mer le 12 juillet avec un car et le minibus du Moulin.' }) });
    await decided.getByText('Accord après objections', { exact: true }).waitFor();
    await facilitator.getByLabel('Chercher dans les décisions et les raisons').fill('centre social');
    await facilitator.getByRole('button', { name: 'Chercher' }).click();
    await facilitator.getByRole('status').filter({ hasText: /^1 décision\.$/ }).waitFor();
    await decided.getByText('Accord après objections', { exact: true }).waitFor();
    await expectNoAxeViolations(facilitator);
    await screenshot(facilitator, '34-disagreements');
    await facilitator.goto(`${origin}${proposalPath.replace(/propositions\/.*/, '')}`);
    await facilitator.getByRole('link', { name: 'Groupe de travail Sorties familles' }).first().click();
    await facilitator.getByRole('link', { name: 'Registre des décisions' }).click();
    await facilitator.getByRole('heading', { level: 1, name: 'Registre des décisions — Groupe de travail Sorties familles' }).waitFor();
    await facilitator.getByLabel('Chercher dans les décisions').fill('minibus');
    await facilitator.getByRole('button', { name: 'Chercher' }).click();
    await facilitator.getByRole('status').filter({ hasText: '1 décision.' }).waitFor();
    await expectNoAxeViolations(facilitator);
    await screenshot(facilitator, '35-register');
  });

  it('reads the same proposal in English', async () => {
    await mireille.getByRole('button', { name: 'English' }).click();
    await mireille.getByText('Functional decision → Groupe de travail Sorties familles, by consent (charter, art. 4)').waitFor();
    await mireille.getByRole('heading', { name: 'Round table — Groupe de travail Sorties familles' }).waitFor();
    await expectNoAxeViolations(mireille);
    await screenshot(mireille, '36-proposal-en');
  });
});
