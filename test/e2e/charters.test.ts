import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPartnership, DEMO_SIGN_IN } from '../../src/demo/demo-partnership.js';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { pdfText } from '../support/pdf-text.js';
import { createTestAccount, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const WEB_ROOT = join(process.cwd(), 'dist', 'web');
const GERARD_EMAIL = 'gerard.lefevre@trois-rives.example';

let t: TestApp;
let browser: Browser;
let page: Page;
let origin: string;
let versionUrl: string;

async function signInToTheDemo(target: Page, email: string, password: string) {
  await signIn(target, origin, email, password);
  await target.getByRole('heading', { level: 1, name: 'Les Trois Rives' }).waitFor();
}

/** Signs the version in force as the signed-in signatory. */
async function signAs(target: Page, typedName: string) {
  await target.getByRole('heading', { name: 'Signer la charte' }).waitFor();
  await target.getByLabel('Lu et approuvé').check();
  await target.getByLabel('Votre nom, en toutes lettres').fill(typedName);
  await target.getByRole('button', { name: 'Signer', exact: true }).click();
  await target.getByRole('heading', { name: 'Signer la charte' }).waitFor({ state: 'detached' });
}

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  const { partnershipId } = await createDemoPartnership(t.store.db, t.clock.now(), { withCharter: false, afterCommit: t.app.afterCommit });
  const accountId = await createTestAccount(t.store.db, GERARD_EMAIL);
  await t.store.db.updateTable('person').set({ account_id: accountId, email: GERARD_EMAIL }).where('partnership_id', '=', partnershipId).where('full_name', '=', 'Gérard Lefèvre').execute();
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR', acceptDownloads: true });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a coordinator writes, adopts and has the partnership charter signed', () => {
  it('creates a partnership charter from the template', async () => {
    await signInToTheDemo(page, DEMO_SIGN_IN.email, DEMO_SIGN_IN.password);
    await page.getByRole('link', { name: 'Chartes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chartes' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '20-charters');
    await page.getByLabel('Charte de partenariat').check();
    await page.getByRole('button', { name: 'Créer et commencer à écrire' }).click();
    await page.getByRole('heading', { level: 1, name: 'Charte de partenariat — projet de version 1' }).waitFor();
    await page.getByText('Les règles de la charte tiennent ensemble.').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '21-editor');
  });

  it('breaks the budget, reads the message at the total, and fixes it', async () => {
    await page.getByRole('button', { name: 'Ajouter un article' }).click();
    const article = page.locator('details.editor-article').last();
    await article.getByLabel('Titre de l’article').fill('Budget commun');
    await article.getByLabel('Sorte d’article').selectOption('budget');
    await article.getByLabel('Texte').fill('Chaque maison verse sa part à la **caisse commune**.');
    await article.getByRole('button', { name: /^Aperçu/ }).click();
    await article.locator('.preview strong').filter({ hasText: 'caisse commune' }).waitFor();

    await page.getByRole('button', { name: 'Ajouter un poste' }).click();
    await page.getByRole('group', { name: 'Poste 1' }).getByLabel('Poste', { exact: true }).fill('Coordination');
    await page.getByRole('group', { name: 'Poste 1' }).getByLabel('Montant (€)').fill('5000');
    await page.getByRole('button', { name: 'Ajouter un poste' }).click();
    await page.getByRole('group', { name: 'Poste 2' }).getByLabel('Poste', { exact: true }).fill('Animation des ateliers');
    await page.getByRole('group', { name: 'Poste 2' }).getByLabel('Montant (€)').fill('2000');
    await page.getByLabel('Total du budget (€)').fill('8000');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    const message = /Les postes font 7\s000,00\s€, mais le total annoncé est 8\s000,00\s€\./;
    await page.locator('#field-rules\\.budget\\.totalCents .field-error').filter({ hasText: message }).waitFor();
    await expect.poll(() => page.getByLabel('Total du budget (€)').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('link', { name: message }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '22-editor-budget-message');

    await page.getByLabel('Total du budget (€)').fill('7000');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Les règles de la charte tiennent ensemble.').waitFor();
    expect(await page.getByText(message).count()).toBe(0);
  });

  it('says where a post’s percent and amount disagree, and takes the percent of the sum it names (seed 000: 10 % of another sum is 712 €)', async () => {
    await page.getByRole('button', { name: 'Ajouter un poste' }).click();
    const post = page.getByRole('group', { name: 'Poste 3' });
    await post.getByLabel('Poste', { exact: true }).fill('Maison porteuse');
    await post.getByLabel('Pourcentage', { exact: true }).fill('10');
    await post.getByLabel('Montant (€)').fill('712');
    await page.getByLabel('Total du budget (€)').fill('7712');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const message = /^10 % de 7\s712,00\s€ font 771,20\s€, pas 712,00\s€/;
    await page.locator('#field-rules\\.budget\\.posts\\.2\\.amountCents .field-error').filter({ hasText: message }).waitFor();
    await expect.poll(() => post.getByLabel('Montant (€)').getAttribute('aria-invalid')).toBe('true');
    await post.getByLabel('Ce pourcentage est la part').selectOption({ label: 'd’une autre somme' });
    await post.getByLabel('Nom de cette somme').fill('Prestations facturées');
    await post.getByLabel('Montant de cette somme (€)').fill('7120');
    await expectNoAxeViolations(page);
    await screenshot(page, '22b-editor-budget-percent-of-a-named-sum');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Les règles de la charte tiennent ensemble.').waitFor();
  });

  it('names two signatories and adopts the charter', async () => {
    await page.getByRole('button', { name: 'Ajouter une personne signataire' }).click();
    const first = page.getByRole('group', { name: 'Signataire 1' });
    await first.getByLabel('Nom').selectOption({ label: 'Camille Martin' });
    await first.getByLabel('Qualité').fill('Coordinatrice du partenariat');
    await page.getByRole('button', { name: 'Ajouter une personne signataire' }).click();
    const second = page.getByRole('group', { name: 'Signataire 2' });
    await second.getByLabel('Nom').selectOption({ label: 'Gérard Lefèvre' });
    await second.getByLabel('Structure').selectOption({ label: 'MJC des Tilleuls' });
    await second.getByLabel('Qualité').fill('Président');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Enregistré.' }).waitFor();

    await page.getByRole('link', { name: 'Relire la charte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Charte de partenariat' }).waitFor();
    await page.getByRole('heading', { name: 'Article 10 — Budget commun' }).waitFor();
    await page.getByText(/^10 % de « Prestations facturées » \(7\s120,00\s€\)$/).waitFor();
    // The project rules read as the nine steps under the article on how the partnership works.
    await page.getByText('Un projet commun suit neuf étapes :').waitFor();
    await page.getByText('Confirmation : chaque membre de l’instance Codir / Coprédir confirme la nomination ; elle prend effet quand tous l’ont fait.').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '23-draft-reading');
    await page.getByLabel('Instance qui a adopté').selectOption({ label: 'Comité de pilotage' });
    await page.getByRole('button', { name: 'Enregistrer l’adoption' }).click();
    await page.getByText('En vigueur', { exact: true }).waitFor();
    versionUrl = page.url();
  });

  it('is signed by both signatories, each in their own session', async () => {
    await signAs(page, 'Camille Martin');
    await page.getByText('1 signature sur 2.').waitFor();

    const gerard = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' })).newPage();
    await signInToTheDemo(gerard, GERARD_EMAIL, TEST_PASSWORD);
    await gerard.goto(versionUrl);
    await expectNoAxeViolations(gerard);
    await screenshot(gerard, '24-signing');
    await signAs(gerard, 'Gérard Lefèvre');
    await gerard.getByText('2 signatures sur 2.').waitFor();
    // A member, not an administrator, may start the next version: the revision rule lets any member ask.
    await gerard.getByRole('link', { name: 'Versions de la charte' }).click();
    await gerard.getByRole('button', { name: 'Préparer une nouvelle version' }).waitFor();
    await gerard.context().close();

    await page.reload();
    await page.getByText('2 signatures sur 2.').waitFor();
    const rows = page.getByRole('table', { name: 'Signatures' }).getByRole('row');
    await expect.poll(() => rows.filter({ hasText: 'Lu et approuvé' }).count()).toBe(2);
    await expectNoAxeViolations(page);
    await screenshot(page, '25-signed');
  });

  it('downloads the PDF with the articles, the budget table and both signatures', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger en PDF' }).click()]);
    expect(download.suggestedFilename()).toBe('Charte-de-partenariat-v1.pdf');
    const text = (await pdfText(new Uint8Array(readFileSync((await download.path())!)))).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Article 1 — Pourquoi ce partenariat');
    expect(text).toContain('Article 4 — Qui décide quoi');
    expect(text).toContain('Article 10 — Budget commun');
    expect(text).toContain('Coordination 5 000,00 €');
    expect(text).toContain('Animation des ateliers 2 000,00 €');
    expect(text).toContain('Maison porteuse 10 % de « Prestations facturées » (7 120,00 €) 712,00 €');
    expect(text).toContain('Total 7 712,00 €');
    expect(text).toMatch(/Camille Martin Coordinatrice du partenariat .* Lu et approuvé Camille Martin/);
    expect(text).toMatch(/Gérard Lefèvre MJC des Tilleuls Président .* Lu et approuvé Gérard Lefèvre/);
  });

  it('prepares a new version and reads what changed', async () => {
    await page.getByRole('link', { name: 'Versions de la charte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Charte de partenariat' }).waitFor();
    await page.getByRole('button', { name: 'Préparer une nouvelle version' }).click();
    await page.getByRole('heading', { level: 1, name: 'Charte de partenariat — projet de version 2' }).waitFor();
    await page.getByText('Article 1 — Pourquoi ce partenariat').click();
    const purpose = page.locator('details.editor-article').first().getByLabel('Texte');
    await purpose.fill((await purpose.inputValue()).replace('servent mieux', 'servent bien mieux'));
    // The co-presidents, not the whole directors' committee, confirm a project's lead; a delay of no day is refused at its field.
    const projects = page.getByRole('group', { name: 'Projets communs' });
    await projects.getByLabel('Qui confirme la nomination').selectOption({ label: 'Les titulaires d’un rôle' });
    await projects.getByLabel('Rôle qui confirme').selectOption({ label: 'Coprésidence' });
    await projects.getByLabel('Délai d’attente signalé (jours)').fill('0');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => projects.getByLabel('Délai d’attente signalé (jours)').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page);
    await screenshot(page, '27b-editor-project-rules');
    await projects.getByLabel('Délai d’attente signalé (jours)').fill('21');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Enregistré.' }).waitFor();

    await page.getByRole('link', { name: 'Versions de la charte' }).click();
    await page.getByRole('button', { name: 'Voir les différences' }).click();
    await page.getByRole('heading', { level: 1, name: 'Différences entre la version 1 et la version 2' }).waitFor();
    await page.getByText('1 article a changé.').waitFor();
    expect(await page.locator('ins').filter({ hasText: 'bien' }).count()).toBeGreaterThan(0);
    const projectRules = page.locator('section.card').filter({ has: page.getByRole('heading', { name: 'Projets communs' }) });
    await projectRules.getByText('Confirmation : chaque titulaire du rôle « Coprésidence » confirme la nomination ; elle prend effet quand tous l’ont fait.').waitFor();
    await projectRules.getByText('Une étape qui attend quelqu’un plus de 21 jours est signalée dans la vue de conformité.').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '28-diff');
  });

  it('shows the compliance view, in English too', async () => {
    await page.getByRole('link', { name: 'Conformité' }).click();
    await page.getByRole('heading', { level: 1, name: 'Conformité' }).waitFor();
    await page.getByText('Comité de pilotage : MJC des Tilleuls a 3 personnes déléguées sur 4', { exact: true }).waitFor();
    expect(await page.getByText('Aucune charte n’est en vigueur').count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, '26-compliance');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compliance' }).waitFor();
    await page.getByText('Comité de pilotage: MJC des Tilleuls has 3 delegates out of 4', { exact: true }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '27-compliance-en');
  });
});
