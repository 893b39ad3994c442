import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/common/dates.js';
import { expectNoAxeViolations, launchChromium, screenshot } from '../support/browser.js';
import { pdfText } from '../support/pdf-text.js';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * Seed 004 in a browser: a circle of six meets. Léa facilitates it and takes the minutes from her
 * phone; the five others answer from theirs, here through the API. In one meeting the circle
 * opens with a check-in round, elects who facilitates it for a year without candidates, decides a
 * proposal by consent, closes with a check-out round, and publishes its minutes after review.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');
const CIRCLE = 'Cercle Jardin partagé';
const WORDING = 'Ouvrir le jardin partagé aux écoles le mercredi matin.';
const OTHERS = ['Colette Roux', 'Ahmed Benali', 'Sophie Marchand', 'Julien Petit', 'Fatou Diallo'] as const;

type Member = Awaited<ReturnType<typeof newMember>>;

let t: TestApp;
let f: PartnershipFixture;
let browser: Browser;
let page: Page;
let origin: string;
let lea: Member;
let meetingApi: string;
let proposalApi: string;
const others = new Map<string, Member>();

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  f = await newPartnership(t, 'Quartiers en cercles');
  const build = builder(f);
  const houses = [await build.organization('Maison du Port'), await build.organization('Centre social des Oliviers')];
  const plenary = await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
  const steering = await build.body({ name: 'Comité de pilotage', kind: 'steering', parentBodyId: plenary });
  await build.body({ name: 'Codir', kind: 'directors' });
  await build.body({ name: 'Groupe sorties', kind: 'working_group' });
  const circle = await build.body({ name: CIRCLE, kind: 'circle', parentBodyId: steering, minSize: 6, maxSize: 8, meetingsPerYear: 6 });
  const seated = async (fullName: string, index: number) => {
    const organizationId = houses[index % 2]!;
    const member = await newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'volunteer' }] });
    await build.seat(circle, { personId: member.personId, organizationId });
    return member;
  };
  lea = await seated('Léa Martin', 0);
  for (const [index, name] of OTHERS.entries()) others.set(name, await seated(name, index + 1));
  await build.role({ name: 'Animation du cercle', bodyId: circle, termMonths: 12 });

  // The charter in force gives the circle its garden's functional decisions, by consent.
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'partnership' });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  const content = (await f.admin.get(versionUrl)).body.content;
  content.rules.bodyIds.push(circle);
  content.rules.decisionMatrix.push({ id: randomUUID(), level: 'functional', topic: 'Jardin partagé', bodyId: circle, method: 'consent', quorumPercent: null, maxRounds: null, onBlock: { kind: 'lapse' }, informBodyIds: [steering] });
  expect((await f.admin.put(versionUrl, content)).body.issues).toEqual([]);
  const hash = (await f.admin.get(versionUrl)).body.contentHash;
  expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId: steering, adoptedOn: calendarDay(t.clock.now()), contentHash: hash })).status).toBe(200);
  const proposed = await lea.client.post(`${f.base}/proposals`, { level: 'functional', topic: 'Jardin partagé', wording: WORDING, participationLevel: 'participation' });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  proposalApi = `${f.base}/proposals/${proposed.body.id}`;

  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const member = (name: string) => others.get(name)!;

describe('a circle of six holds its meeting', () => {
  it('is called by Léa, who builds the agenda with the circle: the proposal to decide comes in as a decision item', async () => {
    await page.goto(`${origin}/connexion`);
    await page.getByLabel('Adresse e-mail').first().fill(lea.email);
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quartiers en cercles' }).waitFor();
    await page.getByRole('link', { name: CIRCLE }).first().click();
    await page.getByText('se réunit au moins 6 fois par an').first().waitFor();
    await page.getByRole('button', { name: 'Convoquer une réunion' }).click();
    await page.getByLabel('Intitulé', { exact: true }).fill('Cercle de janvier');
    await page.getByLabel('Date et heure').fill('2027-01-12T18:30');
    await page.getByLabel('Lieu').fill('Cabane du jardin');
    await page.getByLabel('Animation').selectOption({ label: 'Léa Martin' });
    await page.getByLabel('Secrétariat').selectOption({ label: 'Léa Martin' });
    await page.getByRole('button', { name: 'Convoquer', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Cercle de janvier' }).waitFor();
    meetingApi = `${f.base}/meetings/${page.url().split('/').pop()}`;

    await page.getByLabel('Nature du point').selectOption('discussion');
    await page.getByLabel('Intitulé du point').fill('Élire l’animation du cercle');
    await page.getByLabel('Temps prévu (minutes)').fill('20');
    await page.getByRole('button', { name: 'Ajouter à l’ordre du jour' }).click();
    await page.locator('ol.card-list').getByText('Élire l’animation du cercle').waitFor();
    await page.getByLabel('Nature du point').selectOption('decision');
    await page.getByLabel('Proposition à décider').selectOption({ label: WORDING });
    await page.getByLabel('Temps prévu (minutes)').fill('30');
    await page.getByRole('button', { name: 'Ajouter à l’ordre du jour' }).click();
    await page.locator('ol.card-list').getByRole('link', { name: WORDING }).waitFor();
    expect((await member('Colette Roux').client.post(`${meetingApi}/agenda`, { kind: 'information', title: 'Nouvelles des semis' })).status).toBe(201);
    await page.locator('ol.card-list').getByText('Nouvelles des semis').waitFor();
    const twice = await member('Ahmed Benali').client.post(`${meetingApi}/agenda`, { kind: 'decision', title: 'Encore', proposalId: proposalApi.split('/').pop() });
    expect(twice.body.fields.proposalId).toBe('Cette proposition est déjà à l’ordre du jour de cette réunion.');
  });

  it('notes the six present and opens with a check-in round', async () => {
    for (const name of ['Léa Martin', ...OTHERS]) await page.getByRole('combobox', { name, exact: true }).selectOption('present');
    await page.getByText('Quorum atteint : 6 membres sur 6.').waitFor();
    await page.getByRole('button', { name: 'Ouvrir la réunion : tour d’inclusion' }).click();
    await page.getByText('Tour d’inclusion : chacun dit comment il arrive.').waitFor();
    await page.getByLabel('Mon mot d’arrivée').fill('Contente de vous retrouver');
    await page.getByRole('button', { name: 'Partager' }).click();
    for (const name of OTHERS) expect((await member(name).client.put(`${meetingApi}/round-word`, { word: `Bonsoir de ${name.split(' ')[0]}` })).status).toBe(204);
    await page.getByText('Bonsoir de Fatou').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '46-circle-check-in');
  });

  it('elects who facilitates the circle for a year, without candidates', async () => {
    await page.getByRole('button', { name: 'Passer au premier point' }).click();
    await page.getByText('Point en cours : Élire l’animation du cercle').waitFor();
    const meetingPath = new URL(page.url()).pathname;
    await page.getByRole('link', { name: CIRCLE }).first().click();
    await page.getByRole('button', { name: 'Ouvrir une élection' }).click();
    await page.getByLabel('Rôle à pourvoir').selectOption({ label: 'Animation du cercle' });
    await page.getByLabel('Qualités recherchées').fill('Écoute, régularité, le lien avec les écoles.');
    await page.getByRole('button', { name: 'Ouvrir l’élection' }).click();
    await page.getByRole('heading', { level: 1, name: 'Élection : Animation du cercle' }).waitFor();
    const electionApi = `${f.base}/elections/${page.url().split('/').pop()}`;
    await page.getByLabel('Je propose').selectOption({ label: 'Colette Roux' });
    await page.getByLabel('Pourquoi cette personne ?').fill('Elle connaît les directions des écoles.');
    await page.getByRole('button', { name: 'Enregistrer ma proposition' }).click();
    await page.getByRole('status').filter({ hasText: 'Proposition enregistrée.' }).waitFor();
    for (const name of OTHERS) {
      const nominee = name === 'Colette Roux' ? member('Sophie Marchand') : member('Colette Roux');
      expect((await member(name).client.put(`${electionApi}/nomination`, { nomineeId: nominee.personId, reason: `Le choix de ${name.split(' ')[0]}` })).status).toBe(200);
    }
    await page.getByText('6 membres sur 6 ont proposé un nom.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Dévoiler les propositions' }).click();
    await page.getByText('Le choix de Fatou').waitFor();
    await page.getByRole('button', { name: 'Ouvrir le tour de changement' }).click();
    await page.getByRole('button', { name: 'Passer à la proposition' }).click();
    await page.getByLabel('Nom proposé').selectOption({ label: 'Colette Roux' });
    await page.getByRole('button', { name: 'Proposer ce nom' }).click();
    await page.getByLabel('Je consens').check();
    await page.getByRole('button', { name: 'Répondre' }).click();
    await page.getByRole('status').filter({ hasText: 'Réponse enregistrée.' }).waitFor();
    for (const name of OTHERS) expect((await member(name).client.post(`${electionApi}/stances`, { stance: 'consent' })).status).toBe(200);
    await page.getByRole('button', { name: 'Clore le tour de consentement' }).click();
    await page.getByText(/Élection de Colette Roux, du .* au .*\./).waitFor();
    await page.goto(`${origin}${meetingPath}`);
    await page.getByText('Point en cours : Élire l’animation du cercle').waitFor();
  });

  it('decides the proposal in the meeting: its round table runs on the meeting page, live', async () => {
    await page.getByRole('button', { name: 'Point suivant' }).click();
    await page.getByRole('heading', { name: `En séance : « ${WORDING} »` }).waitFor();
    for (const phase of ['questions de clarification', 'réactions', 'tour de table']) {
      await page.getByRole('button', { name: 'Passer à la phase suivante' }).click();
      await page.getByText(`Phase : ${phase} (tour 1)`).first().waitFor();
    }
    await page.getByLabel('Consentement').check();
    await page.getByRole('button', { name: 'Donner ma position' }).click();
    await page.getByRole('status').filter({ hasText: 'Position enregistrée.' }).waitFor();
    for (const name of OTHERS) {
      const answer = await member(name).client.post(`${proposalApi}/stances`, { stance: 'consent', reason: '', idempotencyKey: randomUUID() });
      expect(answer.status).toBe(200);
    }
    await page.getByText('6 membres sur 6 ont pris la parole.').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '47-circle-round-table');
    await page.getByLabel('Relevé de décision').fill('Le mercredi de 9 h à 11 h, avec un adulte du cercle.');
    await page.getByRole('button', { name: 'Clore le tour' }).click();
    await page.getByRole('region', { name: 'Avant de clore le tour' }).getByRole('button', { name: 'Confirmer la clôture' }).click();
    await page.getByText('Adoptée').first().waitFor();
  });

  it('closes with a check-out round, then publishes its minutes once those present have read them', async () => {
    await page.getByRole('button', { name: 'Point suivant' }).click();
    await page.getByText('Point en cours : Nouvelles des semis').waitFor();
    await page.getByRole('button', { name: 'Passer au tour de clôture' }).click();
    await page.getByLabel('Mon mot de départ').fill('Un beau projet pour les enfants');
    await page.getByRole('button', { name: 'Partager' }).click();
    await page.getByText('Un beau projet pour les enfants').waitFor();
    await page.getByRole('button', { name: 'Clore la réunion' }).click();
    await page.getByText('La réunion est close.').waitFor();
    expect(await page.getByText(/\d+ min sur 30 prévues/).count()).toBe(1);

    await page.getByLabel('Texte du compte rendu').fill('## Animation\n\nColette Roux anime le cercle pour un an.');
    await page.getByRole('button', { name: 'Insérer les décisions prises' }).click();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Compte rendu enregistré.' }).waitFor();
    await page.getByRole('button', { name: 'Soumettre à la relecture des présents' }).click();
    await page.getByText(/À relire jusqu’au /).waitFor();
    const version = (await lea.client.get(meetingApi)).body.minutesVersion;
    for (const name of OTHERS) expect((await member(name).client.put(`${meetingApi}/minutes/review`, { verdict: 'approve', basedOn: version })).status).toBe(204);
    await expect.poll(() => page.getByText('approuve', { exact: true }).count()).toBe(5);
    await page.getByRole('button', { name: 'Publier le compte rendu' }).click();
    await page.getByText(/Publié le /).waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, '48-circle-minutes');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger le compte rendu (PDF)' }).click()]);
    const text = (await pdfText(new Uint8Array(readFileSync((await download.path())!)))).join('\n').replace(/\s+/g, ' ');
    for (const expected of ['Compte rendu — Cercle de janvier', 'Fatou Diallo — présence', 'Colette Roux anime le cercle pour un an.', WORDING, 'Adoptée']) expect(text).toContain(expected);
  });
});
