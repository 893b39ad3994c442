import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_LEVELS, emptyRules } from '../../src/charters/rules/types.js';
import { launchChromium, screenshot } from '../support/browser.js';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, TEST_PASSWORD, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/**
 * What volunteers type is shown to everyone, so every field that reaches a page is tried with the
 * tricks of Decidim's and Loomio's advisories: HTML in names, javascript: and data: links and SVG
 * in Markdown. Each payload sets window.__xss if it ever runs; none may, and no dangerous link or
 * image may reach the page.
 */
const WEB_ROOT = join(process.cwd(), 'dist', 'web');
const run = (label: string) => `window.__xss='${label}'`;
const MARKDOWN = [
  `[Lien piégé](javascript:${run('md-link')})`,
  `[Lien data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)`,
  `![image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3hzcz0xIj48L3N2Zz4=)`,
  `<img src=x onerror="${run('md-html')}">`,
  `<a href="javascript:${run('md-anchor')}">ancre</a>`,
  `<svg onload="${run('md-svg')}"></svg>`,
  '<script>window.__xss="md-script"</script>',
  '[Lien sûr](https://example.org/charte)',
].join('\n\n');

let t: TestApp;
let f: PartnershipFixture;
let browser: Browser;
let page: Page;
let origin: string;
const dialogs: string[] = [];
/** Each page, with a payload it must show as plain text: proof the page is there, and the payload inert. */
const pages: [path: string, shownAsText: string][] = [];
/** The PDFs that print the Markdown payloads, with a client that may read them. */
const documents: string[] = [];

beforeAll(async () => {
  t = await startTestApp({ webRoot: WEB_ROOT });
  t.clock.current = new Date();
  f = await newPartnership(t, `<img src=x onerror="${run('partnership')}">`);
  const build = builder(f);
  const house = await build.organization(`<svg onload="${run('organization')}">`);
  const body = await build.body({ name: `"><script>${run('body')}</script>`, kind: 'circle', purpose: `<img src=x onerror="${run('purpose')}">` });
  const member = await newMember(t, f, { fullName: `<img src=x onerror="${run('person')}">`, memberships: [{ organizationId: house, kind: 'volunteer' }] });
  await build.seat(body, { personId: member.personId, organizationId: house });
  const refused = await member.client.post(`${f.base}/meetings`, { bodyId: body, title: 'Réunion', startsAt: '2027-02-01T18:00:00+01:00', onlineUrl: `javascript:${run('online')}` });
  expect(refused.status).toBe(400);
  const meeting = await member.client.post(`${f.base}/meetings`, { bodyId: body, title: `<iframe src="javascript:${run('meeting')}">`, startsAt: '2027-02-01T18:00:00+01:00' });
  expect(meeting.status).toBe(201);
  const meetingApi = `${f.base}/meetings/${meeting.body.id}`;
  expect((await member.client.post(`${meetingApi}/agenda`, { kind: 'discussion', title: `<b onmouseover="${run('agenda')}">point</b>` })).status).toBe(201);
  expect((await member.client.put(`${meetingApi}/minutes`, { text: MARKDOWN, basedOn: 0 })).status).toBe(200);
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'cooperation' });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  const content = (await f.admin.get(versionUrl)).body.content;
  content.articles[0].body = MARKDOWN;
  content.title = `<img src=x onerror="${run('charter')}">`;
  expect((await f.admin.put(versionUrl, content)).status).toBe(200);
  documents.push(`${meetingApi}/minutes.pdf`, `${versionUrl}/pdf`);
  // A charter in force that sends decisions to the body, so a proposal can have a thread.
  const rules = { ...emptyRules(), bodyIds: [body], decisionMatrix: DECISION_LEVELS.map((level) => ({ id: randomUUID(), level, topic: '', bodyId: body, method: 'consent', quorumPercent: null, maxRounds: null, onBlock: { kind: 'lapse' }, informBodyIds: [] })) };
  const inForce = await f.admin.post(`${f.base}/charters/import`, { format: 'entente-charter', formatVersion: 1, kind: 'partnership', content: { title: 'Charte', articles: [{ key: randomUUID(), kind: 'purpose', title: 'Objet', body: '' }], rules } });
  const inForceUrl = `${f.base}/charters/${inForce.body.id}/versions/${inForce.body.versionId}`;
  expect((await f.admin.post(`${inForceUrl}/adoption`, { bodyId: body, adoptedOn: t.clock.now().toISOString().slice(0, 10), contentHash: (await f.admin.get(inForceUrl)).body.contentHash })).status).toBe(200);
  const proposal = await member.client.post(`${f.base}/proposals`, { level: 'operational', wording: 'Une proposition', participationLevel: 'participation' });
  expect(proposal.status).toBe(201);
  expect((await member.client.post(`${f.base}/proposals/${proposal.body.id}/messages`, { kind: 'question', body: MARKDOWN.replaceAll("'md-", "'thread-") })).status).toBe(201);
  pages.push(
    ['', run('partnership')],
    [`/instances/${body}`, `<script>${run('body')}</script>`],
    [`/structures/${house}`, run('organization')],
    [`/personnes/${member.personId}`, run('person')],
    [`/reunions/${meeting.body.id}`, run('meeting')],
    [`/chartes/${charter.body.id}/versions/${charter.body.versionId}`, run('charter')],
    [`/propositions/${proposal.body.id}`, run('thread-html')],
  );

  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })).newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('what members type stays text', () => {
  it('on every page that shows it: names, titles, purposes, minutes, charter articles and a proposal’s thread in Markdown', async () => {
    await page.goto(`${origin}/connexion`);
    await page.getByLabel('Adresse e-mail').first().fill(f.adminEmail);
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    for (const [path, shownAsText] of pages) {
      await page.goto(`${origin}/p/${f.partnershipId}${path}`);
      await page.getByText(shownAsText).first().waitFor();
      const found = await page.evaluate(() => ({
        ran: (window as unknown as { __xss?: string }).__xss ?? null,
        dangerousLinks: [...document.querySelectorAll('a[href], iframe[src]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? '').filter((href) => /^\s*(javascript|data|vbscript):/i.test(href)),
        injected: document.querySelectorAll('main img[onerror], main svg[onload], main iframe, main script, main [onmouseover]').length,
      }));
      expect(found, path || '/').toEqual({ ran: null, dangerousLinks: [], injected: 0 });
    }
    await screenshot(page, '49-inert-charter');
    expect(dialogs).toEqual([]);
    // The minutes' preview shows the text of the trapped link, not a link; the safe link stays a link.
    await page.goto(`${origin}/p/${f.partnershipId}${pages[4]![0]}`);
    await page.getByText('Lien piégé').first().waitFor();
    expect(await page.locator('.prose a[href="https://example.org/charte"]').count()).toBe(1);
    await screenshot(page, '49-inert-payloads');
    // So does a question in a proposal's thread.
    await page.goto(`${origin}/p/${f.partnershipId}${pages[6]![0]}`);
    await page.getByText('Lien piégé').first().waitFor();
    expect(await page.locator('.thread .prose a[href="https://example.org/charte"]').count()).toBe(1);
    expect(await page.locator('.thread .prose a').count()).toBe(1);
  });
});

describe('what members type stays text in printed documents', () => {
  it('the minutes’ and the charter’s PDFs print the payloads as text, and link only to the safe address', async () => {
    for (const url of documents) {
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie: f.admin.cookie! } });
      expect(response.statusCode, url).toBe(200);
      const pdf = await getDocument({ data: new Uint8Array(response.rawPayload), useSystemFonts: false, isEvalSupported: false }).promise;
      const links: string[] = [];
      let text = '';
      for (let number = 1; number <= pdf.numPages; number += 1) {
        const pdfPage = await pdf.getPage(number);
        for (const annotation of await pdfPage.getAnnotations()) links.push(annotation.url ?? annotation.unsafeUrl ?? annotation.action ?? annotation.subtype);
        text += (await pdfPage.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('');
      }
      await pdf.destroy();
      expect([...new Set(links)], url).toEqual(['https://example.org/charte']);
      expect(pdf.numPages, url).toBeGreaterThan(0);
      for (const shown of ['Lien piégé', '<svg onload=', '<script>window.__xss="md-script"</script>']) expect(text, `${url}: ${shown}`).toContain(shown);
    }
  });
});

