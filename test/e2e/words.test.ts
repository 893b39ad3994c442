import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPartnership, DEMO_SIGN_IN } from '../../src/demo/demo-partnership.js';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const WEB_ROOT = join(process.cwd(), 'dist', 'web');

let t: TestApp;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  await createDemoPartnership(t.store.db, t.clock.now(), { afterCommit: t.app.afterCommit });
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signedIn(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page, origin, DEMO_SIGN_IN.email, DEMO_SIGN_IN.password);
  await page.getByRole('heading', { level: 1, name: 'Les Trois Rives' }).waitFor();
  return page;
}

describe.each([360, 1280])('plain words at %ipx', (width) => {
  it('the journal names every act in words, never by its key, and explains its check codes', async () => {
    const page = await signedIn(width);
    await page.getByRole('link', { name: 'Journal' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    await page.getByText('Mandat commencé').first().waitFor();
    const titles = await page.locator('ol.journal li strong').allTextContents();
    expect(titles.length).toBeGreaterThan(10);
    expect(titles.filter((title) => /^[a-z_]+\.[a-z_]+$/.test(title) || title === 'Autre acte')).toEqual([]);
    await page.getByText('code de contrôle', { exact: false }).first().waitFor();
    expect(await page.getByText(/empreinte|SHA-256|hash/i).count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, `words-journal-${width}`);
    await page.context().close();
  });

  it('the Messages page shows a mail sent to several people once, with its recipients', async () => {
    const page = await signedIn(width);
    await page.getByRole('link', { name: 'Messages' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
    await page.getByText(/^À \d+ personnes : /).first().waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, `words-messages-${width}`);
    await page.context().close();
  });

  it('an empty people search says that no one matches', async () => {
    const page = await signedIn(width);
    await page.getByRole('link', { name: 'Personnes' }).first().click();
    await page.getByLabel('Chercher une personne ou une structure').fill('Zzzyxw');
    await page.getByRole('status').filter({ hasText: 'Aucune personne ne correspond à cette recherche.' }).waitFor();
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
