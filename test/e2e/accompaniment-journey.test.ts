import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueQuestionnaires } from '../../src/questionnaires/clock.js';
import { accompanimentWithGroup } from '../support/accompaniment.js';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { pdfText } from '../support/pdf-text.js';
import { ServerLog, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

/**
 * Seed 002's accompaniment from start to finish (issue 21): before the day, the facilitator sends
 * the « avant la journée » questionnaire; Amina on her phone, Bruno at his desk and Éric, from
 * outside, through his mail's link, answer it while Odile watches the results arrive; Amina shares
 * an article; the day is held; the group gives its hot feedback; the clock sends the cold
 * evaluation weeks later; the facilitator downloads the final report and it reads as the journey.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');
const log = new ServerLog();

let t: TestApp;
let browser: Browser;
let origin: string;
let s: Awaited<ReturnType<typeof accompanimentWithGroup>>;
let dayId: string;
let space: string;

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT, logger: log.logger });
  t.clock.current = new Date();
  s = await accompanimentWithGroup(t, log, 'Conseils citoyens en coopération');
  expect((await s.f.admin.post(`${s.url}/members`, { personId: s.odile.personId, role: 'participant' })).status).toBe(201);
  const day = await s.f.admin.post(`${s.url}/days`, {
    title: 'Journée de coopération',
    startsAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 5 * 60 * 60_000).toISOString(),
    place: 'Maison des associations',
    programme: [
      { title: 'Ce que disent vos réponses', minutes: 45 },
      { title: 'Ateliers : lever trois obstacles', minutes: 120 },
    ],
  });
  expect(day.status, JSON.stringify(day.body)).toBe(201);
  dayId = day.body.id;
  space = `/p/${s.f.partnershipId}/accompagnements/${s.id}`;
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

// Reduced motion: the charts are drawn at once, so the screenshots show their bars, not a frame of their growth.
const context = (viewport: { width: number; height: number }) => browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris', reducedMotion: 'reduce' });
const phone = () => context({ width: 360, height: 780 }).then((c) => c.newPage());
const desk = () => context({ width: 1280, height: 900 }).then((c) => c.newPage());

/** The facilitator starts a questionnaire from a template, keeps it as it is, and sends it: the group is mailed. */
async function sendFromTemplate(page: Page, template: string, inBuilder?: (page: Page) => Promise<void>): Promise<string> {
  await page.goto(`${origin}${space}/questionnaires`);
  await page.getByRole('radio', { name: template }).check();
  await page.getByRole('button', { name: 'Créer à partir du modèle' }).click();
  await inBuilder?.(page);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('button', { name: 'Envoyer maintenant' }).click();
  await page.getByText('Ouvert', { exact: true }).first().waitFor();
  return new URL(page.url()).pathname.split('/').at(-1)!;
}

/** An instant as a `datetime-local` value on the clock of Paris. */
const parisMinute = (at: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(at).replace(' ', 'T');

/** The builder's pickers offer no passed instant, and no close before the opening typed; the opening is left empty again. */
async function datePickersBounded(page: Page) {
  const opening = page.getByLabel('Ouverture programmée (heure de Paris)');
  const close = page.getByLabel('Clôture (heure de Paris)');
  await opening.waitFor();
  const min = await opening.getAttribute('min');
  // The minute the page was drawn in: this one, or the one before when a minute turned meanwhile.
  const now = Date.now();
  expect([parisMinute(now - 60_000), parisMinute(now)]).toContain(min);
  expect(await close.getAttribute('min')).toBe(min);
  await opening.fill('2099-05-01T10:00');
  await expect.poll(() => close.getAttribute('min')).toBe('2099-05-01T10:00');
  await opening.fill('');
}

/** A member answers the « avant la journée » questionnaire: their house, whom they cooperate with, the ranking as it comes. */
async function answerBeforeTheDay(page: Page, house: string, partners: string) {
  await page.getByLabel('Quelle structure représentez-vous ? *').fill(house);
  await page.getByRole('group', { name: 'Avec qui coopérez-vous déjà ?' }).getByLabel(partners).check();
  await page.getByLabel('Quels obstacles rencontrez-vous pour coopérer ?').fill('Des salles qui manquent le soir.');
  await page.getByRole('button', { name: 'Garder cet ordre' }).click();
  await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await page.getByText('Merci, vos réponses sont envoyées.').waitFor();
}

describe('an accompaniment from start to finish', () => {
  it('runs its questionnaires, shares resources, holds its day, is evaluated by the clock and ends in its report', async () => {
    const facilitator = await desk();
    await signIn(facilitator, origin, s.f.adminEmail, TEST_PASSWORD);
    const beforeId = await sendFromTemplate(facilitator, 'Avant la journée', datePickersBounded);
    await screenshot(facilitator, 'journey-questionnaire-sent-desktop');

    // Odile watches the results page: it fills as the answers arrive, with no reload.
    const watcher = await phone();
    await signIn(watcher, origin, s.odile.email, TEST_PASSWORD);
    await watcher.goto(`${origin}${space}/questionnaires/${beforeId}/resultats`);
    await watcher.getByRole('heading', { level: 1, name: 'Résultats : Avant la journée' }).waitFor();

    const amina = await phone();
    await signIn(amina, origin, s.amina.email, TEST_PASSWORD);
    await amina.goto(`${origin}${space}/questionnaires/${beforeId}`);
    // A named questionnaire keeps the draft on the server as one types.
    await amina.getByLabel('Qu’attendez-vous de la journée ?').fill('Repartir avec un contact dans chaque conseil.');
    await amina.getByText('Brouillon enregistré.').waitFor();
    await answerBeforeTheDay(amina, 'Conseil citoyen Nord', 'Associations');
    await expectNoAxeViolations(amina);
    await screenshot(amina, 'journey-answered-phone');

    const bruno = await desk();
    await signIn(bruno, origin, s.bruno.email, TEST_PASSWORD);
    await bruno.goto(`${origin}${space}/questionnaires/${beforeId}`);
    await answerBeforeTheDay(bruno, 'Conseil citoyen Sud', 'Associations');

    // Éric, from outside, opens the button of the mail the sending left him: signed in, on this questionnaire.
    const eric = await phone();
    const link = log.linkMailedTo(s.eric.email, /(http:\/\/entente\.test\/\S+)/).replace('http://entente.test', origin);
    expect(link).toContain(`/questionnaires/${beforeId}`);
    await eric.goto(link);
    await answerBeforeTheDay(eric, 'Collectif des habitants', 'Habitants');
    expect(await eric.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(0);
    await screenshot(eric, 'journey-outsider-answered-phone');

    await watcher.getByText(/^3 réponses sur \d+ personnes interrogées$/).waitFor();
    const cooperation = watcher.getByRole('table', { name: 'Réponses à « Avec qui coopérez-vous déjà ? »' });
    await cooperation.getByRole('row', { name: /Associations 2/ }).waitFor();
    await cooperation.getByRole('row', { name: /Habitants 1/ }).waitFor();
    await expectNoAxeViolations(watcher);
    await screenshot(watcher, 'journey-live-results-phone');

    // Amina shares an article with the group.
    await amina.goto(`${origin}${space}/ressources`);
    const share = amina.getByRole('form', { name: 'Partager une ressource' });
    await share.getByRole('radio', { name: /^Article/ }).check();
    await share.getByLabel('Texte de l’article').fill('## Notre conseil\n\nNous nous réunissons chaque premier jeudi du mois.');
    await share.getByLabel('Titre').fill('Présentation du conseil Nord');
    await share.getByRole('button', { name: 'Partager' }).click();
    await amina.getByRole('link', { name: 'Présentation du conseil Nord' }).waitFor();

    // The day is held: the facilitator notes who came.
    await facilitator.goto(`${origin}${space}/journees/${dayId}`);
    for (const name of ['Amina Diallo', 'Bruno Lemaire', 'Éric Dehors']) await facilitator.getByLabel(name).check();
    await facilitator.getByRole('button', { name: 'Dire que la journée a eu lieu' }).click();
    await facilitator.getByRole('heading', { name: '3 personnes présentes' }).waitFor();
    await screenshot(facilitator, 'journey-day-held-desktop');

    // Hot feedback at the end of the day, anonymous.
    const hotId = await sendFromTemplate(facilitator, 'Retours à chaud');
    await bruno.goto(`${origin}${space}/questionnaires/${hotId}`);
    await bruno.getByRole('group', { name: /Dans l’ensemble, comment avez-vous trouvé la journée/ }).getByLabel('4').check();
    await bruno.getByRole('group', { name: /La journée a-t-elle répondu à vos attentes/ }).getByLabel('En partie').check();
    await bruno.getByLabel('Un mot pour résumer la journée').fill('Stimulante');
    await bruno.getByRole('button', { name: 'Envoyer mes réponses' }).click();
    await bruno.getByText('Merci, vos réponses sont envoyées.').waitFor();

    // The cold evaluation is scheduled six weeks after the day; the clock sends it then, with no one to remember it.
    await facilitator.goto(`${origin}${space}/questionnaires`);
    await facilitator.getByRole('radio', { name: /Évaluation à froid/ }).check();
    const dayChoice = facilitator.getByLabel('Journée', { exact: true });
    await dayChoice.selectOption((await dayChoice.locator('option', { hasText: 'Journée de coopération' }).getAttribute('value'))!);
    await facilitator.getByRole('button', { name: 'Créer à partir du modèle' }).click();
    await facilitator.getByRole('button', { name: 'Enregistrer' }).click();
    await facilitator.getByText('Programmé', { exact: true }).first().waitFor();
    expect(await sendDueQuestionnaires(t.store.db, t.clock.now(), t.app.afterCommit)).toBe(0);
    const mailsBefore = log.mailsTo(s.eric.email).length;
    t.clock.current = new Date(Date.now() + 43 * 86_400_000);
    expect(await sendDueQuestionnaires(t.store.db, t.clock.now(), t.app.afterCommit)).toBe(1);
    await t.app.mailer.idle();
    const cold = log.mailsTo(s.eric.email).slice(mailsBefore);
    expect(cold.map((mail) => mail.subject)).toEqual([expect.stringContaining('Évaluation à froid')]);
    t.clock.current = new Date();

    // The final report: downloaded from its page, it reads as the journey.
    await facilitator.goto(`${origin}${space}/rapport`);
    await facilitator.getByRole('heading', { level: 1, name: 'Rapport final : Conseils citoyens en coopération' }).waitFor();
    await expectNoAxeViolations(facilitator);
    await screenshot(facilitator, 'journey-report-desktop');
    const [download] = await Promise.all([facilitator.waitForEvent('download'), facilitator.getByRole('link', { name: 'Télécharger le rapport (PDF)' }).click()]);
    const path = await download.path();
    const text = (await pdfText(new Uint8Array(await readFile(path)))).join('\n');
    for (const expected of ['Conseils citoyens en coopération', 'Journée de coopération', 'Ateliers : lever trois obstacles', 'Amina Diallo', 'Éric Dehors', 'Avant la journée', 'Avec qui coopérez-vous déjà ?', 'Présentation du conseil Nord']) {
      expect(text).toContain(expected);
    }

    const phoneReport = await phone();
    await signIn(phoneReport, origin, s.amina.email, TEST_PASSWORD);
    await phoneReport.goto(`${origin}${space}/rapport`);
    await phoneReport.getByRole('heading', { level: 1, name: 'Rapport final : Conseils citoyens en coopération' }).waitFor();
    await screenshot(phoneReport, 'journey-report-phone');
    await phoneReport.goto(`${origin}${space}`);
    await phoneReport.getByRole('heading', { level: 1, name: 'Conseils citoyens en coopération' }).waitFor();
    await screenshot(phoneReport, 'journey-space-phone');
  });
});
