import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * The common fund of three houses (seed 003's « 1 % »): their administrators declared their budgets
 * and Tina, who holds the « Trésorerie » role, called the year's contributions seventy days ago.
 * From her desk she records what the Tilleuls and the Moulin paid; the Rives, unpaid past the due
 * day, are flagged. From her phone Nadia proposes a spending, which the steering committee consents
 * to; the ledger then shows it spent.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');
const DAY = 86_400_000;

let t: TestApp;
let f: PartnershipFixture;
let browser: Browser;
let origin: string;
let tina: Awaited<ReturnType<typeof newMember>>;
let nadia: Awaited<ReturnType<typeof newMember>>;
let members: Awaited<ReturnType<typeof newMember>>[];

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  const now = new Date();
  t.clock.current = new Date(now.getTime() - 70 * DAY);
  const since = t.clock.now().toISOString().slice(0, 10);
  f = await newPartnership(t, 'Les Trois Quartiers');
  const build = builder(f);
  const tilleuls = await build.organization('MJC des Tilleuls');
  const moulin = await build.organization('Centre social du Moulin');
  const rives = await build.organization('Centre social des Rives');
  await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
  const steering = await build.body({ name: 'Comité de pilotage', kind: 'steering' });
  await build.body({ name: 'Codir', kind: 'directors' });
  await build.body({ name: 'Groupe jardins', kind: 'working_group' });
  members = [];
  for (const [fullName, organizationId] of [
    ['Nadia Benali', tilleuls],
    ['Gérard Lefèvre', moulin],
    ['Samia Haddad', rives],
  ] as const) {
    const member = await newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'board', isOrganizationAdmin: true }] });
    await build.seat(steering, { personId: member.personId, organizationId, startsOn: since });
    members.push(member);
  }
  nadia = members[0]!;
  tina = await newMember(t, f, { fullName: 'Tina Morel', memberships: [{ organizationId: moulin, kind: 'staff' }] });
  const treasury = await build.role({ name: 'Trésorerie' });
  await build.assign(treasury, tina.personId, since);
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'partnership' });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  const content = (await f.admin.get(versionUrl)).body.content;
  content.rules.money = { ...content.rules.money, treasurerRoleId: treasury };
  expect((await f.admin.put(versionUrl, content)).body.issues).toEqual([]);
  expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId: steering, adoptedOn: since, contentHash: (await f.admin.get(versionUrl)).body.contentHash })).status).toBe(200);
  const year = Number(since.slice(0, 4));
  for (const [member, organizationId, budgetCents] of [
    [members[0]!, tilleuls, 45_000_000],
    [members[1]!, moulin, 32_000_000],
    [members[2]!, rives, 20_000_000],
  ] as const) {
    expect((await member.client.put(`${f.base}/fund/declarations`, { organizationId, year, budgetCents })).status).toBe(204);
  }
  expect((await tina.client.post(`${f.base}/fund/calls`, { year })).body).toEqual({ issued: 3, undeclared: [] });
  t.clock.current = now;
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const context = (viewport: { width: number; height: number }) => browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });

describe('the common fund', () => {
  it('is paid by two of three houses, the third flagged, and spent by a decision taken by consent', async () => {
    const desk = await (await context({ width: 1280, height: 900 })).newPage();
    await signIn(desk, origin, tina.email, TEST_PASSWORD);
    await desk.getByRole('link', { name: 'Caisse commune' }).first().click();
    await desk.getByRole('heading', { level: 1, name: 'Caisse commune' }).waitFor();
    const payment = desk.locator('#enregistrer-un-versement');
    for (const [organization, amount] of [
      ['MJC des Tilleuls', '4 500'],
      ['Centre social du Moulin', '3200,00'],
    ] as const) {
      const call = payment.getByLabel('Appel');
      await call.selectOption((await call.locator('option', { hasText: organization }).getAttribute('value'))!);
      await payment.getByLabel('Montant versé (en euros)').fill(amount);
      await payment.getByRole('button', { name: 'Enregistrer le versement' }).click();
      await desk.getByRole('row', { name: new RegExp(`${organization}.*Versée`) }).waitFor();
      // The form empties itself once the page shows the payment: the next one is typed after that.
      await expect.poll(() => payment.getByLabel('Montant versé (en euros)').inputValue()).toBe('');
    }
    const behind = desk.locator('#en-retard');
    await behind.getByText(/Centre social des Rives : 2\s000,00\s€ restent dus/).waitFor();
    await expect(behind.getByText(/MJC des Tilleuls/).count()).resolves.toBe(0);
    await desk.getByRole('row', { name: /Centre social des Rives.*En retard/ }).waitFor();
    await desk.getByText(/Solde de la caisse/).waitFor();
    // Each part of the page is a landmark of its own name: the section, and the table scrolling in it.
    for (const name of [/^Contributions \d{4}$/, /^Tableau : Contributions \d{4}$/]) expect(await desk.getByRole('region', { name }).count()).toBe(1);
    await expectNoAxeViolations(desk);
    await screenshot(desk, 'fund-desktop');

    const phone = await (await context({ width: 390, height: 844 })).newPage();
    await signIn(phone, origin, nadia.email, TEST_PASSWORD);
    await phone.goto(`${origin}/p/${f.partnershipId}/caisse-commune`);
    const spending = phone.locator('#depense');
    await spending.getByLabel('La dépense, telle qu’elle serait décidée').fill('Acheter une sono partagée pour les fêtes');
    await spending.getByLabel('Montant (en euros)').fill('1 200');
    await spending.getByRole('button', { name: 'Proposer la dépense' }).click();
    await phone.waitForURL(/\/propositions\//);
    const proposalId = phone.url().split('/propositions/')[1]!.split(/[?#]/)[0]!;
    // Those who decide see what they would spend.
    await phone.getByText(/^Dépense de la caisse commune : 1\s200,00\s€$/).waitFor();
    await screenshot(phone, 'fund-proposal-phone');

    // The steering committee consents, its facilitator closes the round.
    // Their sessions of seventy days ago have ended: they sign in again.
    for (const member of members) expect((await member.client.signIn(member.email)).status).toBe(200);
    const url = `${f.base}/proposals/${proposalId}`;
    t.clock.advanceMinutes(5);
    for (let step = 0; step < 3; step += 1) expect((await nadia.client.post(`${url}/phase`)).status).toBe(200);
    for (const member of members) expect((await member.client.post(`${url}/stances`, { stance: 'consent', idempotencyKey: randomUUID() })).status).toBe(200);
    expect((await nadia.client.post(`${url}/close-round`, { statement: 'La caisse achète la sono.' })).body).toMatchObject({ outcome: 'adopted' });

    await phone.goto(`${origin}/p/${f.partnershipId}/caisse-commune`);
    await phone.getByRole('row', { name: /Dépense décidée : Acheter une sono partagée pour les fêtes/ }).waitFor();
    await phone.getByRole('listitem').filter({ hasText: 'Acheter une sono partagée pour les fêtes' }).getByText('Adoptée').waitFor();
    await expectNoAxeViolations(phone);
    await screenshot(phone, 'fund-phone');

    await phone.getByRole('link', { name: /Bilan de l’année/ }).click();
    await phone.getByRole('heading', { level: 1, name: /Caisse commune : bilan/ }).waitFor();
    await phone.getByText('Acheter une sono partagée pour les fêtes').waitFor();
    await expectNoAxeViolations(phone);
    await screenshot(phone, 'fund-statement-phone');

    const ledger = await t.store.db.selectFrom('fund_ledger').select(['kind', 'amount_cents']).where('partnership_id', '=', f.partnershipId).orderBy('amount_cents', 'desc').execute();
    expect(ledger.map((row) => [row.kind, Number(row.amount_cents)])).toEqual([
      ['payment', 450_000],
      ['payment', 320_000],
      ['spending', 120_000],
    ]);
    for (const page of [desk, phone]) await page.context().close();
  });
});
