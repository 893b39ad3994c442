import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, ServerLog, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * Seed 000 (« Charte de coopération sereine ») replayed on a project charter alone: one carrying
 * association, a project team, three roles held by two people (Lila holds two), and no partnership
 * charter. The team writes its charter from the cooperation template, adopts it by consent, both
 * signatories sign, then a signatory starts an amendment adopted by consent. Then article 7 under
 * that charter alone: a dispute, its crisis meeting ending on a mediation, the outside mediator's
 * failure, the exit plan, the restorative circle, the write-up both consent to publish, closure.
 */

const WEB_ROOT = join(process.cwd(), 'dist', 'web');
const TITLE = 'Charte de coopération sereine';
const serverLog = new ServerLog();

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
let disputeUrl: string;

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT, logger: serverLog.logger });
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

  it('article 7: a party opens a dispute under the team’s charter; the crisis meeting is called, held, and asks for mediation', async () => {
    await lilaPage.goto(`${origin}/p/${f.partnershipId}/differends`);
    await lilaPage.getByRole('heading', { name: 'Différends', level: 1 }).waitFor();
    await lilaPage.getByLabel('De quoi s’agit-il ?').fill('La carte des acteurs locaux promise pour la fin de l’étape 2 n’est pas livrée.');
    await lilaPage.getByLabel('Avec qui ?').selectOption({ label: 'Marc Petit' });
    await lilaPage.getByRole('button', { name: 'Ouvrir le différend' }).click();
    await lilaPage.getByRole('heading', { name: `Différend sous « ${TITLE} »` }).waitFor();
    disputeUrl = lilaPage.url();
    await lilaPage.getByText(/Prochaine étape : convoquer la réunion de crise/).waitFor();

    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + 86_400_000));
    await lilaPage.getByLabel('Jour et heure').fill(`${tomorrow}T18:00`);
    await lilaPage.getByLabel('Lieu').fill('Local de La Clairière');
    await lilaPage.getByRole('button', { name: 'Convoquer' }).click();
    await lilaPage.getByRole('heading', { name: 'Issue de la réunion de crise' }).waitFor();
    // The meeting is held after its start: the app's clock moves past it (the browser's sessions last longer).
    t.clock.current = new Date(Date.now() + 2 * 86_400_000);
    await marcPage.goto(disputeUrl);
    await marcPage.getByLabel('Les faits').fill('La carte est à moitié faite ; le temps a manqué.');
    await marcPage.getByRole('button', { name: 'Enregistrer les notes' }).first().click();
    await marcPage.getByText('Notes enregistrées.').waitFor();
    await lilaPage.reload();
    await lilaPage.getByLabel(/Par une demande de médiation/).check();
    await expectNoAxeViolations(lilaPage);
    await screenshot(lilaPage, 'seed-000-07-crisis-meeting');
    await lilaPage.getByRole('button', { name: 'Enregistrer l’issue' }).click();
    await lilaPage.getByRole('heading', { name: 'Nommer la personne qui mène la médiation' }).waitFor();
  });

  it('the parties name an outside mediator, who opens the mail’s link and records that the mediation failed', async () => {
    await lilaPage.getByLabel('Nom', { exact: true }).fill('Claire Fontaine');
    const claireEmail = `claire.${Date.now()}@mediation.example.org`;
    await lilaPage.getByLabel('Adresse e-mail').fill(claireEmail);
    await lilaPage.getByRole('button', { name: 'Nommer' }).click();
    await lilaPage.getByText(/Claire Fontaine \(extérieure au partenariat\)/).waitFor();
    const link = serverLog.linkMailedTo(claireEmail, /(http:\/\/entente\.test\/\S+)/).replace('http://entente.test', origin);
    const outside = await (await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'fr-FR' })).newPage();
    await outside.goto(link);
    await outside.getByRole('heading', { name: `Différend sous « ${TITLE} »` }).waitFor();
    expect(await outside.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(0);
    await outside.getByLabel('L’écoute').fill('Chacun a parlé ; pas de terrain commun.');
    await outside.getByRole('button', { name: 'Enregistrer les notes' }).first().click();
    await outside.getByText('Notes enregistrées.').waitFor();
    await outside.getByLabel('Pas d’accord : le plan de sortie commence').check();
    await outside.getByRole('button', { name: 'Enregistrer l’issue' }).click();
    await outside.getByText(/Prochaine étape : donner à chaque objectif du plan de sortie/).waitFor();
    await screenshot(outside, 'seed-000-08-mediation-failed');
  });

  it('the exit plan’s six objectives get owners and days; the restorative circle is called and held through its rounds', async () => {
    const dayAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    await lilaPage.goto(disputeUrl);
    const objectives = lilaPage.getByRole('region', { name: 'Plan de sortie' }).getByRole('article');
    await expect.poll(() => objectives.count()).toBe(6);
    for (let index = 0; index < 6; index += 1) {
      const objective = objectives.nth(index);
      await objective.getByLabel('Responsable').selectOption({ label: index % 2 === 0 ? 'Lila Moreau' : 'Marc Petit' });
      await objective.getByLabel('Échéance').fill(dayAhead(20 + index));
      await objective.getByRole('button', { name: 'Enregistrer' }).click();
      await expect.poll(async () => (await t.store.db.selectFrom('dispute_task').select('owner_id').where('position', '=', index).where('owner_id', 'is not', null).execute()).length).toBeGreaterThan(0);
    }
    await lilaPage.reload();
    await lilaPage.getByRole('button', { name: 'Convoquer le cercle restauratif' }).waitFor();
    await expectNoAxeViolations(lilaPage);
    await screenshot(lilaPage, 'seed-000-09-exit-plan');

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
    await expect.poll(async () => (await t.store.db.selectFrom('dispute_meeting_note').innerJoin('dispute_meeting', 'dispute_meeting.id', 'dispute_meeting_note.meeting_id').select('dispute_meeting_note.round').where('dispute_meeting.kind', '=', 'restorative_circle').execute()).length).toBe(3);
    await lilaPage.reload();
    await expectNoAxeViolations(lilaPage);
    await screenshot(lilaPage, 'seed-000-10-restorative-circle');
    // Held after its start, as the crisis meeting was.
    t.clock.current = new Date(Date.now() + 8 * 86_400_000);
    await lilaPage.getByRole('button', { name: 'Le cercle a eu lieu' }).click();
    await lilaPage.getByRole('region', { name: 'Retour d’expérience' }).waitFor();
  });

  it('the write-up, consented by both parties, is published; the plan reached, the dispute closes', async () => {
    const text = 'Nous aurions dû dire plus tôt ce qui nous empêchait de livrer. Écrire qui tient quoi, dès le début, nous aurait évité ce différend.';
    const writeUp = lilaPage.getByRole('region', { name: 'Retour d’expérience' });
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
      await page.getByRole('region', { name: 'Plan de sortie' }).waitFor();
      const buttons = page.getByRole('region', { name: 'Plan de sortie' }).getByRole('button', { name: 'Marquer comme atteint' });
      while ((await buttons.count()) > 0) {
        const before = await buttons.count();
        await buttons.first().click();
        await expect.poll(() => buttons.count()).toBe(before - 1);
      }
    }
    await lilaPage.goto(disputeUrl);
    await lilaPage.getByRole('button', { name: 'Clore le différend' }).click();
    await lilaPage.getByRole('button', { name: 'Clore le différend' }).waitFor({ state: 'detached' });
    await admin.goto(`${origin}/p/${f.partnershipId}/retours-d-experience`);
    await admin.getByRole('heading', { level: 1, name: 'Retours d’expérience' }).waitFor();
    await admin.getByText(text).waitFor();
    expect(await admin.getByText('Marc Petit').count()).toBe(0);
    await expectNoAxeViolations(admin);
    await screenshot(admin, 'seed-000-11-write-up-published');
  });
});
