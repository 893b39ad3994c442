import { join } from 'node:path';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot } from '../support/browser.js';
import { newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

const WEB_ROOT = join(process.cwd(), 'dist', 'web');

let t: TestApp;
let f: PartnershipFixture;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  f = await newPartnership(t);
  await sql`insert into person (id, partnership_id, full_name) select gen_random_uuid(), ${f.partnershipId}, 'Habitant ' || lpad(n::text, 3, '0') from generate_series(1, 249) n`.execute(t.store.db);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a partnership of 250 people, on a phone', () => {
  it('lists them a hundred at a time, and a search looks through all of them', async () => {
    const page = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' })).newPage();
    await page.goto(`${origin}/connexion`);
    await page.getByLabel('Adresse e-mail').first().fill(f.adminEmail);
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.goto(`${origin}/p/${f.partnershipId}/personnes`);
    await page.getByRole('status').filter({ hasText: '250 personnes' }).waitFor();
    const rows = page.locator('.member-list > li');
    expect(await rows.count()).toBe(100);
    await page.getByRole('button', { name: 'Afficher 100 personnes de plus' }).click();
    expect(await rows.count()).toBe(200);
    await page.getByRole('button', { name: 'Afficher 50 personnes de plus' }).click();
    expect(await rows.count()).toBe(250);
    expect(await page.getByRole('button', { name: /Afficher .* de plus/ }).count()).toBe(0);
    await page.getByLabel('Chercher une personne ou une structure').fill('Habitant 24');
    await page.getByRole('status').filter({ hasText: '10 personnes' }).waitFor();
    expect(await rows.count()).toBe(10);
    await page.getByLabel('Chercher une personne ou une structure').fill('');
    await page.getByRole('status').filter({ hasText: '250 personnes' }).waitFor();
    expect(await rows.count()).toBe(100);
    await expectNoAxeViolations(page);
    await screenshot(page, '50-people-a-hundred-at-a-time');
  });
});
