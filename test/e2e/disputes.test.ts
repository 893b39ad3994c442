import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, ServerLog, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * Seed 000's dispute chain, first half: Lila opens a dispute with Marc from her phone under their
 * cooperation charter, calls the crisis meeting, notes it and ends it on a request for mediation;
 * the parties name Claire, from outside, who opens the mail's link, lands on the dispute alone and
 * records that the mediation failed: the exit plan follows.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');
const serverLog = new ServerLog();

let t: TestApp;
let f: PartnershipFixture;
let browser: Browser;
let origin: string;
let lila: Awaited<ReturnType<typeof newMember>>;
let marc: Awaited<ReturnType<typeof newMember>>;

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT, logger: serverLog.logger });
  t.clock.current = new Date();
  f = await newPartnership(t, 'SolucracY');
  const build = builder(f);
  const house = await build.organization('SolucracY');
  const team = await build.body({ name: 'Équipe projet', kind: 'working_group' });
  lila = await newMember(t, f, { fullName: 'Lila Moreau', memberships: [{ organizationId: house, kind: 'volunteer' }] });
  marc = await newMember(t, f, { fullName: 'Marc Diallo', memberships: [{ organizationId: house, kind: 'volunteer' }] });
  for (const person of [lila, marc]) await build.seat(team, { personId: person.personId, organizationId: house, startsOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date()) });
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'cooperation' });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  const adoptedOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId: team, adoptedOn, contentHash: (await f.admin.get(versionUrl)).body.contentHash })).status).toBe(200);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const context = (viewport: { width: number; height: number }) => browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });

describe('a dispute', () => {
  it('is opened, goes through its crisis meeting to a mediation, which the outside mediator ends from the mail’s link', async () => {
    const phone = await (await context({ width: 360, height: 780 })).newPage();
    await signIn(phone, origin, lila.email, TEST_PASSWORD);
    await phone.goto(`${origin}/p/${f.partnershipId}/differends`);
    await phone.getByRole('heading', { name: 'Différends', level: 1 }).waitFor();
    await phone.getByText('Aucun différend ne vous concerne.').waitFor();
    await phone.getByLabel('De quoi s’agit-il ?').fill('La carte des acteurs locaux promise pour la fin de l’étape 2 n’est pas livrée.');
    await phone.getByLabel('Avec qui ?').selectOption({ label: 'Marc Diallo' });
    await phone.getByRole('button', { name: 'Ouvrir le différend' }).click();
    await phone.getByRole('heading', { name: /Différend sous « Charte de coopération/ }).waitFor();
    await phone.getByText(/Prochaine étape : convoquer la réunion de crise, par les parties avant le/).waitFor();
    await expectNoAxeViolations(phone);
    await screenshot(phone, 'dispute-opened-phone');

    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + 86_400_000));
    await phone.getByLabel('Jour et heure').fill(`${tomorrow}T18:00`);
    await phone.getByLabel('Lieu').fill('Local de SolucracY');
    await phone.getByRole('button', { name: 'Convoquer' }).click();
    await phone.getByRole('heading', { name: 'Issue de la réunion de crise' }).waitFor();
    // Its outcome is recorded once it has begun: the app's clock moves past its start (the browser's session lasts longer).
    t.clock.current = new Date(Date.now() + 2 * 86_400_000);
    await phone.getByLabel('Les faits').fill('La carte est à moitié faite ; Marc a manqué de temps.');
    await phone.getByRole('button', { name: 'Enregistrer les notes' }).first().click();
    await phone.getByText('Notes enregistrées.').waitFor();
    await phone.getByLabel(/Par une demande de médiation/).check();
    await phone.getByRole('button', { name: 'Enregistrer l’issue' }).click();
    await phone.getByRole('heading', { name: 'Nommer la personne qui mène la médiation' }).waitFor();
    await phone.getByLabel('Nom', { exact: true }).fill('Claire Fontaine');
    const claireEmail = `claire.${Date.now()}@mediation.example.org`;
    await phone.getByLabel('Adresse e-mail').fill(claireEmail);
    await phone.getByRole('button', { name: 'Nommer' }).click();
    await phone.getByText(/Claire Fontaine \(extérieure au partenariat\)/).waitFor();
    await screenshot(phone, 'dispute-mediation-phone');

    const link = serverLog.linkMailedTo(claireEmail, /(http:\/\/entente\.test\/\S+)/).replace('http://entente.test', origin);
    const outside = await (await context({ width: 1280, height: 900 })).newPage();
    await outside.goto(link);
    await outside.getByRole('heading', { name: /Différend sous « Charte de coopération/ }).waitFor();
    await outside.getByText('La carte des acteurs locaux promise pour la fin de l’étape 2 n’est pas livrée.').waitFor();
    // No way to the rest of the partnership.
    expect(await outside.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(0);
    await outside.getByLabel('L’écoute').fill('Chacun a parlé ; pas de terrain commun.');
    await outside.getByRole('button', { name: 'Enregistrer les notes' }).first().click();
    await outside.getByText('Notes enregistrées.').waitFor();
    await outside.getByLabel('Pas d’accord : le plan de sortie commence').check();
    await outside.getByRole('button', { name: 'Enregistrer l’issue' }).click();
    await outside.getByText(/Prochaine étape : donner à chaque objectif du plan de sortie/).waitFor();
    await expectNoAxeViolations(outside);
    await screenshot(outside, 'dispute-outside-mediator');
  });
});
