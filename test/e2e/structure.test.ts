import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPartnership, DEMO_SIGN_IN } from '../../src/demo/demo-partnership.js';
import { ARTIFACTS, expectNoAxeViolations, launchChromium, screenshot } from '../support/browser.js';
import { ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

const WEB_ROOT = join(process.cwd(), 'dist', 'web');

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let origin: string;
const serverLog = new ServerLog();

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT, logger: serverLog.logger });
  t.clock.current = new Date();
  await createDemoPartnership(t.store.db, t.clock.now(), { afterCommit: t.app.afterCommit });
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a coordinator fixes a composition gap on a phone', () => {
  it('signs in', async () => {
    await page.goto(origin);
    await expect.poll(() => page.url()).toContain('/connexion');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '01-sign-in');
    await page.getByLabel('Adresse e-mail').first().fill(DEMO_SIGN_IN.email);
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').filter({ hasText: 'Adresse e-mail ou mot de passe incorrect.' }).waitFor();
    await page.getByLabel('Mot de passe').fill(DEMO_SIGN_IN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Les Trois Rives' }).waitFor();
  });

  it('sees the overview with the steering committee’s gap', async () => {
    await page.getByText('Comité de pilotage : MJC des Tilleuls a 3 personnes déléguées sur 4').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '02-overview');
  });

  it('adds a delegate to the steering committee and the gap disappears', async () => {
    await page.getByRole('link', { name: 'Comité de pilotage', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Comité de pilotage' }).waitFor();
    await expect.poll(() => page.getByText('MJC des Tilleuls a 3 personnes déléguées sur 4').count()).toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, '03-body-with-gap');

    await page.getByRole('button', { name: 'Ajouter un membre' }).click();
    await page.getByLabel('Structure représentée').selectOption({ label: 'MJC des Tilleuls' });
    await page.getByLabel('Personne', { exact: true }).selectOption({ label: 'Odile Perrin' });
    await page.getByLabel('Qualité', { exact: true }).selectOption('delegate');
    await page.getByLabel('Mandat donné par').selectOption('board');
    await page.getByRole('button', { name: 'Ajouter à l’instance' }).click();
    await page.getByRole('status').filter({ hasText: 'Odile Perrin siège maintenant dans l’instance.' }).waitFor();
    await page.getByText('Composition conforme à la règle.').waitFor();
    expect(await page.getByText('MJC des Tilleuls a 3 personnes déléguées sur 4').count()).toBe(0);
    await expect.poll(() => page.getByRole('link', { name: 'Odile Perrin' }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, '04-body-fixed');
  });

  it('shows a clear error on a bad form', async () => {
    await page.getByLabel('Personne', { exact: true }).selectOption({ label: 'Thomas Roux' });
    await page.getByLabel('Début').fill('2026-05-10');
    await page.getByLabel('Fin (facultatif)').fill('2026-05-01');
    await page.getByRole('button', { name: 'Ajouter à l’instance' }).click();
    await page.getByText('La fin ne peut pas précéder le début.').waitFor();
    await expect.poll(() => page.getByLabel('Fin (facultatif)').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page);
    await screenshot(page, '05-form-error');
  });

  it('opens the other pages without accessibility violations', async () => {
    await page.getByRole('link', { name: 'Odile Perrin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Odile Perrin' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '06-person');

    await page.getByRole('link', { name: 'MJC des Tilleuls' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'MJC des Tilleuls' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '07-organization');

    await page.getByRole('link', { name: 'Vue d’ensemble' }).first().click();
    await page.getByRole('link', { name: 'Chef·fe de projet Sorties familles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chef·fe de projet Sorties familles' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '08-role');

    await page.getByRole('link', { name: 'Journal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    await page.getByText('Mandat commencé : Odile Perrin').first().waitFor();
    await page.getByRole('heading', { level: 2, name: 'Sauvegarde' }).waitFor();
    // The head documents carry, in full, for anyone to note and check later.
    const partnershipId = new URL(page.url()).pathname.split('/')[2]!;
    const head = await t.store.db.selectFrom('journal_head').select(['seq', 'hash']).where('partnership_id', '=', partnershipId).executeTakeFirstOrThrow();
    const headCard = page.getByRole('region', { name: 'Où en est le journal' });
    await headCard.getByText(`Acte n° ${head.seq}, code de contrôle ${head.hash}`).waitFor();
    await headCard.screenshot({ path: join(ARTIFACTS, '53-journal-head.png') });
    await expectNoAxeViolations(page);
    await screenshot(page, '09-journal');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger la sauvegarde' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^sauvegarde-entente-\d{4}-\d{2}-\d{2}\.json$/);
    const backup = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(backup).toMatchObject({ format: 'entente-backup', formatVersion: 1 });
    expect(backup.tables.organization.map((o: { name: string }) => o.name)).toContain('MJC des Tilleuls');
    await page.reload();
    await page.getByText('Sauvegarde téléchargée').first().waitFor();

    await page.getByRole('link', { name: 'Messages' }).click();
    await page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
    await page.getByText('Mireille Blanc délègue une partie de sa mission à Karim Toure').first().waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '10-outbox');

    await page.getByRole('link', { name: 'Personnes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Personnes' }).waitFor();
    await page.getByLabel('Chercher une personne ou une structure').fill('Haut-Pré');
    await page.getByRole('status').filter({ hasText: '6 personnes' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '11-people');

    await page.getByRole('link', { name: 'Nouvelle personne' }).click();
    await page.getByLabel('Nom et prénom').fill('Rose Delmas');
    await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Créer' }).click();
    await page.getByText('Cette adresse e-mail n’est pas valide.').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '12-new-person-error');
    await page.getByLabel('Adresse e-mail').fill('rose.delmas@example.org');
    await page.getByLabel('Structure', { exact: true }).selectOption({ label: 'Centre social du Moulin' });
    await page.getByRole('button', { name: 'Créer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rose Delmas' }).waitFor();
    await page.getByRole('button', { name: 'Inviter à se connecter' }).click();
    await page.getByRole('status').filter({ hasText: 'Invitation envoyée' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '13-person-invited');
  });

  it('lets the invited person choose a password, then sign in again by e-mailed link', async () => {
    const roseMessages = async () => {
      await page.getByRole('link', { name: 'Messages' }).click();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
      return page.getByRole('listitem').filter({ hasText: 'À rose.delmas@example.org' });
    };
    // Without SMTP, the administrator who invited Rose reads the invitation on the Messages page and passes it on.
    const invitation = await (await roseMessages()).filter({ hasText: 'Invitation à rejoindre Les Trois Rives' }).locator('pre').textContent();
    const invitationLink = /http:\/\/entente\.test\/(invitation#[\w-]{43})/.exec(invitation ?? '')![1]!;
    const rose = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' });
    try {
      const rosePage = await rose.newPage();
      await rosePage.goto(`${origin}/${invitationLink}`);
      await rosePage.getByText('Bonjour Rose Delmas, « Les Trois Rives » vous invite à le rejoindre.').waitFor();
      expect(rosePage.url()).not.toContain('#');
      await expectNoAxeViolations(rosePage);
      await screenshot(rosePage, '16-invitation');
      await rosePage.getByLabel('Choisissez un mot de passe').fill('trop court');
      await rosePage.getByRole('button', { name: 'Accepter l’invitation' }).click();
      await rosePage.getByText('Le mot de passe doit compter au moins 12 caractères.').waitFor();
      await rosePage.getByLabel('Choisissez un mot de passe').fill('les bords du canal en mai');
      await rosePage.getByRole('button', { name: 'Accepter l’invitation' }).click();
      await rosePage.getByRole('heading', { level: 1, name: 'Les Trois Rives' }).waitFor();
      expect(await rosePage.getByRole('link', { name: 'Nouvelle instance' }).count()).toBe(0);

      await rosePage.getByRole('button', { name: 'Se déconnecter' }).click();
      await rosePage.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await rosePage.getByLabel('Adresse e-mail').last().fill('rose.delmas@example.org');
      await rosePage.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
      await rosePage.getByRole('status').filter({ hasText: 'un lien de connexion vient de lui être envoyé' }).waitFor();
      // The sign-in link is Rose's alone: the Messages page says it was sent, the server log holds it.
      await t.app.mailer.idle();
      const signInMessage = (await roseMessages()).filter({ hasText: 'Votre lien de connexion à Entente' });
      await signInMessage.getByText('[lien personnel, envoyé à la seule personne destinataire]').waitFor();
      expect(await page.getByText(/#[\w-]{43}/).count()).toBe(0);
      await expectNoAxeViolations(page);
      await screenshot(page, '19-outbox-personal-links');
      await rosePage.goto(`${origin}/connexion/lien#${serverLog.linkMailedTo('rose.delmas@example.org', /#([\w-]{43})/)}`);
      await rosePage.getByRole('button', { name: 'Se connecter' }).waitFor();
      expect(rosePage.url()).not.toContain('#');
      await expectNoAxeViolations(rosePage);
      await screenshot(rosePage, '17-magic-link');
      await rosePage.getByRole('button', { name: 'Se connecter' }).click();
      await rosePage.getByRole('heading', { level: 1, name: 'Les Trois Rives' }).waitFor();

      // Rose also signed in on the association's computer, then ends every session from her phone.
      const shared = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
      await shared.goto(`${origin}/connexion`);
      await shared.getByLabel('Adresse e-mail').first().fill('rose.delmas@example.org');
      await shared.getByLabel('Mot de passe').fill('les bords du canal en mai');
      await shared.getByRole('button', { name: 'Se connecter' }).click();
      await shared.getByRole('heading', { level: 1, name: 'Les Trois Rives' }).waitFor();
      await rosePage.getByRole('link', { name: 'Ma fiche' }).click();
      await rosePage.getByRole('heading', { level: 2, name: 'Mon compte' }).waitFor();
      await expectNoAxeViolations(rosePage);
      await screenshot(rosePage, '18-own-account');
      await rosePage.getByRole('button', { name: 'Me déconnecter de tous les appareils' }).click();
      await rosePage.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await shared.reload();
      await shared.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await shared.context().close();
    } finally {
      await rose.close();
    }
  });

  it('gives the facilitation to someone else: the previous holder’s term ends the same day', async () => {
    await page.getByRole('link', { name: 'Vue d’ensemble' }).first().click();
    await page.getByRole('link', { name: 'Animation du comité de pilotage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Animation du comité de pilotage' }).waitFor();
    await page.getByText('Tenu par une personne à la fois').waitFor();
    const assign = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Confier ce rôle' }) });
    await assign.getByText('Inès Fabre tient ce rôle : le confier à une autre personne met fin à son mandat le jour où le nouveau commence.').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '71-role-held');
    await assign.getByLabel('Personne', { exact: true }).selectOption({ label: 'Paul Mercier' });
    await assign.getByRole('button', { name: 'Confier le rôle' }).click();
    const holders = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Qui tient ce rôle' }) });
    await assign.getByText('Paul Mercier tient ce rôle').waitFor();
    await expect.poll(() => holders.locator('ul.member-list').first().getByRole('link').allTextContents()).toEqual(['Paul Mercier']);
    await holders.getByText('1 attribution passée').click();
    await holders.getByRole('link', { name: 'Inès Fabre' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '72-role-handed-over');

    await page.getByRole('button', { name: 'Modifier le rôle' }).click();
    await page.getByLabel('Nombre de personnes qui le tiennent en même temps').fill('2');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Tenu par 2 personnes au plus à la fois').waitFor();
    await expect.poll(() => assign.getByText('tient ce rôle').count()).toBe(0);
  });

  it('switches to English, and the server answers in English too', async () => {
    await page.getByRole('link', { name: 'Vue d’ensemble' }).first().click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Bodies' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('link', { name: 'Groupe de travail Sorties familles' }).click();
    // The overview shows the same line for every complete body: wait for the body's own page first.
    await page.getByRole('heading', { level: 1, name: 'Groupe de travail Sorties familles' }).waitFor();
    await page.getByText('Composition matches the rule.').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '14-body-english');

    await page.getByRole('link', { name: 'Overview' }).first().click();
    await page.getByRole('link', { name: 'New body' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText('This field is required.').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '15-new-body-error-english');
  });
});
