import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPartnership } from '../../src/backup/backup.js';
import { MailDispatcher } from '../../src/mail/mailer.js';
import { migrateToLatest } from '../../src/common/database/migrate.js';
import { furnishedWithFacilitator, partnershipRoutes } from '../support/partnership-routes.js';
import { builder, outboxMessages } from '../support/structure.js';
import {
  Client,
  emptyDatabase,
  newPartnership,
  ServerLog,
  startTestApp,
  TEST_PASSWORD,
  uniqueEmail,
  type PartnershipFixture,
  type TestApp,
} from '../support/test-app.js';

/**
 * A link that opens an account (a sign-in link, an invitation) is for its addressee alone. An
 * administrator reads every page of the partnership and downloads its backup, the operator
 * exports it: none of it holds a token that signs anyone in, whether its mail is delivered or still
 * waits for SMTP. The one exception the partnership's administrators may read: an open
 * invitation, on the Messages page, since they may invite that person themselves.
 */

/** A token as `newToken` makes them: 32 random bytes in base64url. */
const TOKEN = /(?<![\w-])[\w-]{43}(?![\w-])/g;
const MAGIC_LINK = /http:\/\/entente\.test\/connexion\/lien#([\w-]{43})/;
const INVITATION_LINK = /http:\/\/entente\.test\/invitation#([\w-]{43})/;

/** The tokens in `text` that the server takes: as a sign-in link, or as an open invitation. */
async function workingTokens(t: TestApp, text: string): Promise<string[]> {
  const working: string[] = [];
  for (const token of new Set(text.match(TOKEN))) {
    // Describing an invitation uses nothing up; a sign-in link that works is used, and must not exist.
    const invitation = await new Client(t.app).post('/api/v1/auth/invitation/describe', { token });
    const signIn = await new Client(t.app).post('/api/v1/auth/magic-link/consume', { token });
    if (invitation.status === 200 || signIn.status === 200) working.push(token);
  }
  return working;
}

async function readAs(t: TestApp, client: Client, url: string): Promise<string> {
  const response = await t.app.inject({ method: 'GET', url, headers: { cookie: client.cookie! } });
  return response.body;
}

const requestLink = (t: TestApp, email: string) => new Client(t.app).post('/api/v1/auth/magic-link', { email });

async function invite(f: PartnershipFixture, personId: string): Promise<void> {
  expect((await f.admin.post(`${f.base}/people/${personId}/invitation`)).status).toBe(201);
}

describe('without SMTP, links that open an account', () => {
  const serverLog = new ServerLog();
  let t: TestApp;
  let f: PartnershipFixture;
  let urls: string[];
  let memberEmail: string;
  let newcomerId: string;
  let newcomerEmail: string;

  beforeAll(async () => {
    // A database of its own: each mail leaves once, and the server of another test file could send it.
    t = await startTestApp({ logger: serverLog.logger }, await emptyDatabase());
    f = await newPartnership(t);
    const { ids, facilitator } = await furnishedWithFacilitator(t, f, 'Nadia Benali');
    memberEmail = facilitator.email;
    newcomerEmail = uniqueEmail('newcomer');
    newcomerId = await builder(f).person({ fullName: 'Rose Delmas', email: newcomerEmail });
    // The administrator of another partnership, whose account an invitation must not open.
    const other = await newPartnership(t);
    const alreadyHasAccount = await builder(f).person({ fullName: 'Admin Ailleurs', email: other.adminEmail });
    await invite(f, newcomerId);
    await invite(f, alreadyHasAccount);
    expect((await requestLink(t, memberEmail)).status).toBe(202);
    expect((await requestLink(t, f.adminEmail)).status).toBe(202);
    await t.app.mailer.flush();
    urls = [
      ...partnershipRoutes(f.base, ids, ids, null).filter(([method]) => method === 'GET').map(([, url]) => url),
      `${f.base}/people?q=${encodeURIComponent(newcomerEmail)}`,
      '/api/v1/auth/export',
      '/api/v1/auth/session',
    ];
  });
  afterAll(() => t.close());

  it('are in no backup: neither the administrator’s download nor the operator’s export', async () => {
    const download = await readAs(t, f.admin, `${f.base}/backup`);
    const operatorExport = JSON.stringify(await exportPartnership(t.store.db, f.partnershipId, t.clock.now(), { withPasswordHashes: true }));
    expect(download).toContain('Votre lien de connexion à Entente');
    expect(download).toContain('Invitation à rejoindre');
    expect(await workingTokens(t, download)).toEqual([]);
    expect(await workingTokens(t, operatorExport)).toEqual([]);
  });

  it('sign nobody in from any page an administrator reads; open invitations show on the Messages page only', async () => {
    const found = new Map<string, string[]>();
    for (const url of urls) {
      const working = await workingTokens(t, await readAs(t, f.admin, url));
      if (working.length > 0) found.set(url.replace(f.base, '…'), working);
    }
    expect([...found.keys()]).toEqual(['…/outbox']);
    const shown = await outboxMessages(f);
    const invitations = shown.filter((message) => INVITATION_LINK.test(message.body));
    expect(found.get('…/outbox')!.sort()).toEqual(invitations.map((message) => INVITATION_LINK.exec(message.body)![1]!).sort());
    // The link alone opens no existing account: only the newcomer, who has none, could be signed in.
    for (const message of invitations.filter((m) => m.recipient !== newcomerEmail)) {
      const refused = await new Client(t.app).post('/api/v1/auth/invitation/accept', { token: INVITATION_LINK.exec(message.body)![1]!, password: 'une prise de contrôle' });
      expect(refused.status).toBe(409);
    }
  });

  it('reach their addressee through the server log, which alone holds a sign-in link', async () => {
    for (const email of [memberEmail, f.adminEmail]) {
      const token = serverLog.linkMailedTo(email, MAGIC_LINK);
      const visitor = new Client(t.app);
      expect((await visitor.post('/api/v1/auth/magic-link/consume', { token })).status).toBe(200);
      expect((await visitor.get('/api/v1/auth/session')).body.email).toBe(email);
    }
  });
});

describe('links that open an account, in mails waiting for SMTP', () => {
  let t: TestApp;
  let f: PartnershipFixture;

  beforeAll(async () => {
    // A database of its own: another test file's server would deliver what waits here.
    t = await startTestApp({ smtpUrl: 'smtp://127.0.0.1:1' }, await emptyDatabase());
    f = await newPartnership(t);
    await invite(f, await builder(f).person({ fullName: 'Rose Delmas', email: uniqueEmail('rose') }));
    expect((await requestLink(t, f.adminEmail)).status).toBe(202);
    await t.app.mailer.flush();
  });
  afterAll(() => t.close());

  it('are in no backup while they wait, are delivered with their link, then are nowhere in the database', async () => {
    const waiting = await t.store.db.selectFrom('outbox_message').select('id').where('sent_at', 'is', null).execute();
    expect(waiting).toHaveLength(2);
    const download = await readAs(t, f.admin, `${f.base}/backup`);
    const operatorExport = JSON.stringify(await exportPartnership(t.store.db, f.partnershipId, t.clock.now(), { withPasswordHashes: true }));
    expect(await workingTokens(t, download)).toEqual([]);
    expect(await workingTokens(t, operatorExport)).toEqual([]);
    expect((await f.admin.get(`${f.base}/outbox`)).body).toEqual({ deliversByEmail: true, messages: [], next: null });

    // SMTP is back: each addressee receives their link.
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const sent: { to: string; text: string }[] = [];
    transport.use('compile', (mail, done) => {
      sent.push({ to: String(mail.data.to), text: String(mail.data.text) });
      done();
    });
    await new MailDispatcher(t.store.db, { info: () => {}, error: () => {} }, transport, 'http://entente.test').flush();
    expect(sent).toHaveLength(2);
    const signInLink = MAGIC_LINK.exec(sent.find((mail) => mail.to === f.adminEmail)!.text)![1]!;
    const invitationLink = INVITATION_LINK.exec(sent.find((mail) => mail.to !== f.adminEmail)!.text)![1]!;

    // Once sent, the database holds their digests only.
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.store.db);
    for (const { name } of tables.rows) {
      const { rows } = await sql<{ found: number }>`select count(*)::integer as found from ${sql.table(name)} t where t::text like ${`%${signInLink}%`} or t::text like ${`%${invitationLink}%`}`.execute(t.store.db);
      expect(rows[0]!.found, name).toBe(0);
    }
    const visitor = new Client(t.app);
    expect((await visitor.post('/api/v1/auth/magic-link/consume', { token: signInLink })).status).toBe(200);
    expect((await new Client(t.app).post('/api/v1/auth/magic-link/consume', { token: signInLink })).status).toBe(409);
    expect((await new Client(t.app).post('/api/v1/auth/invitation/accept', { token: invitationLink, password: TEST_PASSWORD })).status).toBe(200);
    expect((await new Client(t.app).post('/api/v1/auth/invitation/accept', { token: invitationLink, password: TEST_PASSWORD })).status).toBe(409);
  });
});

describe('mails written before links were kept apart (migration 019)', () => {
  it('keep no link in their message: one still to send keeps it apart for its addressee', async () => {
    const database = await emptyDatabase('018-people-search');
    try {
      const db = database.store.db;
      const key = 'k'.repeat(43);
      const mail = (body: string, sent: boolean) => ({ id: randomUUID(), partnership_id: null, recipient: 'rose@example.org', subject: 'S', body, sent_at: sent ? new Date() : null });
      const waiting = mail(`Ouvrez ce lien :\nhttps://entente.example/connexion/lien#${key}\n`, false);
      const sent = mail(`Ouvrez ce lien :\nhttps://entente.example/invitation#${key}\n`, true);
      const notice = mail('Pour information, https://entente.example/p#section', false);
      await db.insertInto('outbox_message').values([waiting, sent, notice]).execute();
      await migrateToLatest(db);
      const bodies = await db.selectFrom('outbox_message').select(['id', 'body']).execute();
      expect(Object.fromEntries(bodies.map((row) => [row.id, row.body]))).toEqual({
        [waiting.id]: 'Ouvrez ce lien :\nhttps://entente.example/connexion/lien\n',
        [sent.id]: 'Ouvrez ce lien :\nhttps://entente.example/invitation\n',
        [notice.id]: notice.body,
      });
      expect(await db.selectFrom('outbox_personal_body').select(['message_id', 'body', 'invitation_token_hash']).execute()).toEqual([{ message_id: waiting.id, body: waiting.body, invitation_token_hash: null }]);
    } finally {
      await database.drop();
    }
  });
});
