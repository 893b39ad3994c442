import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPartnership, DEMO_SIGN_IN } from '../../src/demo/demo-partnership.js';
import { ARTIFACTS, expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The charter's « Argent » section (issue 19): the demo's charter in force says its money rules
 * (the « Trésorerie » role, the common fund's 1 %); its coordinator writes a new version with a
 * fixed contribution on a school year, reads it, and sees what changed.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');

let t: TestApp;
let browser: Browser;
let page: Page;
let origin: string;

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  await createDemoPartnership(t.store.db, t.clock.now(), { afterCommit: t.app.afterCommit });
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the money rules of the charter', () => {
  it('are read in the charter in force, under the article on how the partnership works', async () => {
    await signIn(page, origin, DEMO_SIGN_IN.email, DEMO_SIGN_IN.password);
    await page.getByRole('heading', { level: 1, name: 'Les Trois Rives' }).waitFor();
    await page.getByRole('link', { name: 'Chartes' }).click();
    await page.getByRole('link', { name: /^version 1 adoptée/ }).click();
    await page.getByText('Ce que la charte dit de l’argent :').waitFor();
    await page.getByText('Tenue des comptes : les titulaires du rôle « Trésorerie », et chaque chef ou cheffe de projet pour le budget de son projet.').waitFor();
    await page.getByText('Caisse commune : chaque structure membre y verse chaque année 1 % de son budget annuel déclaré.').waitFor();
    await page.getByText('Révision d’un budget prévisionnel de projet : décidée par l’instance Codir / Coprédir, sous le sujet « Gestion du budget du projet ».').waitFor();
  });

  it('are written in the editor’s « Argent » section, with a refusal at its field, then saved', async () => {
    await page.getByRole('link', { name: 'Versions de la charte' }).click();
    await page.getByRole('button', { name: 'Préparer une nouvelle version' }).click();
    await page.getByRole('heading', { level: 1, name: 'Charte de partenariat des Trois Rives — projet de version 2' }).waitFor();
    const money = page.getByRole('group', { name: 'Argent' });
    await expect.poll(async () => (await money.getByLabel('Rôle qui tient les comptes').locator('option:checked').textContent())?.trim()).toBe('Trésorerie');
    await money.getByLabel('Contribution de chaque structure').selectOption({ label: 'Un montant fixe' });
    await money.getByLabel('Montant par an (€)').fill('0');
    await money.getByLabel('L’année de la caisse commence en').selectOption({ label: 'septembre' });
    await money.getByLabel('Contribution due sous (jours après l’appel)').fill('30');
    await money.getByLabel('Que faire quand un budget est en déficit').fill('Le groupe de travail réduit les dépenses ou cherche une subvention avec le Codir.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => money.getByLabel('Montant par an (€)').getAttribute('aria-invalid')).toBe('true');
    await money.getByText('Indiquez un nombre supérieur à zéro.').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '29-editor-money-rules');
    // The editor is long on a phone: the section alone, to look at.
    await money.screenshot({ path: join(ARTIFACTS, '29-editor-money-rules-section.png') });
    await money.getByLabel('Montant par an (€)').fill('250');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Enregistré.' }).waitFor();
    await page.getByText('Les règles de la charte tiennent ensemble.').waitFor();
    // The project rules may go too: the version then follows the defaults, and offers to write them again.
    const projects = page.getByRole('group', { name: 'Projets communs' });
    await projects.getByRole('button', { name: 'Retirer les règles des projets communs de cette version' }).click();
    await projects.getByRole('button', { name: 'Écrire les règles des projets communs' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Enregistré.' }).waitFor();
  });

  it('are shown in the reading view of the new version and in what changed, with the project rules it no longer says', async () => {
    await page.getByRole('link', { name: 'Relire la charte' }).click();
    await page.getByText(/^Caisse commune : chaque structure membre y verse 250,00\s€ chaque année\.$/).waitFor();
    await page.getByText('L’année de la caisse commence le 1er septembre ; chaque contribution est due 30 jours après son appel.').waitFor();
    await page.getByText('En cas de déficit : Le groupe de travail réduit les dépenses ou cherche une subvention avec le Codir.').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '29b-reading-money-rules');
    await page.locator('section.charter-article').filter({ has: page.locator('.money-rules') }).screenshot({ path: join(ARTIFACTS, '29b-reading-money-rules-article.png') });

    await page.getByRole('link', { name: 'Versions de la charte' }).click();
    await page.getByRole('button', { name: 'Voir les différences' }).click();
    await page.getByRole('heading', { level: 1, name: 'Différences entre la version 1 et la version 2' }).waitFor();
    const changed = page.locator('section.card').filter({ has: page.getByRole('heading', { name: 'Argent' }) });
    await changed.getByText('Caisse commune : chaque structure membre y verse chaque année 1 % de son budget annuel déclaré.').waitFor();
    await changed.getByText(/^Caisse commune : chaque structure membre y verse 250,00\s€ chaque année\.$/).waitFor();
    const projectRules = page.locator('section.card').filter({ has: page.getByRole('heading', { name: 'Projets communs' }) });
    await projectRules.getByText('Cette version n’en dit rien.').waitFor();
    await page.setViewportSize({ width: 1280, height: 900 });
    await expectNoAxeViolations(page);
    await screenshot(page, '29c-diff-money-rules');
  });
});
