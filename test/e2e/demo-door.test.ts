import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPartnership } from '../../src/demo/demo-partnership.js';
import { expectNoAxeViolations, launchChromium, screenshot } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * One visitor, two people: on a server running the demo, the sign-in page offers to enter as
 * five people of the demo partnership; one window enters as Gérard, by keyboard, another (a
 * private window: its own cookies) as Samia, and each stays who it entered as. A server without
 * the door shows no such section.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');
const PHONE = { width: 360, height: 780 };
const DOOR_PEOPLE = ['Camille Martin', 'Gérard Lefèvre', 'Samia Haddad', 'Hélène Dubois', 'Yanis Morel'];

let t: TestApp;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT, demoDoor: true });
  t.clock.current = new Date();
  await createDemoPartnership(t.store.db, t.clock.now(), { afterCommit: t.app.afterCommit });
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A new window with cookies of its own, as a private window or another browser has. */
const newWindow = async (viewport = PHONE) => (await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' })).newPage();

/** The signed-in person's own page, reached from « Ma fiche ». */
async function ownPageNames(page: Page, fullName: string) {
  await page.getByRole('link', { name: 'Ma fiche' }).click();
  await page.getByRole('heading', { level: 1, name: fullName }).waitFor();
}

describe('the demo’s door', () => {
  let gerard: Page;

  it('is offered on the sign-in page, five real buttons under their heading, at 360 px', async () => {
    gerard = await newWindow();
    await gerard.goto(`${origin}/connexion`);
    const door = gerard.getByRole('region', { name: 'Visiter la démonstration' });
    await door.getByRole('heading', { level: 2, name: 'Visiter la démonstration' }).waitFor();
    for (const fullName of DOOR_PEOPLE) await door.getByRole('heading', { level: 3, name: fullName }).waitFor();
    expect(await door.getByRole('button').allInnerTexts()).toEqual(DOOR_PEOPLE.map((fullName) => `Entrer comme ${fullName}`));
    await door.getByText('Chaque fenêtre peut être une autre personne : ouvrez la deuxième dans une fenêtre de navigation privée').waitFor();
    await door.getByText('Centre social du Moulin · salariée ou salarié, administre cette structure').waitFor();
    await door.getByText('Coordonne le partenariat et l’administre').waitFor();
    // Nothing wider than the phone.
    expect(await gerard.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectNoAxeViolations(gerard);
    await screenshot(gerard, '90-demo-door-phone');
  });

  it('lets a visitor enter as Gérard by keyboard, the button showing its focus', async () => {
    const button = gerard.getByRole('button', { name: 'Entrer comme Gérard Lefèvre' });
    for (let presses = 0; presses < 40 && !(await button.evaluate((element) => element === document.activeElement)); presses += 1) await gerard.keyboard.press('Tab');
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await button.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('solid');
    await gerard.keyboard.press('Enter');
    await gerard.getByRole('heading', { level: 1, name: 'Les Trois Rives' }).waitFor();
    await ownPageNames(gerard, 'Gérard Lefèvre');
  });

  it('lets a second window enter as Samia, while the first stays Gérard', async () => {
    const samia = await newWindow({ width: 1280, height: 900 });
    await samia.goto(`${origin}/connexion`);
    await samia.getByRole('heading', { level: 2, name: 'Visiter la démonstration' }).waitFor();
    await screenshot(samia, '91-demo-door-wide');
    await samia.getByRole('button', { name: 'Entrer comme Samia Haddad' }).click();
    await samia.getByRole('heading', { level: 1, name: 'Les Trois Rives' }).waitFor();
    await ownPageNames(samia, 'Samia Haddad');

    await gerard.reload();
    await gerard.getByRole('heading', { level: 1, name: 'Gérard Lefèvre' }).waitFor();
    await gerard.getByRole('link', { name: 'Vue d’ensemble' }).click();
    await gerard.getByRole('heading', { level: 1, name: 'Les Trois Rives' }).waitFor();
    await ownPageNames(gerard, 'Gérard Lefèvre');
  });
});

describe('a server without the door', () => {
  it('shows the sign-in page without it', async () => {
    const shut = await startTestApp({ webRoot: WEB_ROOT });
    try {
      const shutOrigin = await shut.app.listen({ port: 0, host: '127.0.0.1' });
      const page = await newWindow();
      const asked = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/demo-door'));
      await page.goto(`${shutOrigin}/connexion`);
      expect((await asked).status()).toBe(404);
      await page.getByRole('button', { name: 'Se connecter' }).waitFor();
      expect(await page.getByText('Visiter la démonstration').count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Entrer comme/ }).count()).toBe(0);
    } finally {
      await shut.close();
    }
  });
});
