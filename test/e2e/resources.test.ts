import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accompanimentWithGroup } from '../support/accompaniment.js';
import { expectNoAxeViolations, launchChromium, screenshot, signIn } from '../support/browser.js';
import { DOCUMENTS } from '../support/documents.js';
import { ServerLog, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

/**
 * Seed 002's resource space: Amina, from her phone, shares a document, a link and a short article
 * with the group, then finds the article again by a word typed without its accents; Claire, who
 * facilitates, reads the article and publishes it, as Amina agreed when she shared it.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');

let t: TestApp;
let browser: Browser;
let origin: string;
let s: Awaited<ReturnType<typeof accompanimentWithGroup>>;
const log = new ServerLog();

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT, logger: log.logger });
  t.clock.current = new Date();
  s = await accompanimentWithGroup(t, log);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const context = (viewport: { width: number; height: number }) => browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });

describe('the resources of an accompaniment', () => {
  it('are shared from a phone, found again without accents, and published by the facilitator', async () => {
    const phone = await (await context({ width: 360, height: 780 })).newPage();
    await signIn(phone, origin, s.amina.email, TEST_PASSWORD);
    await phone.goto(`${origin}/p/${s.f.partnershipId}/accompagnements/${s.id}/ressources`);
    await phone.getByRole('heading', { level: 1, name: 'Ressources' }).waitFor();
    await phone.getByText('Rien n’a encore été partagé.').waitFor();
    const form = phone.getByRole('form', { name: 'Partager une ressource' });

    // A document: the picker takes it, the server checks what it really is.
    await form.getByLabel('Document', { exact: true }).setInputFiles({ name: 'compte-rendu.md', mimeType: 'text/markdown', buffer: Buffer.from(DOCUMENTS.markdown, 'base64') });
    await form.getByLabel('Titre').fill('Compte rendu de la rencontre');
    await form.getByLabel('Mots-clés (facultatif)').fill('Rencontre, bilan');
    await form.getByRole('button', { name: 'Partager' }).click();
    await phone.getByRole('status').getByText('La ressource est partagée.').waitFor();
    await phone.getByRole('link', { name: 'Compte rendu de la rencontre' }).waitFor();

    // A program renamed as a PDF is refused, in French, next to the field.
    await form.getByLabel('Document', { exact: true }).setInputFiles({ name: 'rapport.pdf', mimeType: 'application/pdf', buffer: Buffer.from(DOCUMENTS.exe, 'base64') });
    await form.getByLabel('Titre').fill('Rapport');
    await form.getByRole('button', { name: 'Partager' }).click();
    await form.getByText('Le contenu de ce document ne correspond pas à son type : il n’a pas été enregistré.').waitFor();

    // A link, then a short article.
    await form.getByRole('radio', { name: /^Lien/ }).check();
    await form.getByLabel('Adresse web').fill('https://reseau-conseils.example.org/guide');
    await form.getByLabel('Titre').fill('Le guide du réseau');
    await form.getByRole('button', { name: 'Partager' }).click();
    await phone.getByRole('link', { name: 'Le guide du réseau' }).waitFor();
    await form.getByRole('radio', { name: /^Article/ }).check();
    await form.getByLabel('Texte de l’article').fill('## Ce qui a marché\n\n- Les **événements** de quartier\n- La coopération entre conseils');
    await form.getByLabel('Titre').fill('Événements et coopérations');
    await form.getByLabel('En quelques mots (facultatif)').fill('Ce que la journée nous a appris.');
    await form.getByLabel('Mots-clés (facultatif)').fill('bilan');
    // Its author agrees that it be published with her name: without her word, no one else may publish it.
    await form.getByLabel('J’accepte que cette ressource soit publiée sous sa licence, avec mon nom').check();
    await form.getByRole('button', { name: 'Partager' }).click();
    await phone.getByRole('link', { name: 'Événements et coopérations' }).waitFor();

    // Searched without accents, the article is found.
    await phone.getByRole('searchbox', { name: 'Chercher' }).fill('evenement');
    await phone.getByRole('search').getByRole('button', { name: 'Chercher' }).click();
    await phone.getByRole('heading', { name: '1 ressource trouvée' }).waitFor();
    await phone.getByRole('link', { name: 'Événements et coopérations' }).waitFor();
    expect(await phone.getByRole('link', { name: 'Le guide du réseau' }).count()).toBe(0);
    await phone.getByRole('searchbox', { name: 'Chercher' }).fill('');
    await phone.getByLabel('Mot-clé').selectOption('bilan');
    await phone.getByRole('search').getByRole('button', { name: 'Chercher' }).click();
    await phone.getByRole('heading', { name: '2 ressources trouvées' }).waitFor();
    await phone.goto(`${origin}/p/${s.f.partnershipId}/accompagnements/${s.id}/ressources`);
    await phone.getByRole('link', { name: 'Le guide du réseau' }).waitFor();
    await expectNoAxeViolations(phone);
    await screenshot(phone, 'resources-phone');

    // Claire reads the article, rendered, and publishes it.
    const desk = await (await context({ width: 1280, height: 900 })).newPage();
    await signIn(desk, origin, s.f.adminEmail, TEST_PASSWORD);
    await desk.goto(`${origin}/p/${s.f.partnershipId}/accompagnements/${s.id}/ressources`);
    await desk.getByRole('link', { name: 'Événements et coopérations' }).click();
    await desk.getByRole('heading', { level: 2, name: 'Ce qui a marché' }).waitFor();
    await desk.locator('.prose strong', { hasText: 'événements' }).waitFor();
    await desk.getByRole('button', { name: 'Publier' }).click();
    await desk.getByRole('button', { name: 'Retirer de la publication' }).waitFor();
    await desk.getByText('Publiée', { exact: true }).waitFor();
    await expectNoAxeViolations(desk);
    await screenshot(desk, 'resource-published-desktop');
    const published = await t.store.db.selectFrom('resource').select('title').where('published_at', 'is not', null).where('accompaniment_id', '=', s.id).execute();
    expect(published).toEqual([{ title: 'Événements et coopérations' }]);
    // The link Amina shared without that word waits for it.
    await desk.goto(`${origin}/p/${s.f.partnershipId}/accompagnements/${s.id}/ressources`);
    await desk.getByRole('link', { name: 'Le guide du réseau' }).click();
    await desk.getByText('Pour la publier, il faut l’accord de la personne qui l’a partagée', { exact: false }).waitFor();
    expect(await desk.getByRole('button', { name: 'Publier' }).count()).toBe(0);
  });
});
