import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/common/dates.js';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * Seed 000, art. 6 and 8: a project team under its cooperation charter. Lila, of the team, adds a
 * deliverable and hands it to Marc; Marc, from his phone, follows « À faire pour vous » to its form
 * and marks it delivered; the outputs the charter's licence lists wait to be published.
 */

const WEB_ROOT = join(process.cwd(), 'dist', 'web');

let t: TestApp;
let browser: Browser;
let origin: string;
let f: PartnershipFixture;
let lila: Awaited<ReturnType<typeof newMember>>;
let marc: Awaited<ReturnType<typeof newMember>>;
let charterId: string;
let lilaPage: Page;
let marcPhone: Page;

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  // The browser's session cookie lives on the real clock.
  t.clock.current = new Date();
  f = await newPartnership(t, 'Moissons solidaires');
  const build = builder(f);
  const house = await build.organization('SolucracY');
  const team = await build.body({ name: 'Équipe projet', kind: 'working_group' });
  lila = await newMember(t, f, { fullName: 'Lila Moreau', memberships: [{ organizationId: house, kind: 'volunteer' }] });
  marc = await newMember(t, f, { fullName: 'Marc Petit', memberships: [{ organizationId: house, kind: 'volunteer' }] });
  const today = calendarDay(t.clock.now());
  for (const member of [lila, marc]) {
    expect((await f.admin.post(`${f.base}/bodies/${team}/members`, { personId: member.personId, organizationId: house, capacity: 'delegate', mandateSource: 'board', startsOn: today })).status).toBe(201);
  }
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'cooperation' });
  charterId = charter.body.id as string;
  const versionUrl = `${f.base}/charters/${charterId}/versions/${charter.body.versionId}`;
  const adopted = await f.admin.post(`${versionUrl}/adoption`, { bodyId: team, adoptedOn: today, contentHash: (await f.admin.get(versionUrl)).body.contentHash });
  expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  lilaPage = await (await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'fr-FR' })).newPage();
  marcPhone = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const card = (page: Page, title: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

describe('a team’s deliverables', () => {
  it('lists the outputs the licence asks to publish, from the charter’s page', async () => {
    await signIn(lilaPage, origin, lila.email, TEST_PASSWORD);
    await lilaPage.goto(`${origin}/p/${f.partnershipId}/chartes/${charterId}`);
    await lilaPage.getByRole('link', { name: 'Voir les 5 livrables' }).click();
    await expect.poll(() => lilaPage.getByRole('heading', { level: 1 }).textContent()).toBe('Livrables');
    const outputs = lilaPage.getByRole('region', { name: 'Productions à publier sous la licence de la charte' });
    await expect.poll(() => outputs.getByRole('listitem').count()).toBe(5);
    expect(await outputs.getByText('À publier', { exact: true }).count()).toBe(5);
    expect(await outputs.textContent()).toContain('Cartographie des acteurs locaux');
    expect(await card(lilaPage, 'Cartographie des acteurs locaux').textContent()).toContain('À publier sous licence CC BY-SA 4.0');
    expect(await card(lilaPage, 'Cartographie des acteurs locaux').textContent()).toContain('À attribuer');
    await screenshot(lilaPage, 'deliverables-outputs');
  });

  it('is added and handed over by a member of the team', async () => {
    const form = lilaPage.getByRole('form', { name: 'Ajouter un livrable' });
    await form.getByLabel('Titre').fill('Rapport final au commanditaire');
    await form.getByLabel('Description').fill('Ce que nous avons fait, et ce que nous en retenons.');
    await form.getByLabel('Échéance').fill('2099-06-30');
    await form.getByRole('button', { name: 'Ajouter le livrable' }).click();
    await form.getByText('Livrable ajouté.').waitFor();
    const added = card(lilaPage, 'Rapport final au commanditaire');
    await added.waitFor();
    expect(await added.textContent()).toContain('À attribuer');
    await added.getByText('Changer ce livrable').click();
    await added.getByLabel('Responsable', { exact: true }).selectOption({ label: 'Marc Petit' });
    await added.getByRole('button', { name: 'Confier le livrable' }).click();
    await lilaPage.getByRole('heading', { name: 'Marc Petit (1)' }).waitFor();
    expect(await card(lilaPage, 'Rapport final au commanditaire').textContent()).toContain('Responsable : Marc Petit');
    // Only its owner moves it along: Lila, of the team, may only drop it.
    const choices = await card(lilaPage, 'Rapport final au commanditaire').getByLabel('Où en est-il ?').locator('option').allTextContents();
    expect(choices).toEqual(['Prévu', 'Abandonné']);
    await screenshot(lilaPage, 'deliverables-assigned');
  });

  it('is marked delivered by its owner from a phone, through the link of « À faire pour vous »', async () => {
    // Due today (the day Lila's form would have set): the to-do shows it.
    const page = (await marc.client.get(`${f.base}/charters/${charterId}/deliverables`)).body as { deliverables: { id: string; title: string }[] };
    const id = page.deliverables.find((d) => d.title === 'Rapport final au commanditaire')!.id;
    const today = calendarDay(t.clock.now());
    expect((await lila.client.put(`${f.base}/charters/${charterId}/deliverables/${id}`, { title: 'Rapport final au commanditaire', description: 'Ce que nous avons fait, et ce que nous en retenons.', dueOn: today })).status).toBe(204);

    await signIn(marcPhone, origin, marc.email, TEST_PASSWORD);
    await marcPhone.goto(`${origin}/p/${f.partnershipId}`);
    const toDo = marcPhone.getByRole('link', { name: /Votre livrable : Rapport final au commanditaire/ });
    await toDo.waitFor();
    expect(await toDo.getAttribute('href')).toBe(`/p/${f.partnershipId}/chartes/${charterId}/livrables/${id}#livrable`);
    await toDo.click();
    const form = marcPhone.locator('#livrable');
    await form.waitFor();
    await form.getByLabel('Où en est-il ?').selectOption({ label: 'Livré' });
    await form.getByRole('button', { name: 'Enregistrer l’état' }).click();
    await form.getByText('État enregistré.').waitFor();
    expect(await card(marcPhone, 'Rapport final au commanditaire').textContent()).toContain('Livré');
    // Delivered: it no longer waits on him.
    const items = (await marc.client.get(`${f.base}/to-do`)).body.items as { target: { kind: string } }[];
    expect(items.some((item) => item.target.kind === 'deliverable')).toBe(false);
    // The page fits the phone: nothing wider than its 360 pixels.
    expect(await marcPhone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(marcPhone, 'deliverables-delivered-phone');
    await expectNoAxeViolations(marcPhone);
  });
});
