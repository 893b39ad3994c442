import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { builder, journalOf, outboxMessages, uniqueName } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Member = Awaited<ReturnType<typeof newMember>>;

/**
 * Two houses and a common project: the MJC des Tilleuls lends (Agnès administers it, Hélène sits
 * for it in the directors' committee), the Centre social des Rives does not (Yves sits for it).
 * Lina is in the project's working group, Marc leads it, Odile belongs to neither.
 */
async function setting() {
  const f = await newPartnership(t);
  const build = builder(f);
  const tilleuls = await build.organization(uniqueName('MJC des Tilleuls'));
  const rives = await build.organization(uniqueName('Centre social des Rives'));
  const member = (fullName: string, organizationId: string, isOrganizationAdmin = false) => newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'staff', isOrganizationAdmin }] });
  const [agnes, helene, yves, lina, marc, odile] = (await Promise.all([
    member('Agnès Petit', tilleuls, true),
    member('Hélène Roux', tilleuls),
    member('Yves Martin', rives),
    member('Lina Morel', tilleuls),
    member('Marc Diallo', rives),
    member('Odile Perrin', rives),
  ])) as [Member, Member, Member, Member, Member, Member];
  const directors = await build.body({ name: uniqueName('Comité de direction'), kind: 'directors' });
  await build.seat(directors, { personId: helene.personId, organizationId: tilleuls });
  await build.seat(directors, { personId: yves.personId, organizationId: rives });
  const group = await build.body({ name: uniqueName('Groupe de travail'), kind: 'working_group' });
  await build.seat(group, { personId: lina.personId, organizationId: tilleuls, capacity: 'referent' });
  const projectId = randomUUID();
  const now = t.clock.now();
  await t.store.db
    .insertInto('project')
    .values({ id: projectId, partnership_id: f.partnershipId, title: uniqueName('Fête des voisins'), origin: 'team', stage: 'active', stage_since: now, created_by: f.adminPersonId, created_at: now, working_group_id: group, lead_nominee_id: marc.personId })
    .execute();
  const room = await agnes.client.post(`${f.base}/pooled-means`, { organizationId: tilleuls, kind: 'room', label: 'Grande salle', conditions: 'Clés à l’accueil, rendre la salle rangée.' });
  expect(room.status).toBe(201);
  const bookings = `${f.base}/projects/${projectId}/pooled-mean-bookings`;
  return { f, tilleuls, rives, agnes, helene, yves, lina, marc, odile, directors, group, projectId, roomId: room.body.id as string, bookings };
}

/** The pooled means' rows that disagree with the journal (the project is written here without its acts, so its own rows are not asked). */
const meansDisagreements = async (partnershipId: string) => (await checkStateAgainstJournal(t.store.db, partnershipId)).filter((disagreement) => disagreement.table.startsWith('pooled_mean'));

const span = (startsAt: string, endsAt: string) => ({ startsAt, endsAt });

describe('pooled means', () => {
  it('are listed by their organization’s administrators and read by everyone of the partnership', async () => {
    const s = await setting();
    expect((await s.lina.client.post(`${s.f.base}/pooled-means`, { organizationId: s.tilleuls, kind: 'vehicle', label: 'Minibus' })).status).toBe(403);
    expect((await s.agnes.client.post(`${s.f.base}/pooled-means`, { organizationId: s.rives, kind: 'vehicle', label: 'Minibus' })).status).toBe(403);
    const van = await s.f.admin.post(`${s.f.base}/pooled-means`, { organizationId: s.rives, kind: 'vehicle', label: 'Minibus neuf places', conditions: 'Permis B depuis trois ans.' });
    expect(van.status).toBe(201);
    const read = await s.odile.client.get(`${s.f.base}/pooled-means`);
    expect(read.status).toBe(200);
    expect(read.body.organizations.map((o: { id: string }) => o.id).sort()).toEqual([s.tilleuls, s.rives].sort());
    expect(read.body.organizations.flatMap((o: { means: { label: string; conditions: string }[] }) => o.means)).toEqual(
      expect.arrayContaining([expect.objectContaining({ label: 'Grande salle', conditions: 'Clés à l’accueil, rendre la salle rangée.' }), expect.objectContaining({ label: 'Minibus neuf places', kind: 'vehicle' })]),
    );
    expect(read.body.can.lendFor).toEqual([]);
    expect((await s.agnes.client.get(`${s.f.base}/pooled-means`)).body.can.lendFor).toEqual([expect.objectContaining({ id: s.tilleuls })]);
    // Withdrawn, a mean leaves the list; its words and owner stay proven by the journal.
    expect((await s.agnes.client.post(`${s.f.base}/pooled-means/${van.body.id}/withdrawal`)).status).toBe(403);
    expect((await s.f.admin.post(`${s.f.base}/pooled-means/${van.body.id}/withdrawal`)).status).toBe(200);
    expect((await s.f.admin.post(`${s.f.base}/pooled-means/${van.body.id}/withdrawal`)).status).toBe(409);
    const after = await s.odile.client.get(`${s.f.base}/pooled-means`);
    expect(after.body.organizations.flatMap((o: { means: { id: string }[] }) => o.means.map((m) => m.id))).toEqual([s.roomId]);
    expect((await journalOf(t, s.f.partnershipId)).filter((e) => e.kind.startsWith('pooledMean.')).map((e) => e.kind)).toEqual(['pooledMean.listed', 'pooledMean.listed', 'pooledMean.withdrawn']);
    expect(await meansDisagreements(s.f.partnershipId)).toEqual([]);
  });

  it('are booked by the project’s team; the lending organization’s directors are told beforehand and see it to do', async () => {
    const s = await setting();
    const booking = await s.lina.client.post(s.bookings, { meanId: s.roomId, ...span('2026-03-14T09:00:00Z', '2026-03-14T17:00:00Z'), purpose: 'Atelier cuisine' });
    expect(booking.status).toBe(201);
    // The lenders: the Tilleuls' administrator and its seat in the directors' committee; not the Rives' seat, not the booker.
    const told = (await outboxMessages(s.f)).filter((mail) => mail.subject.includes('Grande salle')).map((mail) => mail.recipient);
    expect(told.sort()).toEqual([s.agnes.email, s.helene.email].sort());
    const mail = (await outboxMessages(s.f)).find((m) => m.recipient === s.helene.email && m.subject.includes('Grande salle'))!;
    expect(mail.body).toContain('samedi 14 mars 2026 à 10:00');
    expect(mail.body).toContain('Examiner la réservation');
    const notice = await t.store.db.selectFrom('mail_notice').select(['target', 'kind', 'deadline']).where('person_id', '=', s.helene.personId).executeTakeFirstOrThrow();
    // A call with the booking's start as its deadline: the « deadlines only » preference mails it, and the reminder comes the day before.
    expect([notice.kind, new Date(notice.deadline as Date).toISOString()]).toEqual(['call', '2026-03-14T09:00:00.000Z']);
    expect(notice.target).toEqual({ path: `/p/${s.f.partnershipId}/moyens/reservations/${booking.body.id}#examiner-la-reservation` });
    const toDo = (await s.helene.client.get(`${s.f.base}/to-do`)).body.items as { target: { kind: string; bookingId?: string }; path: string }[];
    expect(toDo).toContainEqual(expect.objectContaining({ target: { kind: 'pooled_mean_booking', bookingId: booking.body.id } }));
    expect(((await s.yves.client.get(`${s.f.base}/to-do`)).body.items as { target: { kind: string } }[]).some((item) => item.target.kind === 'pooled_mean_booking')).toBe(false);
    // Everyone reads the booking on the mean's list; only its lenders may decline it.
    const listed = await s.odile.client.get(`${s.f.base}/pooled-means?projectId=${s.projectId}`);
    expect(listed.body.organizations.find((o: { id: string }) => o.id === s.tilleuls).means[0].upcoming).toEqual([
      expect.objectContaining({ id: booking.body.id, startsAt: '2026-03-14T09:00:00.000Z', status: 'informed', requestedBy: { id: s.lina.personId, fullName: 'Lina Morel' } }),
    ]);
    expect(listed.body.project).toMatchObject({ id: s.projectId, canBook: false });
    expect((await s.lina.client.get(`${s.f.base}/pooled-means?projectId=${s.projectId}`)).body.project.canBook).toBe(true);
    expect((await s.helene.client.get(`${s.f.base}/pooled-mean-bookings/${booking.body.id}`)).body.can).toEqual({ decline: true, cancel: false });
    expect((await s.lina.client.get(`${s.f.base}/pooled-mean-bookings/${booking.body.id}`)).body.can).toEqual({ decline: false, cancel: true });
    // Outside the team, nobody books for the project.
    expect((await s.odile.client.post(s.bookings, { meanId: s.roomId, ...span('2026-03-20T09:00:00Z', '2026-03-20T10:00:00Z') })).status).toBe(403);
    const entry = (await journalOf(t, s.f.partnershipId)).find((e) => e.kind === 'pooledMean.booked')!;
    expect(entry.payload).toMatchObject({ bookingId: booking.body.id, meanId: s.roomId, projectId: s.projectId, startsAt: '2026-03-14T09:00:00.000Z' });
    expect(JSON.stringify(entry.payload)).not.toContain('Atelier cuisine');
  });

  it('are never booked twice at the same time: 409 in the user’s language, and a span that touches another is free', async () => {
    const s = await setting();
    expect((await s.lina.client.post(s.bookings, { meanId: s.roomId, ...span('2026-03-14T09:00:00Z', '2026-03-14T12:00:00Z') })).status).toBe(201);
    const overlap = await s.marc.client.post(s.bookings, { meanId: s.roomId, ...span('2026-03-14T11:00:00Z', '2026-03-14T13:00:00Z') });
    expect(overlap.status).toBe(409);
    expect(overlap.body.message).toBe('Ce moyen est déjà réservé sur ce créneau : choisissez d’autres horaires.');
    s.marc.client.locale = 'en';
    const english = await s.marc.client.post(s.bookings, { meanId: s.roomId, ...span('2026-03-14T08:00:00Z', '2026-03-14T10:00:00Z') });
    s.marc.client.locale = undefined;
    expect(english.status).toBe(409);
    expect(english.body.message).toBe('This mean is already booked at that time: choose other hours.');
    expect((await s.marc.client.post(s.bookings, { meanId: s.roomId, ...span('2026-03-14T12:00:00Z', '2026-03-14T13:00:00Z') })).status).toBe(201);
    const rows = await t.store.db.selectFrom('pooled_mean_booking').select('id').where('mean_id', '=', s.roomId).execute();
    expect(rows).toHaveLength(2);
    // Past the act, the database refuses an overlap itself, with the code and name the server maps to that 409.
    const written = t.store.db
      .insertInto('pooled_mean_booking')
      .values({ id: randomUUID(), mean_id: s.roomId, project_id: s.projectId, starts_at: new Date('2026-03-14T10:00:00Z'), ends_at: new Date('2026-03-14T11:00:00Z'), status: 'informed', requested_at: t.clock.now() })
      .execute();
    await expect(written).rejects.toMatchObject({ code: '23P01', constraint: 'pooled_mean_booking_no_overlap' });
  });

  it('holds when two bookings of one mean race: one is made, the other refused', async () => {
    const s = await setting();
    const both = await Promise.all([
      s.lina.client.post(s.bookings, { meanId: s.roomId, ...span('2026-03-15T09:00:00Z', '2026-03-15T12:00:00Z') }),
      s.marc.client.post(s.bookings, { meanId: s.roomId, ...span('2026-03-15T10:00:00Z', '2026-03-15T13:00:00Z') }),
    ]);
    expect(both.map((response) => response.status).sort()).toEqual([201, 409]);
    expect(both.find((response) => response.status === 409)!.body.message).toBe('Ce moyen est déjà réservé sur ce créneau : choisissez d’autres horaires.');
    expect(await t.store.db.selectFrom('pooled_mean_booking').select('id').where('mean_id', '=', s.roomId).execute()).toHaveLength(1);
  });

  it('are declined by the lending directors alone, before the booking starts; the booker is told why', async () => {
    const s = await setting();
    const booking = (await s.lina.client.post(s.bookings, { meanId: s.roomId, ...span('2026-03-16T09:00:00Z', '2026-03-16T12:00:00Z') })).body.id as string;
    const decline = `${s.f.base}/pooled-mean-bookings/${booking}/decline`;
    for (const other of [s.yves.client, s.lina.client, s.marc.client, s.f.admin]) expect((await other.post(decline, { reason: 'Salle en travaux' })).status).toBe(403);
    const empty = await s.helene.client.post(decline, { reason: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.fields).toEqual({ reason: 'Ce champ est obligatoire.' });
    expect((await s.helene.client.post(decline, { reason: 'Salle en travaux ce jour-là' })).status).toBe(200);
    expect((await s.agnes.client.post(decline, { reason: 'Deux fois' })).status).toBe(409);
    const mail = (await outboxMessages(s.f)).find((m) => m.recipient === s.lina.email && m.subject.includes('décline'))!;
    expect(mail.body).toContain('Salle en travaux ce jour-là');
    expect(((await s.helene.client.get(`${s.f.base}/to-do`)).body.items as { target: { kind: string } }[]).some((item) => item.target.kind === 'pooled_mean_booking')).toBe(false);
    // Each finds the booking in their personal data's export: the booker what she asked, the director what he answered.
    const exported = async (cookie: string) => JSON.parse((await t.app.inject({ method: 'GET', url: '/api/v1/auth/export', headers: { cookie } })).body).pooledMeanBookings;
    expect(await exported(s.lina.client.cookie!)).toEqual([expect.objectContaining({ id: booking, requested_by: s.lina.personId, status: 'declined' })]);
    expect(await exported(s.helene.client.cookie!)).toEqual([expect.objectContaining({ id: booking, decided_by: s.helene.personId, decline_reason: 'Salle en travaux ce jour-là' })]);
    // Declined, the span is free again.
    expect((await s.marc.client.post(s.bookings, { meanId: s.roomId, ...span('2026-03-16T09:00:00Z', '2026-03-16T12:00:00Z') })).status).toBe(201);

    const soon = (await s.lina.client.post(s.bookings, { meanId: s.roomId, ...span('2026-03-10T10:00:00Z', '2026-03-10T11:00:00Z') })).body.id as string;
    t.clock.advanceMinutes(90);
    const late = await s.helene.client.post(`${s.f.base}/pooled-mean-bookings/${soon}/decline`, { reason: 'Trop tard' });
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('Cette réservation a commencé : il est trop tard pour la décliner.');
    expect(await meansDisagreements(s.f.partnershipId)).toEqual([]);
  });

  it('are cancelled by the project’s team, which frees the span and tells the lenders', async () => {
    const s = await setting();
    const starts = new Date(t.clock.now().getTime() + 48 * 3_600_000).toISOString();
    const ends = new Date(t.clock.now().getTime() + 50 * 3_600_000).toISOString();
    const booking = (await s.lina.client.post(s.bookings, { meanId: s.roomId, ...span(starts, ends) })).body.id as string;
    expect((await s.helene.client.post(`${s.f.base}/pooled-mean-bookings/${booking}/cancel`)).status).toBe(403);
    expect((await s.marc.client.post(`${s.f.base}/pooled-mean-bookings/${booking}/cancel`)).status).toBe(200);
    expect((await outboxMessages(s.f)).filter((m) => m.subject.includes('annulée')).map((m) => m.recipient).sort()).toEqual([s.agnes.email, s.helene.email].sort());
    expect((await s.lina.client.post(s.bookings, { meanId: s.roomId, ...span(starts, ends) })).status).toBe(201);
    // A withdrawal waits until no live booking counts on the mean.
    const withdrawal = await s.agnes.client.post(`${s.f.base}/pooled-means/${s.roomId}/withdrawal`);
    expect(withdrawal.status).toBe(409);
    expect(withdrawal.body.message).toBe('Des réservations comptent encore sur ce moyen : attendez qu’elles se terminent, ou demandez à la direction de la maison de décliner celles qui n’ont pas commencé.');
    expect(await meansDisagreements(s.f.partnershipId)).toEqual([]);
  });

  it('refuses bad input in French, the past, and another partnership’s means, projects and bookings', async () => {
    const s = await setting();
    const backwards = await s.lina.client.post(s.bookings, { meanId: s.roomId, ...span('2026-03-14T12:00:00Z', '2026-03-14T09:00:00Z') });
    expect(backwards.status).toBe(400);
    expect(backwards.body.fields).toEqual({ endsAt: 'La fin ne peut pas précéder le début.' });
    const garbled = await s.lina.client.post(s.bookings, { meanId: 'salle', startsAt: 'demain', endsAt: '2026-03-14T09:00:00Z' });
    expect(garbled.status).toBe(400);
    expect(garbled.body.fields).toMatchObject({ meanId: 'Cet élément est introuvable.', startsAt: 'Indiquez une date et une heure.' });
    const unnamed = await s.agnes.client.post(`${s.f.base}/pooled-means`, { organizationId: s.tilleuls, kind: 'castle', label: '' });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.fields).toEqual({ kind: 'Choisissez une des valeurs proposées.', label: 'Ce champ est obligatoire.' });
    const past = await s.lina.client.post(s.bookings, { meanId: s.roomId, ...span('2026-03-01T09:00:00Z', '2026-03-01T10:00:00Z') });
    expect(past.status).toBe(409);
    expect(past.body.message).toBe('Une réservation commence plus tard que maintenant.');

    const other = await setting();
    const foreign = await s.lina.client.post(s.bookings, { meanId: other.roomId, ...span('2026-04-14T09:00:00Z', '2026-04-14T10:00:00Z') });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields).toEqual({ meanId: 'Cet élément est introuvable.' });
    expect((await s.f.admin.post(`${s.f.base}/projects/${other.projectId}/pooled-mean-bookings`, { meanId: s.roomId, ...span('2026-04-14T09:00:00Z', '2026-04-14T10:00:00Z') })).status).toBe(404);
    const theirs = (await other.lina.client.post(other.bookings, { meanId: other.roomId, ...span('2026-04-14T09:00:00Z', '2026-04-14T10:00:00Z') })).body.id as string;
    expect((await s.helene.client.get(`${s.f.base}/pooled-mean-bookings/${theirs}`)).status).toBe(404);
    expect((await s.helene.client.post(`${s.f.base}/pooled-mean-bookings/${theirs}/decline`, { reason: 'Non' })).status).toBe(404);
    expect((await s.agnes.client.post(`${s.f.base}/pooled-means/${other.roomId}/withdrawal`)).status).toBe(404);
    expect((await s.odile.client.get(`${s.f.base}/pooled-means?projectId=${other.projectId}`)).status).toBe(404);
  });
});
