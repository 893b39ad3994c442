import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { formalized, partnership, type Setting } from '../support/common-projects.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const WEB_ROOT = join(process.cwd(), 'dist', 'web');

let t: TestApp;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  // The browser's session cookie lives on the real clock.
  t.clock.current = new Date();
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The steering committee validates the project presented, the houses name their referents, the directors Inès as its lead. */
async function validateAndLead(s: Setting, url: string) {
  const presented = await s.ines.client.post(`${url}/presentation`, {});
  expect(presented.status).toBe(201);
  const proposal = `${s.f.base}/proposals/${presented.body.id}`;
  while ((await s.f.admin.get(proposal)).body.phase !== 'round') expect((await s.ines.client.post(`${proposal}/phase`)).status).toBe(200);
  for (const member of [s.nadia, s.samia]) expect((await member.client.post(`${proposal}/stances`, { stance: 'agree', reason: '', idempotencyKey: randomUUID() })).status).toBe(200);
  expect((await s.ines.client.post(`${proposal}/close-round`, { statement: '' })).body).toMatchObject({ outcome: 'adopted' });
  expect((await s.helene.client.post(`${url}/referents`, { organizationId: s.tilleuls, personId: s.ines.personId })).status).toBe(201);
  expect((await s.jacques.client.post(`${url}/referents`, { organizationId: s.moulin, personId: s.karim.personId })).status).toBe(201);
  expect((await s.helene.client.post(`${url}/lead`, { personId: s.ines.personId, missionGoals: 'Organiser la fête.', missionTime: '', missionTraining: '' })).status).toBe(204);
  expect((await s.helene.client.post(`${url}/lead/approval`)).status).toBe(204);
  expect((await s.jacques.client.post(`${url}/lead/approval`)).status).toBe(204);
}

async function addLine(page: Page, category: string, label: string, amount: string) {
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Ajouter une ligne' }) });
  await form.getByLabel('Nature', { exact: true }).selectOption({ label: category });
  await form.getByLabel('Libellé').fill(label);
  await form.getByLabel('Montant prévu (€)').fill(amount);
  await form.getByRole('button', { name: 'Ajouter la ligne' }).click();
  await page.getByRole('listitem').filter({ hasText: label }).first().waitFor();
  // The form empties itself once the list shows the line: the next line is typed after that.
  await expect.poll(() => form.getByLabel('Libellé').inputValue()).toBe('');
}

const flat = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

describe('a project’s budget', () => {
  it('goes from the forecast presented with the project to the entries its lead records, on a computer and on a phone', async () => {
    const s = await partnership(t);
    const url = await formalized(s);
    const projectId = url.split('/').at(-1)!;
    const page: Page = await (await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'fr-FR' })).newPage();
    await signIn(page, origin, s.ines.email, TEST_PASSWORD);
    await page.goto(`${origin}/p/${s.f.partnershipId}/projets/${projectId}`);
    await page.getByRole('link', { name: 'Budget du projet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Budget : Fête des voisins des trois maisons' }).waitFor();

    await addLine(page, 'Transport', 'Location du car', '1200');
    await addLine(page, 'Subvention', 'Subvention de la ville', '500');
    await addLine(page, 'Participation des personnes', 'Participation des familles', '400');
    await expect.poll(async () => flat(await page.locator('.budget-balance').textContent())).toContain('Déficit de 300,00 €');
    await screenshot(page, 'budget-forecast');
    await expectNoAxeViolations(page);

    await validateAndLead(s, url);
    await page.reload();
    await page.getByText(/Version 1 en vigueur, validée le/).waitFor();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Enregistrer une dépense ou une recette' }) });
    await form.getByLabel('Ligne', { exact: true }).selectOption({ label: 'Dépenses, Location du car' });
    await form.getByLabel('Montant (€)').fill('1 300,00');
    await form.getByLabel('Tiers (fournisseur, financeur)').fill('Autocars du Val');
    await form.getByLabel('Justificatif').setInputFiles({ name: 'facture-car.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% facture\n') });
    await form.getByRole('button', { name: 'Enregistrer l’écriture' }).click();
    await page.getByRole('status').filter({ hasText: 'Écriture enregistrée.' }).waitFor();
    await page.getByRole('link', { name: 'Justificatif : facture-car.pdf' }).waitFor();
    await expect.poll(() => form.getByLabel('Montant (€)').inputValue()).toBe('');
    const carRow = page.getByRole('row', { name: /Location du car/ });
    // 100 € over the forecast on the car (Intl puts a narrow no-break space before the euro sign).
    await expect.poll(async () => flat(await carRow.locator('td').last().textContent())).toBe('100,00 €');
    await form.getByLabel('Ligne', { exact: true }).selectOption({ label: 'Recettes, Participation des familles' });
    await form.getByLabel('Montant (€)').fill('45');
    await form.getByRole('button', { name: 'Enregistrer l’écriture' }).click();
    await page.getByRole('listitem').filter({ hasText: /45,00/ }).first().waitFor();
    await page.getByRole('listitem').filter({ hasText: /45,00/ }).first().getByRole('button', { name: 'Corriger' }).click();
    await page.getByText('Correction d’une écriture').waitFor();
    await screenshot(page, 'budget-entries');
    await expectNoAxeViolations(page);

    const phone = await (await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'fr-FR' })).newPage();
    await signIn(phone, origin, s.karim.email, TEST_PASSWORD);
    await phone.goto(`${origin}/p/${s.f.partnershipId}/projets/${projectId}/budget`);
    await phone.getByRole('heading', { name: 'Prévisionnel et réalisé' }).waitFor();
    await screenshot(phone, 'budget-phone');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
