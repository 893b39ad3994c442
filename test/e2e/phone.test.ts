import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder, TODAY } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * A committee's pages on a 360 px phone and on a 1280 px screen: the body's page reads as a summary
 * with its forms behind buttons, the navigation keeps to one row, every control is at least
 * 24 × 24 px (WCAG 2.2, 2.5.8), the meeting page says why its minutes cannot be published yet, and
 * someone who does not sit in the committee is offered none of its forms.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');
const PHONE = { width: 360, height: 780 };
const SCREEN = { width: 1280, height: 900 };
const COMMITTEE = 'Comité de pilotage';

type Member = Awaited<ReturnType<typeof newMember>>;

let t: TestApp;
let f: PartnershipFixture;
let browser: Browser;
let origin: string;
let committee: string;
let meetingPath: string;
let samia: Member;
let odile: Member;
/** The pages a volunteer goes through most, beside the body's and the meeting's. */
const keyPages: string[] = [];

const open = async (viewport: { width: number; height: number }, email: string) => {
  const page = await (await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' })).newPage();
  await signIn(page, origin, email, TEST_PASSWORD);
  return page;
};

const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

/**
 * Controls smaller than 24 × 24 px. A link inside a sentence is exempt (2.5.8 « Inline »): its
 * height is the line's; any other link, button, field or summary is measured.
 */
const smallTargets = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a[href], button, input:not([type="hidden"]), select, textarea, summary')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        const shown = box.width > 0 && box.height > 0 && box.right > 0 && getComputedStyle(element).visibility !== 'hidden';
        const inline = element.tagName === 'A' && getComputedStyle(element).display === 'inline';
        return shown && !inline;
      })
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 24 || box.height < 24)
      .map(({ element, box }) => `${element.tagName.toLowerCase()} « ${(element.textContent ?? element.getAttribute('aria-label') ?? '').trim().slice(0, 40)} » ${Math.round(box.width)}×${Math.round(box.height)}`),
  );

/** Every form of the page opened, as someone who fills them all in turn would see it. */
async function openEveryForm(page: Page) {
  for (;;) {
    const closed = page.locator('main button[aria-expanded="false"]');
    if ((await closed.count()) === 0) break;
    await closed.first().click();
  }
  for (const details of await page.locator('main details:not([open]) > summary').all()) await details.click();
}

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  f = await newPartnership(t, 'Les Trois Rives');
  const build = builder(f);
  const tilleuls = await build.organization('MJC des Tilleuls');
  const moulin = await build.organization('Centre social du Moulin');
  await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
  await build.body({ name: 'Codir', kind: 'directors' });
  await build.body({ name: 'Groupe jardins', kind: 'working_group' });
  committee = await build.body({ name: COMMITTEE, kind: 'steering', purpose: 'Piloter les actions communes des maisons.' });
  const role = await build.role({ name: 'Trésorerie', purpose: 'Tenir les comptes du partenariat', termMonths: 12, bodyId: committee });
  const seat = async (fullName: string, organizationId: string) => {
    const member = await newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'board' }] });
    await build.seat(committee, { personId: member.personId, organizationId });
    return member;
  };
  const nadia = await seat('Nadia Benali', tilleuls);
  await seat('Gérard Lefèvre', tilleuls);
  samia = await seat('Samia Haddad', moulin);
  await seat('Bernard Colin', moulin);
  odile = await newMember(t, f, { fullName: 'Odile Perrin', memberships: [{ organizationId: tilleuls, kind: 'volunteer' }] });

  const charter = await f.admin.post(`${f.base}/charters`, { template: 'partnership' });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  const adopted = await f.admin.post(`${versionUrl}/adoption`, { bodyId: committee, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash });
  expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
  const proposed = await nadia.client.post(`${f.base}/proposals`, { level: 'operational', wording: 'Acheter un barnum pour les fêtes de quartier.', participationLevel: 'participation' });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  const elected = await nadia.client.post(`${f.base}/elections`, { bodyId: committee, roleId: role, qualities: 'Rigueur, disponibilité' });
  expect(elected.status).toBe(201);
  const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const called = await nadia.client.post(`${f.base}/meetings`, { bodyId: committee, title: 'Comité de rentrée', startsAt: inAMonth, place: 'Salle du Moulin', secretaryId: samia.personId });
  expect(called.status, JSON.stringify(called.body)).toBe(201);
  meetingPath = `/p/${f.partnershipId}/reunions/${called.body.id}`;
  const base = `/p/${f.partnershipId}`;
  keyPages.push(base, `${base}/propositions`, `${base}/propositions/${proposed.body.id}`, `${base}/elections/${elected.body.id}`, `${base}/structures/${tilleuls}`, `${base}/personnes`, `${base}/chartes`, `${base}/journal`);
  expect((await nadia.client.post(`${f.base}/meetings/${called.body.id}/agenda`, { kind: 'information', title: 'Nouvelles des maisons' })).status).toBe(201);

  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a committee’s page on a phone', () => {
  it('shows a summary first and keeps its forms behind buttons', async () => {
    const page = await open(PHONE, f.adminEmail);
    await page.goto(`${origin}/p/${f.partnershipId}/instances/${committee}`);
    await page.getByRole('heading', { level: 1, name: COMMITTEE }).waitFor();
    const summary = page.getByRole('region', { name: 'En bref' });
    await summary.getByRole('link', { name: 'Comité de rentrée' }).waitFor();
    await summary.getByRole('link', { name: 'Acheter un barnum pour les fêtes de quartier.' }).waitFor();
    await summary.getByRole('link', { name: 'Trésorerie' }).waitFor();
    await summary.getByRole('link', { name: '4 membres' }).waitFor();
    expect(await page.getByLabel('Intitulé', { exact: true }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, '60-body-phone');
    const folded = await pageHeight(page);

    const call = page.getByRole('button', { name: 'Convoquer une réunion' });
    expect(await call.getAttribute('aria-expanded')).toBe('false');
    await call.click();
    expect(await call.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('title');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="group"]')?.id)).toBe(await call.getAttribute('aria-controls'));

    await openEveryForm(page);
    const unfolded = await pageHeight(page);
    console.log(`Body page at 360 px: ${folded} px with its forms folded, ${unfolded} px with every form open.`);
    expect(folded).toBeLessThan(unfolded / 2);
    expect(await smallTargets(page)).toEqual([]);
    await expectNoAxeViolations(page);
    await screenshot(page, '61-body-phone-every-form-open');
    await page.context().close();
  });

  it('reads the same on a wide screen', async () => {
    const page = await open(SCREEN, f.adminEmail);
    await page.goto(`${origin}/p/${f.partnershipId}/instances/${committee}`);
    await page.getByRole('region', { name: 'En bref' }).getByRole('link', { name: 'Comité de rentrée' }).waitFor();
    console.log(`Body page at 1280 px: ${await pageHeight(page)} px with its forms folded.`);
    await expectNoAxeViolations(page);
    await screenshot(page, '62-body-wide');
    await page.context().close();
  });

  it('offers no form of the committee to someone who does not sit in it', async () => {
    const page = await open(PHONE, odile.email);
    await page.goto(`${origin}/p/${f.partnershipId}/instances/${committee}`);
    await page.getByRole('region', { name: 'En bref' }).getByRole('link', { name: 'Comité de rentrée' }).waitFor();
    for (const form of ['Convoquer une réunion', 'Trouver une date', 'Enregistrer une réunion passée', 'Ouvrir une élection', 'Ajouter un membre', 'Modifier l’instance']) {
      expect(await page.getByRole('button', { name: form }).count(), form).toBe(0);
    }
    expect(await page.locator('main form').count()).toBe(0);
    await page.goto(`${origin}${meetingPath}`);
    await page.getByRole('heading', { level: 1, name: 'Comité de rentrée' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Proposer un point' }).count()).toBe(0);
    expect(await page.locator('main form, main select').count()).toBe(0);
    // A creation page followed by an old link says it is reserved, rather than show a form the server would refuse.
    await page.goto(`${origin}/p/${f.partnershipId}/instances/nouvelle`);
    await page.getByRole('heading', { level: 1, name: 'Page réservée' }).waitFor();
    expect(await page.locator('main form').count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});

describe('the key pages on a phone', () => {
  it('have no control smaller than 24 × 24 px', async () => {
    const page = await open(PHONE, f.adminEmail);
    const small: Record<string, string[]> = {};
    for (const path of keyPages) {
      await page.goto(`${origin}${path}`);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const found = await smallTargets(page);
      if (found.length > 0) small[path] = found;
    }
    expect(small).toEqual({});
    await page.context().close();
  });
});

describe('the navigation', () => {
  it('keeps to one row on a phone, the page never wider than the screen', async () => {
    for (const [viewport, name] of [[PHONE, '63-navigation-phone'], [SCREEN, '64-navigation-wide']] as const) {
      const page = await open(viewport, samia.email);
      await page.goto(`${origin}/p/${f.partnershipId}/personnes/${samia.personId}`);
      await page.getByRole('heading', { level: 1, name: 'Samia Haddad' }).waitFor();
      const rows = await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('listitem').evaluateAll((items) => new Set(items.map((item) => item.getBoundingClientRect().top)).size);
      expect(rows).toBe(1);
      // The header says who acts, for a computer shared by a house's volunteers.
      const signedInAs = page.getByRole('banner').getByText('Session de Samia Haddad', { exact: true });
      expect(await signedInAs.evaluate((name) => name.scrollWidth <= name.clientWidth)).toBe(true);
      // The current page's link is scrolled into the row, clear of its faded right edge, once the to-do count has come.
      await page.getByRole('link', { name: /^À faire, / }).waitFor();
      await expect
        .poll(() =>
          page.getByRole('link', { name: 'Ma fiche' }).evaluate((link) => {
            const list = link.closest('ul')!;
            const [row, box] = [list.getBoundingClientRect(), link.getBoundingClientRect()];
            const fade = 40;
            const left = row.left + (list.dataset['moreBefore'] === 'true' ? fade : 0);
            const right = row.right - (list.dataset['moreAfter'] === 'true' ? fade : 0);
            // Half a pixel for subpixel layout; otherwise the boxes, to tell what went wrong.
            return box.left >= left - 0.5 && box.right <= right + 0.5 ? true : `${box.left}-${box.right} in ${left}-${right}`;
          }),
        )
        .toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      expect(await smallTargets(page)).toEqual([]);
      await page.locator('header').screenshot({ path: join(process.cwd(), 'test-artifacts', 'screenshots', `${name}.png`) });
      await page.context().close();
    }
  });
});

describe('a meeting’s page on a phone', () => {
  it('says why its minutes cannot be published yet, and shows the quorum once attendance is taken', async () => {
    for (const viewport of [PHONE, SCREEN]) {
      const page = await open(viewport, samia.email);
      await page.goto(`${origin}${meetingPath}`);
      await page.getByRole('heading', { level: 1, name: 'Comité de rentrée' }).waitFor();
      const publish = page.getByRole('button', { name: 'Publier le compte rendu' });
      expect(await publish.isDisabled()).toBe(true);
      const reason = await publish.evaluate((button) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent);
      expect(reason).toBe('Rédigez le compte rendu avant de le publier.');
      await page.getByText(reason!).waitFor();
      // The quorum's status line, not the guests' section, which says guests do not count for it.
      expect(await page.getByText(/^Quorum (non )?atteint/).count()).toBe(0);
      expect(await smallTargets(page)).toEqual([]);
      await expectNoAxeViolations(page);
      await screenshot(page, viewport === PHONE ? '65-meeting-phone' : '66-meeting-wide');
      await page.context().close();
    }

    const page = await open(PHONE, samia.email);
    await page.goto(`${origin}${meetingPath}`);
    await page.getByRole('combobox', { name: 'Samia Haddad' }).selectOption('present');
    await page.getByText(/^Quorum (non )?atteint/).waitFor();
    await page.getByLabel('Texte du compte rendu').fill('Tour de table des maisons.');
    const publish = page.getByRole('button', { name: 'Publier le compte rendu' });
    const reason = () => publish.evaluate((button) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent);
    expect(await reason()).toBe('Enregistrez d’abord le texte : on publie ce qui a été enregistré.');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(reason).toBe('Pour publier, soumettez d’abord le compte rendu à la relecture des présents.');
    await page.getByRole('button', { name: 'Soumettre à la relecture des présents' }).click();
    // Samia, the secretary, is the only one present: no one else has to approve.
    await expect.poll(() => publish.isDisabled()).toBe(false);
    expect(await publish.getAttribute('aria-describedby')).toBeNull();
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
