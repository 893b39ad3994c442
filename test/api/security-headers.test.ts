import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPartnership, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ webRoot: join(process.cwd(), 'dist', 'web') });
});
afterAll(() => t.close());

/** The headers every answer carries, page or API: what a browser must not run, frame or sniff. */
function expectLockedDown(headers: Record<string, unknown>) {
  const csp = String(headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
}

describe('security headers', () => {
  it('lock down the page itself: no inline script, no framing, no sniffing', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expectLockedDown(page.headers);
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('lock down API answers and errors too', async () => {
    const f = await newPartnership(t);
    for (const [url, status] of [
      ['/api/v1/health', 200],
      [f.base, 200],
      [`${f.base}/journal`, 200],
      ['/api/v1/partnerships/00000000-0000-4000-8000-000000000000', 404],
    ] as const) {
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie: f.admin.cookie! } });
      expect(response.statusCode, url).toBe(status);
      expect(response.headers['content-type']).toContain('application/json');
      expectLockedDown(response.headers);
    }
    const unauthenticated = await t.app.inject({ method: 'GET', url: f.base });
    expect(unauthenticated.statusCode).toBe(401);
    expectLockedDown(unauthenticated.headers);
  });

  it('send the session cookie httpOnly, SameSite=Lax, on the whole site only', async () => {
    const f = await newPartnership(t);
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: f.adminEmail, password: 'correct horse battery staple' } });
    const cookie = String(signIn.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});
