import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestAccount, newPartnership, startTestApp, TEST_PASSWORD, uniqueEmail, type TestApp } from '../support/test-app.js';
import { countRows, uniqueName } from '../support/structure.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const SESSION = '/api/v1/auth/session';

/** The raw Set-Cookie header of the session cookie. */
function sessionCookieHeader(headers: Record<string, unknown>): string {
  const raw = headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : [raw];
  const found = all.find((value): value is string => typeof value === 'string' && value.startsWith('entente_session='));
  if (!found) throw new Error(`no session cookie in ${JSON.stringify(raw)}`);
  return found;
}

/** A copy of a client's cookie, to replay it later as an attacker or an old tab would. */
const replay = (cookie: string | undefined) => t.app.inject({ method: 'GET', url: SESSION, headers: cookie ? { cookie } : {} });

describe('sign-in', () => {
  it('sets an httpOnly SameSite=Lax session cookie and answers the CSRF token', async () => {
    const f = await newPartnership(t);
    const client = new Client(t.app);
    const response = await client.signIn(f.adminEmail);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ csrfToken: expect.stringMatching(/^[\w-]{43}$/) });
    const cookie = sessionCookieHeader(response.headers);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).toMatch(/;\s*Expires=/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    // The token itself is not the CSRF token.
    expect(cookie).not.toContain(response.body.csrfToken);

    const session = await client.get(SESSION);
    expect(session.status).toBe(200);
    expect(session.body.email).toBe(f.adminEmail);
    expect(session.body.csrfToken).toBe(response.body.csrfToken);
    expect(session.body.partnerships).toEqual([
      expect.objectContaining({ id: f.partnershipId, personId: f.adminPersonId, isAdmin: true }),
    ]);
  });

  it('accepts the address in any case', async () => {
    const f = await newPartnership(t);
    expect((await new Client(t.app).signIn(f.adminEmail.toUpperCase())).status).toBe(200);
  });

  it('refuses a wrong password with 401 and a French message, and sets no cookie', async () => {
    const f = await newPartnership(t);
    const client = new Client(t.app);
    const response = await client.signIn(f.adminEmail, 'not the right password');
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'sign_in_failed', message: 'Adresse e-mail ou mot de passe incorrect.' });
    expect(response.headers['set-cookie']).toBeUndefined();
    expect((await client.get(SESSION)).status).toBe(401);
  });

  it('says it in English when the browser asks for English', async () => {
    const f = await newPartnership(t);
    const client = new Client(t.app);
    client.locale = 'en-GB,en;q=0.9,fr;q=0.5';
    const response = await client.signIn(f.adminEmail, 'not the right password');
    expect(response.status).toBe(401);
    expect(response.body.message).toBe('Wrong e-mail address or password.');
  });

  it('lets the x-entente-locale choice win over Accept-Language', async () => {
    const f = await newPartnership(t);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json', 'accept-language': 'fr', 'x-entente-locale': 'en' },
      payload: JSON.stringify({ email: f.adminEmail, password: 'not the right password' }),
    });
    expect(response.json().message).toBe('Wrong e-mail address or password.');
  });

  it('answers an unknown address exactly like a wrong password', async () => {
    const f = await newPartnership(t);
    const wrong = await new Client(t.app).signIn(f.adminEmail, 'not the right password');
    const unknown = await new Client(t.app).signIn(uniqueEmail('nobody'), 'not the right password');
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('refuses a request that is not JSON (no cross-site form posts)', async () => {
    const f = await newPartnership(t);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${encodeURIComponent(f.adminEmail)}&password=${encodeURIComponent(TEST_PASSWORD)}`,
    });
    expect(response.statusCode).toBe(415);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('validates the input with a message per field', async () => {
    const response = await new Client(t.app).post('/api/v1/auth/sign-in', { email: 'nope' });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.fields).sort()).toEqual(['email', 'password']);
    expect(response.body.fields.email).toBe('Cette adresse e-mail n’est pas valide.');
  });
});

describe('sessions', () => {
  it('start with a new id at every sign-in, and the previous one of that browser ends', async () => {
    const f = await newPartnership(t);
    const client = new Client(t.app);
    const first = await client.signIn(f.adminEmail);
    const firstCookie = client.cookie;
    const firstCsrf = first.body.csrfToken;

    const second = await client.signIn(f.adminEmail);
    expect(second.status).toBe(200);
    expect(client.cookie).toBeDefined();
    expect(client.cookie).not.toBe(firstCookie);
    expect(second.body.csrfToken).not.toBe(firstCsrf);

    expect((await replay(firstCookie)).statusCode).toBe(401);
    expect((await replay(client.cookie)).statusCode).toBe(200);
  });

  it('of other browsers are left alone by a sign-in elsewhere', async () => {
    const f = await newPartnership(t);
    const laptop = new Client(t.app);
    const phone = new Client(t.app);
    await laptop.signIn(f.adminEmail);
    await phone.signIn(f.adminEmail);
    expect((await laptop.get(SESSION)).status).toBe(200);
    expect((await phone.get(SESSION)).status).toBe(200);
  });

  it('end at sign-out: the cookie is cleared and no longer works anywhere', async () => {
    const f = await newPartnership(t);
    const oldCookie = f.admin.cookie;
    const response = await f.admin.post('/api/v1/auth/sign-out');
    expect(response.status).toBe(204);
    expect(sessionCookieHeader(response.headers)).toMatch(/^entente_session=;/);
    expect(f.admin.cookie).toBeUndefined();
    expect((await replay(oldCookie)).statusCode).toBe(401);
    const overview = await t.app.inject({ method: 'GET', url: f.base, headers: { cookie: oldCookie! } });
    expect(overview.statusCode).toBe(401);
  });

  it('end on every device when the person asks, and those of other accounts go on', async () => {
    const f = await newPartnership(t);
    const other = await newPartnership(t);
    const laptop = new Client(t.app);
    await laptop.signIn(f.adminEmail);
    expect((await laptop.get(f.base)).status).toBe(200);
    const phoneCookie = f.admin.cookie;

    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out-everywhere', headers: { cookie: laptop.cookie! } });
    expect(refused.statusCode).toBe(403);
    expect((await laptop.get(f.base)).status).toBe(200);

    const response = await laptop.post('/api/v1/auth/sign-out-everywhere');
    expect(response.status).toBe(204);
    expect(sessionCookieHeader(response.headers)).toMatch(/^entente_session=;/);
    expect((await replay(phoneCookie)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: f.base, headers: { cookie: phoneCookie! } })).statusCode).toBe(401);
    expect((await laptop.get(f.base)).status).toBe(401);
    expect((await other.admin.get(other.base)).status).toBe(200);
    expect((await new Client(t.app).post('/api/v1/auth/sign-out-everywhere')).status).toBe(401);
  });

  it('expire after 30 days', async () => {
    const f = await newPartnership(t);
    const saved = t.clock.current;
    try {
      t.clock.advanceMinutes(30 * 24 * 60 - 1);
      expect((await f.admin.get(SESSION)).status).toBe(200);
      t.clock.advanceMinutes(2);
      expect((await f.admin.get(SESSION)).status).toBe(401);
      expect((await f.admin.get(f.base)).status).toBe(401);
    } finally {
      t.clock.current = saved;
    }
  });

  it('are required for the partnership routes', async () => {
    const f = await newPartnership(t);
    const anonymous = new Client(t.app);
    expect((await anonymous.get(SESSION)).status).toBe(401);
    const overview = await anonymous.get(f.base);
    expect(overview.status).toBe(401);
    expect(overview.body.message).toBe('Connectez-vous pour continuer.');
    const before = await countRows(t, f.partnershipId);
    const created = await anonymous.post(`${f.base}/organizations`, { name: uniqueName('Maison'), kind: 'association' });
    expect(created.status).toBe(401);
    expect(await countRows(t, f.partnershipId)).toEqual(before);
  });

  it('ignore a forged cookie', async () => {
    const f = await newPartnership(t);
    const forged = await t.app.inject({ method: 'GET', url: f.base, headers: { cookie: 'entente_session=forged-token-value' } });
    expect(forged.statusCode).toBe(401);
  });
});

describe('CSRF protection', () => {
  it('refuses a mutation without the x-csrf-token header, in the user’s language, and changes nothing', async () => {
    const f = await newPartnership(t);
    const before = await countRows(t, f.partnershipId);
    const missing = await t.app.inject({
      method: 'POST',
      url: `${f.base}/organizations`,
      headers: { cookie: f.admin.cookie!, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: uniqueName('Maison'), kind: 'association' }),
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toEqual({ error: 'csrf', message: 'Votre session a expiré : rechargez la page et recommencez.' });
    const english = await t.app.inject({
      method: 'POST',
      url: `${f.base}/organizations`,
      headers: { cookie: f.admin.cookie!, 'content-type': 'application/json', 'accept-language': 'en' },
      payload: JSON.stringify({ name: uniqueName('Maison'), kind: 'association' }),
    });
    expect(english.json().message).toBe('Your session has expired: reload the page and try again.');
    expect(await countRows(t, f.partnershipId)).toEqual(before);
  });

  it('refuses a wrong token, and the token of another session', async () => {
    const f = await newPartnership(t);
    const other = await newPartnership(t);
    const before = await countRows(t, f.partnershipId);
    for (const token of ['wrong', other.admin.csrfToken!, '']) {
      const response = await t.app.inject({
        method: 'POST',
        url: `${f.base}/organizations`,
        headers: { cookie: f.admin.cookie!, 'content-type': 'application/json', 'x-csrf-token': token },
        payload: JSON.stringify({ name: uniqueName('Maison'), kind: 'association' }),
      });
      expect(response.statusCode).toBe(403);
    }
    expect(await countRows(t, f.partnershipId)).toEqual(before);
  });

  it('covers PATCH, DELETE and sign-out as well', async () => {
    const f = await newPartnership(t);
    const headers = { cookie: f.admin.cookie!, 'content-type': 'application/json' };
    const patch = await t.app.inject({ method: 'PATCH', url: `${f.base}/people/${f.adminPersonId}`, headers, payload: '{"fullName":"Pirate"}' });
    expect(patch.statusCode).toBe(403);
    const del = await t.app.inject({ method: 'DELETE', url: `${f.base}/organizations/${f.adminPersonId}/memberships/${f.adminPersonId}`, headers: { cookie: f.admin.cookie! } });
    expect(del.statusCode).toBe(403);
    const signOut = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie: f.admin.cookie! } });
    expect(signOut.statusCode).toBe(403);
    // The session survived the forged sign-out.
    expect((await f.admin.get(SESSION)).status).toBe(200);
    expect((await f.admin.get(`${f.base}/people/${f.adminPersonId}`)).body.fullName).toBe('Admin Test');
  });

  it('lets the same request through with the right token', async () => {
    const f = await newPartnership(t);
    const response = await f.admin.post(`${f.base}/organizations`, { name: uniqueName('Maison'), kind: 'association' });
    expect(response.status).toBe(201);
  });
});

describe('language choice', () => {
  it('is remembered for the account and used for its messages', async () => {
    const f = await newPartnership(t);
    expect((await f.admin.post('/api/v1/auth/locale', { locale: 'en' })).status).toBe(204);
    expect((await f.admin.get(SESSION)).body.locale).toBe('en');
    const response = await f.admin.post(`${f.base}/organizations`, { kind: 'association' });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('The request contains errors.');
    expect(response.body.fields.name).toBe('This field is required.');
  });

  it('refuses an unknown language', async () => {
    const f = await newPartnership(t);
    expect((await f.admin.post('/api/v1/auth/locale', { locale: 'de' })).status).toBe(400);
  });
});

describe('rate limit on sign-in', () => {
  let limited: TestApp;
  let email: string;
  beforeAll(async () => {
    limited = await startTestApp({ signInAttemptsPerMinute: 3, secureCookies: true });
    email = uniqueEmail('limited');
    await createTestAccount(limited.store.db, email);
  });
  afterAll(() => limited.close());

  it('refuses the 4th attempt in a minute with 429 and a localized message, even with the right password', async () => {
    const client = new Client(limited.app);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expect((await client.signIn(email, `wrong password ${attempt}`)).status).toBe(401);
    }
    const fourth = await client.signIn(email);
    expect(fourth.status).toBe(429);
    expect(fourth.body).toEqual({ error: 'too_many_requests', message: 'Trop de tentatives. Réessayez dans une minute.' });
    expect(client.cookie).toBeUndefined();
    client.locale = 'en';
    const fifth = await client.signIn(email);
    expect(fifth.status).toBe(429);
    expect(fifth.body.message).toBe('Too many attempts. Try again in a minute.');
  });

  it('counts attempts per client address, whatever the account or a forged X-Forwarded-For', async () => {
    const app = await startTestApp({ signInAttemptsPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const response = await app.app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${attempt}` },
          payload: JSON.stringify({ email: uniqueEmail(`spray${attempt}`), password: 'a wrong password' }),
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await app.close();
    }
  });

  it('sets a Secure cookie when the server is told it runs behind https', async () => {
    const other = await startTestApp({ secureCookies: true });
    try {
      const otherEmail = uniqueEmail('secure');
      await createTestAccount(other.store.db, otherEmail);
      const response = await new Client(other.app).signIn(otherEmail);
      expect(sessionCookieHeader(response.headers)).toMatch(/;\s*Secure/i);
    } finally {
      await other.close();
    }
  });
});
