import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { builder, TODAY } from './structure.js';
import { newMember, newPartnership, type Client, type TestApp } from './test-app.js';

/** Common projects' fixtures, shared by the lifecycle's and the conduct's API tests. */

export type Member = Awaited<ReturnType<typeof newMember>>;

/**
 * Seed 001 in small: two houses, a steering committee (one delegate per house) that validates
 * common projects and decides their future, a directors' committee (one director per house) that
 * names their lead and confirms it, and the partnership template's charter in force.
 */
export async function partnership(t: TestApp, adjust: (content: { rules: { decisionMatrix: { topic: string; method: string }[] } }) => void = () => {}) {
  const f = await newPartnership(t);
  const build = builder(f);
  const tilleuls = await build.organization('MJC des Tilleuls');
  const moulin = await build.organization('Centre social du Moulin');
  await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
  const steering = await build.body({ name: 'Comité de pilotage', kind: 'steering' });
  const directors = await build.body({ name: 'Codir', kind: 'directors' });
  // The template's functional matters go to a working group.
  await build.body({ name: 'Groupe jardins', kind: 'working_group' });
  const member = async (fullName: string, organizationId: string, bodyId: string | null, isOrganizationAdmin = false) => {
    const person = await newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'board', isOrganizationAdmin }] });
    if (bodyId !== null) await build.seat(bodyId, { personId: person.personId, organizationId });
    return person;
  };
  const nadia = await member('Nadia Benali', tilleuls, steering);
  const samia = await member('Samia Haddad', moulin, steering);
  const helene = await member('Hélène Dubois', tilleuls, directors, true);
  const jacques = await member('Jacques Arnaud', moulin, directors, true);
  const ines = await member('Inès Fabre', tilleuls, null);
  const karim = await member('Karim Saïdi', moulin, null);
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'partnership' });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  const content = (await f.admin.get(versionUrl)).body.content;
  adjust(content);
  expect((await f.admin.put(versionUrl, content)).body.issues).toEqual([]);
  const adopted = await f.admin.post(`${versionUrl}/adoption`, { bodyId: steering, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash });
  expect(adopted.status).toBe(200);
  return { f, tilleuls, moulin, steering, directors, nadia, samia, helene, jacques, ines, karim };
}
export type Setting = Awaited<ReturnType<typeof partnership>>;

export const projectUrl = (s: Setting, id: string) => `${s.f.base}/projects/${id}`;

export async function idea(s: Setting, by: Client = s.ines.client, title = 'Fête des voisins des trois maisons') {
  const created = await by.post(`${s.f.base}/projects`, { title, summary: 'Une fête commune en juin.', origin: 'informal_meeting', originDetail: 'Un café des parents', carrierPersonIds: [], carrierOrganizationIds: [s.tilleuls] });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return projectUrl(s, created.body.id);
}

export async function formalized(s: Setting) {
  const url = await idea(s);
  const done = await s.ines.client.put(`${url}/formalization`, { needs: 'Les familles ne se croisent pas entre quartiers.', analysis: 'Un temps festif partagé les ferait se rencontrer.', organizationIds: [s.tilleuls, s.moulin] });
  expect(done.status, JSON.stringify(done.body)).toBe(204);
  return url;
}

/** Through the proposal's phases to its round, every member of the body agreeing or objecting, then the round closed by its facilitator. */
export async function decide(s: Setting, proposalId: string, stance: 'agree' | 'object', facilitator: Client, statement = '') {
  const url = `${s.f.base}/proposals/${proposalId}`;
  for (;;) {
    const proposal = await s.f.admin.get(url);
    if (proposal.body.phase === 'round') break;
    expect((await facilitator.post(`${url}/phase`)).status).toBe(200);
  }
  for (const member of [s.nadia, s.samia]) {
    const answer = await member.client.post(`${url}/stances`, { stance, reason: stance === 'object' ? 'Pas cette année : le budget manque.' : '', idempotencyKey: randomUUID() });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
  return facilitator.post(`${url}/close-round`, { statement });
}

export async function validated(s: Setting) {
  const url = await formalized(s);
  const presented = await s.ines.client.post(`${url}/presentation`, {});
  expect(presented.status, JSON.stringify(presented.body)).toBe(201);
  const closed = await decide(s, presented.body.id, 'agree', s.ines.client, 'Validé, avec un budget à trouver.');
  expect(closed.body).toMatchObject({ outcome: 'adopted' });
  return url;
}

export async function active(s: Setting) {
  const url = await validated(s);
  expect((await s.helene.client.post(`${url}/referents`, { organizationId: s.tilleuls, personId: s.ines.personId })).status).toBe(201);
  expect((await s.jacques.client.post(`${url}/referents`, { organizationId: s.moulin, personId: s.karim.personId })).status).toBe(201);
  expect((await s.helene.client.post(`${url}/lead`, { personId: s.ines.personId, missionGoals: 'Organiser la fête.', missionTime: '4 h par semaine', missionTraining: '' })).status).toBe(204);
  expect((await s.helene.client.post(`${url}/lead/approval`)).status).toBe(204);
  expect((await s.jacques.client.post(`${url}/lead/approval`)).status).toBe(204);
  return url;
}

