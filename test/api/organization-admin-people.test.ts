import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builder } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('an organization administrator adding people', () => {
  it('is told which organizations they may add people to, and adds them there only', async () => {
    const f = await newPartnership(t);
    const mine = await builder(f).organization();
    const theirs = await builder(f).organization();
    const director = await newMember(t, f, { memberships: [{ organizationId: mine, kind: 'staff', isOrganizationAdmin: true }] });

    const overview = await director.client.get(f.base);
    expect(overview.body.can).toEqual({ manageStructure: false, manageOrganizations: [mine] });

    const created = await director.client.post(`${f.base}/people`, {
      fullName: 'Nouvelle Bénévole',
      memberships: [{ organizationId: mine, kind: 'volunteer' }],
    });
    expect(created.status).toBe(201);
    expect((await director.client.get(`${f.base}/organizations/${mine}`)).body.members.map((m: { personId: string }) => m.personId)).toContain(
      created.body.id,
    );

    const elsewhere = await director.client.post(`${f.base}/people`, {
      fullName: 'Ailleurs',
      memberships: [{ organizationId: theirs, kind: 'volunteer' }],
    });
    expect(elsewhere.status).toBe(403);
  });

  it('must name the organization, with a message on that field', async () => {
    const f = await newPartnership(t);
    const mine = await builder(f).organization();
    const director = await newMember(t, f, { memberships: [{ organizationId: mine, kind: 'staff', isOrganizationAdmin: true }] });
    const response = await director.client.post(`${f.base}/people`, { fullName: 'Sans Maison', memberships: [] });
    expect(response.status).toBe(400);
    expect(response.body.fields).toEqual({ 'memberships.0.organizationId': 'Ce champ est obligatoire.' });
  });

  it('leaves a plain member unable to add anyone', async () => {
    const f = await newPartnership(t);
    const house = await builder(f).organization();
    const member = await newMember(t, f, { memberships: [{ organizationId: house, kind: 'volunteer' }] });
    expect((await member.client.get(f.base)).body.can).toEqual({ manageStructure: false, manageOrganizations: [] });
    const response = await member.client.post(`${f.base}/people`, { fullName: 'Personne', memberships: [{ organizationId: house, kind: 'volunteer' }] });
    expect(response.status).toBe(403);
  });
});
