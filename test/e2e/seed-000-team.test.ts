import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * Seed 000 (« Charte de coopération sereine ») replayed on a project charter alone: one carrying
 * association, a project team, three roles held by two people (Lila holds two), and no partnership
 * charter. The team writes its charter from the cooperation template, adopts it by consent, both
 * signatories sign, then a signatory starts an amendment adopted by consent. Later steps of the
 * seed (the dispute chain) continue from the state the earlier ones leave.
 */

const WEB_ROOT = join(process.cwd(), 'dist', 'web');
const TITLE = 'Charte de coopération sereine';

let t: TestApp;
let browser: Browser;
let origin: string;
let f: PartnershipFixture;
/** The carrying association, the team body, and the team's two people. */
let house: string;
let teamId: string;
let lila: Awaited<ReturnType<typeof newMember>>;
let marc: Awaited<ReturnType<typeof newMember>>;
/** One browser each: the administrator who writes the charter, and the two signatories. */
let admin: Page;
let lilaPage: Page;
let marcPage: Page;
/** Set as the story goes: the charter and its first version's address. */
let charterId: string;
let firstVersionUrl: string;

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  // The browser's session cookie lives on the real clock.
  t.clock.current = new Date();
  f = await newPartnership(t, 'Moissons solidaires');
  const build = builder(f);
  house = await build.organization('La Clairière', 'association');
  teamId = await build.body({ name: 'Équipe projet', kind: 'working_group' });
  const member = (fullName: string) => newMember(t, f, { fullName, memberships: [{ organizationId: house, kind: 'volunteer' }] });
  lila = await member('Lila Moreau');
  marc = await member('Marc Petit');
  for (const person of [lila, marc]) await build.seat(teamId, { personId: person.personId, organizationId: house });
  const lead = await build.role({ name: 'Responsable du projet', bodyId: teamId });
  const guide = await build.role({ name: 'Accompagnatrice', bodyId: teamId });
  const memory = await build.role({ name: 'Mémoire du projet', bodyId: teamId });
  await build.assign(lead, lila.personId);
  await build.assign(memory, lila.personId);
  await build.assign(guide, marc.personId);

  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  const wide = { viewport: { width: 1100, height: 900 }, locale: 'fr-FR' };
  admin = await (await browser.newContext(wide)).newPage();
  lilaPage = await (await browser.newContext(wide)).newPage();
  marcPage = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' })).newPage();
  await signIn(admin, origin, f.adminEmail, TEST_PASSWORD);
  await signIn(lilaPage, origin, lila.email, TEST_PASSWORD);
  await signIn(marcPage, origin, marc.email, TEST_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Whoever facilitates moves the proposal open on their page to its round; both take their stance; the facilitator closes it as adopted. */
async function teamConsents(facilitator: Page, statement: string) {
  const url = facilitator.url();
  for (const phase of ['questions de clarification', 'réactions', 'tour de table']) {
    await facilitator.getByRole('button', { name: 'Passer à la phase suivante' }).click();
    await facilitator.getByText(`Phase : ${phase} (tour 1)`).waitFor();
  }
  for (const page of [lilaPage, marcPage]) {
    if (page !== facilitator) await page.goto(url);
    await page.getByRole('heading', { name: 'Votre position' }).waitFor();
    await page.getByLabel('Consentement').check();
    await page.getByRole('button', { name: 'Donner ma position' }).click();
    await page.getByRole('status').filter({ hasText: 'Position enregistrée.' }).waitFor();
  }
  await facilitator.getByText('2 membres sur 2 ont pris la parole.').waitFor();
  await facilitator.getByLabel('Relevé de décision').fill(statement);
  await facilitator.getByRole('button', { name: 'Clore le tour' }).click();
  const confirmation = facilitator.getByRole('region', { name: 'Avant de clore le tour' });
  await confirmation.getByText('Aucune objection. La proposition est adoptée.').waitFor();
  await confirmation.getByRole('button', { name: 'Confirmer la clôture' }).click();
  await facilitator.getByRole('status').filter({ hasText: statement }).waitFor();
}

/** Signs the version in force open on the page, as its signatory. */
async function signAs(page: Page, typedName: string) {
  await page.getByRole('heading', { name: 'Signer la charte' }).waitFor();
  await page.getByLabel('Lu et approuvé').check();
  await page.getByLabel('Votre nom, en toutes lettres').fill(typedName);
  await page.getByRole('button', { name: 'Signer', exact: true }).click();
  await page.getByRole('heading', { name: 'Signer la charte' }).waitFor({ state: 'detached' });
}

describe('seed 000: a project team runs on its cooperation charter alone', () => {
  it('the administrator writes the team’s charter from the cooperation template and names both signatories', async () => {
    await admin.goto(`${origin}/p/${f.partnershipId}/chartes`);
    await admin.getByRole('heading', { level: 1, name: 'Chartes' }).waitFor();
    await admin.getByLabel('Charte de coopération').check();
    await admin.getByRole('button', { name: 'Créer et commencer à écrire' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Charte de coopération — projet de version 1' }).waitFor();
    await admin.getByLabel('Titre de la charte').fill(TITLE);
    for (const [index, name, capacity] of [[1, 'Lila Moreau', 'Responsable du projet'], [2, 'Marc Petit', 'Accompagnatrice']] as const) {
      await admin.getByRole('button', { name: 'Ajouter une personne signataire' }).click();
      const signatory = admin.getByRole('group', { name: `Signataire ${index}` });
      await signatory.getByLabel('Nom').selectOption({ label: name });
      await signatory.getByLabel('Structure').selectOption({ label: 'La Clairière' });
      await signatory.getByLabel('Qualité').fill(capacity);
    }
    await admin.getByRole('button', { name: 'Enregistrer' }).click();
    await admin.getByRole('status').filter({ hasText: 'Enregistré.' }).waitFor();
    await admin.getByText('Les règles de la charte tiennent ensemble.').waitFor();
    await expectNoAxeViolations(admin);
    await screenshot(admin, 'seed-000-01-cooperation-editor');
    await admin.getByRole('link', { name: 'Relire la charte' }).click();
    await admin.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    firstVersionUrl = admin.url();
    charterId = new URL(firstVersionUrl).pathname.split('/')[4]!;
  });

  it('a signatory proposes it for adoption; the team consents, as the template’s revision rule says', async () => {
    await lilaPage.goto(firstVersionUrl);
    await lilaPage.getByRole('heading', { name: 'Soumettre à décision' }).waitFor();
    await lilaPage.getByRole('button', { name: 'Soumettre ce projet à décision' }).click();
    await lilaPage.getByRole('heading', { level: 1, name: `Adopter la version 1 de « ${TITLE} »` }).waitFor();
    await lilaPage.getByText(/Équipe projet, par consentement/).first().waitFor();
    await expectNoAxeViolations(lilaPage);
    await screenshot(lilaPage, 'seed-000-02-adoption-proposed');
    await teamConsents(lilaPage, 'Charte adoptée par l’équipe.');
    await expectNoAxeViolations(lilaPage);
    await screenshot(lilaPage, 'seed-000-03-adopted-by-consent');
  });

  it('both signatories sign the version in force, each in their own session', async () => {
    await lilaPage.goto(firstVersionUrl);
    await lilaPage.getByText('En vigueur', { exact: true }).waitFor();
    await signAs(lilaPage, 'Lila Moreau');
    await lilaPage.getByText('1 signature sur 2.').waitFor();
    await marcPage.goto(firstVersionUrl);
    await expectNoAxeViolations(marcPage);
    await screenshot(marcPage, 'seed-000-04-signing-phone');
    await signAs(marcPage, 'Marc Petit');
    await marcPage.getByText('2 signatures sur 2.').waitFor();
    const rows = marcPage.getByRole('table', { name: 'Signatures' }).getByRole('row');
    await expect.poll(() => rows.filter({ hasText: 'Lu et approuvé' }).count()).toBe(2);
    // Signed by all it names, the charter leaves nothing to the compliance view but the roles.
    await admin.goto(`${origin}/p/${f.partnershipId}/conformite`);
    await admin.getByRole('heading', { level: 1, name: 'Conformité' }).waitFor();
    expect(await admin.getByText('Aucune charte n’est en vigueur').count()).toBe(0);
    expect(await admin.getByText(/attend encore la signature/).count()).toBe(0);
  });

  it('the team proposes under its charter: the form’s frame is the only charter in force, its team decides by consent', async () => {
    await lilaPage.goto(`${origin}/p/${f.partnershipId}/propositions`);
    await lilaPage.getByRole('heading', { level: 1, name: 'Décisions' }).waitFor();
    await expect.poll(() => lilaPage.getByLabel('Cadre').inputValue()).toBe(charterId);
    await lilaPage.getByText('Ira à l’instance « Équipe projet », par consentement', { exact: false }).waitFor();
    await lilaPage.getByLabel('Libellé de la décision').fill('Tenir l’atelier de restitution au Moulin le 14 mars.');
    await expectNoAxeViolations(lilaPage);
    await screenshot(lilaPage, 'seed-000-05-proposal-frame');
    await lilaPage.getByRole('button', { name: 'Proposer' }).click();
    await lilaPage.getByText(/Équipe projet, par consentement/).first().waitFor();
    await teamConsents(lilaPage, 'Atelier le 14 mars au Moulin.');
  });

  it('a signatory starts an amendment, which the team adopts by consent; the charter lists what was decided under it', async () => {
    await marcPage.goto(`${origin}/p/${f.partnershipId}/chartes/${charterId}`);
    await marcPage.getByRole('button', { name: 'Préparer une nouvelle version' }).click();
    await marcPage.getByRole('heading', { level: 1, name: `${TITLE} — projet de version 2` }).waitFor();
    const article = marcPage.locator('details.editor-article').first();
    await article.locator('summary').click();
    const text = article.getByLabel('Texte');
    await text.fill(`${await text.inputValue()}\n\nL’équipe se réunit une fois par mois.`);
    await marcPage.getByRole('button', { name: 'Enregistrer' }).click();
    await marcPage.getByRole('status').filter({ hasText: 'Enregistré.' }).waitFor();
    await marcPage.getByRole('link', { name: 'Relire la charte' }).click();
    await marcPage.getByRole('button', { name: 'Soumettre ce projet à décision' }).click();
    await marcPage.getByRole('heading', { level: 1, name: `Adopter la version 2 de « ${TITLE} »` }).waitFor();
    await teamConsents(marcPage, 'Révision adoptée.');

    await admin.goto(`${origin}/p/${f.partnershipId}/chartes/${charterId}`);
    await admin.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const versions = admin.getByRole('list').filter({ hasText: 'Version 2' }).first();
    await versions.getByText('En vigueur', { exact: true }).waitFor();
    const proposals = admin.getByRole('region', { name: 'Propositions sous cette charte' });
    await proposals.getByRole('link', { name: 'Tenir l’atelier de restitution au Moulin le 14 mars.' }).waitFor();
    await proposals.getByRole('link', { name: `Adopter la version 2 de « ${TITLE} »` }).waitFor();
    await expect.poll(() => proposals.getByRole('listitem').count()).toBe(3);
    await expectNoAxeViolations(admin);
    await screenshot(admin, 'seed-000-06-charter-page');
  });
});
