import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_WEB_ROUTES, publicWebPath } from '../../src/public-pages/rules.js';
import { expectNoAxeViolations, launchChromium, screenshot } from '../support/browser.js';
import { publicWorld, type World } from '../support/public-world.js';
import { ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A visitor without an account reads what a partnership publishes (issue 21): its public page on a
 * phone and a wide screen, an article, a link, a file and a harvest article, each with its
 * licence linked to its deed; then every public web page with every id of the world shows only
 * published things, and « Cette page n’est pas publique » for the rest.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');
let t: TestApp;
let browser: Browser;
let origin: string;
let world: World;
const log = new ServerLog();

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT, logger: log.logger });
  t.clock.current = new Date();
  world = await publicWorld(t, log);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function visitor(width: number, locale = 'fr-FR'): Promise<Page> {
  return (await browser.newContext({ viewport: { width, height: 900 }, locale })).newPage();
}

/** Nothing of the rest in the page as rendered: no secret word, no address, no other partnership's words. */
async function expectNothingElse(page: Page, where: string) {
  const html = await page.content();
  for (const word of [...world.secrets.filter((word) => word !== '@'), ...world.wordsOfB]) expect(html.includes(word), `${where} shows « ${word} »`).toBe(false);
}

describe('the public pages in a browser', () => {
  it('show a partnership’s publications to a visitor on a phone, without the app’s navigation', async () => {
    const page = await visitor(360);
    await page.goto(`${origin}${publicWebPath.page(world.a.id)}`);
    await page.getByRole('heading', { level: 1, name: world.a.name }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(0);
    const resources = page.getByRole('region', { name: 'Ressources' });
    expect(await resources.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['Guide des conseils (PDF)', 'Le guide national', 'Coopérer entre conseils citoyens']);
    expect(await page.getByRole('region', { name: 'Retours d’expérience' }).getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['Un caillou : les sigles', 'Ce qui a marché : le tour de table']);
    await expect(page.getByText('Par Bruno Lemaire, publié le').first().isVisible()).resolves.toBe(true);
    const deed = page.getByRole('link', { name: 'Domaine public (CC0 1.0)' });
    expect(await deed.getAttribute('href')).toBe('https://creativecommons.org/publicdomain/zero/1.0/deed.fr');
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe(`/api/v1/public/${world.a.id}/feed.atom`);
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNothingElse(page, 'the public page');
    await expectNoAxeViolations(page);
    await screenshot(page, 'public-page-360');
  });

  it('reads an article rendered from its Markdown, a link, a file to download and a harvest article, on a wide screen', async () => {
    const page = await visitor(1280);
    await page.goto(`${origin}${publicWebPath.page(world.a.id)}`);
    await page.getByRole('heading', { level: 1, name: world.a.name }).waitFor();
    await screenshot(page, 'public-page-1280');
    await page.getByRole('link', { name: 'Coopérer entre conseils citoyens' }).click();
    await page.getByRole('heading', { level: 1, name: 'Coopérer entre conseils citoyens' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Trois leçons' }).waitFor();
    expect(await page.locator('.prose strong').innerText()).toBe('tôt');
    // Written HTML stays text; a javascript: link stays text too.
    expect(await page.locator('.prose script').count()).toBe(0);
    expect(await page.locator('.prose a[href^="javascript"]').count()).toBe(0);
    await page.getByText('Par Amina Diallo, publié le').waitFor();
    expect(await page.getByRole('link', { name: /Creative Commons Attribution – Partage dans les mêmes conditions/ }).getAttribute('href')).toBe('https://creativecommons.org/licenses/by-sa/4.0/deed.fr');
    await expectNoAxeViolations(page);
    await screenshot(page, 'public-article-1280');

    await page.getByRole('link', { name: `Tout ce que publie ${world.a.name}` }).click();
    await page.getByRole('link', { name: 'Guide des conseils (PDF)' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Télécharger guide-des-conseils.pdf' }).click();
    expect((await downloading).suggestedFilename()).toBe('guide-des-conseils.pdf');
    // Its author was erased: no name.
    await page.getByText(/^Publié le /).waitFor();

    await page.goto(`${origin}${publicWebPath.article(world.a.id, world.published.articles[0]!)}`);
    await page.getByRole('heading', { level: 1, name: 'Ce qui a marché : le tour de table' }).waitFor();
    await page.getByText('Pépite : ce qui a marché').waitFor();
    expect(await page.locator('.prose strong').innerText()).toBe('tour de table');
  });

  it('reads in English when the visitor chooses it', async () => {
    const page = await visitor(360);
    await page.goto(`${origin}${publicWebPath.resource(world.a.id, world.published.resources[1]!)}`);
    await page.getByRole('heading', { level: 1, name: 'Le guide national' }).waitFor();
    expect(await page.getByRole('link', { name: 'Ouvrir le lien' }).getAttribute('href')).toBe('https://example.org/guide');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Open the link' }).waitFor();
    expect(await page.getByRole('link', { name: 'Creative Commons Attribution 4.0 (CC BY 4.0)' }).getAttribute('href')).toBe('https://creativecommons.org/licenses/by/4.0/deed.en');
    await screenshot(page, 'public-link-360-en');
  });

  it('shows every public web page with every id of the world: published things only, and the same « not public » page for the rest', async () => {
    const page = await visitor(1280);
    // From an address outside the walk, as every address walked must be asked once.
    await page.goto(`${origin}${publicWebPath.page(randomUUID())}`);
    await page.getByRole('heading', { level: 1, name: 'Cette page n’est pas publique' }).waitFor();
    // Moved from page to page inside the app, as its links do, each page waiting for its own answer.
    const visit = async (url: string, apiPath: string) => {
      const answered = page.waitForResponse((response) => new URL(response.url()).pathname === `/api/v1/public${apiPath}`);
      await page.evaluate((to) => {
        history.pushState(null, '', to);
        dispatchEvent(new PopStateEvent('popstate'));
      }, url);
      const response = await answered;
      const body = response.ok() ? ((await response.json()) as { title?: string | null; partnership: { name: string } }) : null;
      // The public page is titled by the partnership's name, a published thing by its own title.
      const heading = body === null ? 'Cette page n’est pas publique' : apiPath.split('/').length === 2 ? body.partnership.name : body.title;
      await page.getByRole('heading', { level: 1, name: heading!, exact: true }).waitFor();
      return response.ok();
    };
    const a = world.a.id;
    for (const id of [world.b.id, world.c.id, a]) {
      const shown = await visit(publicWebPath.page(id), `/${id}`);
      expect(shown, id).toBe(id !== world.c.id);
      if (id !== world.b.id) await expectNothingElse(page, publicWebPath.page(id));
    }
    for (const id of world.ids) {
      expect(await visit(publicWebPath.resource(a, id), `/${a}/resources/${id}`), id).toBe(world.published.resources.includes(id));
      await expectNothingElse(page, publicWebPath.resource(a, id));
      expect(await visit(publicWebPath.article(a, id), `/${a}/experiences/${id}`), id).toBe(world.published.articles.includes(id));
      await expectNothingElse(page, publicWebPath.article(a, id));
    }
    expect(Object.values(PUBLIC_WEB_ROUTES)).toEqual([PUBLIC_WEB_ROUTES.page, PUBLIC_WEB_ROUTES.resource, PUBLIC_WEB_ROUTES.article]);
  });
});
