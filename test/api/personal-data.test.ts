import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builder, journalOf, outboxMessages, verifiedChain } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** A committee where Inès sits, holds a role, has been invited, spoke in a round and was mailed. */
async function committee() {
  const f = await newPartnership(t);
  const build = builder(f);
  const house = await build.organization('Maison du Port');
  const body = await build.body({ name: 'Comité', kind: 'steering' });
  const ines = await newMember(t, f, { fullName: 'Inès Fabre', memberships: [{ organizationId: house, kind: 'board' }] });
  const paul = await newMember(t, f, { fullName: 'Paul Girard', memberships: [{ organizationId: house, kind: 'board' }] });
  await build.seat(body, { personId: ines.personId, organizationId: house });
  await build.seat(body, { personId: paul.personId, organizationId: house });
  const role = await build.role({ name: 'Trésorerie', bodyId: body });
  await build.assign(role, ines.personId);
  // Paul hands part of his mission to Inès, now and from next month.
  await build.delegation({ fromPersonId: paul.personId, toPersonId: ines.personId, bodyId: body, scope: 'Suivre les comptes' });
  await build.delegation({ fromPersonId: paul.personId, toPersonId: ines.personId, bodyId: body, scope: 'Préparer le budget', startsOn: '2026-04-01' });
  const meeting = await paul.client.post(`${f.base}/meetings`, { bodyId: body, title: 'Comité de mars', startsAt: '2026-03-20T18:00:00+01:00' });
  const meetingUrl = `${f.base}/meetings/${meeting.body.id}`;
  expect((await paul.client.post(`${meetingUrl}/advance`)).status).toBe(204);
  expect((await ines.client.put(`${meetingUrl}/round-word`, { word: 'Fatiguée mais là' })).status).toBe(204);
  return { f, body, house, role, ines, paul, meetingUrl };
}

describe('a person’s own data', () => {
  it('is exported whole to the person, as a JSON file: contact, seats, roles, words, acts; not what others wrote', async () => {
    const c = await committee();
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/export', headers: { cookie: c.ines.client.cookie! } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="mes-donnees-entente.json"');
    expect(response.headers['cache-control']).toBe('no-store');
    const data = response.json();
    expect(data.account.email).toBe(c.ines.email);
    expect(data.people).toEqual([expect.objectContaining({ id: c.ines.personId, full_name: 'Inès Fabre', email: c.ines.email })]);
    expect(data.memberships).toEqual([expect.objectContaining({ organization: 'Maison du Port', kind: 'board' })]);
    expect(data.seats).toEqual([expect.objectContaining({ body: 'Comité' })]);
    expect(data.roles).toEqual([expect.objectContaining({ role: 'Trésorerie' })]);
    expect(data.roundWords).toEqual([expect.objectContaining({ word: 'Fatiguée mais là', round: 'opening' })]);
    expect(data.acts.map((a: { kind: string }) => a.kind)).toContain('meeting.round_word');
    expect(JSON.stringify(data)).not.toContain('Paul Girard');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/export' })).statusCode).toBe(401);
  });
});

describe('erasing a person', () => {
  it('keeps their place under a pseudonym, removes name, contact and account, ends seats and roles, and the journal verifies', async () => {
    const c = await committee();
    expect((await c.paul.client.post(`${c.f.base}/people/${c.ines.personId}/erase`)).status).toBe(403);
    expect((await c.f.admin.post(`${c.f.base}/people/${c.f.adminPersonId}/erase`)).body.message).toBe('Retirez d’abord à cette personne l’administration du partenariat.');
    expect((await c.f.admin.post(`${c.f.base}/people/${randomUUID()}/erase`)).status).toBe(404);
    expect((await outboxMessages(c.f)).some((m) => m.recipient === c.ines.email)).toBe(true);

    expect((await c.f.admin.post(`${c.f.base}/people/${c.ines.personId}/erase`)).status).toBe(200);
    const person = (await c.f.admin.get(`${c.f.base}/people/${c.ines.personId}`)).body;
    expect(person).toMatchObject({ fullName: 'Personne effacée', contact: { email: null, phone: null }, can: { erase: false, edit: false } });
    expect(person.erasedAt).not.toBeNull();
    expect(person.seats.every((s: { current: boolean }) => !s.current)).toBe(true);
    expect(person.roles.every((r: { current: boolean }) => !r.current)).toBe(true);
    const members = (await c.f.admin.get(`${c.f.base}/bodies/${c.body}`)).body.members as { fullName: string; current: boolean }[];
    expect(members.map((m) => [m.fullName, m.current])).toEqual([
      ['Paul Girard', true],
      ['Personne effacée', false],
    ]);
    expect((await outboxMessages(c.f)).some((m) => m.recipient === c.ines.email)).toBe(false);
    expect((await c.paul.client.get(c.meetingUrl)).body.roundWords).toEqual([]);
    // Her account no longer opens this partnership.
    expect((await c.ines.client.get(c.f.base)).status).toBe(404);
    const rows = await t.store.db.selectFrom('person').selectAll().where('partnership_id', '=', c.f.partnershipId).execute();
    expect(JSON.stringify(rows)).not.toContain('Inès');
    expect(JSON.stringify(await journalOf(t, c.f.partnershipId))).not.toContain('Inès');
    expect((await journalOf(t, c.f.partnershipId)).at(-1)).toMatchObject({ kind: 'person.erased', payload: { personId: c.ines.personId } });
    expect(await verifiedChain(t, c.f.partnershipId)).toMatchObject({ ok: true });
    expect((await c.f.admin.post(`${c.f.base}/people/${c.ines.personId}/erase`)).status).toBe(409);
    // Each end is journaled as any other, and nothing gives the erased person back a name, a role or a delegation.
    const kinds = (await journalOf(t, c.f.partnershipId)).slice(-4).map((e) => e.kind);
    expect(kinds).toEqual(['mandate.ended', 'role.unassigned', 'delegation.ended', 'person.erased']);
    expect((await c.f.admin.patch(`${c.f.base}/people/${c.ines.personId}`, { fullName: 'Inès Fabre' })).body.message).toBe('Cette personne est déjà effacée.');
    expect((await c.f.admin.post(`${c.f.base}/roles/${c.role}/assignments`, { personId: c.ines.personId, startsOn: '2026-04-01' })).status).toBe(409);
    expect((await c.f.admin.post(`${c.f.base}/delegations`, { fromPersonId: c.paul.personId, toPersonId: c.ines.personId, bodyId: c.body, scope: 'Tenir la caisse', startsOn: '2026-04-01' })).status).toBe(409);
    expect((await c.f.admin.post(`${c.f.base}/bodies/${c.body}/members`, { personId: c.ines.personId, organizationId: null, capacity: 'member', mandateSource: 'self', startsOn: '2026-04-01' })).body.message).toBe('Cette personne est déjà effacée.');
    expect((await t.store.db.selectFrom('delegation').select('id').where('to_person_id', '=', c.ines.personId).where('starts_on', '>', '2026-03-10').execute())).toEqual([]);
  });
});
