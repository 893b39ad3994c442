import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builder, TODAY } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The pages offer only what the viewer may do: each answer says it (`can`), computed on the server
 * by the same `may` rules the acts apply. Someone of the partnership who does not sit in a body is
 * offered none of its forms, and the act behind each refuses them alike.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Member = Awaited<ReturnType<typeof newMember>>;

/** A steering committee of two houses with a charter in force; Odile belongs to a house but sits nowhere. */
async function committee() {
  const f = await newPartnership(t);
  const build = builder(f);
  const tilleuls = await build.organization('MJC des Tilleuls');
  const moulin = await build.organization('Centre social du Moulin');
  // The partnership charter's template names a body of each of these kinds.
  await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
  await build.body({ name: 'Codir', kind: 'directors' });
  await build.body({ name: 'Groupe jardins', kind: 'working_group' });
  const body = await build.body({ name: 'Comité de pilotage', kind: 'steering' });
  const role = await build.role({ name: 'Trésorerie', purpose: 'Tenir les comptes', termMonths: 12, bodyId: body });
  const seat = async (fullName: string, organizationId: string) => {
    const member = await newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'board' }] });
    await build.seat(body, { personId: member.personId, organizationId });
    return member;
  };
  const [nadia, gerard, samia] = [await seat('Nadia Benali', tilleuls), await seat('Gérard Lefèvre', tilleuls), await seat('Samia Haddad', moulin)] as [Member, Member, Member];
  const odile = await newMember(t, f, { fullName: 'Odile Perrin', memberships: [{ organizationId: tilleuls, kind: 'volunteer' }] });
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'partnership' });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  const adopted = await f.admin.post(`${versionUrl}/adoption`, { bodyId: body, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash });
  expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
  return { f, tilleuls, moulin, body, role, nadia, gerard, samia, odile };
}

type Committee = Awaited<ReturnType<typeof committee>>;

async function meeting(c: Committee) {
  const called = await c.nadia.client.post(`${c.f.base}/meetings`, { bodyId: c.body, title: 'Comité de rentrée', startsAt: '2026-09-15T18:30:00+02:00', secretaryId: c.samia.personId });
  expect(called.status, JSON.stringify(called.body)).toBe(201);
  return `${c.f.base}/meetings/${called.body.id}`;
}

describe('a body’s page', () => {
  it('offers its forms to its members, and none to someone who does not sit in it', async () => {
    const c = await committee();
    const seen = (await c.odile.client.get(`${c.f.base}/bodies/${c.body}`)).body;
    expect(seen.can).toEqual({ edit: false, manageSeatsOf: [], manageUnaffiliatedSeats: false, openElection: false });
    expect((await c.odile.client.get(`${c.f.base}/bodies/${c.body}/meetings`)).body.can).toEqual({ call: false });
    expect((await c.odile.client.post(`${c.f.base}/elections`, { bodyId: c.body, roleId: c.role, qualities: 'Rigueur' })).status).toBe(403);
    expect((await c.odile.client.post(`${c.f.base}/meetings`, { bodyId: c.body, title: 'Réunion', startsAt: '2026-09-15T18:30:00+02:00' })).status).toBe(403);

    expect((await c.nadia.client.get(`${c.f.base}/bodies/${c.body}`)).body.can).toEqual({ edit: false, manageSeatsOf: [], manageUnaffiliatedSeats: false, openElection: true });
    expect((await c.nadia.client.get(`${c.f.base}/bodies/${c.body}/meetings`)).body.can).toEqual({ call: true });
  });

  it('offers an organization’s administration to its administrators only', async () => {
    const c = await committee();
    const chief = await newMember(t, c.f, { fullName: 'Claire Vidal', memberships: [{ organizationId: c.tilleuls, kind: 'staff', isOrganizationAdmin: true }] });
    expect((await c.odile.client.get(`${c.f.base}/organizations/${c.tilleuls}`)).body.can).toEqual({ manage: false });
    expect((await chief.client.get(`${c.f.base}/organizations/${c.tilleuls}`)).body.can).toEqual({ manage: true });
    expect((await chief.client.get(`${c.f.base}/organizations/${c.moulin}`)).body.can).toEqual({ manage: false });
    expect((await chief.client.get(`${c.f.base}/bodies/${c.body}`)).body.can.manageSeatsOf).toEqual([c.tilleuls]);
  });
});

describe('a meeting’s page', () => {
  it('offers nothing to run, review or add to someone outside the body', async () => {
    const c = await committee();
    const url = await meeting(c);
    const seen = (await c.odile.client.get(url)).body;
    expect(seen.can).toEqual({ addItem: false, changeRoles: false, run: false, inviteGuests: false, publish: false, sayWord: false, review: false });
    expect((await c.odile.client.post(`${url}/agenda`, { kind: 'information', title: 'Un point', proposalId: null, minutesAllotted: null })).status).toBe(403);
    expect((await c.gerard.client.get(url)).body.can).toEqual({ addItem: true, changeRoles: false, run: false, inviteGuests: false, publish: false, sayWord: false, review: false });
  });

  it('takes no new agenda item once it has ended', async () => {
    const c = await committee();
    const url = await meeting(c);
    for (let stage = 0; stage < 3; stage++) expect((await c.nadia.client.post(`${url}/advance`)).status).toBe(204);
    const ended = (await c.gerard.client.get(url)).body;
    expect(ended.stage).toEqual({ kind: 'ended' });
    expect(ended.can.addItem).toBe(false);
    const refused = await c.gerard.client.post(`${url}/agenda`, { kind: 'information', title: 'Un point de plus', proposalId: null, minutesAllotted: null });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('La réunion est close.');
  });

  it('says what the minutes wait for before they may be published', async () => {
    const c = await committee();
    const url = await meeting(c);
    const waits = async () => {
      const seen = (await c.samia.client.get(url)).body;
      return { publish: seen.can.publish, waitsFor: seen.publishWaitsFor };
    };
    expect(await waits()).toEqual({ publish: false, waitsFor: { reason: 'empty', names: [] } });
    for (const person of [c.nadia, c.gerard, c.samia]) expect((await c.samia.client.put(`${url}/attendance`, { personId: person.personId, status: 'present', representedBy: null })).status).toBe(204);
    expect((await c.samia.client.put(`${url}/minutes`, { text: 'Tour de table, budget voté.', basedOn: 0 })).status).toBe(200);
    expect(await waits()).toEqual({ publish: false, waitsFor: { reason: 'review_first', names: [] } });
    expect((await c.samia.client.post(`${url}/minutes/review`, { until: new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString() })).status).toBe(204);
    expect(await waits()).toEqual({ publish: false, waitsFor: { reason: 'review_open', names: ['Gérard Lefèvre', 'Nadia Benali'] } });
    const version = (await c.samia.client.get(url)).body.minutesVersion;
    expect((await c.nadia.client.put(`${url}/minutes/review`, { verdict: 'approve', basedOn: version })).status).toBe(204);
    expect(await waits()).toEqual({ publish: false, waitsFor: { reason: 'review_open', names: ['Gérard Lefèvre'] } });
    expect((await c.gerard.client.put(`${url}/minutes/review`, { verdict: 'approve', basedOn: version })).status).toBe(204);
    expect(await waits()).toEqual({ publish: true, waitsFor: null });
    // Only the runners publish: an attendee reads the same reasons, with no button of their own.
    expect((await c.gerard.client.get(url)).body.can.publish).toBe(false);
    expect((await c.samia.client.post(`${url}/minutes/publish`)).status).toBe(204);
    expect(await waits()).toEqual({ publish: false, waitsFor: null });
  });
});

describe('an election’s page', () => {
  it('offers no nomination, stance or facilitation to someone outside the body', async () => {
    const c = await committee();
    const opened = await c.nadia.client.post(`${c.f.base}/elections`, { bodyId: c.body, roleId: c.role, qualities: 'Rigueur, disponibilité' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const url = `${c.f.base}/elections/${opened.body.id}`;
    expect((await c.odile.client.get(url)).body.can).toEqual({ nominate: false, facilitate: false, takeStance: false });
    expect((await c.odile.client.put(`${url}/nomination`, { nomineeId: c.gerard.personId, reason: 'Il compte bien' })).status).toBe(403);
    expect((await c.gerard.client.get(url)).body.can).toEqual({ nominate: true, facilitate: false, takeStance: false });
    expect((await c.nadia.client.get(url)).body.can).toEqual({ nominate: true, facilitate: true, takeStance: false });
  });
});

describe('a proposal’s page', () => {
  it('offers a proxy only towards members of one’s own organization, and nothing to someone outside the body', async () => {
    const c = await committee();
    const created = await c.f.admin.post(`${c.f.base}/proposals`, { level: 'operational', wording: 'Acheter un barnum pour les fêtes de quartier.', participationLevel: 'participation' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const url = `${c.f.base}/proposals/${created.body.id}`;
    const outsider = (await c.odile.client.get(url)).body.can;
    expect(outsider).toMatchObject({ facilitate: false, speakFor: [], giveProxy: false, proxyHolders: [], decide: false });
    expect((await c.odile.client.post(`${url}/proxies`, { holderId: c.nadia.personId })).status).toBe(403);

    expect((await c.nadia.client.get(url)).body.can).toMatchObject({ giveProxy: true, proxyHolders: [c.gerard.personId] });
    expect((await c.samia.client.get(url)).body.can).toMatchObject({ giveProxy: false, proxyHolders: [] });
    expect((await c.samia.client.post(`${url}/proxies`, { holderId: c.nadia.personId })).status).toBe(400);
    expect((await c.nadia.client.post(`${url}/proxies`, { holderId: c.gerard.personId })).status).toBe(201);
    expect((await c.nadia.client.get(url)).body.can).toMatchObject({ giveProxy: false, proxyHolders: [] });
  });
});
