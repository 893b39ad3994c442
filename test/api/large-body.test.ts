import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPartnership, startTestApp, type PartnershipFixture, type TestApp } from '../support/test-app.js';

/** Over HTTP, as a browser sends it: a body over the limit is refused in words, and the answer arrives. */
let t: TestApp;
let f: PartnershipFixture;
let origin: string;
beforeAll(async () => {
  t = await startTestApp();
  f = await newPartnership(t);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

const MEGABYTE = JSON.stringify({ fullName: 'x'.repeat(1024 * 1024) });
// French puts a narrow no-break space between a number and its unit.
const SAID = { fr: 'Cette demande est trop volumineuse : 256\u202fko au plus.', en: 'This request is too large: 256 kB at most.' };

describe('a body over the limit', () => {
  it('is answered 413 with the limit in the user’s language, and the client reads the answer', async () => {
    for (const [locale, message] of Object.entries(SAID)) {
      for (let attempt = 0; attempt < 10; attempt++) {
        const headers = { cookie: f.admin.cookie!, 'x-csrf-token': f.admin.csrfToken!, 'content-type': 'application/json', 'accept-language': locale };
        const response = await fetch(`${origin}${f.base}/people`, { method: 'POST', headers, body: MEGABYTE });
        expect(response.status).toBe(413);
        expect(await response.json()).toEqual({ error: 'too_large', message });
      }
    }
  });

  it('is answered the same when it comes without a length, in pieces, to a route open without a session', async () => {
    const pieces = new ReadableStream<Uint8Array>({
      start(controller) {
        const piece = new TextEncoder().encode('x'.repeat(64 * 1024));
        controller.enqueue(new TextEncoder().encode('{"email":"a@example.org","password":"'));
        for (let count = 0; count < 16; count++) controller.enqueue(piece);
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const response = await fetch(`${origin}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: pieces, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'too_large', message: SAID.fr });
  });
});
