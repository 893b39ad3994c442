import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRules } from '../../src/charters/rules/types.js';
import { DECISION_LEVELS } from '../../src/charters/rules/enums.js';
import { calendarDay } from '../../src/common/dates.js';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * Seed 004 in a browser: Inès asks, from her phone, to join a practice circle of six to eight;
 * the circle's members consent in the round its request opened, its facilitator closes it from
 * hers, and Inès is a member of the circle.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');
const CIRCLE = 'Cercle des conseillers';

type Member = Awaited<ReturnType<typeof newMember>>;

let t: TestApp;
let f: PartnershipFixture;
let browser: Browser;
let origin: string;
let circleId: string;
let ines: Member;
const members: Member[] = [];

const phone = async () => (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' })).newPage();

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  f = await newPartnership(t, 'Communauté de solidarité');
  const build = builder(f);
  const house = await build.organization('Maison des solidarités');
  const general = await build.body({ name: 'Cercle général', kind: 'circle' });
  circleId = await build.body({ name: CIRCLE, kind: 'circle', parentBodyId: general, minSize: 6, maxSize: 8, meetingsPerYear: 6 });
  for (const fullName of ['Nadia Benali', 'Gérard Lefèvre', 'Samia Haddad', 'Paul Mercier', 'Claire Lambert']) {
    const member = await newMember(t, f, { fullName, memberships: [{ organizationId: house, kind: 'volunteer' }] });
    await build.seat(circleId, { personId: member.personId, organizationId: null, mandateSource: 'self' });
    members.push(member);
  }
  ines = await newMember(t, f, { fullName: 'Inès Fabre', memberships: [{ organizationId: house, kind: 'volunteer' }] });
  const rules = {
    ...emptyRules(),
    bodyIds: [general, circleId],
    decisionMatrix: DECISION_LEVELS.map((level) => ({ id: randomUUID(), level, topic: '', bodyId: general, method: 'consent', quorumPercent: null, maxRounds: 3, onBlock: { kind: 'lapse' }, informBodyIds: [] })),
  };
  const charter = await f.admin.post(`${f.base}/charters/import`, {
    format: 'entente-charter',
    formatVersion: 1,
    kind: 'partnership',
    content: { title: 'Charte de la communauté', articles: [{ key: randomUUID(), kind: 'purpose', title: 'Objet', body: '' }], rules },
  });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId: general, adoptedOn: calendarDay(t.clock.now()), contentHash: (await f.admin.get(versionUrl)).body.contentHash })).status).toBe(200);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a person joins a circle by its consent', () => {
  let proposalPath = '';

  it('lets Inès ask to join from the circle’s page, which says the size the circle would reach', async () => {
    const page = await phone();
    await signIn(page, origin, ines.email, TEST_PASSWORD);
    await page.goto(`${origin}/p/${f.partnershipId}/instances/${circleId}`);
    await page.getByRole('heading', { level: 2, name: 'Le cercle' }).waitFor();
    await page.getByText('Le cercle compte 5 membres, en deçà des 6 prévus.').waitFor();
    await page.getByRole('button', { name: 'Demander à rejoindre ce cercle' }).click();
    await page.getByText('Avec cette entrée, le cercle compterait 6 membres.').first().waitFor();
    await page.getByLabel('Ce qui vous donne envie de rejoindre ce cercle, en quelques mots').fill('J’accompagne des porteurs de projet et je cherche des pairs pour co-développer.');
    await expectNoAxeViolations(page);
    await screenshot(page, 'circles-1-ask-to-join');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page.getByText('Votre demande attend le consentement du cercle.').waitFor();
    await page.getByRole('link', { name: 'Voir le tour de consentement sur l’entrée de Inès Fabre' }).click();
    await page.getByRole('heading', { level: 1, name: `Une entrée dans le cercle « ${CIRCLE} »` }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Ce que décide cette proposition' }).waitFor();
    await page.getByText('En attente du consentement du cercle.').waitFor();
    proposalPath = new URL(page.url()).pathname;
    await expectNoAxeViolations(page);
    await screenshot(page, 'circles-2-request-proposal');
    await page.close();
  });

  it('is consented to by the circle’s members in its round, closed by its facilitator: Inès is a member', async () => {
    const proposalApi = `${f.base}/proposals/${proposalPath.split('/').pop()}`;
    const proposal = (await f.admin.get(proposalApi)).body;
    expect(proposal).toMatchObject({ phase: 'round', circleJoinId: expect.any(String) });
    const facilitator = members.find((m) => m.personId === proposal.facilitator.id)!;
    for (const member of members.filter((m) => m !== facilitator)) {
      expect((await member.client.post(`${proposalApi}/stances`, { stance: 'consent', reason: '', idempotencyKey: randomUUID() })).status).toBe(200);
    }
    const page = await phone();
    await signIn(page, origin, facilitator.email, TEST_PASSWORD);
    await page.goto(`${origin}${proposalPath}`);
    await page.getByLabel('Consentement').check();
    await page.getByRole('button', { name: 'Donner ma position' }).click();
    await page.getByRole('status').filter({ hasText: 'Position enregistrée.' }).waitFor();
    await page.getByText('5 membres sur 5 ont pris la parole.').waitFor();
    await page.getByRole('button', { name: 'Clore le tour' }).click();
    await page.getByRole('region', { name: 'Avant de clore le tour' }).getByRole('button', { name: 'Confirmer la clôture' }).click();
    await page.getByText('Le cercle a consenti : la personne y siège.').waitFor();
    await screenshot(page, 'circles-3-consented');
    await page.close();

    const joined = await phone();
    await signIn(joined, origin, ines.email, TEST_PASSWORD);
    await joined.goto(`${origin}/p/${f.partnershipId}/instances/${circleId}`);
    await joined.getByText('Le cercle compte 6 membres.').waitFor();
    await joined.locator('.member-list').getByText('Inès Fabre').first().waitFor();
    expect(await joined.getByRole('button', { name: 'Demander à rejoindre ce cercle' }).count()).toBe(0);
    await expectNoAxeViolations(joined);
    await screenshot(joined, 'circles-4-member');
  });
});
