import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder, TODAY } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * Seed 000's article 7 after its crisis meeting found no solution: on the dispute's page, the
 * parties give the exit plan's objectives an owner and a day, call and hold the restorative
 * circle, write the experience without personal details, both consent, and close; every member
 * reads the write-up on « Retours d'expérience ». The dispute's first half runs through its API here.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');
let t: TestApp;
let browser: Browser;
let origin: string;
let f: PartnershipFixture;
let lila: Awaited<ReturnType<typeof newMember>>;
let marc: Awaited<ReturnType<typeof newMember>>;
let lilaPage: Page;
let marcPage: Page;
let admin: Page;
let disputeUrl: string;

const dayAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  f = await newPartnership(t, 'Moissons solidaires');
  const build = builder(f);
  const house = await build.organization('La Clairière', 'association');
  const team = await build.body({ name: 'Équipe projet', kind: 'working_group' });
  lila = await newMember(t, f, { fullName: 'Lila Moreau', memberships: [{ organizationId: house, kind: 'volunteer' }] });
  marc = await newMember(t, f, { fullName: 'Marc Petit', memberships: [{ organizationId: house, kind: 'volunteer' }] });
  for (const person of [lila, marc]) await build.seat(team, { personId: person.personId, organizationId: house });
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'cooperation' });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId: team, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash })).status).toBe(200);
  const opened = await lila.client.post(`${f.base}/disputes`, { charterId: charter.body.id, subject: 'Livrables en retard', partyIds: [marc.personId] });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const api = `${f.base}/disputes/${opened.body.id}`;
  expect((await lila.client.post(`${api}/crisis-meeting`, { startsAt: new Date(Date.now() + 86_400_000).toISOString(), place: 'Au local', onlineUrl: null })).status).toBe(201);
  // Its outcome is recorded once the meeting has begun.
  t.clock.advanceMinutes(24 * 60 + 1);
  expect((await marc.client.post(`${api}/crisis-outcome`, { outcome: 'exit_plan' })).status).toBe(200);

  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  disputeUrl = `${origin}/p/${f.partnershipId}/differends/${opened.body.id}`;
  browser = await launchChromium();
  lilaPage = await (await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'fr-FR' })).newPage();
  marcPage = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' })).newPage();
  admin = await (await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'fr-FR' })).newPage();
  await signIn(lilaPage, origin, lila.email, TEST_PASSWORD);
  await signIn(marcPage, origin, marc.email, TEST_PASSWORD);
  await signIn(admin, origin, f.adminEmail, TEST_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('seed 000, article 7: the exit plan, the restorative circle and the write-up in the browser', () => {
  it('the parties give each objective an owner and a day; the owner marks theirs reached on a phone', async () => {
    await lilaPage.goto(disputeUrl);
    const plan = lilaPage.getByRole('region', { name: 'Plan de sortie' });
    const objectives = plan.getByRole('article');
    await expect.poll(() => objectives.count()).toBe(6);
    for (let index = 0; index < 6; index += 1) {
      const objective = objectives.nth(index);
      await objective.getByLabel('Responsable').selectOption({ label: index % 2 === 0 ? 'Lila Moreau' : 'Marc Petit' });
      await objective.getByLabel('Échéance').fill(dayAhead(20 + index));
      await objective.getByRole('button', { name: 'Enregistrer' }).click();
      await expect.poll(async () => (await t.store.db.selectFrom('dispute_task').select('owner_id').where('position', '=', index).where('owner_id', 'is not', null).execute()).length).toBeGreaterThan(0);
    }
    await lilaPage.getByRole('button', { name: 'Convoquer le cercle restauratif' }).waitFor();
    await expectNoAxeViolations(lilaPage);
    await screenshot(lilaPage, 'dispute-ending-01-exit-plan');
    await marcPage.goto(disputeUrl);
    const his = marcPage.getByRole('region', { name: 'Plan de sortie' }).getByRole('article').nth(1);
    await his.getByRole('button', { name: 'Marquer comme atteint' }).click();
    await his.getByText(/^Atteint le/).waitFor();
    await expectNoAxeViolations(marcPage);
    await screenshot(marcPage, 'dispute-ending-02-exit-plan-phone');
  });

  it('the restorative circle is called, its rounds noted, then held', async () => {
    const call = lilaPage.getByRole('region', { name: 'Convocation du cercle restauratif' });
    await call.getByLabel('Date et heure').fill(`${dayAhead(7)}T18:00`);
    await call.getByLabel('Lieu').fill('Au Moulin');
    await call.getByRole('button', { name: 'Convoquer le cercle restauratif' }).click();
    await call.getByText(/^Convoqué le/).waitFor();
    const circle = lilaPage.getByRole('region', { name: 'Cercle restauratif', exact: true });
    const notes = circle.getByRole('textbox');
    await expect.poll(() => notes.count()).toBe(3);
    for (let index = 0; index < 3; index += 1) await notes.nth(index).fill(`Tour ${index + 1} : chacun a parlé et a été entendu.`);
    for (const button of await circle.getByRole('button').all()) await button.click();
    await expect.poll(async () => (await t.store.db.selectFrom('dispute_meeting_note').select('round').execute()).length).toBeGreaterThanOrEqual(3);
    await lilaPage.reload();
    await expectNoAxeViolations(lilaPage);
    await screenshot(lilaPage, 'dispute-ending-03-circle');
    // The circle is said held once its hour has come.
    t.clock.current = new Date(Date.now() + 8 * 86_400_000);
    await lilaPage.getByRole('button', { name: 'Le cercle a eu lieu' }).click();
    await lilaPage.getByRole('region', { name: 'Retour d’expérience' }).waitFor();
  });

  it('a write-up naming someone is refused; published once both agree; the dispute closes; members read it', async () => {
    const writeUp = lilaPage.getByRole('region', { name: 'Retour d’expérience' });
    await writeUp.getByLabel('Texte du retour d’expérience').fill('Marc et moi aurions dû parler plus tôt.');
    await writeUp.getByRole('button', { name: 'Enregistrer le retour d’expérience' }).click();
    await writeUp.getByText(/Retirez ces détails personnels avant de publier : « Marc »/).first().waitFor();
    await screenshot(lilaPage, 'dispute-ending-04-write-up-refused');
    const text = 'Nous aurions dû dire plus tôt ce qui nous empêchait de livrer. Écrire qui tient quoi, dès le début, nous aurait évité ce différend.';
    await writeUp.getByLabel('Texte du retour d’expérience').fill(text);
    await writeUp.getByRole('button', { name: 'Enregistrer le retour d’expérience' }).click();
    await writeUp.getByRole('button', { name: 'D’accord pour publier' }).click();
    await writeUp.getByText('Lila Moreau : D’accord pour publier').waitFor();
    await marcPage.goto(disputeUrl);
    const hisWriteUp = marcPage.getByRole('region', { name: 'Retour d’expérience' });
    await hisWriteUp.getByRole('button', { name: 'D’accord pour publier' }).click();
    await hisWriteUp.getByText(/^Publié le/).waitFor();
    for (const page of [lilaPage, marcPage]) {
      await page.goto(disputeUrl);
      const buttons = page.getByRole('region', { name: 'Plan de sortie' }).getByRole('button', { name: 'Marquer comme atteint' });
      await page.getByRole('region', { name: 'Plan de sortie' }).waitFor();
      while ((await buttons.count()) > 0) {
        const before = await buttons.count();
        await buttons.first().click();
        await expect.poll(() => buttons.count()).toBe(before - 1);
      }
    }
    await lilaPage.goto(disputeUrl);
    await lilaPage.getByRole('button', { name: 'Clore le différend' }).click();
    await lilaPage.getByRole('button', { name: 'Clore le différend' }).waitFor({ state: 'detached' });
    await expectNoAxeViolations(lilaPage);
    await screenshot(lilaPage, 'dispute-ending-05-closed');
    await admin.goto(`${origin}/p/${f.partnershipId}/retours-d-experience`);
    await admin.getByRole('heading', { level: 1, name: 'Retours d’expérience' }).waitFor();
    await admin.getByText(text).waitFor();
    expect(await admin.getByText('Marc Petit').count()).toBe(0);
    await expectNoAxeViolations(admin);
    await screenshot(admin, 'dispute-ending-06-experience-reports');
  });
});
