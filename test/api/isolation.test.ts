import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, newPartnership, startTestApp, uniqueEmail, type PartnershipFixture, type TestApp } from '../support/test-app.js';
import { DECISION_LEVELS, emptyRules } from '../../src/domain/charter/types.js';
import { builder, countRows, expectCreated, journalOf, TODAY, uniqueName } from '../support/structure.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** A partnership with one of everything, so every route has a real target. */
async function furnished(f: PartnershipFixture, fullName: string) {
  const build = builder(f);
  const organizationId = await build.organization();
  const personId = await build.person({ fullName, email: uniqueEmail('secret'), memberships: [{ organizationId, kind: 'staff' }] });
  const otherPersonId = await build.person({ memberships: [{ organizationId, kind: 'volunteer' }] });
  const bodyId = await build.body({ delegatesPerOrganization: 2 });
  const seatId = await build.seat(bodyId, { personId, organizationId });
  const roleId = await build.role({ bodyId });
  const assignmentId = await build.assign(roleId, personId);
  const delegationId = await build.delegation({ fromPersonId: personId, toPersonId: otherPersonId, bodyId });
  const person = await f.admin.get(`${f.base}/people/${personId}`);
  const membershipId = person.body.memberships[0].id as string;
  // A charter in force whose every decision goes to the one body, so a proposal can be made.
  const content = {
    title: 'Charte',
    articles: [{ key: randomUUID(), kind: 'purpose', title: 'Objet', body: '' }],
    rules: {
      ...emptyRules(),
      bodyIds: [bodyId],
      decisionMatrix: DECISION_LEVELS.map((level) => ({ id: randomUUID(), level, topic: '', bodyId, method: 'consent', quorumPercent: null, maxRounds: null, onBlock: { kind: 'lapse' }, informBodyIds: [] })),
    },
  };
  const charter = await f.admin.post(`${f.base}/charters/import`, { format: 'entente-charter', formatVersion: 1, kind: 'partnership', content });
  const charterId = charter.body.id as string;
  const versionId = charter.body.versionId as string;
  const versionUrl = `${f.base}/charters/${charterId}/versions/${versionId}`;
  const contentHash = (await f.admin.get(versionUrl)).body.contentHash as string;
  expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId, adoptedOn: TODAY, contentHash })).status).toBe(200);
  const proposal = await f.admin.post(`${f.base}/proposals`, { level: 'operational', wording: 'Une proposition', participationLevel: 'participation' });
  const proposalId = expectCreated(proposal, 'proposal');
  const electionId = expectCreated(await f.admin.post(`${f.base}/elections`, { bodyId, roleId, termMonths: 12, facilitatorId: personId }), 'election');
  const meetingId = expectCreated(await f.admin.post(`${f.base}/meetings`, { bodyId, title: 'Réunion', startsAt: '2026-04-01T18:00:00+02:00', facilitatorId: personId }), 'meeting');
  const agendaItemId = expectCreated(await f.admin.post(`${f.base}/meetings/${meetingId}/agenda`, { kind: 'information', title: 'Nouvelles' }), 'agenda item');
  const pollId = expectCreated(await f.admin.post(`${f.base}/date-polls`, { bodyId, title: 'Quand ?', slots: ['2026-04-01T18:00:00+02:00', '2026-04-02T18:00:00+02:00'] }), 'date poll');
  const slotId = (await f.admin.get(`${f.base}/date-polls/${pollId}`)).body.slots[0].id as string;
  return { organizationId, personId, otherPersonId, bodyId, seatId, roleId, assignmentId, delegationId, membershipId, charterId, versionId, proposalId, electionId, meetingId, agendaItemId, pollId, slotId };
}

type Furnished = Awaited<ReturnType<typeof furnished>>;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A valid charter version's content, to send where a route expects one. */
let charterContent: unknown;

/** Every route inside a partnership, with a valid input, aimed at the given ids. */
function routes(base: string, ids: Furnished, own: Furnished = ids): [Method, string, unknown?][] {
  const seat = { personId: own.personId, organizationId: own.organizationId, capacity: 'delegate', mandateSource: 'board', startsOn: TODAY };
  return [
    ['GET', base],
    ['GET', `${base}/organizations/${ids.organizationId}`],
    ['GET', `${base}/people`],
    ['GET', `${base}/people/${ids.personId}`],
    ['GET', `${base}/bodies/${ids.bodyId}`],
    ['GET', `${base}/roles/${ids.roleId}`],
    ['GET', `${base}/journal`],
    ['GET', `${base}/outbox`],
    ['POST', `${base}/organizations`, { name: uniqueName('Intrus'), kind: 'other' }],
    ['PATCH', `${base}/organizations/${ids.organizationId}`, { name: uniqueName('Renommée') }],
    ['POST', `${base}/organizations/${ids.organizationId}/memberships`, { personId: own.otherPersonId, kind: 'volunteer' }],
    ['DELETE', `${base}/organizations/${ids.organizationId}/memberships/${ids.membershipId}`],
    ['POST', `${base}/people`, { fullName: 'Intrus' }],
    ['PATCH', `${base}/people/${ids.personId}`, { fullName: 'Renommé·e' }],
    ['POST', `${base}/people/${ids.personId}/erase`],
    ['POST', `${base}/people/${ids.personId}/invitation`],
    ['POST', `${base}/bodies`, { name: uniqueName('Intruse'), kind: 'circle' }],
    ['PATCH', `${base}/bodies/${ids.bodyId}`, { delegatesPerOrganization: 1 }],
    ['POST', `${base}/bodies/${ids.bodyId}/members`, seat],
    ['POST', `${base}/bodies/${ids.bodyId}/members/${ids.seatId}/end`, {}],
    ['POST', `${base}/roles`, { name: uniqueName('Intrus') }],
    ['PATCH', `${base}/roles/${ids.roleId}`, { termMonths: 3 }],
    ['POST', `${base}/roles/${ids.roleId}/assignments`, { personId: own.otherPersonId, startsOn: TODAY }],
    ['POST', `${base}/roles/${ids.roleId}/assignments/${ids.assignmentId}/end`, {}],
    ['POST', `${base}/delegations`, { fromPersonId: own.personId, toPersonId: own.otherPersonId, bodyId: own.bodyId, scope: 'Tout', startsOn: TODAY }],
    ['POST', `${base}/delegations/${ids.delegationId}/end`, {}],
    ['GET', `${base}/charters`],
    ['GET', `${base}/compliance`],
    ['POST', `${base}/charters`, { template: 'cooperation' }],
    ['POST', `${base}/charters/import`, { format: 'entente-charter', formatVersion: 1, kind: 'project', content: charterContent }],
    ['GET', `${base}/charters/${ids.charterId}`],
    ['POST', `${base}/charters/${ids.charterId}/drafts`],
    ['GET', `${base}/charters/${ids.charterId}/diff?from=${ids.versionId}&to=${ids.versionId}`],
    ['GET', `${base}/charters/${ids.charterId}/versions/${ids.versionId}`],
    ['PUT', `${base}/charters/${ids.charterId}/versions/${ids.versionId}`, charterContent],
    ['DELETE', `${base}/charters/${ids.charterId}/versions/${ids.versionId}`],
    ['POST', `${base}/charters/${ids.charterId}/versions/${ids.versionId}/adoption`, { bodyId: own.bodyId, adoptedOn: TODAY, contentHash: '0'.repeat(64) }],
    ['POST', `${base}/charters/${ids.charterId}/versions/${ids.versionId}/signatures`, { signatoryId: ids.personId, typedName: 'X', readAndApproved: true, contentHash: '0'.repeat(64) }],
    ['GET', `${base}/charters/${ids.charterId}/versions/${ids.versionId}/export`],
    ['GET', `${base}/charters/${ids.charterId}/versions/${ids.versionId}/markdown`],
    ['GET', `${base}/charters/${ids.charterId}/versions/${ids.versionId}/pdf`],
    ['GET', `${base}/proposals`],
    ['POST', `${base}/proposals`, { level: 'strategic', wording: 'Intrusion', participationLevel: 'participation' }],
    ['GET', `${base}/proposals/${ids.proposalId}`],
    ['POST', `${base}/proposals/${ids.proposalId}/phase`],
    ['POST', `${base}/proposals/${ids.proposalId}/stances`, { stance: 'agree', idempotencyKey: 'isolation-key' }],
    ['POST', `${base}/proposals/${ids.proposalId}/proxies`, { holderId: own.otherPersonId }],
    ['POST', `${base}/proposals/${ids.proposalId}/close-round`, {}],
    ['POST', `${base}/proposals/${ids.proposalId}/blocked`],
    ['POST', `${base}/proposals/${ids.proposalId}/decision`, { outcome: 'adopted', statement: 'x' }],
    ['GET', `${base}/elections`],
    ['POST', `${base}/elections`, { bodyId: own.bodyId, roleId: own.roleId, termMonths: 6, facilitatorId: own.personId }],
    ['GET', `${base}/elections/${ids.electionId}`],
    ['PUT', `${base}/elections/${ids.electionId}/nomination`, { nomineeId: own.personId, reason: 'Intrusion' }],
    ['POST', `${base}/elections/${ids.electionId}/phase`],
    ['POST', `${base}/elections/${ids.electionId}/candidate`, { candidateId: own.personId }],
    ['POST', `${base}/elections/${ids.electionId}/stances`, { stance: 'consent' }],
    ['POST', `${base}/elections/${ids.electionId}/close-round`],
    ['POST', `${base}/elections/${ids.electionId}/abandon`],
    ['GET', `${base}/bodies/${ids.bodyId}/meetings`],
    ['POST', `${base}/meetings`, { bodyId: own.bodyId, title: 'Intrusion', startsAt: '2026-04-02T18:00:00+02:00', facilitatorId: own.personId }],
    ['GET', `${base}/meetings/${ids.meetingId}`],
    ['GET', `${base}/meetings/${ids.meetingId}/calendar.ics`],
    ['GET', `${base}/meetings/${ids.meetingId}/minutes.pdf`],
    ['POST', `${base}/meetings/${ids.meetingId}/agenda`, { kind: 'information', title: 'Intrusion' }],
    ['PUT', `${base}/meetings/${ids.meetingId}/agenda/order`, { itemIds: [ids.agendaItemId] }],
    ['PUT', `${base}/meetings/${ids.meetingId}/attendance`, { personId: own.personId, status: 'present' }],
    ['PUT', `${base}/meetings/${ids.meetingId}/minutes`, { text: 'Intrusion', basedOn: 0 }],
    ['POST', `${base}/meetings/${ids.meetingId}/advance`],
    ['PUT', `${base}/meetings/${ids.meetingId}/roles`, { facilitatorId: own.personId, secretaryId: null }],
    ['PUT', `${base}/meetings/${ids.meetingId}/round-word`, { word: 'Intrusion' }],
    ['POST', `${base}/meetings/${ids.meetingId}/minutes/review`, { until: '2026-04-02T18:00:00+02:00' }],
    ['PUT', `${base}/meetings/${ids.meetingId}/minutes/review`, { verdict: 'approve', basedOn: 0 }],
    ['POST', `${base}/meetings/${ids.meetingId}/minutes/publish`],
    ['POST', `${base}/date-polls`, { bodyId: own.bodyId, title: 'Intrusion', slots: ['2026-04-03T18:00:00+02:00', '2026-04-04T18:00:00+02:00'] }],
    ['GET', `${base}/date-polls/${ids.pollId}`],
    ['PUT', `${base}/date-polls/${ids.pollId}/answers`, { answers: [{ slotId: ids.slotId, answer: 'yes' }] }],
    ['POST', `${base}/date-polls/${ids.pollId}/close`, { slotId: ids.slotId }],
  ];
}

let a: PartnershipFixture;
let b: PartnershipFixture;
let aIds: Furnished;
let bIds: Furnished;
let notFoundBody: unknown;
beforeAll(async () => {
  a = await newPartnership(t);
  b = await newPartnership(t);
  aIds = await furnished(a, 'Nadia Benali');
  bIds = await furnished(b, 'Personne Secrète');
  charterContent = (await a.admin.get(`${a.base}/charters/${aIds.charterId}/versions/${aIds.versionId}`)).body.content;
  const missing = await a.admin.get(`/api/v1/partnerships/${randomUUID()}`);
  expect(missing.status).toBe(404);
  notFoundBody = missing.body;
});

describe('another partnership', () => {
  it('does not exist for an administrator of A: 404 on every route of B, the same answer as an unknown id', async () => {
    const before = await countRows(t, b.partnershipId);
    const journalBefore = await journalOf(t, b.partnershipId);
    for (const [method, url, payload] of routes(b.base, bIds)) {
      const response = await a.admin.request(method, url, payload);
      expect(response.status, `${method} ${url}`).toBe(404);
      expect(response.body, `${method} ${url}`).toEqual(notFoundBody);
    }
    expect(await countRows(t, b.partnershipId)).toEqual(before);
    expect(await journalOf(t, b.partnershipId)).toEqual(journalBefore);
  });

  it('answers 404 before looking at the input, so invalid input reveals nothing either', async () => {
    for (const [method, url] of routes(b.base, bIds).filter(([method]) => method !== 'GET')) {
      const response = await a.admin.request(method, url, method === 'DELETE' ? undefined : { nonsense: true });
      expect(response.status, `${method} ${url}`).toBe(404);
    }
  });

  it('keeps its objects out of reach through A’s own routes: 404 for B’s ids in A’s URLs', async () => {
    const before = await countRows(t, b.partnershipId);
    const aimed = routes(a.base, bIds, aIds).filter(([, url]) => Object.values(bIds).some((id) => url.includes(id)));
    expect(aimed).toHaveLength(59);
    for (const [method, url, payload] of aimed) {
      const response = await a.admin.request(method, url, payload);
      expect(response.status, `${method} ${url}`).toBe(404);
      expect(response.body).toEqual(notFoundBody);
    }
    // Mixed: A's organization or body with B's membership or seat.
    expect((await a.admin.delete(`${a.base}/organizations/${aIds.organizationId}/memberships/${bIds.membershipId}`)).status).toBe(404);
    expect((await a.admin.post(`${a.base}/bodies/${aIds.bodyId}/members/${bIds.seatId}/end`, {})).status).toBe(404);
    expect((await a.admin.post(`${a.base}/roles/${aIds.roleId}/assignments/${bIds.assignmentId}/end`, {})).status).toBe(404);
    expect(await countRows(t, b.partnershipId)).toEqual(before);
  });

  it('cannot be referred to from inside A’s requests: 400 on the field', async () => {
    const before = { a: await countRows(t, a.partnershipId), b: await countRows(t, b.partnershipId) };
    const cases: [Method, string, unknown, string, string][] = [
      ['POST', `${a.base}/bodies/${aIds.bodyId}/members`, { personId: bIds.personId, organizationId: null, capacity: 'member', mandateSource: 'self', startsOn: TODAY }, 'personId', 'Cette personne ne fait pas partie du partenariat.'],
      ['POST', `${a.base}/bodies/${aIds.bodyId}/members`, { personId: aIds.otherPersonId, organizationId: bIds.organizationId, capacity: 'delegate', mandateSource: 'board', startsOn: TODAY }, 'organizationId', 'Cette structure ne fait pas partie du partenariat.'],
      ['POST', `${a.base}/bodies`, { name: uniqueName('Sous-instance'), kind: 'circle', parentBodyId: bIds.bodyId }, 'parentBodyId', 'Cette instance ne fait pas partie du partenariat.'],
      ['PATCH', `${a.base}/bodies/${aIds.bodyId}`, { parentBodyId: bIds.bodyId }, 'parentBodyId', 'Cette instance ne fait pas partie du partenariat.'],
      ['POST', `${a.base}/roles`, { name: uniqueName('Rôle'), bodyId: bIds.bodyId }, 'bodyId', 'Cette instance ne fait pas partie du partenariat.'],
      ['PATCH', `${a.base}/roles/${aIds.roleId}`, { bodyId: bIds.bodyId }, 'bodyId', 'Cette instance ne fait pas partie du partenariat.'],
      ['POST', `${a.base}/roles/${aIds.roleId}/assignments`, { personId: bIds.personId, startsOn: TODAY }, 'personId', 'Cette personne ne fait pas partie du partenariat.'],
      ['POST', `${a.base}/delegations`, { fromPersonId: bIds.personId, toPersonId: aIds.personId, bodyId: aIds.bodyId, scope: 'x', startsOn: TODAY }, 'fromPersonId', 'Cette personne ne fait pas partie du partenariat.'],
      ['POST', `${a.base}/delegations`, { fromPersonId: aIds.personId, toPersonId: bIds.personId, bodyId: aIds.bodyId, scope: 'x', startsOn: TODAY }, 'toPersonId', 'Cette personne ne fait pas partie du partenariat.'],
      ['POST', `${a.base}/delegations`, { fromPersonId: aIds.personId, toPersonId: aIds.otherPersonId, bodyId: bIds.bodyId, scope: 'x', startsOn: TODAY }, 'bodyId', 'Cette instance ne fait pas partie du partenariat.'],
      ['POST', `${a.base}/people`, { fullName: 'Double vie', memberships: [{ organizationId: bIds.organizationId, kind: 'staff' }] }, 'memberships.0.organizationId', 'Cette structure ne fait pas partie du partenariat.'],
      ['POST', `${a.base}/organizations/${aIds.organizationId}/memberships`, { personId: bIds.personId, kind: 'staff' }, 'personId', 'Cette personne ne fait pas partie du partenariat.'],
      ['POST', `${a.base}/elections`, { bodyId: bIds.bodyId, roleId: aIds.roleId, termMonths: 6 }, 'bodyId', 'Cette instance ne fait pas partie du partenariat.'],
      ['POST', `${a.base}/meetings`, { bodyId: bIds.bodyId, title: 'Ailleurs', startsAt: '2026-04-02T18:00:00+02:00' }, 'bodyId', 'Cette instance ne fait pas partie du partenariat.'],
    ];
    for (const [method, url, payload, field, message] of cases) {
      const response = await a.admin.request(method, url, payload);
      expect(response.status, `${method} ${url} ${field}`).toBe(400);
      expect(response.body.fields, `${method} ${url} ${field}`).toEqual({ [field]: message });
    }
    expect(await countRows(t, a.partnershipId)).toEqual(before.a);
    expect(await countRows(t, b.partnershipId)).toEqual(before.b);
  });

  it('is not listed among the account’s partnerships', async () => {
    const list = await a.admin.get('/api/v1/partnerships');
    expect(list.status).toBe(200);
    expect(list.body.map((p: { id: string }) => p.id)).toEqual([a.partnershipId]);
    const session = await a.admin.get('/api/v1/auth/session');
    expect(session.body.partnerships.map((p: { id: string }) => p.id)).toEqual([a.partnershipId]);
  });

  it('leaks no name or id of B in A’s pages', async () => {
    for (const [method, url] of routes(a.base, aIds).filter(([method]) => method === 'GET')) {
      const response = await a.admin.request(method, url);
      expect(response.status, url).toBe(200);
      const text = JSON.stringify(response.body);
      expect(text, url).not.toContain('Personne Secrète');
      for (const id of Object.values(bIds)) expect(text, url).not.toContain(id);
    }
  });
});

describe('malformed ids', () => {
  it('answer 404, never 500, on reads and mutations', async () => {
    const bad = ['not-a-uuid', '123', "1'%3B drop table person%3B--", '00000000-0000-0000-0000-00000000000g', 'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ'];
    for (const value of bad) {
      for (const [method, url, payload] of [
        ['GET', `/api/v1/partnerships/${value}`],
        ['GET', `${a.base}/organizations/${value}`],
        ['GET', `${a.base}/people/${value}`],
        ['GET', `${a.base}/bodies/${value}`],
        ['GET', `${a.base}/roles/${value}`],
        ['PATCH', `${a.base}/bodies/${value}`, { name: 'x' }],
        ['POST', `/api/v1/partnerships/${value}/organizations`, { name: 'x', kind: 'other' }],
        ['POST', `${a.base}/bodies/${aIds.bodyId}/members/${value}/end`, {}],
        ['POST', `${a.base}/delegations/${value}/end`, {}],
        ['DELETE', `${a.base}/organizations/${aIds.organizationId}/memberships/${value}`],
      ] as [Method, string, unknown?][]) {
        const response = await a.admin.request(method, url, payload);
        expect(response.status, `${method} ${url}`).toBe(404);
        expect(response.body, `${method} ${url}`).toEqual(notFoundBody);
      }
    }
  });

  it('answer 404 for ids that are well-formed but unknown', async () => {
    for (const path of ['organizations', 'people', 'bodies', 'roles']) {
      expect((await a.admin.get(`${a.base}/${path}/${randomUUID()}`)).status).toBe(404);
    }
    expect((await a.admin.patch(`${a.base}/people/${randomUUID()}`, { fullName: 'x' })).status).toBe(404);
    expect((await a.admin.post(`${a.base}/delegations/${randomUUID()}/end`, {})).status).toBe(404);
  });
});

describe('without a session', () => {
  it('every route of a partnership answers 401 and changes nothing', async () => {
    const before = await countRows(t, a.partnershipId);
    const anonymous = new Client(t.app);
    for (const [method, url, payload] of routes(a.base, aIds)) {
      const response = await anonymous.request(method, url, payload);
      expect(response.status, `${method} ${url}`).toBe(401);
    }
    expect((await anonymous.get('/api/v1/partnerships')).status).toBe(401);
    expect(await countRows(t, a.partnershipId)).toEqual(before);
  });
});
