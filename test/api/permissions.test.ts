import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newPartnership, startTestApp, uniqueEmail, type Client, type PartnershipFixture, type Response, type TestApp } from '../support/test-app.js';
import { builder, countRows, TODAY, uniqueName } from '../support/structure.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/**
 * Two houses, a steering committee, a working group and their roles, and one signed-in person
 * per kind of viewer: a plain member, the administrator of house A, a member of the steering
 * committee.
 */
async function world() {
  const f = await newPartnership(t);
  const build = builder(f);
  const houseA = await build.organization('Maison A');
  const houseB = await build.organization('Maison B');
  const plain = await newMember(t, f, { fullName: 'Yanis Morel', memberships: [{ organizationId: houseB, kind: 'volunteer' }] });
  const houseAdmin = await newMember(t, f, { fullName: 'Gérard Lefèvre', memberships: [{ organizationId: houseA, kind: 'board', isOrganizationAdmin: true }] });
  const bodyMember = await newMember(t, f, { fullName: 'Samia Haddad', memberships: [{ organizationId: houseB, kind: 'staff' }] });
  const memberOfA = await build.person({ fullName: 'Lucie Garnier', email: uniqueEmail('lucie'), memberships: [{ organizationId: houseA, kind: 'staff' }] });
  const memberOfB = await build.person({ fullName: 'Paul Mercier', memberships: [{ organizationId: houseB, kind: 'board' }] });
  const steering = await build.body({ name: 'Comité de pilotage', delegatesPerOrganization: 2 });
  const group = await build.body({ name: 'Groupe Sorties', kind: 'working_group' });
  await build.seat(steering, { personId: bodyMember.personId, organizationId: houseB });
  const steeringRole = await build.role({ name: 'Animation du comité', bodyId: steering });
  const groupRole = await build.role({ name: 'Chef·fe de projet', bodyId: group });
  const partnershipRole = await build.role({ name: 'Coordination' });
  return { f, houseA, houseB, plain, houseAdmin, bodyMember, memberOfA, memberOfB, steering, group, steeringRole, groupRole, partnershipRole };
}

type World = Awaited<ReturnType<typeof world>>;
let w: World;
beforeAll(async () => {
  w = await world();
});

/** Expects the status, and that a refusal changed nothing in the partnership. */
async function expectOutcome(f: PartnershipFixture, status: number, act: () => Promise<Response>) {
  const before = await countRows(t, f.partnershipId);
  const response = await act();
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  if (status >= 400) expect(await countRows(t, f.partnershipId)).toEqual(before);
  return response;
}
const seatInput = (personId: string, organizationId: string | null) => ({
  personId,
  organizationId,
  capacity: organizationId ? 'delegate' : 'member',
  mandateSource: 'board',
  startsOn: TODAY,
});

describe('a plain member', () => {
  it('reads the overview, bodies, organizations, roles and people', async () => {
    const { f, plain } = w;
    for (const path of ['', `/bodies/${w.steering}`, `/organizations/${w.houseA}`, `/roles/${w.steeringRole}`, `/people`, `/people/${w.memberOfA}`, '/journal']) {
      expect((await plain.client.get(`${f.base}${path}`)).status, path).toBe(200);
    }
    const overview = await plain.client.get(f.base);
    expect(overview.body.can).toEqual({ manageStructure: false, manageOrganizations: [] });
  });

  it('does not see other people’s contact details', async () => {
    const other = await w.plain.client.get(`${w.f.base}/people/${w.memberOfA}`);
    expect(other.body.contact).toBeNull();
    expect(other.body.account).toBeNull();
    expect(JSON.stringify(other.body)).not.toContain('@');
    const self = await w.plain.client.get(`${w.f.base}/people/${w.plain.personId}`);
    expect(self.body.contact).toEqual({ email: w.plain.email, phone: null });
  });

  it('gets 403 creating an organization, a body, a role or a person', async () => {
    const { f, plain } = w;
    const message = 'Vous n’avez pas le droit de faire cela.';
    for (const [path, input] of [
      ['/organizations', { name: uniqueName('Maison'), kind: 'other' }],
      ['/bodies', { name: uniqueName('Instance'), kind: 'circle' }],
      ['/roles', { name: uniqueName('Rôle') }],
      ['/people', { fullName: 'Quelqu’un' }],
    ] as const) {
      const response = await expectOutcome(f, 403, () => plain.client.post(`${f.base}${path}`, input));
      expect(response.body).toEqual({ error: 'forbidden', message });
    }
  });

  it('gets 403 changing an organization, a body, a role, a rule or someone else', async () => {
    const { f, plain } = w;
    await expectOutcome(f, 403, () => plain.client.patch(`${f.base}/organizations/${w.houseB}`, { name: 'Maison B bis' }));
    await expectOutcome(f, 403, () => plain.client.patch(`${f.base}/bodies/${w.steering}`, { delegatesPerOrganization: 1 }));
    await expectOutcome(f, 403, () => plain.client.patch(`${f.base}/roles/${w.partnershipRole}`, { termMonths: 3 }));
    await expectOutcome(f, 403, () => plain.client.patch(`${f.base}/people/${w.memberOfA}`, { fullName: 'Pirate' }));
    await expectOutcome(f, 403, () => plain.client.post(`${f.base}/organizations/${w.houseB}/memberships`, { personId: w.memberOfA, kind: 'volunteer' }));
    await expectOutcome(f, 403, () => plain.client.post(`${f.base}/bodies/${w.steering}/members`, seatInput(plain.personId, w.houseB)));
    await expectOutcome(f, 403, () => plain.client.post(`${f.base}/bodies/${w.group}/members`, seatInput(plain.personId, null)));
    await expectOutcome(f, 403, () => plain.client.post(`${f.base}/roles/${w.partnershipRole}/assignments`, { personId: plain.personId, startsOn: TODAY }));
  });

  it('edits themself, but cannot make themself an administrator', async () => {
    const { f, plain } = w;
    await expectOutcome(f, 200, () => plain.client.patch(`${f.base}/people/${plain.personId}`, { phone: '06 11 22 33 44' }));
    await expectOutcome(f, 403, () => plain.client.patch(`${f.base}/people/${plain.personId}`, { isPartnershipAdmin: true }));
    await expectOutcome(f, 403, () => plain.client.patch(`${f.base}/people/${plain.personId}`, { fullName: 'Yanis', isPartnershipAdmin: true }));
    const self = await plain.client.get(`${f.base}/people/${plain.personId}`);
    expect(self.body).toMatchObject({ fullName: 'Yanis Morel', isPartnershipAdmin: false, contact: { phone: '06 11 22 33 44' }, can: { edit: true, setAdmin: false } });
  });

  it('cannot read the outbox', async () => {
    expect((await w.plain.client.get(`${w.f.base}/outbox`)).status).toBe(404);
  });
});

describe('an organization administrator', () => {
  it('adds and ends a delegate for their own organization', async () => {
    const { f, houseAdmin } = w;
    const response = await expectOutcome(f, 201, () => houseAdmin.client.post(`${f.base}/bodies/${w.steering}/members`, seatInput(w.memberOfA, w.houseA)));
    await expectOutcome(f, 200, () => houseAdmin.client.post(`${f.base}/bodies/${w.steering}/members/${response.body.id}/end`, {}));
  });

  it('gets 403 for another organization’s seat, and for a seat representing no organization', async () => {
    const { f, houseAdmin } = w;
    await expectOutcome(f, 403, () => houseAdmin.client.post(`${f.base}/bodies/${w.steering}/members`, seatInput(w.memberOfB, w.houseB)));
    await expectOutcome(f, 403, () => houseAdmin.client.post(`${f.base}/bodies/${w.group}/members`, seatInput(w.memberOfA, null)));
    const seatOfB = await builder(w.f).seat(w.group, { personId: w.memberOfB, organizationId: w.houseB });
    await expectOutcome(f, 403, () => houseAdmin.client.post(`${f.base}/bodies/${w.group}/members/${seatOfB}/end`, {}));
  });

  it('changes their own organization and its members, not another one', async () => {
    const { f, houseAdmin } = w;
    await expectOutcome(f, 200, () => houseAdmin.client.patch(`${f.base}/organizations/${w.houseA}`, { contactPhone: '01 02 03 04 05' }));
    await expectOutcome(f, 403, () => houseAdmin.client.patch(`${f.base}/organizations/${w.houseB}`, { contactPhone: '01 02 03 04 05' }));
    await expectOutcome(f, 200, () => houseAdmin.client.patch(`${f.base}/people/${w.memberOfA}`, { phone: '07 00 00 00 00' }));
    await expectOutcome(f, 403, () => houseAdmin.client.patch(`${f.base}/people/${w.memberOfB}`, { phone: '07 00 00 00 00' }));
    const contact = await houseAdmin.client.get(`${f.base}/people/${w.memberOfA}`);
    expect(contact.body.contact.phone).toBe('07 00 00 00 00');
    expect((await houseAdmin.client.get(`${f.base}/people/${w.memberOfB}`)).body.contact).toBeNull();
  });

  it('adds people to their own organization only', async () => {
    const { f, houseAdmin } = w;
    await expectOutcome(f, 201, () => houseAdmin.client.post(`${f.base}/people`, { fullName: 'Thomas Roux', memberships: [{ organizationId: w.houseA, kind: 'volunteer' }] }));
    await expectOutcome(f, 403, () => houseAdmin.client.post(`${f.base}/people`, { fullName: 'Karim Toure', memberships: [{ organizationId: w.houseB, kind: 'volunteer' }] }));
    await expectOutcome(f, 403, () =>
      houseAdmin.client.post(`${f.base}/people`, { fullName: 'Deux maisons', memberships: [{ organizationId: w.houseA, kind: 'volunteer' }, { organizationId: w.houseB, kind: 'volunteer' }] }),
    );
    await expectOutcome(f, 400, () => houseAdmin.client.post(`${f.base}/people`, { fullName: 'Sans maison' }));
    await expectOutcome(f, 403, () =>
      houseAdmin.client.post(`${f.base}/people`, { fullName: 'Admin en douce', isPartnershipAdmin: true, memberships: [{ organizationId: w.houseA, kind: 'volunteer' }] }),
    );
    // Someone of another organization is only asked: they join once they accept (organization-admin-people.test.ts).
    const asked = await expectOutcome(f, 202, () => houseAdmin.client.post(`${f.base}/organizations/${w.houseA}/memberships`, { personId: w.memberOfB, kind: 'volunteer' }));
    expect(asked.body.pending).toBe(true);
    await expectOutcome(f, 403, () => houseAdmin.client.post(`${f.base}/organizations/${w.houseB}/memberships`, { personId: w.memberOfA, kind: 'volunteer' }));
  });

  it('manages people of their organizations alone: never a partnership administrator, nor someone of another organization too', async () => {
    const { f, houseAdmin } = w;
    const build = builder(f);
    const partnershipAdmin = await expectOutcome(f, 201, () =>
      f.admin.post(`${f.base}/people`, { fullName: 'Admin de A', email: uniqueEmail('pa'), isPartnershipAdmin: true, memberships: [{ organizationId: w.houseA, kind: 'board' }] }),
    );
    const inBoth = await build.person({ fullName: 'Deux Maisons', email: uniqueEmail('both'), memberships: [{ organizationId: w.houseA, kind: 'staff' }, { organizationId: w.houseB, kind: 'volunteer' }] });
    const onlyA = await build.person({ fullName: 'Seulement A', email: uniqueEmail('only-a'), memberships: [{ organizationId: w.houseA, kind: 'staff' }] });
    for (const personId of [partnershipAdmin.body.id as string, inBoth, f.adminPersonId]) {
      await expectOutcome(f, 403, () => houseAdmin.client.patch(`${f.base}/people/${personId}`, { email: uniqueEmail('attacker') }));
      await expectOutcome(f, 403, () => houseAdmin.client.patch(`${f.base}/people/${personId}`, { phone: '07 00 00 00 00' }));
      await expectOutcome(f, 403, () => houseAdmin.client.post(`${f.base}/people/${personId}/invitation`));
      const read = await houseAdmin.client.get(`${f.base}/people/${personId}`);
      expect(read.body.contact).toBeNull();
      expect(read.body.can.edit).toBe(false);
    }
    await expectOutcome(f, 200, () => houseAdmin.client.patch(`${f.base}/people/${onlyA}`, { phone: '07 00 00 00 00' }));
    await expectOutcome(f, 201, () => houseAdmin.client.post(`${f.base}/people/${onlyA}/invitation`));
    expect((await houseAdmin.client.get(`${f.base}/people/${onlyA}`)).body.can.edit).toBe(true);
    // The partnership administrator still manages them all.
    await expectOutcome(f, 200, () => f.admin.patch(`${f.base}/people/${inBoth}`, { phone: '07 00 00 00 01' }));
    await expectOutcome(f, 201, () => f.admin.post(`${f.base}/people/${partnershipAdmin.body.id}/invitation`));
  });

  it('manages someone of several organizations when they administer every one of them', async () => {
    const f = await newPartnership(t);
    const build = builder(f);
    const houseA = await build.organization();
    const houseB = await build.organization();
    const both = await newMember(t, f, {
      memberships: [
        { organizationId: houseA, kind: 'board', isOrganizationAdmin: true },
        { organizationId: houseB, kind: 'board', isOrganizationAdmin: true },
      ],
    });
    const inBoth = await build.person({ email: uniqueEmail('both'), memberships: [{ organizationId: houseA, kind: 'staff' }, { organizationId: houseB, kind: 'volunteer' }] });
    await expectOutcome(f, 200, () => both.client.patch(`${f.base}/people/${inBoth}`, { phone: '07 00 00 00 00' }));
    await expectOutcome(f, 201, () => both.client.post(`${f.base}/people/${inBoth}/invitation`));
  });

  it('cannot change the structure itself', async () => {
    const { f, houseAdmin } = w;
    await expectOutcome(f, 403, () => houseAdmin.client.post(`${f.base}/organizations`, { name: uniqueName('Maison'), kind: 'other' }));
    await expectOutcome(f, 403, () => houseAdmin.client.patch(`${f.base}/bodies/${w.steering}`, { delegatesPerOrganization: 1 }));
    expect((await houseAdmin.client.get(`${f.base}/outbox`)).status).toBe(404);
  });

  it('sees what they may do on the body page', async () => {
    const body = await w.houseAdmin.client.get(`${w.f.base}/bodies/${w.steering}`);
    expect(body.body.can).toEqual({ edit: false, manageSeatsOf: [w.houseA], manageUnaffiliatedSeats: false, openElection: false });
  });
});

describe('a body member', () => {
  it('assigns a role that belongs to their body', async () => {
    const { f, bodyMember } = w;
    const response = await expectOutcome(f, 201, () => bodyMember.client.post(`${f.base}/roles/${w.steeringRole}/assignments`, { personId: w.memberOfA, startsOn: TODAY }));
    await expectOutcome(f, 200, () => bodyMember.client.post(`${f.base}/roles/${w.steeringRole}/assignments/${response.body.id}/end`, {}));
    expect((await bodyMember.client.get(`${f.base}/roles/${w.steeringRole}`)).body.can).toEqual({ edit: false, assign: true });
  });

  it('gets 403 for a role of another body or of the partnership', async () => {
    const { f, bodyMember } = w;
    await expectOutcome(f, 403, () => bodyMember.client.post(`${f.base}/roles/${w.groupRole}/assignments`, { personId: w.memberOfA, startsOn: TODAY }));
    await expectOutcome(f, 403, () => bodyMember.client.post(`${f.base}/roles/${w.partnershipRole}/assignments`, { personId: w.memberOfA, startsOn: TODAY }));
    const assigned = await builder(w.f).assign(w.groupRole, w.memberOfB);
    await expectOutcome(f, 403, () => bodyMember.client.post(`${f.base}/roles/${w.groupRole}/assignments/${assigned}/end`, {}));
    await expectOutcome(f, 403, () => bodyMember.client.patch(`${f.base}/roles/${w.steeringRole}`, { termMonths: 12 }));
  });

  it('loses the right once their mandate is over', async () => {
    const f = await newPartnership(t);
    const body = await builder(f).body();
    const role = await builder(f).role({ bodyId: body });
    const member = await newMember(t, f);
    const seat = await builder(f).seat(body, { personId: member.personId, organizationId: null, startsOn: '2026-01-01' });
    await expectOutcome(f, 201, () => member.client.post(`${f.base}/roles/${role}/assignments`, { personId: member.personId, startsOn: TODAY }));
    await f.admin.post(`${f.base}/bodies/${body}/members/${seat}/end`, { endsOn: '2026-03-09' });
    await expectOutcome(f, 403, () => member.client.post(`${f.base}/roles/${role}/assignments`, { personId: f.adminPersonId, startsOn: TODAY }));
  });
});

describe('delegations', () => {
  it('are made by the delegating person or an administrator only', async () => {
    const { f } = w;
    const input = (fromPersonId: string, toPersonId: string) => ({ fromPersonId, toPersonId, bodyId: w.steering, scope: 'Suivre le budget', startsOn: TODAY });
    // The delegating person must sit in the body: the body member does; Lucie gets a seat for her house.
    await builder(f).seat(w.steering, { personId: w.memberOfA, organizationId: w.houseA });
    await expectOutcome(f, 201, () => w.bodyMember.client.post(`${f.base}/delegations`, input(w.bodyMember.personId, w.memberOfB)));
    await expectOutcome(f, 403, () => w.plain.client.post(`${f.base}/delegations`, input(w.bodyMember.personId, w.plain.personId)));
    await expectOutcome(f, 403, () => w.houseAdmin.client.post(`${f.base}/delegations`, input(w.memberOfA, w.houseAdmin.personId)));
    await expectOutcome(f, 201, () => f.admin.post(`${f.base}/delegations`, input(w.memberOfA, w.memberOfB)));
  });

  it('come only from a person who currently sits in the body to inform', async () => {
    const { f } = w;
    const input = (fromPersonId: string, bodyId: string) => ({ fromPersonId, toPersonId: w.memberOfA, bodyId, scope: 'Suivre le budget', startsOn: TODAY });
    const expectNotSeated = async (response: Response) => {
      expect(response.body.fields).toEqual({ bodyId: 'La personne qui délègue doit siéger dans l’instance à informer.' });
    };
    // Paul sits nowhere: neither he nor an administrator on his behalf may delegate.
    await expectNotSeated(await expectOutcome(f, 400, () => f.admin.post(`${f.base}/delegations`, input(w.memberOfB, w.steering))));
    // Samia sits in the steering committee, not in the working group.
    await expectNotSeated(await expectOutcome(f, 400, () => w.bodyMember.client.post(`${f.base}/delegations`, input(w.bodyMember.personId, w.group))));
    // A seat that starts later, or one that ended today, does not count.
    const later = await builder(f).person({ memberships: [{ organizationId: w.houseB, kind: 'volunteer' }] });
    await builder(f).seat(w.group, { personId: later, organizationId: null, startsOn: '2026-04-01' });
    await expectNotSeated(await expectOutcome(f, 400, () => f.admin.post(`${f.base}/delegations`, input(later, w.group))));
    const former = await builder(f).person({ memberships: [{ organizationId: w.houseB, kind: 'volunteer' }] });
    const seat = await builder(f).seat(w.group, { personId: former, organizationId: null, startsOn: '2026-01-01' });
    await expectOutcome(f, 201, () => f.admin.post(`${f.base}/delegations`, input(former, w.group)));
    await expectOutcome(f, 200, () => f.admin.post(`${f.base}/bodies/${w.group}/members/${seat}/end`, { endsOn: TODAY }));
    await expectNotSeated(await expectOutcome(f, 400, () => f.admin.post(`${f.base}/delegations`, input(former, w.group))));
    f.admin.locale = 'en';
    try {
      const english = await f.admin.post(`${f.base}/delegations`, input(w.memberOfB, w.steering));
      expect(english.body.fields).toEqual({ bodyId: 'The person who delegates must sit in the body to inform.' });
    } finally {
      f.admin.locale = undefined;
    }
  });

  it('are ended by the delegating person or an administrator only', async () => {
    const { f } = w;
    await builder(f).seat(w.group, { personId: w.plain.personId, organizationId: null });
    const mine = async (client: Client, fromPersonId: string) =>
      (await client.post(`${f.base}/delegations`, { fromPersonId, toPersonId: w.memberOfB, bodyId: w.group, scope: 'Réserver le car', startsOn: TODAY })).body.id as string;
    const delegationId = await mine(w.plain.client, w.plain.personId);
    await expectOutcome(f, 403, () => w.bodyMember.client.post(`${f.base}/delegations/${delegationId}/end`, {}));
    await expectOutcome(f, 403, () => w.houseAdmin.client.post(`${f.base}/delegations/${delegationId}/end`, {}));
    await expectOutcome(f, 200, () => w.plain.client.post(`${f.base}/delegations/${delegationId}/end`, {}));
    const other = await mine(w.plain.client, w.plain.personId);
    await expectOutcome(f, 200, () => f.admin.post(`${f.base}/delegations/${other}/end`, {}));
  });
});

describe('a partnership administrator', () => {
  it('may do all of the above, and the rights show in the answers', async () => {
    const { f } = w;
    expect((await f.admin.get(`${f.base}/bodies/${w.steering}`)).body.can).toEqual({ edit: true, manageSeatsOf: [w.houseA, w.houseB], manageUnaffiliatedSeats: true, openElection: true });
    const newcomer = await builder(f).person({ memberships: [{ organizationId: w.houseB, kind: 'volunteer' }] });
    await expectOutcome(f, 201, () => f.admin.post(`${f.base}/bodies/${w.group}/members`, seatInput(newcomer, w.houseB)));
    await expectOutcome(f, 201, () => f.admin.post(`${f.base}/roles/${w.groupRole}/assignments`, { personId: w.memberOfA, startsOn: TODAY }));
    await expectOutcome(f, 200, () => f.admin.patch(`${f.base}/people/${w.memberOfB}`, { fullName: 'Paul Mercier-Blanc' }));
  });
});
