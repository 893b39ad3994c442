import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builder, expectCreated } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Bytes on the wire (issue 17): the built UI leaves as the brotli or gzip copy the build wrote,
 * hashed files are kept a year and index.html is revalidated; API answers over 1 kB are
 * compressed, smaller ones and event streams are not. Needs the built UI (`npm test` builds it).
 */
const webRoot = join(process.cwd(), 'dist', 'web');
let t: TestApp;
let origin: string;
beforeAll(async () => {
  t = await startTestApp({ webRoot });
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

/** The entry script index.html loads: a hashed file of `assets/`, well over 1 kB. */
function entryScript(): string {
  const src = /<script[^>]*src="(\/assets\/[^"]+\.js)"/.exec(readFileSync(join(webRoot, 'index.html'), 'utf8'))?.[1];
  if (!src) throw new Error('no entry script in dist/web/index.html');
  return src;
}

const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

describe('the built UI', () => {
  it('sends a hashed file as its brotli copy, kept a year as immutable', async () => {
    const url = entryScript();
    const raw = readFileSync(join(webRoot, url));
    const response = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toContain('javascript');
    expect(response.headers['cache-control']).toBe(YEAR_IMMUTABLE);
    expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.rawPayload.length).toBeLessThan(raw.length / 2);
    expect(brotliDecompressSync(response.rawPayload).equals(raw)).toBe(true);
  });

  it('sends the gzip copy to a browser without brotli, and the file itself to one without either', async () => {
    const url = entryScript();
    const raw = readFileSync(join(webRoot, url));
    const gzipped = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['cache-control']).toBe(YEAR_IMMUTABLE);
    expect(gunzipSync(gzipped.rawPayload).equals(raw)).toBe(true);
    const plain = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(raw)).toBe(true);
  });

  it('has index.html, also the answer to a client route, revalidated at each visit', async () => {
    const html = readFileSync(join(webRoot, 'index.html'));
    for (const url of ['/', '/index.html', '/connexion']) {
      const page = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type'], url).toContain('text/html');
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(page.headers['last-modified'], url).toBeDefined();
      const etag = String(page.headers.etag);
      expect(etag, url).toMatch(/^(W\/)?"/);
      const body = page.headers['content-encoding'] === 'br' ? brotliDecompressSync(page.rawPayload) : page.rawPayload;
      expect(body.equals(html), url).toBe(true);
      const again = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip', 'if-none-match': etag } });
      expect(again.statusCode, url).toBe(304);
    }
  });
});

describe('API answers', () => {
  it('are compressed over 1 kB as the client accepts, and left alone below', async () => {
    const f = await newPartnership(t);
    const big = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json', headers: { 'accept-encoding': 'identity' } });
    expect(big.rawPayload.length).toBeGreaterThan(1024);
    const brotli = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json', headers: { 'accept-encoding': 'br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(String(brotli.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(brotli.rawPayload).equals(big.rawPayload)).toBe(true);
    const gzipped = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).equals(big.rawPayload)).toBe(true);

    const build = builder(f);
    for (let n = 0; n < 15; n += 1) await build.person();
    const people = await t.app.inject({ method: 'GET', url: `${f.base}/people`, headers: { cookie: f.admin.cookie!, 'accept-encoding': 'identity' } });
    expect(people.statusCode).toBe(200);
    expect(people.rawPayload.length).toBeGreaterThan(1024);
    const peopleBrotli = await t.app.inject({ method: 'GET', url: `${f.base}/people`, headers: { cookie: f.admin.cookie!, 'accept-encoding': 'gzip, br' } });
    expect(peopleBrotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(peopleBrotli.rawPayload).equals(people.rawPayload)).toBe(true);

    const small = await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.statusCode).toBe(200);
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body)).toMatchObject({ status: 'ok' });
  });

  it('are kept by no cache, private or shared, unless their route says otherwise', async () => {
    const f = await newPartnership(t);
    for (const url of ['/api/v1/health', '/%61pi/v1/health', `${f.base}/people`]) {
      const answer = await t.app.inject({ method: 'GET', url, headers: { cookie: f.admin.cookie! } });
      expect(answer.statusCode, url).toBe(200);
      expect(answer.headers['cache-control'], url).toBe('private, no-store');
    }
    const backup = await t.app.inject({ method: 'GET', url: `${f.base}/backup`, headers: { cookie: f.admin.cookie! } });
    expect(backup.headers['cache-control']).toBe('no-store');
  });

  it('never compress an event stream', async () => {
    const f = await newPartnership(t);
    const build = builder(f);
    const bodyId = await build.body({ name: 'Cercle', kind: 'circle' });
    const member = await newMember(t, f);
    await build.seat(bodyId, { personId: member.personId, organizationId: null, capacity: 'member' });
    const meetingId = expectCreated(await member.client.post(`${f.base}/meetings`, { bodyId, title: 'Réunion', startsAt: '2026-04-01T18:00:00+02:00' }), 'meeting');
    const controller = new AbortController();
    const stream = await fetch(`${origin}${f.base}/meetings/${meetingId}/events`, {
      headers: { cookie: member.client.cookie!, 'accept-encoding': 'br, gzip' },
      signal: controller.signal,
    });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      expect(stream.headers.get('content-encoding')).toBeNull();
      const first = await stream.body!.getReader().read();
      expect(new TextDecoder().decode(first.value)).toContain(': connected');
    } finally {
      controller.abort();
    }
  });
});
