import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_WEB_ROUTES } from '../../src/public-pages/rules.js';
import { PDF, publicWorld, type World } from '../support/public-world.js';
import { ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * What a partnership publishes under an open licence reads without signing in (issue 21), and
 * nothing else does. The walk asks EVERY public address (each OpenAPI path outside
 * /partnerships, but the sign-in and health routes listed below, and each public web page) with
 * every id the world holds, as a visitor without a session: only published things of the named
 * partnership answer 200, everything else the same 404, and no answer carries a title, a text, a
 * name, an address or an id of anything else.
 */
const webRoot = join(process.cwd(), 'dist', 'web');
let t: TestApp;
const log = new ServerLog();

/** Routes outside /partnerships that hold no partnership's data without a session or a secret token of a mail, and why. */
const NOT_PUBLIC_PAGES: Record<string, string> = {
  '/api/v1/health': 'says the server lives and which database it runs on',
  '/api/v1/auth/session': 'the signed-in account only (401 without a session)',
  '/api/v1/auth/export': 'the signed-in account’s own data only',
  '/api/v1/auth/sign-in': 'signs in with a password',
  '/api/v1/auth/sign-out': 'ends one’s session',
  '/api/v1/auth/sign-out-everywhere': 'ends one’s sessions',
  '/api/v1/auth/magic-link': 'mails a sign-in link, answering the same whatever the address',
  '/api/v1/auth/magic-link/consume': 'needs the mailed secret token',
  '/api/v1/auth/action-link': 'needs the mailed secret token',
  '/api/v1/auth/invitation/describe': 'needs the mailed secret token',
  '/api/v1/auth/invitation/accept': 'needs the mailed secret token',
  '/api/v1/auth/locale': 'sets the interface language',
  '/api/v1/auth/demo-door': 'the demo’s door, closed (404) outside the demo',
  '/api/v1/auth/demo-door/enter': 'the demo’s door, closed (404) outside the demo',
  '/api/v1/mail-settings/describe': 'needs the mailed secret token',
  '/api/v1/mail-settings/preference': 'needs the mailed secret token',
  '/api/v1/mail-settings/unsubscribe': 'needs the mailed secret token',
};

let world: World;

beforeAll(async () => {
  t = await startTestApp({ logger: log.logger, ...(existsSync(join(webRoot, 'index.html')) ? { webRoot } : {}) });
  world = await publicWorld(t, log);
});
afterAll(() => t.close());

type Expectation = { partnershipId: string; params: Record<string, string> };

/** Whether a public API path with these ids must answer 200: the partnership published something, and each id is a published thing of it of the path's kind. */
function answers(path: string, { partnershipId, params }: Expectation): boolean {
  const published = partnershipId === world.a.id ? world.published : partnershipId === world.b.id ? world.publishedOfB : undefined;
  if (!published) return false;
  if (path.endsWith('/file')) return published.files.includes(params['resourceId']!);
  if ('resourceId' in params) return published.resources.includes(params['resourceId']);
  if ('itemId' in params) return published.articles.includes(params['itemId']);
  return true;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** What no answer about a partnership may hold: the world's secrets, the other partnership's words, and ids of anything but the partnership and what it published. */
function expectNothingElse(text: string, partnershipId: string, where: string) {
  const [allowedIds, otherWords] =
    partnershipId === world.a.id
      ? [[world.a.id, ...world.published.resources, ...world.published.articles], world.wordsOfB]
      : partnershipId === world.b.id
        ? [[world.b.id, ...world.publishedOfB.resources, ...world.publishedOfB.articles], world.wordsOfA]
        : [[], [...world.wordsOfA, ...world.wordsOfB]];
  for (const word of [...world.secrets, ...otherWords]) expect(text.includes(word), `${where} holds « ${word} »`).toBe(false);
  const strangers = [...text.matchAll(UUID)].map((match) => match[0].toLowerCase()).filter((id) => !allowedIds.includes(id));
  expect(strangers, `${where} holds ids`).toEqual([]);
}

function publicApiPaths(): { path: string; methods: string[] }[] {
  const paths = (t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
  return Object.entries(paths)
    .filter(([path]) => !path.startsWith('/api/v1/partnerships/') && !(path in NOT_PUBLIC_PAGES))
    .map(([path, methods]) => ({ path, methods: Object.keys(methods) }));
}

describe('the walk of every public address', () => {
  it('knows every route outside /partnerships: each is a public page walked below, or listed with why it holds no partnership’s data', () => {
    const walked = publicApiPaths();
    expect(walked.map(({ path }) => path).sort()).toEqual(
      ['/api/v1/public/{partnershipId}', '/api/v1/public/{partnershipId}/feed.atom', '/api/v1/public/{partnershipId}/resources/{resourceId}', '/api/v1/public/{partnershipId}/resources/{resourceId}/file', '/api/v1/public/{partnershipId}/experiences/{itemId}'].sort(),
    );
    // Public pages only read.
    expect(walked.flatMap(({ methods }) => methods.filter((method) => method !== 'get'))).toEqual([]);
  });

  it('answers only published open things of the partnership the address names, and the same 404 for every other id, leaking nothing', async () => {
    const partnershipIds = [world.a.id, world.b.id, world.c.id, randomUUID(), 'pas-un-id'];
    // Each partnership's walk comes from its own address, so the walk stays under the rate limit.
    let visitor = 0;
    const thingIds = [...world.ids, 'pas-un-id', '..'];
    let ok = 0;
    for (const { path } of publicApiPaths()) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).filter((name) => name !== 'partnershipId');
      for (const partnershipId of partnershipIds) {
        visitor += 1;
        const combos: Record<string, string>[] = names.length === 0 ? [{}] : thingIds.map((id) => Object.fromEntries(names.map((name) => [name, id])));
        for (const params of combos) {
          const url = path.replace('{partnershipId}', partnershipId).replace(/\{(\w+)\}/g, (_, name: string) => params[name]!);
          const response = await t.app.inject({ method: 'GET', url, remoteAddress: `10.0.0.${visitor}` });
          const expected = answers(path, { partnershipId, params });
          expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBe(expected ? 200 : 404);
          expectNothingElse(response.body, partnershipId, url);
          if (expected) {
            ok += 1;
            expect(response.headers['cache-control'], url).toBe('public, max-age=300');
          } else {
            expect(response.headers['cache-control'], url).toBe('private, no-store');
          }
        }
      }
    }
    // A's page, feed, three resources, one file, two articles; B's page, feed, two resources, one file, one article.
    expect(ok).toBe(14);
  });

  it('serves each public web page as the same bare shell, whatever the id: the page asks the API above for its content', async ({ skip }) => {
    if (!existsSync(join(webRoot, 'index.html'))) skip('needs the built UI (npm test builds it)');
    const shell = readFileSync(join(webRoot, 'index.html'), 'utf8');
    const routes = Object.values(PUBLIC_WEB_ROUTES);
    expect(routes.length).toBe(3);
    for (const route of routes) {
      for (const id of [...world.ids.slice(0, 14), randomUUID()]) {
        const url = route.replace(':partnershipId', world.a.id).replace(/:\w+/g, id);
        const response = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
        expect(response.statusCode, url).toBe(200);
        expect(response.body, url).toBe(shell);
      }
    }
  });

  it('declares every public web page of the app from that list', () => {
    const app = readFileSync(join(process.cwd(), 'src/web/App.tsx'), 'utf8');
    expect(app).not.toMatch(/path="\/public/);
    for (const key of Object.keys(PUBLIC_WEB_ROUTES)) expect(app).toContain(`PUBLIC_WEB_ROUTES.${key}`);
  });
});

describe('a partnership’s public page', () => {
  it('lists what it published, latest first, each with its licence and its author’s name alone', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/public/${world.a.id}` });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.partnership).toEqual({ id: world.a.id, name: world.a.name });
    expect(body.resources.map((r: { title: string; kind: string; licence: string; author: string | null }) => [r.title, r.kind, r.licence, r.author])).toEqual([
      ['Guide des conseils (PDF)', 'file', 'CC0-1.0', null],
      ['Le guide national', 'link', 'CC-BY-4.0', 'Bruno Lemaire'],
      ['Coopérer entre conseils citoyens', 'article', 'CC-BY-SA-4.0', 'Amina Diallo'],
    ]);
    expect(body.articles.map((r: { title: string; kind: string; licence: string; author: string | null }) => [r.title, r.kind, r.licence, r.author])).toEqual([
      ['Un caillou : les sigles', 'pebble', 'CC-BY-SA-4.0', null],
      ['Ce qui a marché : le tour de table', 'nugget', 'CC-BY-SA-4.0', 'Bruno Lemaire'],
    ]);
    expect(Object.keys(body.resources[2]).sort()).toEqual(['author', 'id', 'kind', 'licence', 'publishedAt', 'summary', 'tags', 'title']);
  });

  it('gives an article’s Markdown, a link’s address and a file’s description; the file downloads as an attachment, never run', async () => {
    const [article, link, file] = world.published.resources;
    const read = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/public/${world.a.id}/resources/${id}` })).json();
    expect(await read(article!)).toMatchObject({ kind: 'article', body: expect.stringContaining('## Trois leçons'), url: null, file: null, tags: ['coopération'] });
    expect(await read(link!)).toMatchObject({ kind: 'link', url: 'https://example.org/guide', body: null, file: null });
    expect(await read(file!)).toMatchObject({ kind: 'file', body: null, url: null, file: { name: 'guide-des-conseils.pdf', contentType: 'application/pdf', sizeBytes: PDF.length } });
    const download = await t.app.inject({ method: 'GET', url: `/api/v1/public/${world.a.id}/resources/${file}/file` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe("attachment; filename*=UTF-8''guide-des-conseils.pdf");
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
  });

  it('gives a harvest article’s text, under its space’s licence', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/public/${world.a.id}/experiences/${world.published.articles[0]}` });
    expect(response.json()).toMatchObject({ kind: 'nugget', title: 'Ce qui a marché : le tour de table', text: 'Le **tour de table** du matin a tout changé.', licence: 'CC-BY-SA-4.0', author: 'Bruno Lemaire', partnership: { id: world.a.id, name: world.a.name } });
  });

  it('is read with a session as without, and is rate limited and compressed like the rest of the API', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/public/${world.a.id}`, headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers['x-ratelimit-limit']).toBe('600');
    expect(response.headers['content-encoding']).toBe('gzip');
  });
});

describe('the Atom feed', () => {
  it('is well-formed Atom with every published thing, its licence as rights, its author when named, and links to the public pages', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/public/${world.a.id}/feed.atom` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(XMLValidator.validate(response.body)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link', 'author'].includes(name) }).parse(response.body);
    const feed = parsed.feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`http://entente.test/public/p/${world.a.id}`);
    expect(feed.title).toBe(world.a.name);
    expect(feed.author[0].name).toBe(world.a.name);
    expect(feed.link.map((l: Record<string, string>) => [l['@rel'], l['@href']])).toEqual([
      ['alternate', `http://entente.test/public/p/${world.a.id}`],
      ['self', `http://entente.test/api/v1/public/${world.a.id}/feed.atom`],
    ]);
    expect(new Date(feed.updated).getTime()).toBe(new Date(t.clock.now().getTime() + 5 * 60_000).getTime());
    const entries = feed.entry as Record<string, any>[];
    expect(entries.map((entry) => [entry.title['#text'], entry.rights, entry.author?.[0].name ?? null])).toEqual([
      ['Un caillou : les sigles', 'CC BY-SA 4.0 https://creativecommons.org/licenses/by-sa/4.0/deed.fr', null],
      ['Ce qui a marché : le tour de table', 'CC BY-SA 4.0 https://creativecommons.org/licenses/by-sa/4.0/deed.fr', 'Bruno Lemaire'],
      ['Guide des conseils (PDF)', 'CC0 1.0 https://creativecommons.org/publicdomain/zero/1.0/deed.fr', null],
      ['Le guide national', 'CC BY 4.0 https://creativecommons.org/licenses/by/4.0/deed.fr', 'Bruno Lemaire'],
      ['Coopérer entre conseils citoyens', 'CC BY-SA 4.0 https://creativecommons.org/licenses/by-sa/4.0/deed.fr', 'Amina Diallo'],
    ]);
    for (const entry of entries) {
      expect(entry.id).toBe(entry.link[0]['@href']);
      expect(entry.id).toMatch(new RegExp(`^http://entente\\.test/public/p/${world.a.id}/(ressources|moisson)/`));
      expect(entry.content['@type']).toBe('html');
      expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
    }
    // The article's Markdown rendered by the closed renderer: no raw HTML, no script link.
    const article = entries[4]!.content['#text'] as string;
    expect(article).toContain('<h2>Trois leçons</h2>');
    expect(article).toContain('<strong>tôt</strong>');
    expect(article).toContain('&lt;script&gt;');
    expect(article).toContain('<a href="https://example.org/lecons">');
    expect(article).not.toContain('href="javascript');
    expect(entries[2]!.content['#text']).toContain(`http://entente.test/api/v1/public/${world.a.id}/resources/${world.published.files[0]}/file`);
  });
});
