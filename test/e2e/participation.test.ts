import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountWithPassword } from '../../src/accounts/acts.js';
import { createDemoPartnership, DEMO_SIGN_IN } from '../../src/demo/demo-partnership.js';
import { ARTIFACTS, expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { Client, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const WEB_ROOT = join(process.cwd(), 'dist', 'web');
/** Bernard Colin presides the Centre social du Moulin: he sits in the steering committee and the directors' committee, and has not signed the charter yet. */
const BERNARD = 'bernard@trois-rives.example';

let t: TestApp;
let browser: Browser;
let page: Page;
let origin: string;
let base: string;
let home: string;
let proposalId: string;

const inDays = (days: number) => new Date(t.clock.now().getTime() + days * 86_400_000).toISOString();

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  const { partnershipId } = await createDemoPartnership(t.store.db, t.clock.now(), { afterCommit: t.app.afterCommit });
  base = `/api/v1/partnerships/${partnershipId}`;
  home = `/p/${partnershipId}`;
  const accountId = await createAccountWithPassword(t.store.db, BERNARD, TEST_PASSWORD);
  await t.store.db.updateTable('person').set({ account_id: accountId }).where('partnership_id', '=', partnershipId).where('email', '=', BERNARD).execute();

  // The coordinator opens a round, an election and a date poll in the steering committee; Bernard brings a point to its next meeting.
  const camille = new Client(t.app);
  expect((await camille.signIn(DEMO_SIGN_IN.email, DEMO_SIGN_IN.password)).status).toBe(200);
  const overview = (await camille.get(base)).body;
  const steering = overview.bodies.find((b: { name: string }) => b.name === 'Comité de pilotage').id;
  const facilitation = overview.roles.find((r: { name: string }) => r.name === 'Animation du comité de pilotage');
  const proposal = await camille.post(`${base}/proposals`, { level: 'operational', wording: 'Louer un car pour la sortie de printemps des trois maisons.', participationLevel: 'participation' });
  expect(proposal.status, JSON.stringify(proposal.body)).toBe(201);
  proposalId = proposal.body.id;
  // The round, held online, closes in three days.
  for (let phase = (await camille.get(`${base}/proposals/${proposalId}`)).body.phase; phase !== 'round'; phase = (await camille.get(`${base}/proposals/${proposalId}`)).body.phase) {
    const opensTheRound = ['objections', 'reactions', 'discussion'].includes(phase);
    expect((await camille.post(`${base}/proposals/${proposalId}/phase`, opensTheRound ? { deadline: inDays(3) } : {})).status).toBe(200);
  }
  const election = await camille.post(`${base}/elections`, { bodyId: steering, roleId: facilitation.id, facilitatorId: facilitation.holders[0].personId, nominationDeadline: inDays(6) });
  expect(election.status, JSON.stringify(election.body)).toBe(201);
  expect((await camille.post(`${base}/date-polls`, { bodyId: steering, title: 'Comité de juin', slots: [inDays(20), inDays(22)] })).status).toBe(201);
  const meeting = await camille.post(`${base}/meetings`, { bodyId: steering, title: 'Comité de pilotage de mai', startsAt: inDays(12) });
  expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
  const bernard = new Client(t.app);
  expect((await bernard.signIn(BERNARD)).status).toBe(200);
  expect((await bernard.post(`${base}/meetings/${meeting.body.id}/agenda`, { kind: 'information', title: 'Bilan des inscriptions au Moulin' })).status).toBe(201);

  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('« À faire pour vous »', () => {
  it('lists on the home page what the charter expects of Bernard, soonest first, and counts it in the navigation', async () => {
    await signIn(page, origin, BERNARD, TEST_PASSWORD);
    await page.goto(`${origin}${home}`);
    const section = page.getByRole('region', { name: 'À faire pour vous' });
    await section.getByRole('link').first().waitFor();
    expect(await section.getByRole('link').allInnerTexts()).toEqual([
      expect.stringMatching(/^Donnez votre position : Louer un car pour la sortie de printemps des trois maisons\.\nComité de pilotage · avant le /),
      expect.stringMatching(/^Proposez un nom pour le rôle « Animation du comité de pilotage »\nComité de pilotage · avant le /),
      expect.stringMatching(/^Préparez votre point à l’ordre du jour : Bilan des inscriptions au Moulin\nComité de pilotage · réunion le /),
      expect.stringMatching(/^Dites quand vous êtes disponible : Comité de juin\nComité de pilotage · premier créneau le /),
      expect.stringMatching(/^Signez la charte : /),
    ]);
    await page.getByRole('navigation').getByRole('link', { name: 'À faire, 5' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '90-to-do-home-360');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, '91-to-do-home-1280');
    await page.setViewportSize({ width: 360, height: 780 });
  });

  it('leads to the form itself, and the thing done leaves the list', async () => {
    await page.getByRole('link', { name: /^Donnez votre position/ }).click();
    await page.waitForURL(`**/propositions/${proposalId}#prendre-position`);
    await page.waitForFunction(() => document.activeElement?.id === 'prendre-position');
    // What the phone shows on landing: the form, not the top of the page.
    expect(await page.locator('#prendre-position').evaluate((form) => Math.round(form.getBoundingClientRect().top))).toBeLessThan(100);
    await page.screenshot({ path: join(ARTIFACTS, '92-to-do-landed-on-stance-360.png') });
    const form = page.locator('#prendre-position');
    await form.getByLabel('D’accord', { exact: true }).check();
    await form.getByRole('button').click();
    await form.getByRole('status').waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'À faire, 4' }).click();
    const section = page.getByRole('region', { name: 'À faire pour vous' });
    await section.getByRole('link').first().waitFor();
    expect(await section.getByRole('link', { name: /^Donnez votre position/ }).count()).toBe(0);
    expect(await section.getByRole('link').count()).toBe(4);
    await expectNoAxeViolations(page);
  });

  it('says kindly when nothing waits', async () => {
    const coordinator = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' })).newPage();
    await signIn(coordinator, origin, DEMO_SIGN_IN.email, DEMO_SIGN_IN.password);
    await coordinator.goto(`${origin}${home}`);
    await coordinator.getByRole('region', { name: 'À faire pour vous' }).getByText('Rien ne vous attend pour le moment.', { exact: false }).waitFor();
    await coordinator.getByRole('navigation').getByRole('link', { name: 'À faire, rien en attente' }).waitFor();
    await expectNoAxeViolations(coordinator);
  });
});
