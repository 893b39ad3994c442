import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnership } from '../support/common-projects.js';
import { ARTIFACTS, expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { projectWithBudget } from '../support/project-budget.js';
import { outboxMessages } from '../support/structure.js';
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

/** Intl's French euros with plain spaces, as a reader sees them. */
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

describe('a project’s financial report', () => {
  it('reads forecast against actual with its deficit, and is reported by the lead to the steering committee', async () => {
    const s = await partnership(t);
    const { url } = await projectWithBudget(t, s);
    const projectId = url.split('/').at(-1)!;
    const page: Page = await (await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'fr-FR' })).newPage();
    await signIn(page, origin, s.ines.email, TEST_PASSWORD);
    await page.goto(`${origin}/p/${s.f.partnershipId}/projets/${projectId}/budget/compte-rendu`);
    await page.getByRole('heading', { level: 1, name: 'Compte rendu financier : Fête des voisins des trois maisons' }).waitFor();
    const headline = page.locator('.balance-headline');
    await expect.poll(async () => plain(await headline.textContent())).toContain('Prévisionnel : Déficit de 300,00 €');
    expect(plain(await headline.textContent())).toContain('Réalisé : Déficit de 870,50 €');
    expect(plain(await headline.textContent())).toContain('Ce que dit la charte en cas de déficit');
    const coach = page.getByRole('row', { name: /Location du car/ });
    expect(plain(await coach.textContent())).toContain('1 250,50 €');
    await expect.poll(async () => plain(await page.locator('#report-income ~ .table-scroll tfoot').textContent())).toContain('680,00 €');
    expect(await page.getByText('Ce budget n’a pas encore été présenté au comité.').count()).toBe(1);
    // Every column has a name for screen readers, those whose cells name themselves too.
    for (const name of ['Poste', 'Charges ou produits']) expect(await page.getByRole('columnheader', { name, exact: true }).count()).toBe(1);

    await page.getByRole('button', { name: 'Rendre compte au comité de pilotage' }).click();
    await page.getByRole('status').filter({ hasText: 'Compte rendu envoyé aux membres de « Comité de pilotage ».' }).waitFor();
    await page.getByText(/Dernier compte rendu au comité le/).waitFor();
    await screenshot(page, 'budget-report');
    await expectNoAxeViolations(page);
    const mails = (await outboxMessages(s.f)).filter((mail) => mail.subject.includes('compte rendu financier'));
    expect(mails.map((mail) => mail.recipient).sort()).toEqual([s.nadia.email, s.samia.email].sort());

    // The overview's money at a glance lists it among the budgets in deficit, a link to this report.
    await page.goto(`${origin}/p/${s.f.partnershipId}`);
    const money = page.locator('section[aria-labelledby="money-title"]');
    await money.getByRole('heading', { level: 2, name: 'L’argent en un coup d’œil' }).waitFor();
    expect(plain(await money.textContent())).toContain('Fête des voisins des trois maisons : prévisionnel déficit de 300,00 €, réalisé déficit de 870,50 €');
    expect(plain(await money.textContent())).toContain('Caisse commune : solde de 0,00 €');
    await money.screenshot({ path: join(ARTIFACTS, 'overview-money.png') });
    await money.getByRole('link', { name: 'Fête des voisins des trois maisons' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compte rendu financier : Fête des voisins des trois maisons' }).waitFor();

    const phone = await (await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'fr-FR' })).newPage();
    await signIn(phone, origin, s.nadia.email, TEST_PASSWORD);
    await phone.goto(`${origin}/p/${s.f.partnershipId}/projets/${projectId}/budget/compte-rendu`);
    await phone.getByText(/Dernier compte rendu au comité le/).waitFor();
    expect(await phone.getByRole('button', { name: 'Rendre compte au comité de pilotage' }).count()).toBe(0);
    await screenshot(phone, 'budget-report-phone');
    await expectNoAxeViolations(phone);
  });
});
