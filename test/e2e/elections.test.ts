import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPartnership } from '../../src/demo/demo-partnership.js';
import { ARTIFACTS, expectNoAxeViolations, launchChromium, screenshot } from '../support/browser.js';
import { pdfText } from '../support/pdf-text.js';
import { Client, createTestAccount, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const WEB_ROOT = join(process.cwd(), 'dist', 'web');
/** The family outings working group of the demo re-elects its project lead; Mireille facilitates from her phone. */
const OTHERS = ['yanis', 'amandine', 'karim'] as const;

let t: TestApp;
let browser: Browser;
let page: Page;
let origin: string;
let partnershipId: string;
let electionApi: string;
const people = new Map<string, { personId: string; client: Client }>();

async function personId(key: string): Promise<string> {
  const row = await t.store.db.selectFrom('person').select('id').where('partnership_id', '=', partnershipId).where('email', '=', `${key}@trois-rives.example`).executeTakeFirstOrThrow();
  return row.id;
}

/** The members who are not in a browser answer through the API, as their own phones would. */
async function othersAnswer(stances: Partial<Record<(typeof OTHERS)[number], { stance: string; reason?: string }>>) {
  for (const key of OTHERS) {
    const answer = await people.get(key)!.client.post(`${electionApi}/stances`, stances[key] ?? { stance: 'consent' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
}

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  ({ partnershipId } = await createDemoPartnership(t.store.db, t.clock.now(), { afterCommit: t.app.afterCommit }));
  for (const key of [...OTHERS, 'mireille']) {
    const email = `${key}@trois-rives.example`;
    const accountId = await createTestAccount(t.store.db, email);
    await t.store.db.updateTable('person').set({ account_id: accountId }).where('partnership_id', '=', partnershipId).where('email', '=', email).execute();
    const client = new Client(t.app);
    expect((await client.signIn(email)).status).toBe(200);
    people.set(key, { personId: await personId(key), client });
  }
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a working group elects its project lead without candidates', () => {
  it('opens the election from the group’s page and nominates, the names staying hidden', async () => {
    await page.goto(`${origin}/connexion`);
    await page.getByLabel('Adresse e-mail').first().fill('mireille@trois-rives.example');
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Les Trois Rives' }).waitFor();
    await page.getByRole('link', { name: 'Groupe de travail Sorties familles' }).first().click();
    await page.getByRole('heading', { name: 'Élections sans candidat' }).waitFor();
    await page.getByRole('button', { name: 'Ouvrir une élection' }).click();
    await page.getByLabel('Rôle à pourvoir').selectOption({ label: 'Chef·fe de projet Sorties familles' });
    await page.getByLabel('Qualités recherchées').fill('Du temps le mercredi, le goût de l’organisation, le lien avec les trois maisons.');
    await page.getByRole('button', { name: 'Ouvrir l’élection' }).click();
    await page.getByRole('heading', { level: 1, name: 'Élection : Chef·fe de projet Sorties familles' }).waitFor();
    electionApi = `/api/v1/partnerships/${partnershipId}/elections/${page.url().split('/').pop()}`;

    await page.getByLabel('Je propose').selectOption({ label: 'Karim Toure' });
    await page.getByLabel('Pourquoi cette personne ?').fill('Il connaît les familles des trois maisons.');
    await page.getByRole('button', { name: 'Enregistrer ma proposition' }).click();
    await page.getByRole('status').filter({ hasText: 'Proposition enregistrée.' }).waitFor();
    const reasons = { yanis: 'Elle a monté la sortie de l’an dernier.', amandine: 'Elle sait tenir un budget.', karim: 'Je connais les familles, j’ai du temps cette année.' };
    for (const [key, nominee, reason] of [['yanis', 'amandine', reasons.yanis], ['amandine', 'amandine', reasons.amandine], ['karim', 'karim', reasons.karim]] as const) {
      const answer = await people.get(key)!.client.put(`${electionApi}/nomination`, { nomineeId: people.get(nominee)!.personId, reason });
      expect(answer.status).toBe(200);
    }
    await page.getByText('4 membres sur 4 ont proposé un nom.', { exact: false }).waitFor();
    for (const reason of Object.values(reasons)) expect(await page.getByText(reason).count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, '40-election-nominations');
  });

  it('reveals the names and their reasons, then proposes the name the reasons point to', async () => {
    await page.getByRole('button', { name: 'Dévoiler les propositions' }).click();
    await page.getByText('Elle sait tenir un budget.').waitFor();
    await page.getByText('Amandine Giraud : 2 propositions · Karim Toure : 2 propositions', { exact: false }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '41-election-reveal');
    await page.getByRole('button', { name: 'Ouvrir le tour de changement' }).click();
    await page.getByRole('button', { name: 'Passer à la proposition' }).click();
    await page.getByLabel('Nom proposé').selectOption({ label: 'Karim Toure' });
    await page.getByRole('button', { name: 'Proposer ce nom' }).click();
    await page.getByRole('heading', { name: 'Consentez-vous à élire Karim Toure ?' }).waitFor();
  });

  it('hears an objection, proposes again, and elects with every member’s consent', async () => {
    await page.getByLabel('Je consens').check();
    await page.getByRole('button', { name: 'Répondre' }).click();
    await page.getByRole('status').filter({ hasText: 'Réponse enregistrée.' }).waitFor();
    await othersAnswer({ amandine: { stance: 'object', reason: 'Karim part en stage en mai : prévoir un binôme.' } });
    await page.getByText('« Karim part en stage en mai : prévoir un binôme. »').first().waitFor();
    await page.getByRole('button', { name: 'Clore le tour de consentement' }).click();
    await page.getByRole('button', { name: 'Proposer ce nom' }).waitFor();
    await page.getByLabel('Nom proposé').selectOption({ label: 'Karim Toure' });
    await page.getByRole('button', { name: 'Proposer ce nom' }).click();
    await page.getByLabel('Je consens').check();
    await page.getByRole('button', { name: 'Répondre' }).click();
    await page.getByRole('status').filter({ hasText: 'Réponse enregistrée.' }).waitFor();
    await othersAnswer({ amandine: { stance: 'consent', reason: 'Avec Yanis en binôme pendant son stage.' } });
    await page.getByRole('button', { name: 'Clore le tour de consentement' }).click();
    await page.getByText(/Élection de Karim Toure, du .* au .*\./).waitFor();
    await page.getByRole('heading', { name: 'Objections entendues' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '42-election-elected');
    const role = await t.store.db
      .selectFrom('role_assignment as a')
      .innerJoin('role as r', 'r.id', 'a.role_id')
      .select(['a.person_id', 'a.ends_on'])
      .where('r.name', '=', 'Chef·fe de projet Sorties familles')
      .where('r.partnership_id', '=', partnershipId)
      .where('a.person_id', '=', people.get('karim')!.personId)
      .executeTakeFirst();
    expect(role?.ends_on).not.toBeNull();
  });
});

describe('the working group then meets, and publishes its minutes', () => {
  it('calls a meeting, facilitation proposed by rotation, and builds the agenda together', async () => {
    await page.getByRole('link', { name: 'Groupe de travail Sorties familles' }).first().click();
    await page.getByRole('button', { name: 'Convoquer une réunion' }).click();
    await page.getByText('À tour de rôle, c’est à Amandine Giraud d’animer.').waitFor();
    await page.getByLabel('Intitulé', { exact: true }).fill('Préparer la sortie à la mer');
    await page.getByLabel('Date et heure').fill('2027-06-02T18:30');
    await page.getByLabel('Lieu').fill('Centre social du Moulin, salle 2');
    await page.getByLabel('Animation').selectOption({ label: 'Mireille Blanc' });
    await page.getByLabel('Secrétariat').selectOption({ label: 'Mireille Blanc' });
    await page.getByRole('button', { name: 'Convoquer', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Préparer la sortie à la mer' }).waitFor();
    const meetingApi = `/api/v1/partnerships/${partnershipId}/meetings/${page.url().split('/').pop()}`;
    await page.getByLabel('Intitulé du point').fill('Tour de nouvelles des maisons');
    await page.getByRole('button', { name: 'Ajouter à l’ordre du jour' }).click();
    await page.getByText('Tour de nouvelles des maisons').waitFor();
    expect((await people.get('yanis')!.client.post(`${meetingApi}/agenda`, { kind: 'discussion', title: 'Budget du car', minutesAllotted: 20 })).status).toBe(201);
    await page.reload();
    await page.getByRole('button', { name: 'Monter « Budget du car »' }).click();
    await expect.poll(async () => (await page.locator('ol.card-list > li strong').allTextContents()).join(' | ')).toBe('Budget du car | Tour de nouvelles des maisons');
  });

  it('notes who is there, shows the quorum, writes and publishes the minutes, and prints them', async () => {
    const status = (name: string) => page.getByRole('combobox', { name, exact: true });
    for (const name of ['Mireille Blanc', 'Karim Toure', 'Yanis Morel']) {
      await status(name).selectOption('present');
    }
    await status('Amandine Giraud').selectOption('excused');
    await page.getByText('Quorum non atteint : il manque un membre de', { exact: false }).waitFor();
    await status('Amandine Giraud').selectOption('represented');
    await page.getByLabel('Amandine Giraud se fait représenter par').selectOption({ label: 'Karim Toure' });
    await page.getByText('Quorum atteint : 4 membres sur 4.').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '43-meeting');
    // Minutes hold some twenty printed pages: the form counts, says by how much a text goes over, and does not save it.
    const minutesField = page.locator('.field', { has: page.getByLabel('Texte du compte rendu') });
    await minutesField.getByText('Au plus 50 000 caractères, une vingtaine de pages imprimées : 0 pour l’instant.').waitFor();
    await page.getByLabel('Texte du compte rendu').fill('Tour de table. '.repeat(3_334).slice(0, 50_001));
    await minutesField.getByText('Le texte dépasse la limite de 1 caractère : raccourcissez-le pour l’enregistrer.').waitFor();
    expect(await page.getByRole('button', { name: 'Enregistrer' }).isDisabled()).toBe(true);
    await expectNoAxeViolations(page);
    await minutesField.screenshot({ path: join(ARTIFACTS, '52-minutes-length-limit.png') });
    await page.getByLabel('Texte du compte rendu').fill('## Budget du car\n\nUn car de **50 places**, réservé auprès du Moulin.\n\n- Départ 8 h\n- Retour 19 h');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Compte rendu enregistré.' }).waitFor();
    await page.getByRole('button', { name: 'Soumettre à la relecture des présents' }).click();
    await page.getByText(/À relire jusqu’au /).waitFor();
    // Those present read it on their phones: Karim asks for a detail, then approves the corrected text with Yanis.
    const meetingApi = `/api/v1/partnerships/${partnershipId}/meetings/${page.url().split('/').pop()}`;
    const review = (key: string, verdict: string, basedOn: number, remark = '') => people.get(key)!.client.put(`${meetingApi}/minutes/review`, { verdict, remark, basedOn });
    expect((await review('karim', 'amend', 1, 'Préciser le lieu de départ : parking du Moulin.')).status).toBe(204);
    await page.getByText('« Préciser le lieu de départ : parking du Moulin. »').waitFor();
    await page.getByLabel('Texte du compte rendu').fill('## Budget du car\n\nUn car de **50 places**, réservé auprès du Moulin.\n\n- Départ 8 h, parking du Moulin\n- Retour 19 h');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Sur une version antérieure du texte').waitFor();
    for (const key of ['karim', 'yanis']) expect((await review(key, 'approve', 2)).status).toBe(204);
    await page.getByRole('button', { name: 'Publier le compte rendu' }).click();
    await page.getByText(/Publié le /).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '44-minutes-published');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger le compte rendu (PDF)' }).click()]);
    const text = (await pdfText(new Uint8Array(readFileSync((await download.path())!)))).join('\n').replace(/\s+/g, ' ');
    for (const expected of ['Compte rendu — Préparer la sortie à la mer', 'Amandine Giraud — représentation par Karim Toure', 'Budget du car', '50 places', 'parking du Moulin', 'Retour 19 h']) expect(text).toContain(expected);
  });
});

describe('the working group finds the date of its next meeting', () => {
  it('offers dates, hears who can come, and calls the meeting on the best one', async () => {
    await page.getByRole('link', { name: 'Groupe de travail Sorties familles' }).first().click();
    await page.getByRole('button', { name: 'Trouver une date' }).click();
    await page.getByLabel('Intitulé de la réunion').fill('Bilan de la sortie');
    await page.getByLabel('Date proposée 1').fill('2027-07-05T18:30');
    await page.getByLabel('Date proposée 2').fill('2027-07-07T18:30');
    await page.getByRole('button', { name: 'Lancer le sondage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trouver une date : Bilan de la sortie' }).waitFor();
    const pollApi = `/api/v1/partnerships/${partnershipId}/date-polls/${page.url().split('/').pop()}`;
    const slots = ((await people.get('yanis')!.client.get(pollApi)).body.slots as { id: string }[]).map((slot) => slot.id);
    for (const [key, answers] of [['yanis', ['no', 'yes']], ['amandine', ['yes', 'yes']], ['karim', ['if_need_be', 'yes']]] as const) {
      expect((await people.get(key)!.client.put(`${pollApi}/answers`, { answers: answers.map((answer, i) => ({ slotId: slots[i], answer })) })).status).toBe(204);
    }
    await page.getByRole('group', { name: /5 juillet 2027/ }).getByLabel('Oui').check();
    await page.getByRole('group', { name: /7 juillet 2027/ }).getByLabel('Si besoin').check();
    await page.getByRole('button', { name: 'Enregistrer mes réponses' }).click();
    await page.getByRole('status').filter({ hasText: 'Réponses enregistrées.' }).waitFor();
    await page.getByText('Oui : 3 · Si besoin : 1 · Non : 0').waitFor();
    await page.getByRole('button', { name: 'Voir qui a répondu quoi' }).click();
    await expectNoAxeViolations(page);
    await screenshot(page, '45-date-poll');
    expect(await page.getByLabel('Date retenue').inputValue()).toBe(slots[1]);
    await page.getByRole('button', { name: 'Convoquer à cette date' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bilan de la sortie', exact: true }).waitFor();
    await page.getByText('mercredi 7 juillet 2027 à 18:30 · 120 min', { exact: false }).waitFor();
  });
});
