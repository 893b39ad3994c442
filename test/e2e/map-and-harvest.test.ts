import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accompanimentWithGroup } from '../support/accompaniment.js';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { ServerLog, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

/**
 * Seed 002's map and seed 000's harvest: Amina, from her phone, puts on the map the cooperation of
 * her council with Bruno's and a skill she offers, finds the skill again by « qui sait » typed
 * without accents, sees the graph; she harvests a nugget of the day; Claire, who facilitates, asks
 * to publish it, and Amina consents from « À faire pour vous ».
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');

let t: TestApp;
let browser: Browser;
let origin: string;
let s: Awaited<ReturnType<typeof accompanimentWithGroup>>;
let phone: Page;
const log = new ServerLog();

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT, logger: log.logger });
  t.clock.current = new Date();
  s = await accompanimentWithGroup(t, log);
  const day = await s.f.admin.post(`${s.url}/days`, { title: 'Journée de coopération', startsAt: '2030-03-14T08:30:00.000Z', endsAt: '2030-03-14T16:00:00.000Z' });
  expect(day.status, JSON.stringify(day.body)).toBe(201);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  phone = await (await context({ width: 360, height: 780 })).newPage();
  await signIn(phone, origin, s.amina.email, TEST_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const context = (viewport: { width: number; height: number }) => browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });

describe('the map of an accompaniment', () => {
  it('takes a cooperation and a skill from a phone, finds the skill without accents, and draws who cooperates with whom', async () => {
    await phone.goto(`${origin}/p/${s.f.partnershipId}/accompagnements/${s.id}/carte`);
    await phone.getByRole('heading', { level: 1, name: 'Carte des coopérations' }).waitFor();
    await phone.getByText('Aucune coopération à dessiner pour l’instant.').waitFor();
    const form = phone.getByRole('form', { name: 'Ajouter à la carte' });

    // A cooperation between the two councils.
    await form.getByLabel('En quelques mots').fill('Fête de quartier commune');
    await form.getByRole('checkbox', { name: 'Conseil citoyen Nord' }).check();
    await form.getByRole('checkbox', { name: 'Conseil citoyen Sud' }).check();
    await form.getByRole('button', { name: 'Ajouter' }).click();
    await phone.getByRole('status').getByText('C’est sur la carte.').waitFor();
    await phone.getByRole('heading', { level: 3, name: 'Fête de quartier commune' }).waitFor();
    await phone.getByText('Avec Conseil citoyen Nord, Conseil citoyen Sud').waitFor();

    // A skill Amina offers.
    await form.getByRole('radio', { name: /^Compétence/ }).check();
    await form.getByLabel('En quelques mots').fill('Tenir une comptabilité associative');
    await form.getByLabel('Précisions (facultatif)').fill('Bilans, budgets prévisionnels, déclarations.');
    await form.getByLabel('Qui le propose ?').selectOption({ label: 'Amina Diallo' });
    await form.getByRole('button', { name: 'Ajouter' }).click();
    await phone.getByRole('heading', { level: 3, name: 'Tenir une comptabilité associative' }).waitFor();
    await phone.getByText('Proposé par Amina Diallo').waitFor();

    // « Qui sait… ? », typed without accents.
    await phone.getByRole('search').getByRole('searchbox').fill('comptabilite');
    await phone.getByRole('search').getByRole('button', { name: 'Chercher' }).click();
    await phone.getByRole('heading', { level: 2, name: '1 trouvaille' }).waitFor();
    await phone.getByRole('heading', { level: 3, name: 'Tenir une comptabilité associative' }).waitFor();
    expect(await phone.getByRole('heading', { level: 3, name: 'Fête de quartier commune' }).count()).toBe(0);

    // The graph stays whole while the list is searched: the two councils, joined.
    const graph = phone.getByRole('img', { name: /Graphe de qui coopère avec qui/ });
    await graph.waitFor();
    expect(await graph.locator('line').count()).toBe(1);
    // Each name is cut into lines (one tspan each) to stay readable under its node.
    const names = await graph.locator('text').evaluateAll((texts) => texts.map((text) => [...text.querySelectorAll('tspan')].map((line) => line.textContent).join(' ')));
    expect(names).toEqual(['Conseil citoyen Nord', 'Conseil citoyen Sud']);
    const box = (await graph.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(360);

    await phone.goto(`${origin}/p/${s.f.partnershipId}/accompagnements/${s.id}/carte`);
    await phone.getByRole('heading', { level: 3, name: 'Fête de quartier commune' }).waitFor();
    await expectNoAxeViolations(phone);
    await screenshot(phone, 'map-phone');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});

describe('the harvest of an accompaniment', () => {
  it('takes a nugget of the day from a phone; the facilitator asks to publish it, and Amina consents from « À faire pour vous »', async () => {
    await phone.goto(`${origin}/p/${s.f.partnershipId}/accompagnements/${s.id}/moisson`);
    await phone.getByRole('heading', { level: 1, name: 'Moisson' }).waitFor();
    const form = phone.getByRole('form', { name: 'Ajouter à la moisson' });
    await form.getByLabel('Racontez').fill('Le tour de table en binômes : chacun a pu parler.');
    await form.getByLabel('À quel moment ?').selectOption({ label: 'Journée de coopération, le 14 mars 2030' });
    await form.getByRole('button', { name: 'Ajouter' }).click();
    await phone.getByRole('status').getByText('Merci, c’est dans la moisson.').waitFor();
    await phone.getByText('Journée « Journée de coopération » du 14 mars 2030').waitFor();
    await phone.getByText(/Écrit par Amina Diallo/).waitFor();
    await expectNoAxeViolations(phone);
    await screenshot(phone, 'harvest-phone');

    // Claire asks to publish it.
    const desk = await (await context({ width: 1280, height: 900 })).newPage();
    await signIn(desk, origin, s.f.adminEmail, TEST_PASSWORD);
    await desk.goto(`${origin}/p/${s.f.partnershipId}/accompagnements/${s.id}/moisson`);
    const ask = desk.getByRole('form', { name: 'Demander à publier' });
    await ask.getByLabel('Titre de l’article').fill('Le tour de table en binômes');
    await ask.getByRole('button', { name: 'Demander à publier' }).click();
    await desk.getByText('Publication demandée : « Le tour de table en binômes »').waitFor();

    // Amina follows « À faire pour vous » to the consent form.
    await phone.goto(`${origin}/p/${s.f.partnershipId}`);
    const toDo = phone.getByRole('link', { name: /Acceptez-vous de publier votre récolte « Le tour de table en binômes »/ });
    await toDo.waitFor();
    expect(await toDo.getAttribute('href')).toBe(`/p/${s.f.partnershipId}/accompagnements/${s.id}/moisson#publier-votre-recolte`);
    await toDo.click();
    const consent = phone.locator('#publier-votre-recolte');
    await consent.getByRole('heading', { name: 'Accepteriez-vous de publier « Le tour de table en binômes » ?' }).waitFor();
    await consent.getByRole('button', { name: 'J’accepte de publier' }).click();
    const publicLink = phone.getByRole('link', { name: 'Lire l’article public « Le tour de table en binômes »' });
    await publicLink.waitFor();
    const item = await t.store.db.selectFrom('harvest_item').select(['id', 'published_at']).where('accompaniment_id', '=', s.id).executeTakeFirstOrThrow();
    expect(item.published_at).not.toBeNull();
    expect(await publicLink.getAttribute('href')).toBe(`/public/p/${s.f.partnershipId}/moisson/${item.id}`);

    await desk.reload();
    await desk.getByText('Publiée', { exact: true }).waitFor();
    await expectNoAxeViolations(desk);
    await screenshot(desk, 'harvest-desktop');
  });
});
