import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder, TODAY } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

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

const posts = { association: randomUUID(), lead: randomUUID(), guide: randomUUID() };

/** Seed 000's cooperation charter, adopted by its team of three, with the split of its article 5. */
async function cooperation(f: PartnershipFixture) {
  const build = builder(f);
  const house = await build.organization('SolucracY');
  const team = await build.body({ name: 'Équipe projet', kind: 'working_group' });
  const members = [];
  for (const fullName of ['Lila Moreau', 'Marc Petit', 'Inès Roux']) {
    const person = await newMember(t, f, { fullName, memberships: [{ organizationId: house, kind: 'volunteer' }] });
    await build.seat(team, { personId: person.personId, organizationId: house });
    members.push(person);
  }
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'cooperation' });
  const charterId = charter.body.id as string;
  const versionUrl = `${f.base}/charters/${charterId}/versions/${charter.body.versionId}`;
  const content = (await f.admin.get(versionUrl)).body.content;
  content.title = 'Charte de coopération : Moissons solidaires';
  content.rules.budget = {
    totalCents: 827_200,
    posts: [
      { id: posts.association, label: 'Association', percent: 10, amountCents: 71_200, percentOf: { label: 'Prestations de l’association', amountCents: 712_000 } },
      { id: posts.lead, label: 'Gestion de projet + Moissonneur.se', percent: null, amountCents: 548_000 },
      { id: posts.guide, label: 'Accompagnateurice', percent: null, amountCents: 208_000 },
    ],
  };
  expect((await f.admin.put(versionUrl, content)).body.issues).toEqual([]);
  expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId: team, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash })).status).toBe(200);
  return { charterId, members };
}

describe('a cooperation charter’s budget settled', () => {
  it('opens from the charter, pays a post, drafts the statement with what was delivered, and closes once the team approves', async () => {
    const f = await newPartnership(t);
    const { charterId, members } = await cooperation(f);
    const page: Page = await (await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'fr-FR' })).newPage();
    await signIn(page, origin, f.adminEmail, TEST_PASSWORD);
    await page.goto(`${origin}/p/${f.partnershipId}/chartes/${charterId}`);
    await page.getByRole('button', { name: 'Ouvrir le budget de cette charte' }).click();
    // Opened, the budget shows its forecast first; its split and settlement are a link away.
    await page.waitForURL(/\/budgets\/[0-9a-f-]+$/);
    await page.getByRole('link', { name: 'Répartition et règlement des comptes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partage et règlement des comptes : Charte de coopération : Moissons solidaires' }).waitFor();
    const budgetId = page.url().split('/').at(-2)!;

    // The money received: the whole of the split, recorded on the budget's income line.
    const line = await t.store.db
      .selectFrom('budget_line as l')
      .innerJoin('budget_version as v', 'v.id', 'l.version_id')
      .select('l.line_key')
      .where('v.budget_id', '=', budgetId)
      .where('l.kind', '=', 'income')
      .executeTakeFirstOrThrow();
    const entry = await f.admin.post(`${f.base}/budgets/${budgetId}/entries`, { lineKey: line.line_key, occurredOn: TODAY, amountCents: 827_200, organizationId: null, personId: null, counterparty: 'Commune', note: '', attachment: null });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    await page.reload();
    await page.getByText(/Recettes reçues : 8\s272,00\s€/).waitFor();

    await page.getByLabel('Poste').selectOption({ label: 'Accompagnateurice' });
    await page.getByLabel('Montant en euros').fill('2080');
    await page.getByRole('button', { name: 'Enregistrer le versement' }).click();
    await page.getByRole('status').filter({ hasText: 'Versement enregistré.' }).waitFor();
    const guideRow = page.getByRole('row', { name: /Accompagnateurice/ }).first();
    // Paid in full: nothing remains (Intl puts a narrow no-break space before the euro sign).
    await expect.poll(async () => (await guideRow.locator('td').last().textContent())?.replace(/\s/g, ' ')).toBe('0,00 €');

    // An amount that reads two ways is refused at its field; a payment made by mistake is corrected once the keeper confirms which one.
    await page.getByLabel('Montant en euros').fill('1.234');
    await page.getByRole('button', { name: 'Enregistrer le versement' }).click();
    await page.getByText('Ce montant peut se lire de deux façons').waitFor();
    await page.getByLabel('Poste', { exact: true }).selectOption({ label: 'Accompagnateurice' });
    await page.getByLabel('Montant en euros').fill('12,5');
    await page.getByRole('button', { name: 'Enregistrer le versement' }).click();
    await page.getByRole('status').filter({ hasText: 'Versement enregistré.' }).waitFor();
    let confirmed = '';
    page.once('dialog', (dialog) => {
      confirmed = dialog.message();
      void dialog.accept();
    });
    await page.getByRole('button', { name: /^Corriger le versement de 12,50\s€ au poste Accompagnateurice du / }).click();
    await page.getByText('Correction d’un versement.').waitFor();
    expect(confirmed.replace(/\s/g, ' ')).toMatch(/^Corriger le versement de 12,50 € au poste « Accompagnateurice » du \d+ \S+ \d{4} \?/);
    expect(await page.getByRole('button', { name: /^Corriger le versement de 2\s080,00\s€/ }).count()).toBe(1);
    expect(await page.locator('main').textContent()).not.toContain('·');

    await page.getByLabel('Plan de sortie').check();
    await page.getByRole('button', { name: 'Préparer l’état' }).click();
    await page.getByRole('heading', { name: 'État de règlement des comptes' }).waitFor();
    const delivered = page.getByLabel('Valeur réalisée pour le poste Accompagnateurice, en euros');
    await delivered.fill('1,0400');
    await page.getByRole('button', { name: 'Enregistrer l’état' }).click();
    await page.getByText('Indiquez au plus deux chiffres après la virgule').waitFor();
    await delivered.fill('1040');
    await page.getByRole('button', { name: 'Enregistrer l’état' }).click();
    await page.getByText('État enregistré.').waitFor();
    await expect.poll(async () => (await page.locator('tfoot').textContent())?.replace(/\s/g, ' ')).toContain('1 040,00 €');
    await screenshot(page, 'settlement-draft');
    await expectNoAxeViolations(page);

    // Typed and not saved, the value is saved before the statement goes to the decision.
    await delivered.fill('1 000');
    await page.getByText('Vos valeurs sont enregistrées avant d’être proposées.').waitFor();
    await page.getByRole('button', { name: 'Proposer à la décision' }).click();
    await page.getByText('Soumis à la décision', { exact: true }).waitFor();
    const settlement = (await f.admin.get(`${f.base}/budgets/${budgetId}/settlement`)).body.settlement;
    expect(settlement.lines.find((line: { postId: string }) => line.postId === posts.guide).deliveredCents).toBe(100_000);
    await page.getByText('L’état de règlement est soumis à la décision : aucun versement ni aucune correction n’est enregistré d’ici là.').waitFor();
    expect(await page.getByRole('button', { name: 'Enregistrer le versement' }).count()).toBe(0);
    await screenshot(page, 'settlement-proposed');
    const proposalUrl = `${f.base}/proposals/${settlement.proposal.id}`;
    for (let step = 0; step < 3; step += 1) expect((await f.admin.post(`${proposalUrl}/phase`)).status).toBe(200);
    for (const member of members) expect((await member.client.post(`${proposalUrl}/stances`, { stance: 'consent', idempotencyKey: randomUUID() })).status).toBe(200);
    expect((await f.admin.post(`${proposalUrl}/close-round`, { statement: 'Comptes apurés.' })).body).toMatchObject({ outcome: 'adopted' });

    await page.reload();
    await page.getByText(/Budget clos le/).waitFor();
    expect(await page.getByRole('button', { name: 'Enregistrer le versement' }).count()).toBe(0);
    await screenshot(page, 'settlement-approved');

    const phone = await (await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'fr-FR' })).newPage();
    await signIn(phone, origin, members[0]!.email, TEST_PASSWORD);
    await phone.goto(`${origin}/p/${f.partnershipId}/budgets/${budgetId}/reglement`);
    await phone.getByText(/Approuvé le/).waitFor();
    await screenshot(phone, 'settlement-approved-phone');
    await expectNoAxeViolations(phone);
  });
});
