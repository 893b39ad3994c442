import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPartnership, DEMO_SIGN_IN } from '../../src/demo/demo-partnership.js';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

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
  page = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' })).newPage();
  await signIn(page, origin, DEMO_SIGN_IN.email, DEMO_SIGN_IN.password);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The name of the element that has the focus, as a test can compare it. */
const focusedName = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? document.activeElement?.tagName);

describe('guardrails when proposing, on a phone', () => {
  it('says where the proposal will go as its level and topic change, with the charter’s article', async () => {
    await page.getByRole('link', { name: 'Décisions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Décisions' }).waitFor();
    const destination = page.getByRole('status').filter({ hasText: 'Ira à' });
    await expect.poll(() => destination.textContent()).toBe('Ira à l’instance «\u00a0Comité de pilotage\u00a0», par consensus (charte, art. 4).');
    const subject = page.getByLabel('Sujet', { exact: true });
    await subject.selectOption('Nomination des chefs de projet');
    await expect.poll(() => destination.textContent()).toBe('Ira à l’instance «\u00a0Codir / Coprédir\u00a0», par consensus (charte, art. 4).');
    await page.getByLabel('Niveau', { exact: true }).selectOption('functional');
    // A new level offers its own topics; the subject goes back to « Autre sujet », the level's general rule.
    await expect.poll(() => subject.inputValue()).toBe('');
    expect(await subject.locator('option').allTextContents()).toEqual(['Questions juridiques et financières', 'Questions sociales et de direction', 'Gestion du budget du projet', 'Autre sujet']);
    await expect.poll(() => destination.textContent()).toBe('Ira à l’instance «\u00a0Groupe de travail Sorties familles\u00a0», par consentement (charte, art. 4).');
    await page.getByText('L’instance décide ensemble, par la méthode de la charte.').waitFor();
    await page.getByText('Vous demandez l’avis des autres, puis vous décidez vous-même.').waitFor();
    await page.getByRole('heading', { name: 'Nouvelle proposition' }).scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page);
    await screenshot(page, 'proposal-form-360');
  });

  it('takes the focus to the first field in error after a refused submit', async () => {
    await page.getByRole('button', { name: 'Proposer' }).click();
    await page.getByText('Ce champ est obligatoire.').waitFor();
    await expect.poll(focusedName).toBe('wording');
  });

  it('asks before leaving a form with changes not saved, and stays when told to', async () => {
    await page.getByLabel('Libellé de la décision').fill('Partir à la mer le 12 juillet avec deux cars.');
    const questions: string[] = [];
    page.once('dialog', (dialog) => {
      questions.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: 'Journal' }).click();
    await expect.poll(() => questions).toEqual(['Vos modifications ne sont pas enregistrées. Quitter la page quand même ?']);
    expect(new URL(page.url()).pathname).toMatch(/\/propositions$/);
    expect(await page.getByLabel('Libellé de la décision').inputValue()).toBe('Partir à la mer le 12 juillet avec deux cars.');
  });

  it('sends the proposal where the line said, and shows the method’s steps, each in a sentence', async () => {
    await page.getByRole('button', { name: 'Proposer' }).click();
    await page.getByText('Décision fonctionnelle → Groupe de travail Sorties familles, par consentement (charte, art. 4)').waitFor();
    await page.getByRole('heading', { name: 'Les étapes de la décision (consentement)' }).waitFor();
    const steps = page.getByRole('list').filter({ hasText: 'La personne qui propose présente' });
    expect(await steps.getByRole('listitem').count()).toBe(5);
    const current = steps.locator('[aria-current="step"]');
    await expect.poll(() => current.locator('strong').textContent()).toBe('présentation');
    await page.getByText('Je n’y vois pas d’obstacle : elle est assez bonne pour être essayée, même si je ne l’aurais pas écrite ainsi.').waitFor();
    await page.getByText('La proposition poserait un vrai problème au projet ; je dis pourquoi, et elle sera amendée.').waitFor();
    await page.getByRole('button', { name: 'Passer à la phase suivante' }).click();
    await expect.poll(() => current.locator('strong').textContent()).toBe('questions de clarification');
    await expectNoAxeViolations(page);
    await screenshot(page, 'proposal-steps-360');
    await page.setViewportSize({ width: 1280, height: 900 });
    await expectNoAxeViolations(page);
    await screenshot(page, 'proposal-steps-1280');
    await page.getByRole('link', { name: 'Décisions' }).first().click();
    await page.getByRole('heading', { name: 'Nouvelle proposition' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, 'proposal-form-1280');
  });
});
