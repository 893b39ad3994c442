import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { furnishedWithFacilitator } from '../support/partnership-routes.js';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const WEB_ROOT = join(process.cwd(), 'dist', 'web');

let t: TestApp;
let browser: Browser;
let origin: string;
let proposalPath: string;
/** Karim sits in the deciding body and missed the meeting: he follows from his phone. */
let karim: Page;
/** Samia facilitates the proposal, from a computer. */
let samia: Page;

/**
 * A proposal in its consent round, whose thread already holds a clarifying question answered with
 * formatting, and a reaction with a list.
 */
beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  // The browser keeps the session's cookie by its own clock.
  t.clock.current = new Date();
  const f = await newPartnership(t);
  const { ids, facilitator } = await furnishedWithFacilitator(t, f, 'Nadia Benali');
  const absent = await newMember(t, f, { fullName: 'Karim Mansour', memberships: [{ organizationId: ids.organizationId, kind: 'board' }] });
  await builder(f).seat(ids.bodyId, { personId: absent.personId, organizationId: ids.organizationId });
  const api = `${f.base}/proposals/${ids.proposalId}`;
  t.clock.advanceMinutes(5);
  expect((await facilitator.client.post(`${api}/messages`, { kind: 'answer', body: 'Avant l’été, **si le budget suit**.', replyTo: ids.messageId })).status).toBe(201);
  for (let move = 0; move < 2; move++) expect((await facilitator.client.post(`${api}/phase`)).status).toBe(200);
  t.clock.advanceMinutes(5);
  expect((await facilitator.client.post(`${api}/messages`, { kind: 'question', body: 'Qui tient les comptes ?' })).status).toBe(400);
  expect((await facilitator.client.post(`${api}/messages`, { kind: 'reaction', body: 'Je suis pour :\n\n- deux séjours par an\n- un budget partagé entre les maisons' })).status).toBe(201);
  expect((await facilitator.client.post(`${api}/phase`)).status).toBe(200);
  proposalPath = `/p/${f.partnershipId}/propositions/${ids.proposalId}`;
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  karim = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' })).newPage();
  samia = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })).newPage();
  await signIn(karim, origin, absent.email, TEST_PASSWORD);
  await signIn(samia, origin, facilitator.email, TEST_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a proposal’s thread', () => {
  it('lets a member who was absent read it and react from a phone before the round closes', async () => {
    t.clock.advanceMinutes(5);
    await karim.goto(`${origin}${proposalPath}`);
    const thread = karim.locator('section.thread');
    await thread.getByRole('heading', { name: 'Questions et échanges' }).waitFor();
    await thread.getByText('Pour quand ?').waitFor();
    expect(await thread.locator('.thread-answers .prose strong').textContent()).toBe('si le budget suit');
    expect(await thread.locator('.prose li').allTextContents()).toEqual(['deux séjours par an', 'un budget partagé entre les maisons']);
    expect(await thread.getByText('étape : présentation (tour 1)').count()).toBe(2);
    await thread.getByRole('heading', { name: 'Réagir à la proposition' }).waitFor();
    await thread.getByText('Mise en forme simple : **gras**, *italique*, listes avec un tiret en début de ligne, liens.').waitFor();
    expect(await karim.locator('body').innerText()).not.toMatch(/markdown/i);
    // Karim may answer the question but not mark it answered: that is the facilitator's.
    expect(await thread.getByRole('button', { name: 'Marquer comme répondue' }).count()).toBe(0);
    await thread.getByLabel('Votre message').fill('Je n’étais pas là jeudi : **d’accord** sur le principe.');
    await thread.getByRole('button', { name: 'Envoyer' }).click();
    await thread.locator('.prose strong', { hasText: 'd’accord' }).waitFor();
    await thread.getByText('étape : tour de table (tour 1)').waitFor();
    await expectNoAxeViolations(karim);
    await screenshot(karim, '87-thread-phone');
  });

  it('lets the facilitator mark the question answered, which the member’s open page shows at once', async () => {
    await samia.goto(`${origin}${proposalPath}`);
    const thread = samia.locator('section.thread');
    await thread.getByText('d’accord', { exact: true }).waitFor();
    await thread.getByRole('button', { name: 'Marquer comme répondue' }).click();
    await thread.getByText('Répondue (marquée par Samia Haddad)').waitFor();
    await expectNoAxeViolations(samia);
    await screenshot(samia, '87-thread-facilitator');
    await karim.locator('section.thread').getByText('Répondue (marquée par Samia Haddad)').waitFor();
    await screenshot(karim, '87-thread-phone-answered');
  });
});
