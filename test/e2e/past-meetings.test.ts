import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder, journalOf } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * A circle that met for two years before the partnership came to Entente: the administrator gives
 * its founding date, the compliance view then expects its meetings of the last twelve months, and
 * a member records one held before, from her phone. Another member's meeting is not hers to take over.
 * The facilitator of the meeting to come invites a volunteer from outside the circle to it.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');
const CIRCLE = 'Cercle Jardin partagé';

type Member = Awaited<ReturnType<typeof newMember>>;

let t: TestApp;
let f: PartnershipFixture;
let browser: Browser;
let origin: string;
let circle: string;
let lea: Member;
let colette: Member;
let leasMeeting: string;
let ines: Member;

const newPage = async () => (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' })).newPage();
const cadence = async () => (await f.admin.get(`${f.base}/compliance`)).body.findings.find((finding: { code: string }) => finding.code === 'meeting_cadence');

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  f = await newPartnership(t, 'Quartiers en cercles');
  const build = builder(f);
  const house = await build.organization('Maison du Port');
  circle = await build.body({ name: CIRCLE, kind: 'circle', meetingsPerYear: 2 });
  const seated = async (fullName: string) => {
    const member = await newMember(t, f, { fullName, memberships: [{ organizationId: house, kind: 'volunteer' }] });
    await build.seat(circle, { personId: member.personId, organizationId: null });
    return member;
  };
  lea = await seated('Léa Martin');
  colette = await seated('Colette Roux');
  // A volunteer of the house who sits in no body: the circle invites her to present her project.
  ines = await newMember(t, f, { fullName: 'Inès Fabre', memberships: [{ organizationId: house, kind: 'volunteer' }] });
  const called = await lea.client.post(`${f.base}/meetings`, { bodyId: circle, title: 'Cercle de janvier', startsAt: '2027-01-12T18:30:00+01:00' });
  expect(called.status, JSON.stringify(called.body)).toBe(201);
  leasMeeting = called.body.id;
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a circle older than Entente', () => {
  it('gets its founding date from the administrator, and is behind on the meetings of the last twelve months', async () => {
    expect(await cadence()).toBeUndefined();
    const page = await newPage();
    await signIn(page, origin, f.adminEmail, TEST_PASSWORD);
    await page.goto(`${origin}/p/${f.partnershipId}/instances/${circle}`);
    await page.getByRole('button', { name: 'Modifier l’instance' }).click();
    await page.getByLabel('Date de création').fill('2024-09-01');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('créée le 1er septembre 2024').waitFor();
    expect((await cadence())?.message).toBe(`${CIRCLE} doit se réunir au moins 2 fois par an : sur les douze derniers mois, l’instance s’est réunie 0 fois, au lieu de 2.`);
    await page.context().close();
  });

  it('lets a member record a meeting held before Entente, not take over another member’s meeting', async () => {
    const page = await newPage();
    await signIn(page, origin, colette.email, TEST_PASSWORD);
    await page.goto(`${origin}/p/${f.partnershipId}/reunions/${leasMeeting}`);
    await page.getByRole('heading', { level: 1, name: 'Cercle de janvier' }).waitFor();
    await page.getByText('Animation : Léa Martin').waitFor();
    expect(await page.getByText('Changer l’animation ou le secrétariat').count()).toBe(0);

    await page.goto(`${origin}/p/${f.partnershipId}/instances/${circle}`);
    await page.getByRole('button', { name: 'Enregistrer une réunion passée' }).click();
    const form = page.getByRole('group', { name: 'Enregistrer une réunion passée' });
    await form.getByLabel('Intitulé').fill('Cercle de printemps');
    await form.getByLabel('Date de la réunion').fill('2026-04-14');
    await form.getByLabel('Qui animait').selectOption({ label: 'Léa Martin' });
    await form.getByLabel('Secrétariat').selectOption({ label: 'Colette Roux' });
    await form.getByLabel('Léa Martin').check();
    await form.getByLabel('Colette Roux').check();
    await form.getByLabel('Compte rendu', { exact: true }).fill('## Semis\n\nLe cercle sème les **tomates** en avril.');
    await screenshot(page, '85-past-meeting-form');
    await expectNoAxeViolations(page);
    await form.getByRole('button', { name: 'Enregistrer la réunion' }).click();

    await page.getByRole('heading', { level: 1, name: 'Cercle de printemps' }).waitFor();
    await page.getByText('Réunion tenue avant ou hors d’Entente, enregistrée après coup').waitFor();
    await page.getByText('14 avril 2026').first().waitFor();
    await page.locator('strong', { hasText: 'tomates' }).waitFor();
    expect(await page.getByText('Quorum').count()).toBe(0);
    await screenshot(page, '86-past-meeting-recorded');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: CIRCLE }).click();
    await page.locator('li', { hasText: 'Cercle de printemps' }).getByText('tenue hors d’Entente').waitFor();
    const entry = (await journalOf(t, f.partnershipId)).at(-1);
    expect(entry).toMatchObject({ kind: 'meeting.recorded', payload: { heldOn: '2026-04-14', facilitatorId: lea.personId, secretaryId: colette.personId } });
    // One of the two meetings due over the last twelve months is now known.
    expect((await cadence())?.message).toBe(`${CIRCLE} doit se réunir au moins 2 fois par an : sur les douze derniers mois, l’instance s’est réunie 1 fois, au lieu de 2.`);
  });

  it('lets the facilitator invite someone from outside the circle, convened and noted apart from its members', async () => {
    const page = await newPage();
    await signIn(page, origin, lea.email, TEST_PASSWORD);
    await page.goto(`${origin}/p/${f.partnershipId}/reunions/${leasMeeting}`);
    await page.getByRole('heading', { level: 2, name: 'Personnes invitées' }).waitFor();
    await page.getByLabel('Personne invitée').selectOption({ label: 'Inès Fabre' });
    await page.getByLabel('Motif de l’invitation (facultatif)').fill('porteuse du projet Jardins partagés');
    await page.getByRole('button', { name: 'Inviter', exact: true }).click();
    const guests = page.getByRole('region', { name: 'Personnes invitées' });
    await guests.getByText('porteuse du projet Jardins partagés').waitFor();
    await guests.getByRole('combobox', { name: 'Inès Fabre' }).selectOption({ label: 'Présence' });
    await guests.getByRole('button', { name: /Retirer l’invitation/ }).waitFor();
    await expect.poll(async () => (await lea.client.get(`${f.base}/meetings/${leasMeeting}`)).body.guests[0]?.attendance).toBe('present');
    await screenshot(page, '87-meeting-guests');
    await expectNoAxeViolations(page);
    const convocations = (await f.admin.get(`${f.base}/outbox`)).body.messages.filter((m: { recipients: string[] }) => m.recipients.includes(ines.email));
    expect(convocations.map((m: { subject: string }) => m.subject)).toEqual([expect.stringMatching(/^Convocation — Cercle Jardin partagé : « Cercle de janvier »/)]);
    await page.context().close();
  });
});
