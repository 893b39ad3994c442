import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRoundsPastDeadline } from '../../src/decisions/acts.js';
import { createDemoPartnership, DEMO_SIGN_IN } from '../../src/demo/demo-partnership.js';
import { expectNoAxeViolations, launchChromium, screenshot } from '../support/browser.js';
import { Client, ServerLog, createTestAccount, startTestApp, type TestApp } from '../support/test-app.js';

const WEB_ROOT = join(process.cwd(), 'dist', 'web');
/** Karim sits in the demo's family outings group, which decides functional matters by consent; he has never opened Entente. */
const NEWCOMER = 'karim@trois-rives.example';
const ROUND_HOURS = 2;

let t: TestApp;
const log = new ServerLog();
let browser: Browser;
let phone: Page;
let origin: string;
let partnershipId: string;
let proposalUrl: string;
let deadline: Date;
const members = new Map<string, Client>();

const mailsTo = (email: string) => log.entries.filter((entry) => entry['to'] === email).map((entry) => ({ subject: String(entry['subject']), body: String(entry['body']) }));

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT, logger: log.logger });
  t.clock.current = new Date();
  ({ partnershipId } = await createDemoPartnership(t.store.db, t.clock.now(), { afterCommit: t.app.afterCommit }));
  for (const key of ['yanis', 'mireille', 'amandine']) {
    const email = `${key}@trois-rives.example`;
    const accountId = await createTestAccount(t.store.db, email);
    await t.store.db.updateTable('person').set({ account_id: accountId }).where('partnership_id', '=', partnershipId).where('email', '=', email).execute();
    const client = new Client(t.app);
    expect((await client.signIn(email)).status).toBe(200);
    members.set(key, client);
  }
  const coordinator = new Client(t.app);
  expect((await coordinator.signIn(DEMO_SIGN_IN.email, DEMO_SIGN_IN.password)).status).toBe(200);
  members.set('coordinator', coordinator);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  phone = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'fr-FR' })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the charter calls a member who has never opened Entente, and he answers from his phone', () => {
  it('a consent round opens in the family outings group: every member gets its mail', async () => {
    const coordinator = members.get('coordinator')!;
    const created = await coordinator.post(`/api/v1/partnerships/${partnershipId}/proposals`, {
      level: 'functional',
      wording: 'Louer un minibus pour les sorties du samedi.',
      context: 'Les familles du quartier nord n’ont pas de voiture.',
      participationLevel: 'participation',
    });
    expect(created.status).toBe(201);
    proposalUrl = `/api/v1/partnerships/${partnershipId}/proposals/${created.body.id}`;
    expect((await coordinator.post(`${proposalUrl}/phase`, {})).status).toBe(200);
    expect((await members.get('mireille')!.post(`${proposalUrl}/messages`, { kind: 'question', body: 'Qui conduira le minibus ?' })).status).toBe(201);
    expect((await coordinator.post(`${proposalUrl}/phase`, {})).status).toBe(200);
    deadline = new Date(t.clock.now().getTime() + ROUND_HOURS * 3_600_000);
    expect((await coordinator.post(`${proposalUrl}/phase`, { deadline: deadline.toISOString() })).status).toBe(200);
    const call = mailsTo(NEWCOMER).find((mail) => mail.subject.startsWith('À vous de répondre'));
    expect(call?.subject).toBe('À vous de répondre — Groupe de travail Sorties familles : « Louer un minibus pour les sorties du samedi. »');
    expect(call?.body).toContain('Par consentement');
    expect(call?.body).toContain('À faire avant le :');
  });

  it('he taps the button in the mail and lands signed in on the form, on a phone, even when the page learns it had no session after the link signed him in', async () => {
    const body = mailsTo(NEWCOMER).find((mail) => mail.subject.startsWith('À vous de répondre'))!.body;
    const button = /http:\/\/entente\.test(\/p\/\S+#lien=\S+)/.exec(body)![1]!;
    // On a slow phone, the page's first question (who is signed in?), asked without a cookie, can
    // be answered after the link was spent: that stale « nobody » must not send him to sign in.
    let linkSpent!: () => void;
    const spent = new Promise<void>((resolve) => (linkSpent = resolve));
    phone.on('response', (response) => {
      if (response.url().endsWith('/api/v1/auth/action-link')) linkSpent();
    });
    await phone.route(
      '**/api/v1/auth/session',
      async (route) => {
        // The server's answer to a page without a cookie yet, asked from here so that no cookie
        // can join it however slow the machine, and given back once the link is spent.
        const anonymous = await fetch(`${origin}/api/v1/auth/session`);
        const body = await anonymous.text();
        await spent;
        await new Promise((resolve) => setTimeout(resolve, 200));
        await route.fulfill({ status: anonymous.status, contentType: 'application/json', body });
      },
      { times: 1 },
    );
    await phone.goto(`${origin}${button}`);
    await phone.getByRole('heading', { level: 1 }).waitFor();
    await phone.getByRole('button', { name: 'Donner ma position' }).waitFor();
    expect(new URL(phone.url()).hash).toBe('#prendre-position');
    await expect.poll(() => phone.evaluate(() => document.activeElement?.id)).toBe('prendre-position');
    await phone.getByText('Qui conduira le minibus ?').waitFor();
    await expectNoAxeViolations(phone);
    await screenshot(phone, '60-mail-button-lands-on-the-form');
  });

  it('he answers the clarifying question, then consents', async () => {
    await phone.getByRole('button', { name: 'Répondre à cette question' }).click();
    await phone.getByLabel('Votre réponse').fill('Yanis a le permis D et s’est proposé.');
    await phone.locator('form', { has: phone.getByLabel('Votre réponse') }).getByRole('button', { name: 'Envoyer', exact: true }).click();
    await phone.getByText('Yanis a le permis D et s’est proposé.').waitFor();
    await phone.getByLabel('Consentement').check();
    await phone.getByRole('button', { name: 'Donner ma position' }).click();
    await phone.getByText('Position enregistrée.').waitFor();
    await screenshot(phone, '61-answered-and-consented');
  });

  it('the round closes at its deadline, silence counted as the charter says; the outcome mail arrives; his to-do list empties', async () => {
    expect((await members.get('yanis')!.post(`${proposalUrl}/stances`, { stance: 'consent', idempotencyKey: crypto.randomUUID() })).status).toBe(200);
    t.clock.current = new Date(deadline.getTime() + 60_000);
    expect(await closeRoundsPastDeadline(t.store.db, t.clock.now(), t.app.afterCommit)).toBe(1);
    await t.app.mailer.idle();
    // The demo's charter counts a member silent at the deadline as absent, as the seeds suggest, and
    // consent needs every voice: the proposal goes back to be amended, and everyone is told why.
    const outcome = mailsTo(NEWCOMER).find((mail) => mail.subject.startsWith('Tour clos'));
    expect(outcome?.subject).toBe('Tour clos — Groupe de travail Sorties familles : « Louer un minibus pour les sorties du samedi. »');
    expect(outcome?.body).toContain('2 membres ne se sont pas exprimés (Amandine Giraud, Mireille Blanc) : la charte les compte absents. Quorum non atteint');
    await phone.goto(`${origin}/p/${partnershipId}`);
    await phone.getByRole('heading', { level: 2, name: 'À faire pour vous' }).waitFor();
    await phone.getByText('Rien ne vous attend pour le moment.', { exact: false }).waitFor();
    await expectNoAxeViolations(phone);
    await screenshot(phone, '62-nothing-left-to-do');
  });
});
