import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * Seed 004's open handling of tensions: Gérard, from his phone, raises a tension in the garden
 * circle; it is on the agenda of the circle's next meeting, which Samia facilitates: she turns it
 * into a task for Léa, who finds it in « À faire pour vous » and marks it done.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');

let t: TestApp;
let f: PartnershipFixture;
let browser: Browser;
let origin: string;
let circleId: string;
let meetingId: string;
let gerard: Awaited<ReturnType<typeof newMember>>;
let samia: Awaited<ReturnType<typeof newMember>>;
let lea: Awaited<ReturnType<typeof newMember>>;

/** The day in Paris `days` from now, as a date field takes it. */
const parisDay = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + days * 86_400_000));

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  f = await newPartnership(t, 'Le Hameau des Possibles');
  const build = builder(f);
  const association = await build.organization('Association du Hameau');
  gerard = await newMember(t, f, { fullName: 'Gérard Lefèvre', memberships: [{ organizationId: association, kind: 'volunteer' }] });
  samia = await newMember(t, f, { fullName: 'Samia Haddad', memberships: [{ organizationId: association, kind: 'volunteer' }] });
  lea = await newMember(t, f, { fullName: 'Léa Martin', memberships: [{ organizationId: association, kind: 'volunteer' }] });
  circleId = await build.body({ name: 'Cercle Jardin', kind: 'circle' });
  for (const member of [gerard, samia, lea]) await build.seat(circleId, { personId: member.personId, organizationId: association, startsOn: parisDay(0) });
  const called = await samia.client.post(`${f.base}/meetings`, { bodyId: circleId, title: 'Cercle de la semaine prochaine', startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  expect(called.status).toBe(201);
  meetingId = called.body.id;
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const context = (viewport: { width: number; height: number }) => browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });

describe('a tension', () => {
  it('is raised from a phone, turned into a task at the meeting, and found by its owner in « À faire pour vous »', async () => {
    const phone = await (await context({ width: 360, height: 780 })).newPage();
    await signIn(phone, origin, gerard.email, TEST_PASSWORD);
    await phone.goto(`${origin}/p/${f.partnershipId}/instances/${circleId}`);
    const section = phone.getByRole('region', { name: 'Tensions' });
    await section.getByText('Aucune tension ouverte.').waitFor();
    // Empty, the form says what is missing, in French.
    await section.getByRole('button', { name: 'Soulever la tension' }).click();
    await section.getByText('Ce champ est obligatoire.').first().waitFor();
    await section.getByLabel('Ce qui vous semble manquer ou faire obstacle').fill('Personne ne sait qui arrose le potager pendant les vacances.');
    await section.getByRole('button', { name: 'Soulever la tension' }).click();
    await section.getByText('Tension soulevée.').waitFor();
    await section.getByText('Personne ne sait qui arrose le potager pendant les vacances.').waitFor();
    await section.getByRole('link', { name: /À l’ordre du jour de « Cercle de la semaine prochaine »/ }).waitFor();
    await section.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(phone);
    await screenshot(phone, 'tension-raised-phone');

    const desk = await (await context({ width: 1280, height: 900 })).newPage();
    await signIn(desk, origin, samia.email, TEST_PASSWORD);
    await desk.goto(`${origin}/p/${f.partnershipId}/reunions/${meetingId}`);
    // The meeting settles its tensions once it is open.
    await desk.getByRole('button', { name: 'Ouvrir la réunion : tour d’inclusion' }).click();
    const item = desk.getByRole('listitem').filter({ hasText: 'Tension : Personne ne sait qui arrose le potager pendant les vacances.' });
    await item.getByText('Que fait la réunion de cette tension ?').waitFor();
    await item.getByLabel('En faire une tâche').check();
    await item.getByLabel('Tâche', { exact: true }).fill('Faire un planning d’arrosage pour l’été');
    await item.getByLabel('Confiée à').selectOption({ label: 'Léa Martin' });
    await item.getByLabel('Pour le').fill(parisDay(10));
    await expectNoAxeViolations(desk);
    await screenshot(desk, 'tension-on-the-agenda');
    await item.getByRole('button', { name: 'Confier la tâche' }).click();
    await item.getByText(/Tâche confiée à Léa Martin, pour le .* : Faire un planning d’arrosage pour l’été/).waitFor();
    await item.getByText('Devenue une tâche').waitFor();

    const owner = await (await context({ width: 360, height: 780 })).newPage();
    await signIn(owner, origin, lea.email, TEST_PASSWORD);
    await owner.goto(`${origin}/p/${f.partnershipId}`);
    await owner.getByRole('link', { name: 'Votre tâche issue d’une tension : Faire un planning d’arrosage pour l’été' }).click();
    await owner.getByRole('heading', { level: 1, name: 'Tension dans l’instance Cercle Jardin' }).waitFor();
    await owner.getByText('Personne ne sait qui arrose le potager pendant les vacances.').waitFor();
    await expectNoAxeViolations(owner);
    await screenshot(owner, 'tension-task-owner-phone');
    await owner.getByRole('button', { name: 'Marquer la tâche comme faite' }).click();
    await owner.getByText(/Faite le/).waitFor();

    const row = await t.store.db.selectFrom('tension').select(['status', 'task_owner_id', 'task_done_at', 'settled_in_meeting_id']).where('body_id', '=', circleId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'task', task_owner_id: lea.personId, settled_in_meeting_id: meetingId });
    expect(row.task_done_at).not.toBeNull();
    for (const page of [phone, desk, owner]) await page.context().close();
  });
});
