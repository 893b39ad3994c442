import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/common/database/database.js';
import { MailDispatcher } from '../../src/mail/mailer.js';
import { exportPartnership } from '../../src/backup/backup.js';
import { recipientsAmong, tell } from '../../src/participation/calls.js';
import { builder } from '../support/structure.js';
import { emptyDatabase, newPartnership, startTestApp, uniqueEmail, type PartnershipFixture, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Shown {
  readonly id: string;
  readonly recipients: string[];
  readonly subject: string;
  readonly body: string;
}

async function page(f: PartnershipFixture, before?: string): Promise<{ messages: Shown[]; next: string | null }> {
  const response = await f.admin.get(`${f.base}/outbox${before ? `?before=${before}` : ''}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/** Copies of one mail to each address, as one act queues them: the same transaction time. */
async function queued(f: PartnershipFixture, at: string, subject: string, recipients: readonly string[]) {
  await t.store.db
    .insertInto('outbox_message')
    .values(recipients.map((recipient) => ({ id: randomUUID(), partnership_id: f.partnershipId, recipient, subject, body: `Texte de ${subject}`, created_at: sql<Date>`${at}::timestamptz` })))
    .execute();
}

describe('the Messages page', () => {
  it('shows a mail an act sent to several people once, with all its recipients', async () => {
    const f = await newPartnership(t);
    const emails = [uniqueEmail('c'), uniqueEmail('a'), uniqueEmail('b')];
    // Calls to act greet each person by name, so each is its own mail; a plain text to several is one.
    await queued(f, '2026-03-10T10:00:00.000001Z', 'Comité de rentrée', emails);
    // The same text sent again by another act is another mail.
    await queued(f, '2026-03-10T11:00:00.000001Z', 'Comité de rentrée', emails);

    const { messages, next } = await page(f);
    const invitations = messages.filter((message) => message.subject.includes('Comité de rentrée'));
    expect(invitations).toHaveLength(2);
    for (const invitation of invitations) expect(invitation.recipients).toEqual([...emails].sort());
    expect(invitations[0]!.body).toBe(invitations[1]!.body);
    expect(next).toBeNull();
  });

  it('lists a convocation once per member, each greeted by name', async () => {
    const f = await newPartnership(t);
    const build = builder(f);
    const body = await build.body({ name: 'Comité de pilotage' });
    const emails = [uniqueEmail('c'), uniqueEmail('a'), uniqueEmail('b')];
    for (const email of emails) await build.seat(body, { personId: await build.person({ email }), organizationId: null });
    expect((await f.admin.post(`${f.base}/meetings`, { bodyId: body, title: 'Comité de rentrée', startsAt: '2026-09-15T18:30:00+02:00' })).status).toBe(201);
    const invitations = (await page(f)).messages.filter((message) => message.subject.includes('Comité de rentrée'));
    expect(invitations.map((invitation) => invitation.recipients)).toEqual(expect.arrayContaining(emails.map((email) => [email])));
    expect(invitations).toHaveLength(3);
    for (const invitation of invitations) expect(invitation.body).toMatch(/^Bonjour .+,/);
  });

  it('keeps apart the mails of one act whose subject or text differ', async () => {
    const f = await newPartnership(t);
    const at = '2026-03-10T10:00:00.000001Z';
    await queued(f, at, 'Note', ['ana@example.org', 'ben@example.org']);
    await queued(f, at, 'Rappel', ['ana@example.org']);
    const { messages } = await page(f);
    expect(messages.map((message) => [message.subject, message.recipients])).toEqual(
      expect.arrayContaining([
        ['Note', ['ana@example.org', 'ben@example.org']],
        ['Rappel', ['ana@example.org']],
      ]),
    );
    expect(messages).toHaveLength(2);
  });

  it('comes a hundred mails at a time, newest first, each once, even when mails share the same microsecond across pages', async () => {
    const f = await newPartnership(t);
    const expected: string[] = [];
    for (let i = 0; i < 230; i += 1) {
      // Three mails per millisecond, two of them in the same microsecond: pages end inside such ties.
      const at = `2026-03-10T10:00:${String(Math.floor(i / 3) % 60).padStart(2, '0')}.${String(Math.floor(i / 180)).padStart(3, '0')}00${i % 3 === 2 ? 1 : 0}Z`;
      await queued(f, at, `Message ${i}`, [`personne${i}@example.org`, `autre${i}@example.org`]);
      expected.push(`Message ${i}`);
    }
    const pages: Shown[][] = [];
    let before: string | undefined;
    do {
      const shown = await page(f, before);
      pages.push(shown.messages);
      before = shown.next ?? undefined;
    } while (before !== undefined);
    expect(pages.map((shown) => shown.length)).toEqual([100, 100, 30]);
    const subjects = pages.flat().map((message) => message.subject);
    expect([...subjects].sort()).toEqual([...expected].sort());
    const times = await t.store.db
      .selectFrom('outbox_message')
      .select(['subject', sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`.as('at')])
      .where('partnership_id', '=', f.partnershipId)
      .execute();
    const timeOf = new Map(times.map((row) => [row.subject, row.at]));
    const shownTimes = subjects.map((subject) => timeOf.get(subject)!);
    expect(shownTimes).toEqual([...shownTimes].sort().reverse());
    expect(pages.flat().every((message) => message.recipients.length === 2)).toBe(true);
  });

  it('answers an empty page after a message of another partnership, and 400 for a cursor that is no id', async () => {
    const f = await newPartnership(t);
    const other = await newPartnership(t);
    await queued(f, '2026-03-10T10:00:00Z', 'Ici', ['ana@example.org']);
    await queued(other, '2026-03-11T10:00:00Z', 'Ailleurs', ['ben@example.org']);
    const elsewhere = (await page(other)).messages[0]!.id;
    expect(await page(f, elsewhere)).toEqual({ deliversByEmail: false, messages: [], next: null });
    expect((await f.admin.get(`${f.base}/outbox?before=not-an-id`)).status).toBe(400);
  });
});

/**
 * An SMTP server as one instance sees it: it records the subject of each mail it accepts. Each
 * send takes a few milliseconds, so that two instances' deliveries interleave; or, `held`, it
 * waits until the test lets it end, accepted or refused.
 */
function smtp(options: { held?: boolean } = {}) {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  const sent: string[] = [];
  let handed = () => {};
  const handedOver = new Promise<void>((resolve) => (handed = resolve));
  let release: (error?: Error) => void = () => {};
  const released = new Promise<Error | undefined>((resolve) => (release = resolve));
  transport.use('compile', (mail, done) => {
    handed();
    const accept = (error: Error | undefined) => {
      if (!error) sent.push(String(mail.data.subject));
      done(error);
    };
    if (options.held) void released.then(accept);
    else setTimeout(() => accept(undefined), sent.length % 4);
  });
  return { transport, sent, handedOver, release };
}

describe('a confidential mail (a dispute\'s)', () => {
  it('goes to its addressee, and neither the Messages page nor a backup shows it or its notice', async () => {
    const f = await newPartnership(t);
    const email = uniqueEmail('party');
    const personId = await builder(f).person({ email });
    const now = new Date();
    await t.store.db.transaction().execute(async (trx) => {
      const recipients = await recipientsAmong(trx, [personId]);
      for (const confidential of [true, false]) {
        await tell(trx, { partnershipId: f.partnershipId, now, confidential }, recipients, () => ({
          kind: 'call',
          subject: confidential ? 'Un différend vous concerne' : 'Un comité vous attend',
          section: { paragraphs: ['Texte'], facts: [], action: { label: 'Ouvrir', path: `/p/${f.partnershipId}` } },
          deadline: null,
          reason: 'Raison',
        }));
      }
    });

    const sent = await t.store.db.selectFrom('outbox_message').select(['subject', 'confidential']).where('recipient', '=', email).orderBy('subject').execute();
    expect(sent).toEqual([
      { subject: 'Un comité vous attend', confidential: false },
      { subject: 'Un différend vous concerne', confidential: true },
    ]);
    const subjects = (await page(f)).messages.filter((message) => message.recipients.includes(email)).map((message) => message.subject);
    expect(subjects).toEqual(['Un comité vous attend']);
    const backup = await exportPartnership(t.store.db, f.partnershipId, now, { withPasswordHashes: false });
    const backedUp = JSON.stringify([backup.tables['outbox_message'], backup.tables['mail_notice']]);
    expect(backedUp).toContain('Un comité vous attend');
    expect(backedUp).not.toContain('Un différend vous concerne');
  });
});

describe('delivery by two instances on one database', () => {
  let store: Store;
  let drop: () => Promise<void>;
  const quiet = { info: () => {}, error: () => {} };
  const instance = (transport: Transporter) => new MailDispatcher(store.db, quiet, transport, 'http://entente.test');

  beforeAll(async () => {
    // A database of its own: no other test file's server delivers what waits here.
    ({ store, drop } = await emptyDatabase());
  });
  afterAll(() => drop());

  /** Sign-in links and other mails of no partnership, one per subject, a millisecond apart. */
  async function waiting(subjects: readonly string[]) {
    await store.db
      .insertInto('outbox_message')
      .values(subjects.map((subject, i) => ({ id: randomUUID(), partnership_id: null, recipient: 'ana@example.org', subject, body: subject, created_at: new Date(Date.UTC(2026, 2, 10, 10, 0, 0, i)) })))
      .execute();
  }

  const unsent = async () => (await store.db.selectFrom('outbox_message').select('subject').where('sent_at', 'is', null).execute()).map((row) => row.subject);

  it('sends each message of a backlog once, whichever instance, retry loop or flush after an act, takes it', async () => {
    // More than one round's hundred, as after an SMTP outage.
    const backlog = Array.from({ length: 150 }, (_, i) => `Retard ${i}`);
    await waiting(backlog);
    const first = smtp();
    const second = smtp();
    const a = instance(first.transport);
    const b = instance(second.transport);
    await Promise.all([a.flush(), b.flush(null), b.flush(), a.flush(null), b.flush()]);
    expect([...first.sent, ...second.sent].sort()).toEqual([...backlog].sort());
    // Both took part: the two instances did deliver the same backlog at the same time.
    expect(first.sent.length).toBeGreaterThan(0);
    expect(second.sent.length).toBeGreaterThan(0);
    expect(await unsent()).toEqual([]);
  });

  it('leaves a message to the instance sending it until its claim expires, then another sends it; the first, failing late, frees nothing', async () => {
    await waiting(['Premier', 'Second']);
    const stuck = smtp({ held: true });
    const other = smtp();
    const a = instance(stuck.transport);
    const b = instance(other.transport);

    const aRound = a.flush();
    await stuck.handedOver;
    await b.flush();
    expect(other.sent).toEqual(['Second']);

    // A stays silent past its lease, as an instance that died would: its claim expires.
    await store.db.updateTable('outbox_message').set({ claimed_until: sql<Date>`now() - interval '1 second'` }).where('subject', '=', 'Premier').execute();
    const taker = smtp({ held: true });
    const c = instance(taker.transport);
    const cRound = c.flush();
    await taker.handedOver;

    // A's send fails at last: it gives back its own claims only, so Premier stays with C.
    stuck.release(new Error('connection lost'));
    await aRound;
    await b.flush();
    expect(other.sent).toEqual(['Second']);

    taker.release();
    await cRound;
    expect(taker.sent).toEqual(['Premier']);
    expect(stuck.sent).toEqual([]);
    expect(await unsent()).toEqual([]);
  });

  it('gives a message back when its send fails, for the next round of any instance', async () => {
    await waiting(['Refusé']);
    const refusing = smtp({ held: true });
    refusing.release(new Error('550 mailbox unavailable'));
    await instance(refusing.transport).flush();
    expect(await unsent()).toEqual(['Refusé']);
    const working = smtp();
    await instance(working.transport).flush();
    expect(working.sent).toEqual(['Refusé']);
  });
});
