import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createDemoPartnership, DEMO_SIGN_IN } from '../../src/demo/demo-partnership.js';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { addSeat } from '../../src/bodies/acts.js';
import { backgroundWorkEnded } from '../../src/common/database/database.js';
import { statementsSaying } from '../support/statements.js';
import { Client, newMember, newPartnership, ServerLog, startTestApp, uniqueEmail, type PartnershipFixture, type TestApp } from '../support/test-app.js';
import { builder, countRows, journalLength, journalOf, outboxMessages, TODAY, verifiedChain } from '../support/structure.js';

let t: TestApp;
let startedAt: Date;
beforeAll(async () => {
  t = await startTestApp();
  startedAt = t.clock.current;
});
afterEach(() => {
  t.clock.current = startedAt;
});
afterAll(() => t.close());

/**
 * A steering committee of two houses with two delegates each, one missing for Maison A:
 * the shape of the gap the issue describes.
 */
async function steeringWithGap(f: PartnershipFixture) {
  const build = builder(f);
  const houseA = await build.organization('Maison A');
  const houseB = await build.organization('Maison B');
  const member = (organizationId: string, fullName: string) =>
    build.person({ fullName, email: uniqueEmail('p'), memberships: [{ organizationId, kind: 'board' }] });
  const a1 = await member(houseA, 'Nadia Benali');
  const a2 = await member(houseA, 'Gérard Lefèvre');
  const b1 = await member(houseB, 'Samia Haddad');
  const b2 = await member(houseB, 'Bernard Colin');
  const steering = await build.body({ name: 'Comité de pilotage', kind: 'steering', delegatesPerOrganization: 2 });
  const seats = {
    a1: await build.seat(steering, { personId: a1, organizationId: houseA, startsOn: '2026-01-05' }),
    b1: await build.seat(steering, { personId: b1, organizationId: houseB }),
    b2: await build.seat(steering, { personId: b2, organizationId: houseB }),
  };
  return { houseA, houseB, a1, a2, b1, b2, steering, seats };
}

const gapsInOverview = async (client: Client, f: PartnershipFixture, bodyId: string) => {
  const overview = await client.get(f.base);
  expect(overview.status).toBe(200);
  return overview.body.bodies.find((b: { id: string }) => b.id === bodyId).gaps;
};

describe('creating the structure', () => {
  it('creates organizations, people, bodies, roles, seats, assignments and delegations, and shows them', async () => {
    const f = await newPartnership(t);
    const org = await f.admin.post(`${f.base}/organizations`, {
      name: 'MJC des Tilleuls',
      kind: 'youth_centre',
      contactEmail: 'Accueil@MJC-Tilleuls.example',
      contactPhone: '01 23 45 67 89',
      address: '12 allée des Tilleuls',
    });
    expect(org.status).toBe(201);
    expect(org.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const organizationId = org.body.id;

    const person = await f.admin.post(`${f.base}/people`, {
      fullName: 'Nadia Benali',
      email: 'Nadia@Example.org',
      phone: '06 00 00 00 00',
      memberships: [{ organizationId, kind: 'staff', isOrganizationAdmin: true }],
    });
    expect(person.status).toBe(201);
    const personId = person.body.id;
    const other = await f.admin.post(`${f.base}/people`, { fullName: 'Lucie Garnier', memberships: [{ organizationId, kind: 'volunteer' }] });
    expect(other.status).toBe(201);

    const plenary = await f.admin.post(`${f.base}/bodies`, { name: 'Assemblée plénière', kind: 'plenary' });
    expect(plenary.status).toBe(201);
    const body = await f.admin.post(`${f.base}/bodies`, {
      name: 'Comité de pilotage',
      kind: 'steering',
      parentBodyId: plenary.body.id,
      purpose: 'Piloter le partenariat',
      delegatesPerOrganization: 1,
      minSize: 1,
      maxSize: 12,
    });
    expect(body.status).toBe(201);
    const bodyId = body.body.id;

    const seat = await f.admin.post(`${f.base}/bodies/${bodyId}/members`, {
      personId,
      organizationId,
      capacity: 'delegate',
      mandateSource: 'staff_body',
      startsOn: TODAY,
      endsOn: '2027-03-09',
    });
    expect(seat.status).toBe(201);

    const role = await f.admin.post(`${f.base}/roles`, {
      name: 'Animation du comité',
      purpose: 'Faire vivre les réunions',
      accountabilities: ['Préparer l’ordre du jour', 'Distribuer la parole'],
      termMonths: 6,
      bodyId,
    });
    expect(role.status).toBe(201);
    const assignment = await f.admin.post(`${f.base}/roles/${role.body.id}/assignments`, { personId, startsOn: TODAY });
    expect(assignment.status).toBe(201);

    const delegation = await f.admin.post(`${f.base}/delegations`, {
      fromPersonId: personId,
      toPersonId: other.body.id,
      bodyId,
      scope: 'Représenter la maison au comité de mars',
      startsOn: TODAY,
      endsOn: '2026-03-31',
    });
    expect(delegation.status).toBe(201);

    const overview = await f.admin.get(f.base);
    expect(overview.body.peopleCount).toBe(3);
    expect(overview.body.organizations).toEqual([{ id: organizationId, name: 'MJC des Tilleuls', kind: 'youth_centre' }]);
    expect(overview.body.bodies.map((b: { name: string }) => b.name)).toEqual(['Assemblée plénière', 'Comité de pilotage']);
    const steering = overview.body.bodies.find((b: { id: string }) => b.id === bodyId);
    expect(steering).toMatchObject({ parentBodyId: plenary.body.id, memberCount: 1, gaps: [], rule: { delegatesPerOrganization: 1, minSize: 1, maxSize: 12, minReferentsPerOrganization: null } });
    expect(overview.body.roles[0]).toMatchObject({ name: 'Animation du comité', termMonths: 6, bodyId, holders: [{ personId, fullName: 'Nadia Benali', startsOn: TODAY, endsOn: null }] });
    expect(overview.body.can).toEqual({ manageStructure: true, manageOrganizations: overview.body.organizations.map((o: { id: string }) => o.id) });

    const detail = await f.admin.get(`${f.base}/bodies/${bodyId}`);
    expect(detail.body).toMatchObject({
      name: 'Comité de pilotage',
      purpose: 'Piloter le partenariat',
      parent: { id: plenary.body.id, name: 'Assemblée plénière' },
      members: [{ personId, fullName: 'Nadia Benali', organizationName: 'MJC des Tilleuls', capacity: 'delegate', mandateSource: 'staff_body', startsOn: TODAY, endsOn: '2027-03-09', current: true }],
      roles: [{ id: role.body.id, name: 'Animation du comité' }],
      delegations: [{ fromPersonId: personId, toPersonId: other.body.id, scope: 'Représenter la maison au comité de mars', current: true, canEnd: true }],
    });
    expect((await f.admin.get(`${f.base}/bodies/${plenary.body.id}`)).body.children).toEqual([{ id: bodyId, name: 'Comité de pilotage', kind: 'steering' }]);

    const organization = await f.admin.get(`${f.base}/organizations/${organizationId}`);
    expect(organization.body).toMatchObject({ contactEmail: 'accueil@mjc-tilleuls.example', contactPhone: '01 23 45 67 89', can: { manage: true } });
    expect(organization.body.members.map((m: { fullName: string }) => m.fullName)).toEqual(['Lucie Garnier', 'Nadia Benali']);
    expect(organization.body.seats).toEqual([expect.objectContaining({ bodyId, personId, capacity: 'delegate' })]);

    const personDetail = await f.admin.get(`${f.base}/people/${personId}`);
    expect(personDetail.body).toMatchObject({
      fullName: 'Nadia Benali',
      contact: { email: 'nadia@example.org', phone: '06 00 00 00 00' },
      memberships: [{ organizationId, kind: 'staff', isOrganizationAdmin: true }],
      seats: [{ bodyId, current: true }],
      roles: [{ roleId: role.body.id, current: true }],
      delegations: [{ toPersonId: other.body.id, bodyId }],
    });

    const roleDetail = await f.admin.get(`${f.base}/roles/${role.body.id}`);
    expect(roleDetail.body).toMatchObject({ accountabilities: ['Préparer l’ordre du jour', 'Distribuer la parole'], body: { id: bodyId, name: 'Comité de pilotage' } });

    const people = await f.admin.get(`${f.base}/people`);
    expect(people.body).toMatchObject({ total: 3, next: null });
    expect(people.body.people.map((p: { fullName: string }) => p.fullName)).toEqual(['Admin Test', 'Lucie Garnier', 'Nadia Benali']);
  });

  it('updates organizations, people, bodies and roles', async () => {
    const f = await newPartnership(t);
    const build = builder(f);
    const organizationId = await build.organization();
    const personId = await build.person();
    const bodyId = await build.body({ minSize: 2 });
    const roleId = await build.role();
    expect((await f.admin.patch(`${f.base}/organizations/${organizationId}`, { name: 'Centre social du Moulin', kind: 'social_centre' })).status).toBe(200);
    expect((await f.admin.patch(`${f.base}/people/${personId}`, { fullName: 'Inès Fabre', email: 'INES@example.org' })).status).toBe(200);
    expect((await f.admin.patch(`${f.base}/bodies/${bodyId}`, { maxSize: 9, delegatesPerOrganization: null, meetingsPerYear: 6 })).status).toBe(200);
    expect((await f.admin.patch(`${f.base}/roles/${roleId}`, { termMonths: 24, accountabilities: ['Tenir les comptes'] })).status).toBe(200);
    expect((await f.admin.get(`${f.base}/organizations/${organizationId}`)).body).toMatchObject({ name: 'Centre social du Moulin', kind: 'social_centre' });
    expect((await f.admin.get(`${f.base}/people/${personId}`)).body).toMatchObject({ fullName: 'Inès Fabre', contact: { email: 'ines@example.org' } });
    expect((await f.admin.get(`${f.base}/bodies/${bodyId}`)).body.rule).toEqual({ delegatesPerOrganization: null, minReferentsPerOrganization: null, minSize: 2, maxSize: 9, meetingsPerYear: 6 });
    expect((await f.admin.get(`${f.base}/roles/${roleId}`)).body).toMatchObject({ termMonths: 24, accountabilities: ['Tenir les comptes'] });
  });

  it('adds and removes memberships, once per person and organization', async () => {
    const f = await newPartnership(t);
    const organizationId = await builder(f).organization();
    const personId = await builder(f).person();
    const added = await f.admin.post(`${f.base}/organizations/${organizationId}/memberships`, { personId, kind: 'volunteer' });
    expect(added.status).toBe(201);
    const twice = await f.admin.post(`${f.base}/organizations/${organizationId}/memberships`, { personId, kind: 'board' });
    expect(twice.status).toBe(409);
    expect(twice.body.fields).toEqual({ personId: 'Cette personne est déjà membre de cette structure.' });
    const removed = await f.admin.delete(`${f.base}/organizations/${organizationId}/memberships/${added.body.id}`);
    expect(removed.status).toBe(200);
    expect((await f.admin.get(`${f.base}/organizations/${organizationId}`)).body.members).toEqual([]);
    expect((await f.admin.delete(`${f.base}/organizations/${organizationId}/memberships/${added.body.id}`)).status).toBe(404);
  });

  it('shows the demo partnership with the one composition gap it leaves to fix', async () => {
    const { partnershipId } = await createDemoPartnership(t.store.db, t.clock.now());
    const client = new Client(t.app);
    expect((await client.signIn(DEMO_SIGN_IN.email, DEMO_SIGN_IN.password)).status).toBe(200);
    const overview = await client.get(`/api/v1/partnerships/${partnershipId}`);
    expect(overview.status).toBe(200);
    expect(overview.body.peopleCount).toBe(20);
    expect(overview.body.organizations).toHaveLength(3);
    const gaps = overview.body.bodies.flatMap((b: { gaps: { message: string }[] }) => b.gaps.map((g) => g.message));
    expect(gaps).toEqual(['Comité de pilotage : MJC des Tilleuls a 3 personnes déléguées sur 4']);
  });
});

describe('the composition check', () => {
  it('names the gap in plain French, and it disappears once the delegate is added', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    expect(await gapsInOverview(f.admin, f, s.steering)).toEqual([
      { code: 'delegates_missing', organizationId: s.houseA, actual: 1, expected: 2, message: 'Comité de pilotage : Maison A a 1 personne déléguée sur 2' },
    ]);
    const detail = await f.admin.get(`${f.base}/bodies/${s.steering}`);
    expect(detail.body.gaps.map((g: { message: string }) => g.message)).toEqual(['Comité de pilotage : Maison A a 1 personne déléguée sur 2']);

    await builder(f).seat(s.steering, { personId: s.a2, organizationId: s.houseA });
    expect(await gapsInOverview(f.admin, f, s.steering)).toEqual([]);
    expect((await f.admin.get(`${f.base}/bodies/${s.steering}`)).body.gaps).toEqual([]);
  });

  it('speaks English when asked', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    f.admin.locale = 'en';
    expect((await gapsInOverview(f.admin, f, s.steering))[0].message).toBe('Comité de pilotage: Maison A has 1 delegate out of 2');
  });

  it('reports excess delegates, missing referents and sizes', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    const b3 = await builder(f).person({ fullName: 'Paul Mercier', memberships: [{ organizationId: s.houseB, kind: 'board' }] });
    await builder(f).seat(s.steering, { personId: b3, organizationId: s.houseB });
    await f.admin.patch(`${f.base}/bodies/${s.steering}`, { minReferentsPerOrganization: 1, maxSize: 3 });
    expect((await gapsInOverview(f.admin, f, s.steering)).map((g: { message: string }) => g.message)).toEqual([
      'Comité de pilotage : Maison A a 1 personne déléguée sur 2',
      'Comité de pilotage : Maison B a 3 personnes déléguées, pour 2 au plus',
      'Comité de pilotage : Maison A n’a pas de personne référente (0 sur 1)',
      'Comité de pilotage : Maison B n’a pas de personne référente (0 sur 1)',
      'Comité de pilotage : 4 membres, pour 3 au plus',
    ]);
  });

  it('ending a mandate today brings the gap back at once, and keeps the mandate in the history', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    const a2Seat = await builder(f).seat(s.steering, { personId: s.a2, organizationId: s.houseA });
    expect(await gapsInOverview(f.admin, f, s.steering)).toEqual([]);
    const ended = await f.admin.post(`${f.base}/bodies/${s.steering}/members/${a2Seat}/end`, {});
    expect(ended.status).toBe(200);
    const members = (await f.admin.get(`${f.base}/bodies/${s.steering}`)).body.members;
    expect(members.find((m: { id: string }) => m.id === a2Seat)).toMatchObject({ endsOn: TODAY, current: false });
    expect((await gapsInOverview(f.admin, f, s.steering)).map((g: { message: string }) => g.message)).toEqual([
      'Comité de pilotage : Maison A a 1 personne déléguée sur 2',
    ]);
  });

  it('ending a mandate at a past date brings the gap back at once', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    await builder(f).seat(s.steering, { personId: s.a2, organizationId: s.houseA });
    expect(await gapsInOverview(f.admin, f, s.steering)).toEqual([]);
    // a1 has sat since 2026-01-05: their mandate ended yesterday.
    expect((await f.admin.post(`${f.base}/bodies/${s.steering}/members/${s.seats.a1}/end`, { endsOn: '2026-03-09' })).status).toBe(200);
    expect((await gapsInOverview(f.admin, f, s.steering))[0]).toMatchObject({ organizationId: s.houseA, actual: 1, expected: 2 });
    const ended = (await f.admin.get(`${f.base}/bodies/${s.steering}`)).body.members.find((m: { id: string }) => m.id === s.seats.a1);
    expect(ended).toMatchObject({ endsOn: '2026-03-09', current: false });
  });

  it('does not count mandates that start later', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    await builder(f).seat(s.steering, { personId: s.a2, organizationId: s.houseA, startsOn: '2026-04-01' });
    expect(await gapsInOverview(f.admin, f, s.steering)).toHaveLength(1);
    t.clock.current = new Date('2026-04-01T08:00:00Z');
    expect(await gapsInOverview(f.admin, f, s.steering)).toEqual([]);
  });

  it('refuses to end a mandate twice, or before it started', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    const early = await f.admin.post(`${f.base}/bodies/${s.steering}/members/${s.seats.a1}/end`, { endsOn: '2026-01-04' });
    expect(early.status).toBe(400);
    expect(early.body.fields).toEqual({ endsOn: 'La fin ne peut pas précéder le début (2026-01-05).' });
    expect((await f.admin.post(`${f.base}/bodies/${s.steering}/members/${s.seats.a1}/end`, {})).status).toBe(200);
    const twice = await f.admin.post(`${f.base}/bodies/${s.steering}/members/${s.seats.a1}/end`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe('Ce mandat est déjà terminé.');
  });
});

describe('bad input', () => {
  it('answers 400 with a French message per field', async () => {
    const f = await newPartnership(t);
    const response = await f.admin.post(`${f.base}/bodies`, { name: '  ', kind: 'council', minSize: 0, maxSize: 2.5, purpose: 'x'.repeat(5001) });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'invalid',
      message: 'La demande contient des erreurs.',
      fields: {
        name: 'Ce champ est obligatoire.',
        kind: 'Choisissez une des valeurs proposées.',
        minSize: 'Indiquez au moins 1.',
        maxSize: 'Indiquez un nombre entier.',
        purpose: 'Ce texte est trop long.',
      },
    });
  });

  it('answers in English with Accept-Language: en', async () => {
    const f = await newPartnership(t);
    f.admin.locale = 'en';
    const response = await f.admin.post(`${f.base}/bodies`, { name: 'Comité', kind: 'steering', minSize: 5, maxSize: 4 });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'invalid',
      message: 'The request contains errors.',
      fields: { maxSize: 'The maximum must be greater than or equal to the minimum.' },
    });
    const seat = await f.admin.post(`${f.base}/bodies/${await builder(f).body()}/members`, { personId: f.adminPersonId, capacity: 'delegate', organizationId: null, mandateSource: 'board', startsOn: TODAY });
    expect(seat.status).toBe(400);
    expect(seat.body.fields).toEqual({ organizationId: 'A delegate or referent represents an organization: choose it.' });
  });

  it('checks dates and references in a seat', async () => {
    const f = await newPartnership(t);
    const bodyId = await builder(f).body();
    const response = await f.admin.post(`${f.base}/bodies/${bodyId}/members`, {
      personId: 'nadia',
      organizationId: null,
      capacity: 'member',
      mandateSource: 'self',
      startsOn: '2026-03-10',
      endsOn: '2026-03-01',
    });
    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual({ personId: 'Cet élément est introuvable.', endsOn: 'La fin ne peut pas précéder le début.' });
  });

  it('checks the size range against the rule already in place', async () => {
    const f = await newPartnership(t);
    const bodyId = await builder(f).body({ minSize: 5 });
    const response = await f.admin.patch(`${f.base}/bodies/${bodyId}`, { maxSize: 3 });
    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual({ maxSize: 'Le maximum doit être supérieur ou égal au minimum.' });
  });

  it('refuses a delegation to oneself', async () => {
    const f = await newPartnership(t);
    const bodyId = await builder(f).body();
    const response = await f.admin.post(`${f.base}/delegations`, { fromPersonId: f.adminPersonId, toPersonId: f.adminPersonId, bodyId, scope: 'Tout', startsOn: TODAY });
    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual({ toPersonId: 'On ne se délègue pas une mission à soi-même.' });
  });
});

describe('conflicts and rules of the structure', () => {
  it('refuses a name already used in the partnership with 409 on the name field', async () => {
    const f = await newPartnership(t);
    await builder(f).organization('Maison A');
    const organization = await f.admin.post(`${f.base}/organizations`, { name: 'Maison A', kind: 'other' });
    expect(organization.status).toBe(409);
    expect(organization.body).toEqual({
      error: 'conflict',
      message: 'Ce nom est déjà utilisé dans le partenariat.',
      fields: { name: 'Ce nom est déjà utilisé dans le partenariat.' },
    });
    await builder(f).body({ name: 'Comité' });
    expect((await f.admin.post(`${f.base}/bodies`, { name: 'Comité', kind: 'circle' })).body.fields).toHaveProperty('name');
    await builder(f).role({ name: 'Trésorerie' });
    const role = await f.admin.post(`${f.base}/roles`, { name: 'Trésorerie' });
    expect(role.status).toBe(409);
    expect(role.body.fields).toHaveProperty('name');
  });

  it('allows the same name in another partnership', async () => {
    const f = await newPartnership(t);
    const other = await newPartnership(t);
    await builder(f).organization('Maison commune');
    expect((await other.admin.post(`${other.base}/organizations`, { name: 'Maison commune', kind: 'other' })).status).toBe(201);
  });

  it('refuses an e-mail address another person of the partnership uses', async () => {
    const f = await newPartnership(t);
    const email = uniqueEmail('dup');
    await builder(f).person({ email });
    const response = await f.admin.post(`${f.base}/people`, { fullName: 'Homonyme', email: email.toUpperCase() });
    expect(response.status).toBe(409);
    expect(response.body.fields).toEqual({ email: 'Une autre personne du partenariat utilise déjà cette adresse.' });
  });

  it('refuses a seat representing an organization the person is not a member of', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    const response = await f.admin.post(`${f.base}/bodies/${s.steering}/members`, {
      personId: s.b1,
      organizationId: s.houseA,
      capacity: 'delegate',
      mandateSource: 'board',
      startsOn: TODAY,
    });
    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual({ organizationId: 'Cette personne n’est pas membre de la structure qu’elle représenterait.' });
  });

  it('refuses a delegate or referent who represents no organization', async () => {
    const f = await newPartnership(t);
    const bodyId = await builder(f).body();
    for (const capacity of ['delegate', 'referent']) {
      const response = await f.admin.post(`${f.base}/bodies/${bodyId}/members`, { personId: f.adminPersonId, organizationId: null, capacity, mandateSource: 'partnership', startsOn: TODAY });
      expect(response.status).toBe(400);
      expect(response.body.fields).toEqual({ organizationId: 'Une personne déléguée ou référente représente une structure : choisissez-la.' });
    }
    const member = await f.admin.post(`${f.base}/bodies/${bodyId}/members`, { personId: f.adminPersonId, organizationId: null, capacity: 'member', mandateSource: 'partnership', startsOn: TODAY });
    expect(member.status).toBe(201);
  });

  it('refuses a second open seat for the same person in the same body, and allows it once the first is ended', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    const again = await f.admin.post(`${f.base}/bodies/${s.steering}/members`, { personId: s.a1, organizationId: null, capacity: 'member', mandateSource: 'self', startsOn: TODAY });
    expect(again.status).toBe(409);
    expect(again.body.fields).toEqual({ personId: 'Cette personne siège déjà dans cette instance.' });
    await f.admin.post(`${f.base}/bodies/${s.steering}/members/${s.seats.a1}/end`, { endsOn: '2026-03-09' });
    const after = await f.admin.post(`${f.base}/bodies/${s.steering}/members`, { personId: s.a1, organizationId: s.houseA, capacity: 'referent', mandateSource: 'board', startsOn: TODAY });
    expect(after.status).toBe(201);
  });

  it('starts the seats given at the same moment in one statement, and a seat refused among them is refused alone', async () => {
    const f = await newPartnership(t);
    // A server logs each statement sent again alone, whatever handle sent it.
    const log = new ServerLog();
    const logging = await startTestApp({ logger: log.logger });
    onTestFinished(() => logging.close());
    const s = await steeringWithGap(f);
    const group = await builder(f).body({ name: 'Groupe jardins', kind: 'working_group' });
    const seatsBefore = await journalLength(t, f.partnershipId);
    const together = statementsSaying(t.store.db, 'seat_start_together');
    const alone = statementsSaying(together.db, 'select seat_start(');
    const ctx = { db: alone.db, partnershipId: f.partnershipId, now: t.clock.now(), viewer: { personId: f.adminPersonId, isPartnershipAdmin: true, adminOfOrganizations: new Set<string>(), memberOfBodies: new Set<string>() } };
    const seat = (bodyId: string, personId: string, organizationId: string) => addSeat(ctx, bodyId, { personId, organizationId, capacity: 'delegate', mandateSource: 'board', startsOn: TODAY });
    const [a2, a1Again, b1] = await Promise.allSettled([seat(s.steering, s.a2, s.houseA), seat(s.steering, s.a1, s.houseA), seat(group, s.b1, s.houseB)]);
    expect([a2.status, a1Again.status, b1.status]).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((a1Again as PromiseRejectedResult).reason).toMatchObject({ constraint: 'body_member_one_open_seat' });
    // The steering committee's two seats left together and were sent again alone; the group's, of another lane, left alone.
    expect([together.count(), alone.count()]).toEqual([1, 3]);
    expect(log.entries.filter((entry) => entry['msg'] === 'acts sent together failed as one statement; each was sent again alone')).toEqual([
      expect.objectContaining({ level: 40, calls: 2, err: expect.objectContaining({ message: expect.stringContaining('body_member_one_open_seat') }) }),
    ]);
    await backgroundWorkEnded(alone.db);
    const started = (await journalOf(t, f.partnershipId)).slice(seatsBefore).filter((entry) => entry.kind === 'mandate.started');
    expect(started.map((entry) => entry.payload['personId']).sort()).toEqual([s.a2, s.b1].sort());
    const seated = await t.store.db.selectFrom('body_member').select(['body_id', 'person_id']).where('body_id', 'in', [s.steering, group]).execute();
    expect(seated.filter((row) => row.person_id === s.a1)).toHaveLength(1);
    expect(seated).toEqual(expect.arrayContaining([{ body_id: s.steering, person_id: s.a2 }, { body_id: group, person_id: s.b1 }]));
    expect(await verifiedChain(t, f.partnershipId)).toMatchObject({ ok: true });
  });

  it('starts the seats given at the same moment in one statement, each as its own call would: without organization, with an end, or refused with its reason', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    const group = await builder(f).body({ name: 'Groupe jardins', kind: 'working_group' });
    const together = statementsSaying(t.store.db, 'seat_start_together');
    const alone = statementsSaying(together.db, 'select seat_start(');
    const ctx = { db: alone.db, partnershipId: f.partnershipId, now: t.clock.now(), viewer: { personId: f.adminPersonId, isPartnershipAdmin: true, adminOfOrganizations: new Set<string>(), memberOfBodies: new Set<string>() } };
    const [a2, b2, b1] = await Promise.allSettled([
      addSeat(ctx, group, { personId: s.a2, organizationId: null, capacity: 'member', mandateSource: 'self', startsOn: TODAY, endsOn: null }),
      addSeat(ctx, group, { personId: s.b2, organizationId: s.houseB, capacity: 'delegate', mandateSource: 'board', startsOn: TODAY, endsOn: '2026-12-31' }),
      addSeat(ctx, group, { personId: s.b1, organizationId: s.houseA, capacity: 'delegate', mandateSource: 'board', startsOn: TODAY }),
    ]);
    expect([together.count(), alone.count()]).toEqual([1, 0]);
    expect([a2.status, b2.status]).toEqual(['fulfilled', 'fulfilled']);
    expect(b1).toMatchObject({ status: 'rejected', reason: { failure: { kind: 'invalid', fields: [{ path: 'organizationId' }] } } });
    const seated = await t.store.db.selectFrom('body_member').select(['id', 'person_id', 'organization_id', 'ends_on']).where('body_id', '=', group).orderBy('person_id').execute();
    const ids = { [s.a2]: (a2 as PromiseFulfilledResult<{ id: string }>).value.id, [s.b2]: (b2 as PromiseFulfilledResult<{ id: string }>).value.id };
    expect(seated).toEqual(
      [
        { id: ids[s.a2], person_id: s.a2, organization_id: null, ends_on: null },
        { id: ids[s.b2], person_id: s.b2, organization_id: s.houseB, ends_on: '2026-12-31' },
      ].sort((x, y) => x.person_id.localeCompare(y.person_id)),
    );
    await backgroundWorkEnded(alone.db);
    expect(await checkStateAgainstJournal(t.store.db, f.partnershipId)).toEqual([]);
  });

  it('refuses a parent body that would make a cycle', async () => {
    const f = await newPartnership(t);
    const build = builder(f);
    const plenary = await build.body({ kind: 'plenary' });
    const steering = await build.body({ parentBodyId: plenary });
    const group = await build.body({ kind: 'working_group', parentBodyId: steering });
    const message = 'Une instance ne peut pas dépendre d’elle-même.';
    for (const [bodyId, parentBodyId] of [
      [plenary, plenary],
      [plenary, steering],
      [plenary, group],
      [steering, group],
    ] as const) {
      const response = await f.admin.patch(`${f.base}/bodies/${bodyId}`, { parentBodyId });
      expect(response.status, `${bodyId} under ${parentBodyId}`).toBe(400);
      expect(response.body.fields).toEqual({ parentBodyId: message });
    }
    // Moving the group directly under the plenary is not a cycle.
    expect((await f.admin.patch(`${f.base}/bodies/${group}`, { parentBodyId: plenary })).status).toBe(200);
    expect((await f.admin.patch(`${f.base}/bodies/${group}`, { parentBodyId: null })).status).toBe(200);
  });

  it('keeps at least one partnership administrator', async () => {
    const f = await newPartnership(t);
    const alone = await f.admin.patch(`${f.base}/people/${f.adminPersonId}`, { isPartnershipAdmin: false });
    expect(alone.status).toBe(409);
    expect(alone.body.message).toBe('Le partenariat doit garder au moins une personne qui l’administre.');
    expect((await f.admin.get(`${f.base}/people/${f.adminPersonId}`)).body.isPartnershipAdmin).toBe(true);

    const second = await newMember(t, f);
    expect((await f.admin.patch(`${f.base}/people/${second.personId}`, { isPartnershipAdmin: true })).status).toBe(200);
    expect((await f.admin.patch(`${f.base}/people/${f.adminPersonId}`, { isPartnershipAdmin: false })).status).toBe(200);
    // The former administrator has lost the right; the new one cannot step down alone.
    expect((await f.admin.post(`${f.base}/organizations`, { name: 'Maison Z', kind: 'other' })).status).toBe(403);
    expect((await second.client.patch(`${f.base}/people/${second.personId}`, { isPartnershipAdmin: false })).status).toBe(409);
  });
});

describe('delegations', () => {
  it('inform every current member of the body who has an e-mail address, once each', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    const noEmail = await builder(f).person({ fullName: 'Sans Adresse', memberships: [{ organizationId: s.houseA, kind: 'volunteer' }] });
    await builder(f).seat(s.steering, { personId: noEmail, organizationId: s.houseA });
    const formerEmail = uniqueEmail('former');
    const former = await builder(f).person({ email: formerEmail, memberships: [{ organizationId: s.houseB, kind: 'volunteer' }] });
    const formerSeat = await builder(f).seat(s.steering, { personId: former, organizationId: s.houseB, startsOn: '2026-01-01' });
    await f.admin.post(`${f.base}/bodies/${s.steering}/members/${formerSeat}/end`, { endsOn: '2026-02-01' });
    const futureEmail = uniqueEmail('future');
    const future = await builder(f).person({ email: futureEmail, memberships: [{ organizationId: s.houseB, kind: 'volunteer' }] });
    await builder(f).seat(s.steering, { personId: future, organizationId: s.houseB, startsOn: '2026-06-01' });

    const current = await Promise.all([s.a1, s.b1, s.b2].map(async (id) => (await f.admin.get(`${f.base}/people/${id}`)).body.contact.email as string));
    const before = (await outboxMessages(f)).length;
    await builder(f).delegation({ fromPersonId: s.a1, toPersonId: s.a2, bodyId: s.steering, scope: 'Suivre le budget' });
    const messages = (await outboxMessages(f)).slice(0, (await outboxMessages(f)).length - before);
    expect(messages.map((m) => m.recipient).sort()).toEqual([...current].sort());
    expect(messages[0]!.subject).toBe('Comité de pilotage : Nadia Benali délègue une partie de sa mission à Gérard Lefèvre');
    expect(messages[0]!.body).toContain('Suivre le budget');
  });

  it('are ended by the person who gave them', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    const delegationId = await builder(f).delegation({ fromPersonId: s.a1, toPersonId: s.a2, bodyId: s.steering });
    const ended = await f.admin.post(`${f.base}/delegations/${delegationId}/end`, { endsOn: TODAY });
    expect(ended.status).toBe(200);
    expect((await f.admin.post(`${f.base}/delegations/${delegationId}/end`, {})).status).toBe(409);
  });
});

describe('role assignments', () => {
  it('start and end, and the holders follow', async () => {
    const f = await newPartnership(t);
    const roleId = await builder(f).role({ name: 'Trésorerie' });
    const personId = await builder(f).person({ fullName: 'Odile Perrin' });
    const assignmentId = await builder(f).assign(roleId, personId, '2026-01-01');
    expect((await f.admin.get(`${f.base}/roles/${roleId}`)).body.holders.map((h: { fullName: string }) => h.fullName)).toEqual(['Odile Perrin']);
    expect((await f.admin.post(`${f.base}/roles/${roleId}/assignments/${assignmentId}/end`, { endsOn: '2026-03-01' })).status).toBe(200);
    const role = (await f.admin.get(`${f.base}/roles/${roleId}`)).body;
    expect(role.holders).toEqual([]);
    expect(role.assignments).toEqual([expect.objectContaining({ personId, startsOn: '2026-01-01', endsOn: '2026-03-01' })]);
  });

  it('of a role held by one person: the next holder ends the previous term on its first day, and the seat it gave above, journaled', async () => {
    const f = await newPartnership(t);
    const build = builder(f);
    const general = await build.body({ name: 'Cercle général', kind: 'circle' });
    const circle = await build.body({ name: 'Cercle jardins', kind: 'circle', parentBodyId: general });
    const secondLink = await build.role({ name: 'Second lien', bodyId: circle, sitsInParent: true });
    expect((await f.admin.get(`${f.base}/roles/${secondLink}`)).body.maxHolders).toBe(1);
    const chloe = await build.person({ fullName: 'Chloé Martin' });
    const david = await build.person({ fullName: 'David Roux' });
    const first = await build.assign(secondLink, chloe, '2026-01-01');
    const before = await journalLength(t, f.partnershipId);
    const second = await build.assign(secondLink, david, TODAY);

    const role = (await f.admin.get(`${f.base}/roles/${secondLink}`)).body;
    expect(role.holders.map((h: { fullName: string }) => h.fullName)).toEqual(['David Roux']);
    expect(role.assignments).toContainEqual(expect.objectContaining({ id: first, personId: chloe, startsOn: '2026-01-01', endsOn: TODAY }));
    const seats = (await f.admin.get(`${f.base}/bodies/${general}`)).body.members;
    expect(seats.filter((s: { current: boolean }) => s.current)).toEqual([expect.objectContaining({ personId: david, mandateSource: 'role', startsOn: TODAY, endsOn: null })]);
    const chloeSeat = await t.store.db.selectFrom('body_member').select(['id', 'ends_on']).where('role_assignment_id', '=', first).executeTakeFirstOrThrow();
    expect(chloeSeat.ends_on).toBe(TODAY);
    const davidSeat = await t.store.db.selectFrom('body_member').select('id').where('role_assignment_id', '=', second).executeTakeFirstOrThrow();

    const entries = (await journalOf(t, f.partnershipId)).filter((e) => e.seq > before).map((e) => ({ kind: e.kind, payload: e.payload }));
    expect(entries).toEqual([
      { kind: 'role.unassigned', payload: { assignmentId: first, roleId: secondLink, personId: chloe, endsOn: TODAY, replacedBy: second } },
      { kind: 'mandate.ended', payload: { seatId: chloeSeat.id, bodyId: general, personId: chloe, endsOn: TODAY } },
      { kind: 'role.assigned', payload: { assignmentId: second, roleId: secondLink, personId: david, startsOn: TODAY, endsOn: null } },
      {
        kind: 'mandate.started',
        payload: { seatId: davidSeat.id, bodyId: general, personId: david, organizationId: null, capacity: 'member', mandateSource: 'role', assignmentId: second, startsOn: TODAY, endsOn: null },
      },
    ]);
    expect(await checkStateAgainstJournal(t.store.db, f.partnershipId)).toEqual([]);
  });

  it('of a role held by several: one more ends the term of whoever has held it longest, and a holder named again replaces only their own term', async () => {
    const f = await newPartnership(t);
    const build = builder(f);
    const created = await f.admin.post(`${f.base}/roles`, { name: 'Co-présidence', maxHolders: 2 });
    expect(created.status).toBe(201);
    const roleId = created.body.id as string;
    const [ana, bruno, chloe] = [await build.person({ fullName: 'Ana Lopes' }), await build.person({ fullName: 'Bruno Petit' }), await build.person({ fullName: 'Chloé Martin' })];
    const anaTerm = await build.assign(roleId, ana, '2026-01-01');
    const brunoTerm = await build.assign(roleId, bruno, '2026-02-01');
    const holders = async () => (await f.admin.get(`${f.base}/roles/${roleId}`)).body.holders.map((h: { personId: string }) => h.personId).sort();
    expect(await holders()).toEqual([ana, bruno].sort());
    // Bruno named again: his own term gives way, Ana keeps hers.
    const brunoAgain = await build.assign(roleId, bruno, TODAY);
    expect(await holders()).toEqual([ana, bruno].sort());
    const ended = async (id: string) => (await t.store.db.selectFrom('role_assignment').select('ends_on').where('id', '=', id).executeTakeFirstOrThrow()).ends_on;
    expect([await ended(anaTerm), await ended(brunoTerm), await ended(brunoAgain)]).toEqual([null, TODAY, null]);
    // Chloé makes three: Ana, who has held it longest, steps down.
    await build.assign(roleId, chloe, TODAY);
    expect(await holders()).toEqual([bruno, chloe].sort());
    expect(await ended(anaTerm)).toBe(TODAY);

    // Lowering the number is journaled with its value; the next holder then makes room for the new rule.
    const before = await journalLength(t, f.partnershipId);
    expect((await f.admin.patch(`${f.base}/roles/${roleId}`, { maxHolders: 1, name: 'Présidence' })).status).toBe(200);
    expect((await journalOf(t, f.partnershipId)).filter((e) => e.seq > before).map((e) => e.payload)).toEqual([
      { roleId, fields: ['maxHolders', 'name'], changes: { maxHolders: 1 } },
    ]);
    await build.assign(roleId, ana, '2026-04-01');
    expect((await t.store.db.selectFrom('role_assignment').select('person_id').where('role_id', '=', roleId).where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', '2026-04-01')])).execute()).map((a) => a.person_id)).toEqual([ana]);
    expect(await checkStateAgainstJournal(t.store.db, f.partnershipId)).toEqual([]);
  });

  it('backdated, end the terms they replace today, not in the past: who held the role and sat above for it stays as it was', async () => {
    const f = await newPartnership(t);
    const build = builder(f);
    const general = await build.body({ name: 'Cercle général', kind: 'circle' });
    const circle = await build.body({ name: 'Cercle jardins', kind: 'circle', parentBodyId: general });
    const secondLink = await build.role({ name: 'Second lien', bodyId: circle, sitsInParent: true });
    const [chloe, david] = [await build.person({ fullName: 'Chloé Martin' }), await build.person({ fullName: 'David Roux' })];
    const first = await build.assign(secondLink, chloe, '2026-01-01');
    const before = await journalLength(t, f.partnershipId);
    const second = await build.assign(secondLink, david, '2026-02-01');
    const ended = await t.store.db.selectFrom('role_assignment').select('ends_on').where('id', '=', first).executeTakeFirstOrThrow();
    expect(ended.ends_on).toBe(TODAY);
    const chloeSeat = await t.store.db.selectFrom('body_member').select('ends_on').where('role_assignment_id', '=', first).executeTakeFirstOrThrow();
    expect(chloeSeat.ends_on).toBe(TODAY);
    const entries = (await journalOf(t, f.partnershipId)).filter((e) => e.seq > before).map((e) => ({ kind: e.kind, payload: e.payload }));
    expect(entries.slice(0, 2)).toEqual([
      { kind: 'role.unassigned', payload: { assignmentId: first, roleId: secondLink, personId: chloe, endsOn: TODAY, replacedBy: second } },
      { kind: 'mandate.ended', payload: expect.objectContaining({ personId: chloe, endsOn: TODAY }) },
    ]);
    expect(await checkStateAgainstJournal(t.store.db, f.partnershipId)).toEqual([]);
  });

  it('of a full role, before a term planned to begin later, are refused on the start field, and nothing is written', async () => {
    const f = await newPartnership(t);
    const build = builder(f);
    const roleId = await build.role({ name: 'Secrétariat' });
    const [odile, paul] = [await build.person({ fullName: 'Odile Perrin' }), await build.person({ fullName: 'Paul Girard' })];
    await build.assign(roleId, odile, '2026-05-01');
    const before = await countRows(t, f.partnershipId);
    const early = await f.admin.post(`${f.base}/roles/${roleId}/assignments`, { personId: paul, startsOn: TODAY });
    expect(early.status).toBe(400);
    expect(early.body.fields.startsOn).toBe('Ce rôle est déjà confié à partir du 2026-05-01 : commencez ce mandat ce jour-là ou après, ou mettez d’abord fin à l’attribution à venir.');
    expect(await countRows(t, f.partnershipId)).toEqual(before);
    // A term that ends before the planned one begins takes no one's place.
    expect((await f.admin.post(`${f.base}/roles/${roleId}/assignments`, { personId: paul, startsOn: TODAY, endsOn: '2026-05-01' })).status).toBe(201);
  });

  it('refuse a number of holders below one or above fifty', async () => {
    const f = await newPartnership(t);
    for (const maxHolders of [0, 51, 1.5, null]) {
      const refused = await f.admin.post(`${f.base}/roles`, { name: 'Trésorerie', maxHolders });
      expect(refused.status).toBe(400);
      expect(typeof refused.body.fields.maxHolders).toBe('string');
    }
  });
});

describe('end dates', () => {
  const PLANNED = '2026-06-30';
  const pushBackRefused = (planned: string) => ({ endsOn: `La fin prévue est le ${planned} : on peut l’avancer, pas la repousser.` });

  /** Pushing the end back is refused and changes nothing; bringing it forward works, and the new end is the new limit. */
  async function onlyBroughtForward(f: PartnershipFixture, endUrl: string, currentEnd: () => Promise<string | null>) {
    const before = await countRows(t, f.partnershipId);
    for (const endsOn of ['2026-07-01', '2027-01-01']) {
      const later = await f.admin.post(endUrl, { endsOn });
      expect(later.status).toBe(400);
      expect(later.body.fields).toEqual(pushBackRefused(PLANNED));
    }
    expect(await countRows(t, f.partnershipId)).toEqual(before);
    expect(await currentEnd()).toBe(PLANNED);
    expect((await f.admin.post(endUrl, { endsOn: '2026-05-31' })).status).toBe(200);
    expect(await currentEnd()).toBe('2026-05-31');
    const back = await f.admin.post(endUrl, { endsOn: PLANNED });
    expect(back.status).toBe(400);
    expect(back.body.fields).toEqual(pushBackRefused('2026-05-31'));
    // Ending today, before the planned end, is bringing it forward too.
    expect((await f.admin.post(endUrl, {})).status).toBe(200);
    expect(await currentEnd()).toBe(TODAY);
  }

  it('of a mandate can be brought forward, never pushed back', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    const seatId = await builder(f).seat(s.steering, { personId: s.a2, organizationId: s.houseA, endsOn: PLANNED });
    await onlyBroughtForward(f, `${f.base}/bodies/${s.steering}/members/${seatId}/end`, async () => {
      const body = await f.admin.get(`${f.base}/bodies/${s.steering}`);
      return body.body.members.find((m: { id: string }) => m.id === seatId).endsOn;
    });
  });

  it('of a role assignment can be brought forward, never pushed back', async () => {
    const f = await newPartnership(t);
    const roleId = await builder(f).role();
    const personId = await builder(f).person();
    const assigned = await f.admin.post(`${f.base}/roles/${roleId}/assignments`, { personId, startsOn: TODAY, endsOn: PLANNED });
    expect(assigned.status).toBe(201);
    await onlyBroughtForward(f, `${f.base}/roles/${roleId}/assignments/${assigned.body.id}/end`, async () => {
      const role = await f.admin.get(`${f.base}/roles/${roleId}`);
      return role.body.assignments.find((a: { id: string }) => a.id === assigned.body.id).endsOn;
    });
  });

  it('of a delegation can be brought forward, never pushed back', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    const delegation = await f.admin.post(`${f.base}/delegations`, { fromPersonId: s.a1, toPersonId: s.a2, bodyId: s.steering, scope: 'Budget', startsOn: TODAY, endsOn: PLANNED });
    expect(delegation.status).toBe(201);
    await onlyBroughtForward(f, `${f.base}/delegations/${delegation.body.id}/end`, async () => {
      const row = await t.store.db.selectFrom('delegation').select('ends_on').where('id', '=', delegation.body.id).executeTakeFirstOrThrow();
      return row.ends_on;
    });
  });

  it('are refused in English too', async () => {
    const f = await newPartnership(t);
    const roleId = await builder(f).role();
    const personId = await builder(f).person();
    const assigned = await f.admin.post(`${f.base}/roles/${roleId}/assignments`, { personId, startsOn: TODAY, endsOn: PLANNED });
    f.admin.locale = 'en';
    const later = await f.admin.post(`${f.base}/roles/${roleId}/assignments/${assigned.body.id}/end`, { endsOn: '2026-12-31' });
    expect(later.body.fields).toEqual({ endsOn: `The planned end is ${PLANNED}: it can be brought forward, not pushed back.` });
  });
});

describe('counts stay put when an act is refused', () => {
  it('for each kind of refusal above', async () => {
    const f = await newPartnership(t);
    const s = await steeringWithGap(f);
    const before = await countRows(t, f.partnershipId);
    await f.admin.post(`${f.base}/organizations`, { name: 'Maison A', kind: 'other' });
    await f.admin.post(`${f.base}/bodies/${s.steering}/members`, { personId: s.b1, organizationId: s.houseA, capacity: 'delegate', mandateSource: 'board', startsOn: TODAY });
    await f.admin.post(`${f.base}/bodies/${s.steering}/members`, { personId: s.a1, organizationId: null, capacity: 'member', mandateSource: 'self', startsOn: TODAY });
    await f.admin.patch(`${f.base}/people/${f.adminPersonId}`, { isPartnershipAdmin: false });
    expect(await countRows(t, f.partnershipId)).toEqual(before);
  });
});
