import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp, type AppConfig } from '../../src/server/app.js';
import { createAccountWithPassword } from '../../src/accounts/acts.js';
import { createPartnership } from '../../src/partnerships/acts.js';
import { openStore, type Store } from '../../src/common/database/database.js';
import { LATEST_MIGRATION, migrateTo } from '../../src/common/database/migrate.js';
import { copyDatabase, createThrowawayDatabase } from './throwaway-database.js';

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * The scrypt cost of test accounts, a sixteenth of production's. Sign-in reads the cost from the
 * stored hash, so it checks these passwords as it checks any; at full cost, hashing and checking
 * took about 65 ms each on the CI machine, for every one of the suite's many test accounts.
 */
const TEST_SCRYPT_COST = { N: 1024, r: 8, p: 1 };

/** An account whose password is TEST_PASSWORD. */
export function createTestAccount(db: Store['db'], email: string): Promise<string> {
  return createAccountWithPassword(db, email, TEST_PASSWORD, TEST_SCRYPT_COST);
}

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public current = new Date('2026-03-10T09:00:00Z')) {}
  now = (): Date => new Date(this.current);
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

/**
 * The project's database: `postgres`, the run's PostgreSQL database, which the project's files
 * share; `postgres-copy`, a copy of it for each app, as the browser files want; else a copy of the
 * run's PGlite template.
 */
const testDatabase = process.env['ENTENTE_TEST_DB'] ?? 'pglite';

const pgliteTemplate = () => new Blob([readFileSync(inject('pgliteTemplate'))]);

export async function openTestStore(): Promise<Store> {
  if (testDatabase === 'postgres') return openStore({ databaseUrl: inject('postgresUrl'), poolSize: 10 });
  return openStore({ pgliteTemplate: pgliteTemplate() });
}

/** Fills the empty PGlite folder `dataDir` with the run's migrated template, instead of PGlite creating and migrating a new one, seconds a folder. */
export async function migratedPgliteFolder(dataDir: string): Promise<void> {
  await (await openStore({ dataDir, pgliteTemplate: pgliteTemplate() })).close();
}

/** A database of the app's own, as the project's database is given, and how to be done with it. */
async function appDatabase(): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (testDatabase !== 'postgres-copy') {
    const store = await openTestStore();
    return { store, drop: () => store.close() };
  }
  const database = await copyDatabase(inject('postgresServerUrl'), inject('postgresUrl'), 'entente_app');
  const store = await openStore({ databaseUrl: database.url, poolSize: 10 });
  return {
    store,
    drop: async () => {
      await store.close();
      await database.drop();
    },
  };
}

/**
 * A database with the schema (by default the latest, else up to the named migration) and nothing
 * else, that no other test file writes to: a new PGlite, or a new PostgreSQL database.
 */
export async function emptyDatabase(schema = LATEST_MIGRATION): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (testDatabase === 'pglite') {
    const store = schema === LATEST_MIGRATION ? await openTestStore() : await openStore({});
    await migrateTo(store.db, schema);
    return { store, drop: () => store.close() };
  }
  const database = await createThrowawayDatabase(inject('postgresServerUrl'), 'entente_empty');
  const store = await openStore({ databaseUrl: database.url, poolSize: 2 });
  await migrateTo(store.db, schema);
  return {
    store,
    drop: async () => {
      await store.close();
      await database.drop();
    },
  };
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly clock: TestClock;
  close(): Promise<void>;
}

/** An app on the tests' database, or on `database`, which closing it drops. */
export async function startTestApp(config: Partial<AppConfig> = {}, given?: { store: Store; drop: () => Promise<void> }): Promise<TestApp> {
  const database = given ?? (await appDatabase());
  const store = database.store;
  const clock = new TestClock();
  const app = await buildApp(store, {
    publicUrl: 'http://entente.test',
    signInAttemptsPerMinute: 1000,
    secureCookies: false,
    now: clock.now,
    ...config,
  });
  await app.ready();
  return {
    app,
    store,
    clock,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * The server's log, as entries, for what goes there alone: without SMTP, a mail's text with its
 * sign-in link. Pass `logger` to startTestApp.
 */
export class ServerLog {
  readonly entries: Record<string, unknown>[] = [];
  readonly logger = { level: 'info', stream: { write: (line: string) => void this.entries.push(JSON.parse(line)) } };

  /** The last link of the given shape in a mail logged for this address. */
  linkMailedTo(recipient: string, pattern: RegExp): string {
    const mail = [...this.entries].reverse().find((entry) => entry['to'] === recipient && pattern.test(String(entry['body'])));
    if (!mail) throw new Error(`no mail logged for ${recipient} matching ${pattern}`);
    return pattern.exec(String(mail['body']))![1]!;
  }

  /**
   * The mails logged for this address, oldest first, each with where its button leads: the path
   * and the anchor of the form (`/p/…/elections/…#proposer-un-nom`), or null without a button.
   */
  mailsTo(recipient: string): { subject: string; body: string; button: string | null }[] {
    return this.entries
      .filter((entry) => entry['to'] === recipient)
      .map((entry) => {
        const body = String(entry['body']);
        const link = /http:\/\/entente\.test(\/p\/[^\s#]+)#lien=[A-Za-z0-9_-]+(?:&ancre=([a-z-]+))?/.exec(body);
        return { subject: String(entry['subject']), body, button: link ? `${link[1]}${link[2] ? `#${link[2]}` : ''}` : null };
      });
  }
}

export interface Response<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Record<string, unknown>;
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on mutations. */
export class Client {
  cookie: string | undefined;
  csrfToken: string | undefined;
  locale: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  async request<T = any>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<Response<T>> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers['cookie'] = this.cookie;
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    if (this.locale) headers['accept-language'] = this.locale;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const response = await this.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}) });
    const setCookie = response.cookies.find((c) => c.name === 'entente_session');
    if (setCookie) this.cookie = setCookie.value ? `entente_session=${setCookie.value}` : undefined;
    const body = response.body && response.headers['content-type']?.toString().includes('json') ? response.json() : response.body;
    if (body && typeof body === 'object' && 'csrfToken' in body) this.csrfToken = (body as { csrfToken: string }).csrfToken;
    if (method !== 'GET') await this.expectMailHandedOver(method, url);
    return { status: response.statusCode, body: body as T, headers: response.headers };
  }

  /**
   * Every act that queues mail has it handed to the transport as it commits (common/act.ts), not
   * at the retry loop's next minute, which tests never start: after each mutation in a partnership,
   * once the deliveries under way end, none of its mail may still wait. A transport that fails on
   * purpose (an SMTP_URL to nowhere) leaves mail waiting, so only log delivery is checked. A
   * request answered while another act of the partnership commits may see that act's mail between
   * its commit and its delivery: it looks again for a moment, far less than the retry loop's minute.
   */
  private async expectMailHandedOver(method: string, url: string): Promise<void> {
    const partnershipId = /^\/api\/v1\/partnerships\/([0-9a-f-]{36})\//.exec(url)?.[1];
    if (partnershipId === undefined || this.app.mailer.deliversByEmail) return;
    let waiting = 0;
    // Up to five seconds: under a full suite on two cores, one act's many mails may still be on their way.
    for (let look = 0; look < 250; look += 1) {
      await this.app.mailer.idle();
      const row = await this.app.store.db
        .selectFrom('outbox_message')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('partnership_id', '=', partnershipId)
        .where('sent_at', 'is', null)
        .executeTakeFirstOrThrow();
      waiting = Number(row.count);
      if (waiting === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${method} ${url} left ${waiting} mail waiting for the retry loop`);
  }

  get = <T = any>(url: string) => this.request<T>('GET', url);
  post = <T = any>(url: string, payload?: unknown) => this.request<T>('POST', url, payload ?? {});
  patch = <T = any>(url: string, payload: unknown) => this.request<T>('PATCH', url, payload);
  put = <T = any>(url: string, payload: unknown) => this.request<T>('PUT', url, payload);
  delete = <T = any>(url: string) => this.request<T>('DELETE', url);

  async signIn(email: string, password = TEST_PASSWORD): Promise<Response> {
    return this.post('/api/v1/auth/sign-in', { email, password });
  }
}

let counter = 0;
/** A unique address, so test files can share one PostgreSQL database. */
export const uniqueEmail = (name: string) => `${name}.${process.pid}.${Date.now()}.${++counter}@example.org`;

export interface PartnershipFixture {
  readonly partnershipId: string;
  readonly adminPersonId: string;
  readonly adminEmail: string;
  readonly admin: Client;
  readonly base: string;
}

/** A new partnership with a signed-in administrator. */
export async function newPartnership(t: TestApp, name = `Partenariat ${++counter}`): Promise<PartnershipFixture> {
  const adminEmail = uniqueEmail('admin');
  const accountId = await createTestAccount(t.store.db, adminEmail);
  const { partnershipId, adminPersonId } = await createPartnership(
    t.store.db,
    { name, admin: { fullName: 'Admin Test', email: adminEmail, accountId } },
    t.clock.now(),
  );
  const admin = new Client(t.app);
  const signIn = await admin.signIn(adminEmail);
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status}`);
  return { partnershipId, adminPersonId, adminEmail, admin, base: `/api/v1/partnerships/${partnershipId}` };
}

/** A person with an account, signed in, optionally member of organizations. */
export async function newMember(
  t: TestApp,
  fixture: PartnershipFixture,
  options: { fullName?: string; memberships?: { organizationId: string; kind: string; isOrganizationAdmin?: boolean }[] } = {},
): Promise<{ personId: string; client: Client; email: string }> {
  const email = uniqueEmail('member');
  const created = await fixture.admin.post(`${fixture.base}/people`, {
    fullName: options.fullName ?? 'Membre Test',
    email,
    memberships: options.memberships ?? [],
  });
  if (created.status !== 201) throw new Error(`person not created: ${JSON.stringify(created.body)}`);
  const accountId = await createTestAccount(t.store.db, email);
  await t.store.db.updateTable('person').set({ account_id: accountId }).where('id', '=', created.body.id).execute();
  const client = new Client(t.app);
  await client.signIn(email);
  return { personId: created.body.id, client, email };
}
