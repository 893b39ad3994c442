import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRules } from '../../src/charters/rules/types.js';
import { DECISION_LEVELS } from '../../src/charters/rules/enums.js';
import { textHash } from '../../src/journal/chain.js';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import { builder, journalOf, outboxMessages, TODAY } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type Client, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Member = Awaited<ReturnType<typeof newMember>>;

/**
 * Seed 004 in small: a general circle (Mireille, Paul) and under it a practice circle of
 * counsellors (Nadia, Gérard, Samia), of 6 to 8 people; Inès and Karim sit nowhere. The
 * partnership's charter in force sends every matter to the general circle.
 */
async function community(charterKind: 'partnership' | 'project' = 'partnership') {
  const f = await newPartnership(t);
  const build = builder(f);
  const house = await build.organization('Communauté de solidarité');
  const general = await build.body({ name: 'Cercle général', kind: 'circle' });
  const practice = await build.body({ name: 'Cercle des conseillers', kind: 'circle', parentBodyId: general, minSize: 6, maxSize: 8 });
  const person = async (fullName: string, bodyId: string | null) => {
    const member = await newMember(t, f, { fullName, memberships: [{ organizationId: house, kind: 'volunteer' }] });
    if (bodyId !== null) await build.seat(bodyId, { personId: member.personId, organizationId: null, mandateSource: 'self' });
    return member;
  };
  const [mireille, paul] = [await person('Mireille Blanc', general), await person('Paul Mercier', general)];
  const [nadia, gerard, samia] = [await person('Nadia Benali', practice), await person('Gérard Lefèvre', practice), await person('Samia Haddad', practice)];
  const [ines, karim, sophie] = [await person('Inès Fabre', null), await person('Karim Toure', null), await person('Sophie Vidal', null)];
  const rules = {
    ...emptyRules(),
    bodyIds: [general, practice],
    decisionMatrix: DECISION_LEVELS.map((level) => ({ id: randomUUID(), level, topic: '', bodyId: general, method: 'consent', quorumPercent: null, maxRounds: 3, onBlock: { kind: 'lapse' }, informBodyIds: [] })),
  };
  const charter = await f.admin.post(`${f.base}/charters/import`, {
    format: 'entente-charter',
    formatVersion: 1,
    kind: charterKind,
    content: { title: 'Charte de la communauté', articles: [{ key: randomUUID(), kind: 'purpose', title: 'Objet', body: '' }], rules },
  });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId: general, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash })).status).toBe(200);
  const everyone = { mireille, paul, nadia, gerard, samia, ines, karim, sophie };
  const clientOf = (personId: string): Client => Object.values(everyone).find((m) => m.personId === personId)!.client;
  return { f, build, house, general, practice, ...everyone, clientOf, charterId: charter.body.id as string, versionId: charter.body.versionId as string };
}

type Community = Awaited<ReturnType<typeof community>>;

const ask = (c: Community, who: Member, motivation = 'Je veux apprendre à co-développer.') => who.client.post(`${c.f.base}/circles/${c.practice}/join-requests`, { motivation });
const proposalOf = async (c: Community, joinId: string) => {
  const join = (await c.f.admin.get(`${c.f.base}/circle-joins/${joinId}`)).body;
  return { join, url: `${c.f.base}/proposals/${join.proposalId}` };
};
const stance = (client: Client, url: string, value: 'consent' | 'object', reason = '') => client.post(`${url}/stances`, { stance: value, reason, idempotencyKey: randomUUID() });
const currentMembers = async (c: Community, bodyId: string) =>
  ((await c.f.admin.get(`${c.f.base}/bodies/${bodyId}`)).body.members as { personId: string; current: boolean }[]).filter((m) => m.current).map((m) => m.personId);
const circleDisagreements = async (c: Community) => (await checkStateAgainstJournal(t.store.db, c.f.partnershipId)).filter((d) => d.table.startsWith('circle_join') || d.table.includes('circle') || d.table === 'proposal');

describe('a person asks to join a circle', () => {
  it('opens a proposal to the circle in its consent round, which seats the person once every member consents', async () => {
    const c = await community();
    const asked = await ask(c, c.ines);
    expect(asked.status).toBe(201);
    const { join, url } = await proposalOf(c, asked.body.id);
    expect(join).toMatchObject({ circle: { id: c.practice, name: 'Cercle des conseillers' }, person: { fullName: 'Inès Fabre' }, invited: false, status: 'open', motivation: 'Je veux apprendre à co-développer.' });
    // Four of the six planned: the request says so plainly.
    expect(join.sizeAfter).toEqual({ members: 4, minSize: 6, maxSize: 8, standing: 'below' });
    const proposal = (await c.nadia.client.get(url)).body;
    // The proposal names neither the person nor their words: its page reads them from the request, which an erasure empties.
    expect(proposal).toMatchObject({ wording: 'Une entrée dans le cercle « Cercle des conseillers »', status: 'open', phase: 'round', round: 1, circleJoinId: asked.body.id, context: '' });
    expect(proposal.roundDeadline).not.toBeNull();
    expect([c.nadia.personId, c.gerard.personId, c.samia.personId]).toContain(proposal.facilitator.id);
    // The circle's members are called to the round; the circle page lists the request.
    // One mail each, the round's call: no separate notice of a new proposal.
    const calls = (await outboxMessages(c.f)).filter((m) => m.recipient === c.gerard.email && m.subject.includes('Une entrée dans le cercle'));
    expect(calls.map((m) => m.subject)).toEqual(['À vous de répondre — Cercle des conseillers : « Une entrée dans le cercle « Cercle des conseillers » »']);
    const circle = (await c.karim.client.get(`${c.f.base}/circles/${c.practice}`)).body;
    expect(circle.openJoins.map((j: { person: { fullName: string } }) => j.person.fullName)).toEqual(['Inès Fabre']);
    expect(circle.can).toEqual({ ask: true, invite: false });
    expect((await c.ines.client.get(`${c.f.base}/circles/${c.practice}`)).body).toMatchObject({ viewerJoinId: asked.body.id, can: { ask: false } });
    expect((await journalOf(t, c.f.partnershipId)).find((e) => e.kind === 'circle.joinAsked')).toMatchObject({
      payload: { joinId: asked.body.id, bodyId: c.practice, personId: c.ines.personId, askedBy: c.ines.personId, motivationHash: textHash('Je veux apprendre à co-développer.'), proposalId: proposal.id },
    });

    for (const member of [c.nadia, c.gerard, c.samia]) expect((await stance(member.client, url, 'consent')).status).toBe(200);
    // Inès does not sit in the circle: she takes no stance on her own entry.
    expect((await stance(c.ines.client, url, 'consent')).status).toBe(403);
    const closed = await c.clientOf(proposal.facilitator.id).post(`${url}/close-round`, { statement: 'Bienvenue.' });
    expect(closed.body).toEqual({ outcome: 'adopted', reason: 'noObjection' });
    expect(await currentMembers(c, c.practice)).toContain(c.ines.personId);
    expect((await c.f.admin.get(`${c.f.base}/circle-joins/${asked.body.id}`)).body).toMatchObject({ status: 'accepted', can: { withdraw: false } });
    const joined = (await journalOf(t, c.f.partnershipId)).find((e) => e.kind === 'circle.joined')!;
    const seat = (await c.f.admin.get(`${c.f.base}/bodies/${c.practice}`)).body.members.find((m: { personId: string }) => m.personId === c.ines.personId);
    expect(joined.payload).toEqual({ joinId: asked.body.id, bodyId: c.practice, personId: c.ines.personId, proposalId: proposal.id, seatId: seat.id });
    expect(seat).toMatchObject({ capacity: 'member', mandateSource: 'self', startsOn: TODAY, organizationId: null });
    expect((await outboxMessages(c.f)).some((m) => m.recipient === c.ines.email && m.subject === 'Vous faites partie du cercle « Cercle des conseillers »')).toBe(true);
    expect(await circleDisagreements(c)).toEqual([]);
  });

  it('is declined by an objection in its one round, and the person is told', async () => {
    const c = await community();
    const asked = await ask(c, c.ines);
    const { url } = await proposalOf(c, asked.body.id);
    const facilitator = c.clientOf((await c.f.admin.get(url)).body.facilitator.id);
    expect((await stance(c.nadia.client, url, 'consent')).status).toBe(200);
    expect((await stance(c.gerard.client, url, 'object', 'Le cercle doit d’abord trouver son rythme.')).status).toBe(200);
    expect((await stance(c.samia.client, url, 'consent')).status).toBe(200);
    expect((await facilitator.post(`${url}/close-round`, {})).body).toEqual({ outcome: 'blocked', reason: 'objections' });
    expect((await c.f.admin.get(url)).body.status).toBe('lapsed');
    expect((await c.f.admin.get(`${c.f.base}/circle-joins/${asked.body.id}`)).body.status).toBe('declined');
    expect(await currentMembers(c, c.practice)).not.toContain(c.ines.personId);
    expect((await journalOf(t, c.f.partnershipId)).find((e) => e.kind === 'circle.joinDeclined')!.payload).toMatchObject({ joinId: asked.body.id, outcome: 'lapsed' });
    expect((await outboxMessages(c.f)).some((m) => m.recipient === c.ines.email && m.subject === 'Le cercle « Cercle des conseillers » n’a pas retenu votre entrée')).toBe(true);
    // Declined, she may ask again.
    expect((await ask(c, c.ines)).status).toBe(201);
    expect(await circleDisagreements(c)).toEqual([]);
  });

  it('says when the circle would leave its range, and lets it consent knowingly', async () => {
    const c = await community();
    for (let n = 0; n < 5; n++) {
      await c.build.seat(c.practice, { personId: await c.build.person({ fullName: `Conseiller ${n}`, memberships: [{ organizationId: c.house, kind: 'volunteer' }] }), organizationId: null, mandateSource: 'self' });
    }
    const circle = (await c.ines.client.get(`${c.f.base}/circles/${c.practice}`)).body;
    expect(circle.size).toEqual({ members: 8, minSize: 6, maxSize: 8, standing: 'within' });
    expect(circle.sizeAfterOneMore).toEqual({ members: 9, minSize: 6, maxSize: 8, standing: 'above' });
    const asked = await ask(c, c.ines);
    expect(asked.status).toBe(201);
    expect((await c.ines.client.get(`${c.f.base}/circle-joins/${asked.body.id}`)).body.sizeAfter).toEqual({ members: 9, minSize: 6, maxSize: 8, standing: 'above' });
  });
});

describe('a member invites someone into the circle', () => {
  it('is the request itself: the person is told, may withdraw it, and the proposal lapses', async () => {
    const c = await community();
    const invited = await c.nadia.client.post(`${c.f.base}/circles/${c.practice}/invitations`, { personId: c.karim.personId, motivation: 'Karim anime des ateliers.' });
    expect(invited.status).toBe(201);
    const { join, url } = await proposalOf(c, invited.body.id);
    expect(join).toMatchObject({ person: { id: c.karim.personId }, askedBy: { id: c.nadia.personId }, invited: true });
    expect((await c.f.admin.get(url)).body.facilitator.id).toBe(c.nadia.personId);
    const [mail, ...more] = (await outboxMessages(c.f)).filter((m) => m.recipient === c.karim.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('Invitation à rejoindre le cercle « Cercle des conseillers »');
    expect(mail!.body).toContain('Nadia Benali vous invite à rejoindre le cercle « Cercle des conseillers »');
    // Another member who did not ask may not withdraw it; Karim may.
    expect((await c.gerard.client.post(`${c.f.base}/circle-joins/${invited.body.id}/withdrawal`)).status).toBe(403);
    expect((await c.karim.client.get(`${c.f.base}/circle-joins/${invited.body.id}`)).body.can.withdraw).toBe(true);
    expect((await c.karim.client.post(`${c.f.base}/circle-joins/${invited.body.id}/withdrawal`)).status).toBe(204);
    expect((await c.f.admin.get(url)).body.status).toBe('lapsed');
    expect((await c.f.admin.get(`${c.f.base}/circle-joins/${invited.body.id}`)).body.status).toBe('withdrawn');
    expect((await c.karim.client.post(`${c.f.base}/circle-joins/${invited.body.id}/withdrawal`)).status).toBe(409);
    expect((await journalOf(t, c.f.partnershipId)).filter((e) => ['circle.joinWithdrawn', 'proposal.lapsed'].includes(e.kind)).map((e) => e.payload)).toEqual([
      { joinId: invited.body.id, bodyId: c.practice, personId: c.karim.personId, withdrawnBy: c.karim.personId },
      { proposalId: join.proposalId, bodyId: c.practice, why: 'withdrawn' },
    ]);
    expect(await circleDisagreements(c)).toEqual([]);
  });

  it('refuses whoever does not sit in the circle, a member, an unknown person, a second request, and says why', async () => {
    const c = await community();
    const invite = (by: Client, personId: string, motivation = '') => by.post(`${c.f.base}/circles/${c.practice}/invitations`, { personId, motivation });
    expect((await invite(c.ines.client, c.karim.personId)).status).toBe(403);
    expect((await invite(c.mireille.client, c.karim.personId)).status).toBe(403);
    expect((await invite(c.f.admin, c.karim.personId)).status).toBe(403);
    const member = await invite(c.nadia.client, c.gerard.personId);
    expect(member.status).toBe(400);
    expect(member.body.fields.personId).toBe('Cette personne siège déjà dans ce cercle.');
    expect((await invite(c.nadia.client, randomUUID())).status).toBe(400);
    expect((await invite(c.nadia.client, (await newPartnership(t)).adminPersonId)).status).toBe(400);
    expect((await invite(c.nadia.client, c.karim.personId, 'x'.repeat(2001))).status).toBe(400);
    expect((await invite(c.nadia.client, c.karim.personId)).status).toBe(201);
    const again = await invite(c.gerard.client, c.karim.personId);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Une demande d’entrée de cette personne attend déjà la décision du cercle.');
    expect((await ask(c, c.karim)).status).toBe(409);
    expect((await ask(c, c.nadia)).status).toBe(409);
    // A body that is no circle takes no request; its page part does not exist.
    const steering = await c.build.body({ name: 'Comité', kind: 'steering' });
    expect((await c.ines.client.post(`${c.f.base}/circles/${steering}/join-requests`, { motivation: '' })).status).toBe(409);
    expect((await c.ines.client.get(`${c.f.base}/circles/${steering}`)).status).toBe(404);
    expect((await c.ines.client.post(`${c.f.base}/circle-joins/${randomUUID()}/withdrawal`)).status).toBe(404);
    const elsewhere = await newPartnership(t);
    expect((await elsewhere.admin.get(`${c.f.base}/circles/${c.practice}`)).status).toBe(404);
    expect((await elsewhere.admin.post(`${c.f.base}/circles/${c.practice}/join-requests`, { motivation: '' })).status).toBe(404);
  });
});

describe('a circle’s officers', () => {
  it('has its leader appointed by the members of the circle above, not by its own, and its second link by its own', async () => {
    const c = await community();
    const leader = await c.f.admin.post(`${c.f.base}/roles`, { name: 'Responsable du cercle', bodyId: c.practice, appointedByParent: true, termMonths: 12 });
    expect(leader.status).toBe(201);
    const secondLink = await c.f.admin.post(`${c.f.base}/roles`, { name: 'Second lien', bodyId: c.practice, sitsInParent: true });
    const assign = (by: Client, roleId: string, personId: string) => by.post(`${c.f.base}/roles/${roleId}/assignments`, { personId, startsOn: TODAY });
    expect((await c.nadia.client.get(`${c.f.base}/roles/${leader.body.id}`)).body).toMatchObject({ appointedByParent: true, appointingBody: { id: c.general, name: 'Cercle général' }, can: { assign: false } });
    expect((await c.mireille.client.get(`${c.f.base}/roles/${leader.body.id}`)).body.can.assign).toBe(true);
    expect((await assign(c.nadia.client, leader.body.id, c.gerard.personId)).status).toBe(403);
    // Nor may the circle elect its leader.
    expect((await c.nadia.client.post(`${c.f.base}/elections`, { bodyId: c.practice, roleId: leader.body.id, termMonths: 12 })).status).toBe(403);
    expect((await assign(c.mireille.client, leader.body.id, c.gerard.personId)).status).toBe(201);
    expect((await assign(c.mireille.client, secondLink.body.id, c.samia.personId)).status).toBe(403);
    expect((await assign(c.nadia.client, secondLink.body.id, c.samia.personId)).status).toBe(201);
    const circle = (await c.ines.client.get(`${c.f.base}/circles/${c.practice}`)).body;
    expect(circle.officers).toEqual([
      { roleId: leader.body.id, roleName: 'Responsable du cercle', appointedByParent: true, sitsInParent: false, holders: [{ id: c.gerard.personId, fullName: 'Gérard Lefèvre' }] },
      { roleId: secondLink.body.id, roleName: 'Second lien', appointedByParent: false, sitsInParent: true, holders: [{ id: c.samia.personId, fullName: 'Samia Haddad' }] },
    ]);
    // A role appointed from above needs a body above.
    const orphan = await c.f.admin.post(`${c.f.base}/roles`, { name: 'Responsable', bodyId: c.general, appointedByParent: true });
    expect(orphan.status).toBe(400);
    expect(orphan.body.fields.appointedByParent).toBeDefined();
    expect((await journalOf(t, c.f.partnershipId)).find((e) => e.kind === 'role.created' && e.payload['roleId'] === leader.body.id)!.payload).toMatchObject({ appointedByParent: true, supervisesCircles: false });
  });

  it('has its expert invited as a guest to every meeting of every circle, counted in no quorum, taking no stance', async () => {
    const c = await community();
    const expert = await c.f.admin.post(`${c.f.base}/roles`, { name: 'Experte ou expert en sociocratie', supervisesCircles: true });
    expect((await c.f.admin.post(`${c.f.base}/roles/${expert.body.id}/assignments`, { personId: c.sophie.personId, startsOn: TODAY })).status).toBe(201);
    expect((await c.ines.client.get(`${c.f.base}/circles/${c.practice}`)).body.supervisors).toEqual([{ id: c.sophie.personId, fullName: 'Sophie Vidal', roleName: 'Experte ou expert en sociocratie' }]);
    const called = await c.nadia.client.post(`${c.f.base}/meetings`, { bodyId: c.practice, title: 'Rencontre de décembre', startsAt: '2026-12-15T18:30:00+01:00', place: 'Maison des associations', secretaryId: c.gerard.personId });
    expect(called.status).toBe(201);
    const meetingUrl = `${c.f.base}/meetings/${called.body.id}`;
    const meeting = (await c.gerard.client.get(meetingUrl)).body;
    expect(meeting.guests).toEqual([{ personId: c.sophie.personId, fullName: 'Sophie Vidal', reason: 'Experte ou expert en sociocratie : supervise les cercles', attendance: null }]);
    expect((await outboxMessages(c.f)).some((m) => m.recipient === c.sophie.email && m.subject.startsWith('Convocation — Cercle des conseillers'))).toBe(true);
    expect((await c.gerard.client.put(`${meetingUrl}/attendance`, { personId: c.sophie.personId, status: 'present' })).status).toBe(204);
    expect((await c.gerard.client.put(`${meetingUrl}/attendance`, { personId: c.nadia.personId, status: 'present' })).status).toBe(204);
    expect((await c.gerard.client.get(meetingUrl)).body.quorum).toMatchObject({ members: 3, present: 1 });
    // On the circle's proposals, she takes no stance.
    const asked = await ask(c, c.ines);
    const { url } = await proposalOf(c, asked.body.id);
    expect((await stance(c.sophie.client, url, 'consent')).status).toBe(403);
    // A meeting of a body that is no circle does not invite her.
    const steering = await c.build.body({ name: 'Comité', kind: 'steering' });
    await c.build.seat(steering, { personId: c.paul.personId, organizationId: null, mandateSource: 'self' });
    const other = await c.paul.client.post(`${c.f.base}/meetings`, { bodyId: steering, title: 'Comité', startsAt: '2026-12-16T18:30:00+01:00', place: '', secretaryId: null });
    expect((await c.paul.client.get(`${c.f.base}/meetings/${other.body.id}`)).body.guests).toEqual([]);
  });
});

describe('erasing a person who asked to join', () => {
  it('empties their motivation, the proposal never named them, their export lists the request; the journal still proves it', async () => {
    const c = await community();
    const asked = await ask(c, c.ines, 'Je suis Inès, voisine de Nadia, rue des Lilas.');
    const exported = (await c.ines.client.get('/api/v1/auth/export')).body;
    expect(exported.circleJoins).toMatchObject([{ id: asked.body.id, circle: 'Cercle des conseillers', person_id: c.ines.personId, motivation: 'Je suis Inès, voisine de Nadia, rue des Lilas.', status: 'open' }]);
    expect((await c.f.admin.post(`${c.f.base}/people/${c.ines.personId}/erase`)).status).toBe(200);
    const { join, url } = await proposalOf(c, asked.body.id);
    expect(join).toMatchObject({ motivation: '', person: { fullName: 'Personne effacée' } });
    const proposal = (await c.f.admin.get(url)).body;
    expect(JSON.stringify(proposal)).not.toMatch(/Inès|Lilas/);
    expect(await checkStateAgainstJournal(t.store.db, c.f.partnershipId)).toEqual([]);
  });
});

describe('a community governed by a project charter alone', () => {
  it('decides a request to join, and a tension made a proposal, under that charter', async () => {
    const c = await community('project');
    const asked = await ask(c, c.ines);
    expect(asked.status).toBe(201);
    const { url } = await proposalOf(c, asked.body.id);
    expect((await c.f.admin.get(url)).body).toMatchObject({ status: 'open', charter: { id: c.charterId, versionId: c.versionId } });
    const raised = await c.gerard.client.post(`${c.f.base}/bodies/${c.practice}/tensions`, { text: 'Nos séances débordent toujours d’une heure.' });
    expect(raised.status).toBe(201);
    const meeting = await c.gerard.client.post(`${c.f.base}/meetings`, { bodyId: c.practice, title: 'Cercle', startsAt: '2026-04-08T18:00:00+02:00' });
    expect(meeting.status).toBe(201);
    const facilitator = c.clientOf((await c.f.admin.get(`${c.f.base}/meetings/${meeting.body.id}`)).body.facilitator.id);
    expect((await facilitator.post(`${c.f.base}/meetings/${meeting.body.id}/advance`)).status).toBe(204);
    const made = await facilitator.post(`${c.f.base}/tensions/${raised.body.id}/proposal`, { wording: 'Tenir les séances en deux heures', level: 'operational' });
    expect(made.status).toBe(201);
    expect((await c.f.admin.get(`${c.f.base}/proposals/${made.body.id}`)).body).toMatchObject({ charter: { id: c.charterId, versionId: c.versionId }, body: { id: c.general } });
    expect(await circleDisagreements(c)).toEqual([]);
  });
});
