import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builder } from '../support/structure.js';
import { newPartnership, startTestApp, uniqueEmail, type PartnershipFixture, type TestApp } from '../support/test-app.js';

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
