import { join } from 'node:path';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
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
  await sql`insert into person (id, partnership_id, full_name) select gen_random_uuid(), ${f.partnershipId}, 'Habitant ' || lpad(n::text, 3, '0') from generate_series(1, 248) n`.execute(t.store.db);
  await sql`insert into person (id, partnership_id, full_name) values (gen_random_uuid(), ${f.partnershipId}, 'Hélène Zéphyr')`.execute(t.store.db);
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
    await signIn(page, origin, f.adminEmail, TEST_PASSWORD);
    await page.goto(`${origin}/p/${f.partnershipId}/personnes`);
    await page.getByRole('status').filter({ hasText: '250 personnes' }).waitFor();
    const rows = page.locator('.member-list > li');
    expect(await rows.count()).toBe(100);
    await page.getByRole('button', { name: 'Afficher 100 personnes de plus' }).click();
    await rows.nth(199).waitFor();
    expect(await rows.count()).toBe(200);
    await page.getByRole('button', { name: 'Afficher 50 personnes de plus' }).click();
    await rows.nth(249).waitFor();
    expect(await rows.count()).toBe(250);
    expect(await page.getByRole('button', { name: /Afficher .* de plus/ }).count()).toBe(0);
    await page.getByLabel('Chercher une personne ou une structure').fill('habitant 23');
    await page.getByRole('status').filter({ hasText: '10 personnes' }).waitFor();
    expect(await rows.count()).toBe(10);
    await page.getByLabel('Chercher une personne ou une structure').fill('helene');
    await page.getByRole('status').filter({ hasText: '1 personne' }).waitFor();
    expect(await rows.allTextContents()).toEqual(['Hélène Zéphyr']);
    await page.getByLabel('Chercher une personne ou une structure').fill('');
    await page.getByRole('status').filter({ hasText: '250 personnes' }).waitFor();
    expect(await rows.count(), 'the whole list comes back as far as it had been read').toBe(250);
    await expectNoAxeViolations(page);
    await screenshot(page, '50-people-a-hundred-at-a-time');
  });

  it('finds the person to name among all of them by typing a few letters, accents or not', async () => {
    const role = await f.admin.post(`${f.base}/roles`, { name: 'Trésorerie' });
    const page = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' })).newPage();
    await signIn(page, origin, f.adminEmail, TEST_PASSWORD);
    await page.goto(`${origin}/p/${f.partnershipId}/roles/${role.body.id}`);
    const assign = page.locator('form', { has: page.getByRole('heading', { name: 'Confier ce rôle' }) });
    await assign.getByText('Les 50 premières personnes sur 250 : tapez quelques lettres du nom pour trouver les autres.').waitFor();
    const picker = assign.getByRole('combobox', { name: 'Personne', exact: true });
    expect(await picker.locator('option').count()).toBe(51);
    await assign.getByRole('searchbox', { name: 'Rechercher un nom Personne', exact: true }).fill('zephyr');
    await assign.getByText('1 personne trouvée.').waitFor();
    await screenshot(page, '51-person-picker-search');
    await picker.selectOption({ label: 'Hélène Zéphyr' });
    await assign.getByRole('button', { name: 'Confier le rôle' }).click();
    await page.getByRole('link', { name: 'Hélène Zéphyr' }).waitFor();
    // The list refreshes before the form is emptied: both follow the same answer, in that order.
    await expect.poll(() => picker.inputValue()).toBe('');
    // Full now: the hint names who would step down, by the server's rule (her own term, if she is named again).
    await assign.getByText('Hélène Zéphyr tient ce rôle : le confier à une autre personne met fin à son mandat le jour où le nouveau commence.').waitFor();
    await assign.getByRole('searchbox', { name: 'Rechercher un nom Personne', exact: true }).fill('zephyr');
    await assign.getByText('1 personne trouvée.').waitFor();
    await picker.selectOption({ label: 'Hélène Zéphyr' });
    await assign.getByText('Hélène Zéphyr tient déjà ce rôle : ce nouveau mandat remplace le sien en cours le jour où il commence.').waitFor();
    await screenshot(page, '52-role-renewed-hint');
    await expectNoAxeViolations(page);
  });
});
