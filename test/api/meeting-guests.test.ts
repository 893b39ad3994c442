import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAct, type ActContext } from '../../src/common/act.js';
import { migrateToLatest } from '../../src/common/database/migrate.js';
import { actionPlans } from '../../src/common/database/migrations/034-action-plans.js';
import { inviteGuestsInTransaction } from '../../src/meetings/acts.js';
import { textHash } from '../../src/journal/chain.js';
import { furnished } from '../support/partnership-routes.js';
import { pdfText } from '../support/pdf-text.js';
import { builder, journalOf, outboxMessages, TODAY } from '../support/structure.js';
import { emptyDatabase, newMember, newPartnership, ServerLog, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
const log = new ServerLog();
beforeAll(async () => {
  t = await startTestApp({ logger: log.logger });
});
afterAll(() => t.close());

type Member = Awaited<ReturnType<typeof newMember>>;

/**
 * A steering committee of two houses, Nadia facilitating its meeting and Samia taking the
 * minutes; Inès, a volunteer of the Tilleuls who sits nowhere, carries a project it will hear.
 */
async function steering() {
  const f = await newPartnership(t);
  const build = builder(f);
  const tilleuls = await build.organization('MJC des Tilleuls');
  const moulin = await build.organization('Centre social du Moulin');
  const body = await build.body({ name: 'Comité de pilotage', kind: 'steering', delegatesPerOrganization: 2 });
  const seat = async (fullName: string, organizationId: string) => {
    const member = await newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'board' }] });
    await build.seat(body, { personId: member.personId, organizationId });
    return member;
  };
  const [nadia, gerard, samia] = [await seat('Nadia Benali', tilleuls), await seat('Gérard Lefèvre', tilleuls), await seat('Samia Haddad', moulin)] as [Member, Member, Member];
  const ines = await newMember(t, f, { fullName: 'Inès Fabre', memberships: [{ organizationId: tilleuls, kind: 'volunteer' }] });
  const called = await nadia.client.post(`${f.base}/meetings`, {
    bodyId: body,
    title: 'Comité de rentrée',
    startsAt: '2026-09-15T18:30:00+02:00',
    place: 'Salle polyvalente du Moulin',
    secretaryId: samia.personId,
  });
  expect(called.status).toBe(201);
  const meetingId = called.body.id as string;
  return { f, body, tilleuls, nadia, gerard, samia, ines, meetingId, url: `${f.base}/meetings/${meetingId}` };
}

type Steering = Awaited<ReturnType<typeof steering>>;

const invite = (s: Steering, by: Member, personId: string, reason = 'porteuse du projet Jardins partagés') => by.client.post(`${s.url}/guests`, { personId, reason });

/** Opening round, closing round, end: a meeting without agenda items ends in three moves. */
async function endMeeting(s: Steering) {
  for (let move = 0; move < 3; move++) expect((await s.nadia.client.post(`${s.url}/advance`)).status).toBe(204);
}

describe('a meeting’s guests', () => {
  it('are invited by the secretary with a reason, shown apart from the members, and convened with the calendar event', async () => {
    const s = await steering();
    expect((await invite(s, s.samia, s.ines.personId)).status).toBe(204);
    const page = (await s.gerard.client.get(s.url)).body;
    expect(page.guests).toEqual([{ personId: s.ines.personId, fullName: 'Inès Fabre', reason: 'porteuse du projet Jardins partagés', attendance: null }]);
    expect(page.attendance.map((a: { personId: string }) => a.personId)).not.toContain(s.ines.personId);
    expect(page.quorum).toMatchObject({ members: 3, present: 0 });
    // The reason is free text: the journal keeps its fingerprint.
    expect((await journalOf(t, s.f.partnershipId)).at(-1)).toMatchObject({
      kind: 'meeting.guest_invited',
      payload: { meetingId: s.meetingId, personId: s.ines.personId, reasonHash: textHash('porteuse du projet Jardins partagés') },
    });

    const [convocation, ...more] = (await outboxMessages(s.f)).filter((m) => m.recipient === s.ines.email);
    expect(more).toEqual([]);
    expect(convocation!.subject).toBe('Convocation — Comité de pilotage : « Comité de rentrée », mardi 15 septembre 2026 à 18:30');
    expect(convocation!.body).toContain('Vous êtes invité ou invitée à la réunion « Comité de rentrée » de Comité de pilotage');
    expect(convocation!.body).toContain('Motif de l’invitation : porteuse du projet Jardins partagés');
    expect(convocation!.body).toContain('Lieu : Salle polyvalente du Moulin');
    const [mailed] = log.mailsTo(s.ines.email);
    expect(mailed!.button).toBe(`/p/${s.f.partnershipId}/reunions/${s.meetingId}`);
    const stored = await t.store.db.selectFrom('outbox_message').select('calendar').where('partnership_id', '=', s.f.partnershipId).where('recipient', '=', s.ines.email).executeTakeFirstOrThrow();
    expect(stored.calendar).toContain('DTSTART:20260915T163000Z');

    // Invited again: left as invited, with its first reason, and not convened twice.
    const journalLength = (await journalOf(t, s.f.partnershipId)).length;
    expect((await invite(s, s.nadia, s.ines.personId, 'autre chose')).status).toBe(204);
    expect((await journalOf(t, s.f.partnershipId)).length).toBe(journalLength);
    expect((await s.gerard.client.get(s.url)).body.guests[0].reason).toBe('porteuse du projet Jardins partagés');
    expect((await outboxMessages(s.f)).filter((m) => m.recipient === s.ines.email)).toHaveLength(1);
  });

  it('are invited and uninvited only by whoever runs the meeting, and offered the form only then', async () => {
    const s = await steering();
    expect((await s.gerard.client.get(s.url)).body.can.inviteGuests).toBe(false);
    expect((await s.samia.client.get(s.url)).body.can.inviteGuests).toBe(true);
    expect((await invite(s, s.gerard, s.ines.personId)).status).toBe(403);
    expect((await invite(s, s.ines, s.ines.personId)).status).toBe(403);
    expect((await invite(s, s.nadia, s.ines.personId)).status).toBe(204);
    expect((await s.gerard.client.delete(`${s.url}/guests/${s.ines.personId}`)).status).toBe(403);
    expect((await s.f.admin.delete(`${s.url}/guests/${s.ines.personId}`)).status).toBe(204);
    expect((await s.gerard.client.get(s.url)).body.guests).toEqual([]);
    expect((await journalOf(t, s.f.partnershipId)).at(-1)).toMatchObject({ kind: 'meeting.guest_removed', payload: { meetingId: s.meetingId, personId: s.ines.personId } });
    expect((await s.f.admin.delete(`${s.url}/guests/${s.ines.personId}`)).status).toBe(404);
  });

  it('refuses a member of the body, someone of another partnership, an erased person, and says why', async () => {
    const s = await steering();
    const member = await invite(s, s.samia, s.gerard.personId);
    expect(member.status).toBe(400);
    expect(member.body.fields.personId).toBe('Cette personne siège dans l’instance : elle est convoquée comme membre, pas comme invitée.');
    const elsewhere = await newPartnership(t);
    expect((await invite(s, s.samia, elsewhere.adminPersonId)).status).toBe(400);
    expect((await invite(s, s.samia, randomUUID())).status).toBe(400);
    const tooLong = await invite(s, s.samia, s.ines.personId, 'x'.repeat(301));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.fields.reason).toBeDefined();
    expect((await s.f.admin.post(`${s.f.base}/people/${s.ines.personId}/erase`)).status).toBe(200);
    expect((await invite(s, s.samia, s.ines.personId)).status).toBe(409);
    expect((await s.gerard.client.get(s.url)).body.guests).toEqual([]);
  });

  it('are noted present or absent apart from the members, never in the quorum nor among the minutes’ readers', async () => {
    const s = await steering();
    expect((await invite(s, s.samia, s.ines.personId)).status).toBe(204);
    const note = (personId: string, status: string) => s.samia.client.put(`${s.url}/attendance`, { personId, status, representedBy: null });
    expect((await note(s.ines.personId, 'present')).status).toBe(204);
    expect((await journalOf(t, s.f.partnershipId)).at(-1)).toMatchObject({ kind: 'meeting.attendance', payload: { personId: s.ines.personId, status: 'present', guest: true } });
    const excused = await note(s.ines.personId, 'excused');
    expect(excused.status).toBe(400);
    expect(excused.body.fields.status).toBe('Une personne invitée est notée présente ou absente.');
    expect((await s.gerard.client.put(`${s.url}/attendance`, { personId: s.ines.personId, status: 'absent', representedBy: null })).status).toBe(403);
    // A member cannot be represented by a guest.
    expect((await s.samia.client.put(`${s.url}/attendance`, { personId: s.gerard.personId, status: 'represented', representedBy: s.ines.personId })).status).toBe(400);
    expect((await note(s.nadia.personId, 'present')).status).toBe(204);
    const page = (await s.ines.client.get(s.url)).body;
    expect(page.guests[0].attendance).toBe('present');
    expect(page.attendance.find((a: { personId: string }) => a.personId === s.ines.personId)).toBeUndefined();
    expect(page.quorum).toMatchObject({ present: 1, members: 3 });
    expect(page.can).toMatchObject({ sayWord: false, review: false, inviteGuests: false, addItem: false });

    expect((await s.samia.client.put(`${s.url}/minutes`, { text: 'Inès présente le projet.', basedOn: 0 })).status).toBe(200);
    expect((await s.samia.client.post(`${s.url}/minutes/review`, { until: '2026-09-20T18:00:00+02:00' })).status).toBe(204);
    expect((await journalOf(t, s.f.partnershipId)).at(-1)).toMatchObject({ kind: 'meeting.minutes_review_opened', payload: { readers: 1 } });
    expect((await s.ines.client.put(`${s.url}/minutes/review`, { verdict: 'approve', basedOn: 1 })).status).toBe(403);
    expect((await note(s.ines.personId, 'absent')).status).toBe(204);
    expect((await s.ines.client.get(s.url)).body.guests[0].attendance).toBe('absent');

    const pdf = await t.app.inject({ method: 'GET', url: `${s.url}/minutes.pdf`, headers: { cookie: s.gerard.client.cookie! } });
    const printed = (await pdfText(new Uint8Array(pdf.rawPayload))).join(' ').replace(/\s+/g, ' ');
    expect(printed).toContain('Personnes invitées');
    expect(printed).toContain('Inès Fabre (porteuse du projet Jardins partagés) — absence');
  });

  it('no longer change once the meeting has ended or its minutes are published', async () => {
    const s = await steering();
    expect((await invite(s, s.samia, s.ines.personId)).status).toBe(204);
    await endMeeting(s);
    expect((await s.samia.client.get(s.url)).body.can.inviteGuests).toBe(false);
    const other = await newMember(t, s.f, { fullName: 'Paul Girard', memberships: [{ organizationId: s.tilleuls, kind: 'volunteer' }] });
    const late = await invite(s, s.samia, other.personId);
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('La réunion est close : sa liste d’invités ne change plus.');
    expect((await s.samia.client.delete(`${s.url}/guests/${s.ines.personId}`)).status).toBe(409);
    // Whether a guest came is still noted after the meeting, until its minutes are published.
    expect((await s.samia.client.put(`${s.url}/attendance`, { personId: s.ines.personId, status: 'present', representedBy: null })).status).toBe(204);

    const past = await s.nadia.client.post(`${s.f.base}/meetings/past`, { bodyId: s.body, title: 'Comité de juin', heldOn: TODAY, facilitatorId: s.nadia.personId, minutes: 'Tenu.' });
    expect(past.status).toBe(201);
    const published = await s.f.admin.post(`${s.f.base}/meetings/${past.body.id}/guests`, { personId: other.personId, reason: '' });
    expect(published.status).toBe(409);
    expect(published.body.message).toBe('La réunion est close : sa liste d’invités ne change plus.');
  });

  it('take no stance on the proposal the meeting hears: decisions belong to the body’s members', async () => {
    const f = await newPartnership(t);
    const ids = await furnished(f, 'Nadia Benali');
    const guest = await newMember(t, f, { fullName: 'Inès Fabre', memberships: [{ organizationId: ids.organizationId, kind: 'volunteer' }] });
    expect((await f.admin.post(`${f.base}/meetings/${ids.meetingId}/guests`, { personId: guest.personId, reason: 'porteuse du projet' })).status).toBe(204);
    expect((await f.admin.post(`${f.base}/meetings/${ids.meetingId}/agenda`, { kind: 'decision', title: 'La proposition', proposalId: ids.proposalId })).status).toBe(201);
    for (let move = 0; move < 3; move++) expect((await f.admin.post(`${f.base}/proposals/${ids.proposalId}/phase`)).status).toBe(200);
    expect((await f.admin.get(`${f.base}/proposals/${ids.proposalId}`)).body.phase).toBe('round');
    const stance = await guest.client.post(`${f.base}/proposals/${ids.proposalId}/stances`, { stance: 'consent', reason: '', idempotencyKey: randomUUID() });
    expect(stance.status).toBe(403);
    expect(await t.store.db.selectFrom('stance').select('id').where('member_id', '=', guest.personId).execute()).toEqual([]);
  });

  it('keep their row when erased, as attendance does, but not the reason given for them; their export lists the invitation', async () => {
    const s = await steering();
    expect((await invite(s, s.samia, s.ines.personId)).status).toBe(204);
    const exported = await t.app.inject({ method: 'GET', url: '/api/v1/auth/export', headers: { cookie: s.ines.client.cookie! } });
    expect(JSON.parse(exported.body).guestInvitations).toEqual([
      expect.objectContaining({ meeting_id: s.meetingId, person_id: s.ines.personId, reason: 'porteuse du projet Jardins partagés', attendance: null }),
    ]);
    expect((await s.f.admin.post(`${s.f.base}/people/${s.ines.personId}/erase`)).status).toBe(200);
    expect((await s.gerard.client.get(s.url)).body.guests).toEqual([{ personId: s.ines.personId, fullName: 'Personne effacée', reason: '', attendance: null }]);
  });
});

describe('inviting guests inside another act', () => {
  it('invites those not invited yet, leaves members and earlier invitations as they are, and cuts a long reason', async () => {
    const s = await steering();
    const paul = await newMember(t, s.f, { fullName: 'Paul Girard', memberships: [{ organizationId: s.tilleuls, kind: 'volunteer' }] });
    expect((await invite(s, s.samia, s.ines.personId, 'invitée d’abord')).status).toBe(204);
    const viewer = { personId: s.nadia.personId, isPartnershipAdmin: false, adminOfOrganizations: new Set<string>(), memberOfBodies: new Set([s.body]) };
    const ctx: ActContext = { db: t.store.db, partnershipId: s.f.partnershipId, viewer, now: t.clock.now() };
    const guests = [
      { personId: s.ines.personId, reason: 'porteuse du projet' },
      { personId: s.gerard.personId, reason: 'porteur du projet' },
      { personId: paul.personId, reason: `porteur du projet ${'x'.repeat(400)}` },
      { personId: paul.personId, reason: 'en double' },
    ];
    const inviteInAct = () => recordAct({ ...ctx, actorId: viewer.personId }, async (trx) => ({ result: null, events: await inviteGuestsInTransaction(trx, ctx, s.meetingId, guests) }));
    await inviteInAct();
    const page = (await s.gerard.client.get(s.url)).body;
    expect(page.guests.map((g: { fullName: string; reason: string }) => [g.fullName, g.reason.length])).toEqual([
      ['Inès Fabre', 'invitée d’abord'.length],
      ['Paul Girard', 300],
    ]);
    const journal = await journalOf(t, s.f.partnershipId);
    expect(journal.filter((entry) => entry.kind === 'meeting.guest_invited').map((entry) => entry.payload['personId'])).toEqual([s.ines.personId, paul.personId]);
    expect((await outboxMessages(s.f)).filter((m) => m.recipient === paul.email && m.subject.startsWith('Convocation'))).toHaveLength(1);
    // Once more: nothing new.
    await inviteInAct();
    expect((await journalOf(t, s.f.partnershipId)).length).toBe(journal.length);
  });
});

describe('the guests’ table', () => {
  it('reaches a database that ran migration 034 before 033 landed', async () => {
    const { store, drop } = await emptyDatabase('032-projects');
    try {
      // What a server migrated between the two landings holds: 034 run, 033 not.
      for (const statement of actionPlans) await sql.raw(statement).execute(store.db);
      await sql`insert into kysely_migration (name, timestamp) values ('034-action-plans', ${new Date().toISOString()})`.execute(store.db);
      await migrateToLatest(store.db);
      expect(await store.db.selectFrom('meeting_guest').select('person_id').execute()).toEqual([]);
    } finally {
      await drop();
    }
  });
});
