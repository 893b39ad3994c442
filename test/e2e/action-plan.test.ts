import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPartnership, DEMO_SIGN_IN } from '../../src/demo/demo-partnership.js';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { Client, startTestApp, type TestApp } from '../support/test-app.js';

const WEB_ROOT = join(process.cwd(), 'dist', 'web');

let t: TestApp;
let browser: Browser;
let phone: Page;
let origin: string;
let partnershipId: string;

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  ({ partnershipId } = await createDemoPartnership(t.store.db, t.clock.now(), { afterCommit: t.app.afterCommit }));
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  phone = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the action plan on a phone', () => {
  it('shows the draft started from the charter’s five subjects, ready to be proposed to the committee', async () => {
    const coordinator = new Client(t.app);
    expect((await coordinator.signIn(DEMO_SIGN_IN.email, DEMO_SIGN_IN.password)).status).toBe(200);
    expect((await coordinator.post(`/api/v1/partnerships/${partnershipId}/action-plans`, {})).status).toBe(201);
    await signIn(phone, origin, DEMO_SIGN_IN.email, DEMO_SIGN_IN.password);
    await phone.goto(`${origin}/p/${partnershipId}/plan-d-action`);
    await expect.poll(() => phone.getByRole('heading', { level: 1 }).textContent()).toBe('Plan d’action');
    await expect.poll(() => phone.getByLabel('Titre du sujet').first().inputValue()).toBe('Financement des projets communs');
    expect(await phone.getByRole('button', { name: 'Proposer au comité' }).isVisible()).toBe(true);
    expect(await phone.getByRole('link', { name: 'Plan d’action' }).count()).toBeGreaterThan(0);
    await screenshot(phone, 'action-plan-draft-phone');
    await expectNoAxeViolations(phone);
  });
});
