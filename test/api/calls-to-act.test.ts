import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDeadlineReminders, sendDigests } from '../../src/participation/digest.js';
import { builder, TODAY } from '../support/structure.js';
import { Client, newMember, newPartnership, ServerLog, startTestApp, uniqueEmail, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

const ACTION_LINK = /(http:\/\/entente\.test\/p\/[^\s#]+#lien=[A-Za-z0-9_-]+(?:&ancre=[a-z-]+)?)/;
const SETTINGS_LINK = /http:\/\/entente\.test\/reglages-des-messages#([A-Za-z0-9_-]+)/;

/** What the server logged (it has no SMTP) for this address, newest last. */
const mailsTo = (email: string) => log.entries.filter((entry) => entry['to'] === email).map((entry) => ({ subject: String(entry['subject']), body: String(entry['body']) }));

/** A steering committee of three, one of them without an account yet, under the partnership charter in force. */
async function committee() {
  const f = await newPartnership(t);
  const build = builder(f);
  const house = await build.organization('Maison des Tilleuls');
  await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
  const steering = await build.body({ name: 'Comité de pilotage', kind: 'steering' });
  await build.body({ name: 'Codir', kind: 'directors' });
  await build.body({ name: 'Groupe jardins', kind: 'working_group' });
  const seated = async (fullName: string) => {
    const member = await newMember(t, f, { fullName, memberships: [{ organizationId: house, kind: 'board' }] });
    await build.seat(steering, { personId: member.personId, organizationId: house });
    return member;
  };
  const nadia = await seated('Nadia Benali');
  const gerard = await seated('Gérard Lefèvre');
  const newcomerEmail = uniqueEmail('newcomer');
  const newcomer = await f.admin.post(`${f.base}/people`, { fullName: 'Samia Haddad', email: newcomerEmail, memberships: [{ organizationId: house, kind: 'board' }] });
  await build.seat(steering, { personId: newcomer.body.id, organizationId: house });
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'partnership' });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  const content = (await f.admin.get(versionUrl)).body.content;
  const saved = await f.admin.put(versionUrl, content);
  expect(saved.body.issues, JSON.stringify(saved.body.issues)).toEqual([]);
  const contentHash = (await f.admin.get(versionUrl)).body.contentHash;
  expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId: steering, adoptedOn: TODAY, contentHash })).status).toBe(200);
  return { f, steering, nadia, gerard, newcomer: { personId: newcomer.body.id as string, email: newcomerEmail } };
}

type Committee = Awaited<ReturnType<typeof committee>>;

async function openRound(c: Committee, deadline = new Date(t.clock.now().getTime() + 3 * 86_400_000)) {
  const created = await c.f.admin.post(`${c.f.base}/proposals`, { level: 'operational', wording: 'Ouvrir le jardin partagé le samedi matin.', context: '', participationLevel: 'participation' });
  expect(created.status).toBe(201);
  const url = `${c.f.base}/proposals/${created.body.id}`;
  // The facilitator moves phase by phase; the deadline is only accepted as the round opens.
  while ((await c.f.admin.get(url)).body.phase !== 'round') {
    const withDeadline = await c.f.admin.post(`${url}/phase`, { deadline: deadline.toISOString() });
    if (withDeadline.status === 400) expect((await c.f.admin.post(`${url}/phase`, {})).status).toBe(200);
    else expect(withDeadline.status).toBe(200);
  }
  return { url, proposalId: created.body.id as string, path: `/p/${c.f.partnershipId}/propositions/${created.body.id}` };
}

const linkIn = (body: string) => {
  const url = new URL(ACTION_LINK.exec(body)![1]!);
  return { path: url.pathname, token: new URLSearchParams(url.hash.slice(1)).get('lien')! };
};

describe('a round calls the members of the deciding body by mail', () => {
  it('mails each member what is asked, by when, how it is decided, and a button to the form', async () => {
    const c = await committee();
    const round = await openRound(c);
    const [call] = mailsTo(c.nadia.email).filter((mail) => mail.subject.startsWith('À vous de répondre'));
    expect(call).toBeDefined();
    expect(call!.subject).toBe('À vous de répondre — Comité de pilotage : « Ouvrir le jardin partagé le samedi matin. »');
    expect(call!.body).toContain('Bonjour Nadia Benali,');
    expect(call!.body).toContain('À faire avant le : ');
    expect(call!.body).toMatch(/Par (consensus|consentement)/);
    expect(linkIn(call!.body).path).toBe(round.path);
    expect(call!.body).toMatch(/#lien=[A-Za-z0-9_-]+&ancre=prendre-position/);
    expect(call!.body).toMatch(SETTINGS_LINK);
    // The outbox, which administrators read, names the button but holds no link.
    const stored = await t.store.db.selectFrom('outbox_message').select('body').where('recipient', '=', c.nadia.email).where('subject', 'like', 'À vous de répondre%').executeTakeFirstOrThrow();
    expect(stored.body).not.toMatch(/#lien=/);
    expect(stored.body).toContain('[lien personnel, envoyé à la seule personne destinataire]');
  });

  it('signs a member in on the form once, in that partnership only; refuses reuse, another page, another person, expiry', async () => {
    const c = await committee();
    const round = await openRound(c);
    const call = mailsTo(c.newcomer.email).find((mail) => mail.subject.startsWith('À vous de répondre'))!;
    const link = linkIn(call.body);
    const phone = new Client(t.app);
    expect((await phone.post('/api/v1/auth/action-link', { token: link.token, path: `/p/${c.f.partnershipId}/journal` })).status).toBe(409);
    const opened = await phone.post('/api/v1/auth/action-link', link);
    expect(opened.status).toBe(200);
    // The newcomer had no account: their mailbox answered for them.
    const session = await phone.get('/api/v1/auth/session');
    expect(session.body.partnerships.map((p: { id: string }) => p.id)).toEqual([c.f.partnershipId]);
    expect((await phone.post(`${round.url}/stances`, { stance: 'agree', reason: '', idempotencyKey: crypto.randomUUID() })).status).toBe(200);
    expect((await phone.get('/api/v1/auth/export')).status).toBe(403);

    const again = await new Client(t.app).post('/api/v1/auth/action-link', link);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('déjà servi');

    const nadiaLink = linkIn(mailsTo(c.nadia.email).find((mail) => mail.subject.startsWith('À vous de répondre'))!.body);
    const otherPerson = await c.gerard.client.post('/api/v1/auth/action-link', nadiaLink);
    expect(otherPerson.status).toBe(409);
    expect(otherPerson.body.message).toContain('une autre personne');

    const gerardLink = linkIn(mailsTo(c.gerard.email).find((mail) => mail.subject.startsWith('À vous de répondre'))!.body);
    expect((await c.gerard.client.post('/api/v1/auth/action-link', gerardLink)).status).toBe(204);

    t.clock.advanceMinutes(73 * 60);
    try {
      const expired = await new Client(t.app).post('/api/v1/auth/action-link', nadiaLink);
      expect(expired.status).toBe(409);
      expect(expired.body.message).toContain('plus valable');
    } finally {
      t.clock.advanceMinutes(-73 * 60);
    }
  });

  it('keeps a session opened by a mail out of the account’s other partnerships', async () => {
    const c = await committee();
    const other = await newPartnership(t);
    await t.store.db.updateTable('person').set({ account_id: (await t.store.db.selectFrom('person').select('account_id').where('id', '=', c.nadia.personId).executeTakeFirstOrThrow()).account_id }).where('email', '=', other.adminEmail).execute();
    await openRound(c);
    const link = linkIn(mailsTo(c.nadia.email).find((mail) => mail.subject.startsWith('À vous de répondre'))!.body);
    const phone = new Client(t.app);
    expect((await phone.post('/api/v1/auth/action-link', link)).status).toBe(200);
    expect((await phone.get(`${c.f.base}`)).status).toBe(200);
    expect((await phone.get(other.base)).status).toBe(404);
  });
});

describe('each person chooses which messages they receive', () => {
  it('holds calls and news for the daily digest, sends only deadlines, or nothing', async () => {
    const c = await committee();
    expect((await c.nadia.client.put(`${c.f.base}/mail-preference`, { preference: 'digest' })).body.preference).toBe('digest');
    expect((await c.gerard.client.put(`${c.f.base}/mail-preference`, { preference: 'deadlines' })).status).toBe(200);
    expect((await c.gerard.client.put(`${c.f.base}/mail-preference`, { preference: 'sometimes' })).status).toBe(400);
    await openRound(c);
    expect(mailsTo(c.nadia.email)).toEqual([]);
    const waiting = await t.store.db.selectFrom('mail_notice').select(['kind', 'mailed_at']).where('person_id', '=', c.nadia.personId).execute();
    expect(waiting.map((notice) => notice.kind).sort()).toEqual(['call', 'information']);
    expect(waiting.every((notice) => notice.mailed_at === null)).toBe(true);
    const gerard = mailsTo(c.gerard.email).map((mail) => mail.subject);
    expect(gerard.some((subject) => subject.startsWith('À vous de répondre'))).toBe(true);
    expect(gerard.some((subject) => subject.startsWith('Nouvelle proposition'))).toBe(false);
  });

  it('lets the addressee choose from the link in any mail, and unsubscribe in one click', async () => {
    const c = await committee();
    await openRound(c);
    const body = mailsTo(c.nadia.email).at(-1)!.body;
    const token = SETTINGS_LINK.exec(body)![1]!;
    const visitor = new Client(t.app);
    expect((await visitor.post('/api/v1/mail-settings/describe', { token })).body).toEqual({ preference: 'each', fullName: 'Nadia Benali', partnership: expect.any(String) });
    expect((await visitor.post('/api/v1/mail-settings/preference', { token, preference: 'deadlines' })).body.preference).toBe('deadlines');
    expect((await visitor.post('/api/v1/mail-settings/describe', { token: 'x'.repeat(43) })).status).toBe(409);
    const oneClick = await t.app.inject({ method: 'POST', url: `/api/v1/mail-settings/unsubscribe?token=${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(oneClick.statusCode).toBe(204);
    expect((await c.nadia.client.get(`${c.f.base}/mail-preference`)).body.preference).toBe('none');
    const before = mailsTo(c.nadia.email).length;
    await openRound(c);
    expect(mailsTo(c.nadia.email)).toHaveLength(before);
  });
});

describe('reminders and digests', () => {
  it('reminds whoever has not answered, once, the day before the deadline', async () => {
    const c = await committee();
    const round = await openRound(c, new Date(t.clock.now().getTime() + 30 * 3_600_000));
    expect((await c.gerard.client.post(`${round.url}/stances`, { stance: 'agree', reason: '', idempotencyKey: crypto.randomUUID() })).status).toBe(200);
    // The reminders sweep the whole database, which other files share on PostgreSQL: what this
    // committee's members receive is what is asserted, not the sweep's count.
    const reminders = async (email: string) => {
      await t.app.mailer.idle();
      return mailsTo(email).filter((mail) => mail.subject.startsWith('Rappel : À vous de répondre'));
    };
    await sendDeadlineReminders(t.store.db, t.clock.now(), t.app.afterCommit);
    expect(await reminders(c.nadia.email)).toHaveLength(0);
    t.clock.advanceMinutes(7 * 60);
    try {
      await sendDeadlineReminders(t.store.db, t.clock.now(), t.app.afterCommit);
      const [reminder, ...more] = await reminders(c.nadia.email);
      expect(more).toHaveLength(0);
      expect(reminder?.body).toContain('L’échéance approche');
      expect(linkIn(reminder!.body).path).toBe(round.path);
      expect(mailsTo(c.gerard.email).some((mail) => mail.subject.startsWith('Rappel'))).toBe(false);
      await sendDeadlineReminders(t.store.db, t.clock.now(), t.app.afterCommit);
      expect(await reminders(c.nadia.email)).toHaveLength(1);
    } finally {
      t.clock.advanceMinutes(-7 * 60);
    }
  });

  it('gathers what waits for a digest into one mail a day, from seven in the morning', async () => {
    const c = await committee();
    expect((await c.nadia.client.put(`${c.f.base}/mail-preference`, { preference: 'digest' })).status).toBe(200);
    const round = await openRound(c);
    const digests = () => mailsTo(c.nadia.email).filter((mail) => mail.subject.startsWith('Entente : '));
    // 09:00 UTC is ten in the morning in Paris: the first digest leaves at once.
    await sendDigests(t.store.db, t.clock.now(), t.app.afterCommit);
    await t.app.mailer.idle();
    expect(digests()).toHaveLength(1);
    const [digest] = digests();
    expect(digest!.subject).toBe('Entente : 2 choses pour vous aujourd’hui');
    expect(digest!.body).toContain('NOUVELLE PROPOSITION');
    expect(digest!.body).toContain('À VOUS DE RÉPONDRE');
    expect(digest!.body.match(/#lien=/g)).toHaveLength(2);
    expect(digest!.body).toContain(round.path);
    await sendDigests(t.store.db, t.clock.now(), t.app.afterCommit);
    await openRound(c);
    await sendDigests(t.store.db, t.clock.now(), t.app.afterCommit);
    await t.app.mailer.idle();
    expect(digests()).toHaveLength(1);
    t.clock.advanceMinutes(21 * 60);
    try {
      await sendDigests(t.store.db, t.clock.now(), t.app.afterCommit);
      await t.app.mailer.idle();
      expect(digests()).toHaveLength(2);
    } finally {
      t.clock.advanceMinutes(-21 * 60);
    }
  });
});

describe('what a mail’s button may not open', () => {
  const callTo = (email: string) => linkIn(mailsTo(email).find((mail) => mail.subject.startsWith('À vous de répondre'))!.body);

  it('opens nothing once the person’s address changed: whoever edits an address gets no one’s key', async () => {
    const c = await committee();
    await openRound(c);
    const link = callTo(c.nadia.email);
    expect((await c.f.admin.patch(`${c.f.base}/people/${c.nadia.personId}`, { email: uniqueEmail('intruder') })).status).toBe(200);
    const refused = await new Client(t.app).post('/api/v1/auth/action-link', link);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('plus valable');
  });

  it('hands over no administrator’s rights, no other partnership, no invitation and no account-wide sign-out', async () => {
    const c = await committee();
    await t.store.db.updateTable('person').set({ is_partnership_admin: true }).where('id', '=', c.nadia.personId).execute();
    await openRound(c);
    const phone = new Client(t.app);
    expect((await phone.post('/api/v1/auth/action-link', callTo(c.nadia.email))).status).toBe(200);
    expect((await phone.get(`${c.f.base}/backup`)).status).toBe(403);
    expect((await phone.get('/api/v1/auth/session')).body.partnerships).toEqual([expect.objectContaining({ id: c.f.partnershipId, isAdmin: false })]);
    expect((await phone.get('/api/v1/partnerships')).body.map((p: { id: string }) => p.id)).toEqual([c.f.partnershipId]);
    expect((await phone.post('/api/v1/auth/sign-out-everywhere')).status).toBe(403);
    expect((await c.nadia.client.get(`${c.f.base}/backup`)).status).toBe(200);
  });

  it('lets another mail’s button replace a session a button opened', async () => {
    const c = await committee();
    await openRound(c);
    await openRound(c);
    const [first, second] = mailsTo(c.gerard.email).filter((mail) => mail.subject.startsWith('À vous de répondre')).map((mail) => linkIn(mail.body));
    const phone = new Client(t.app);
    expect((await phone.post('/api/v1/auth/action-link', first)).status).toBe(200);
    expect((await phone.post('/api/v1/auth/action-link', second)).status).toBe(200);
    expect((await phone.get('/api/v1/auth/session')).status).toBe(200);
  });
});
