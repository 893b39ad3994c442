import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStateAgainstJournal } from '../../src/journal/state-proof.js';
import type { Answer } from '../../src/common/contract.js';
import type { decisionMatrixAnswer } from '../../src/decisions/contract.js';
import { routeDecision } from '../../src/decisions/rules.js';
import { furnishedWithFacilitator } from '../support/partnership-routes.js';
import { builder, journalLength, journalOf, kindsAfter, TODAY, verifiedChain } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/**
 * A proposal decided by consent in a body of two, Samia facilitating, brought to its amendment
 * phase: Samia objects (Nadia has no say here yet), so the round closes without agreement.
 */
async function proposalToAmend() {
  const f = await newPartnership(t);
  const { ids, facilitator } = await furnishedWithFacilitator(t, f, 'Nadia Benali');
  const url = `${f.base}/proposals/${ids.proposalId}`;
  for (let move = 0; move < 3; move++) expect((await facilitator.client.post(`${url}/phase`)).status).toBe(200);
  const objected = await facilitator.client.post(`${url}/stances`, { stance: 'object', reason: 'Le budget ne suit pas.', idempotencyKey: randomUUID() });
  expect(objected.status).toBe(200);
  expect((await facilitator.client.post(`${url}/close-round`, {})).body).toMatchObject({ outcome: 'amend' });
  expect((await f.admin.get(url)).body).toMatchObject({ phase: 'amendment', round: 1 });
  return { f, ids, facilitator, url };
}

const amended = { wording: 'Une proposition amendée, budget compris', context: 'L’objection du budget intégrée.' };

describe('amend and open a new round, in one act', () => {
  it('amends the words and opens the next round, journaling both in one transaction', async () => {
    const { f, facilitator, url } = await proposalToAmend();
    const before = await journalLength(t, f.partnershipId);
    const deadline = new Date(t.clock.now().getTime() + 3 * 24 * 3600 * 1000).toISOString();
    const answer = await facilitator.client.post(`${url}/amend-and-reopen`, { ...amended, deadline });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({ phase: 'round', round: 2 });
    const proposal = await f.admin.get(url);
    expect(proposal.body).toMatchObject({ ...amended, phase: 'round', round: 2, roundDeadline: deadline, status: 'open' });
    expect(await kindsAfter(t, f.partnershipId, before)).toEqual(['proposal.amended', 'proposal.phase']);
    const [amendedEntry, phaseEntry] = (await journalOf(t, f.partnershipId)).slice(-2);
    expect(amendedEntry!.payload).toMatchObject({ round: 1 });
    expect(phaseEntry!.payload).toMatchObject({ phase: 'round', round: 2, deadline });
    // Free text never enters the journal: only its fingerprint.
    expect(JSON.stringify(amendedEntry!.payload)).not.toContain('budget');
    expect(amendedEntry!.recorded_at).toEqual(phaseEntry!.recorded_at);
    expect(await verifiedChain(t, f.partnershipId)).toMatchObject({ ok: true });
    expect(await checkStateAgainstJournal(t.store.db, f.partnershipId)).toEqual([]);
  });

  it('opens the round without an amendment entry when the words stay as they were', async () => {
    const { f, facilitator, url } = await proposalToAmend();
    const before = await journalLength(t, f.partnershipId);
    const same = await facilitator.client.post(`${url}/amend-and-reopen`, { wording: 'Une proposition' });
    expect(same.body).toEqual({ phase: 'round', round: 2 });
    expect(await kindsAfter(t, f.partnershipId, before)).toEqual(['proposal.phase']);
    expect((await f.admin.get(url)).body.roundDeadline).toBeNull();
  });

  it('lets an administrator stand in for the facilitator, and no other member', async () => {
    const { f, ids, url } = await proposalToAmend();
    const member = await newMember(t, f, { fullName: 'Gérard Lefèvre', memberships: [{ organizationId: ids.organizationId, kind: 'staff' }] });
    await builder(f).seat(ids.bodyId, { personId: member.personId, organizationId: ids.organizationId });
    const before = await journalLength(t, f.partnershipId);
    expect((await member.client.post(`${url}/amend-and-reopen`, amended)).status).toBe(403);
    expect(await journalLength(t, f.partnershipId)).toBe(before);
    expect((await f.admin.get(url)).body).toMatchObject({ wording: 'Une proposition', phase: 'amendment', round: 1 });
    expect((await f.admin.post(`${url}/amend-and-reopen`, amended)).body).toEqual({ phase: 'round', round: 2 });
  });

  it('writes nothing when the round cannot open: a deadline already past', async () => {
    const { f, facilitator, url } = await proposalToAmend();
    const before = await journalLength(t, f.partnershipId);
    const past = new Date(t.clock.now().getTime() - 60_000).toISOString();
    const refused = await facilitator.client.post(`${url}/amend-and-reopen`, { ...amended, deadline: past });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toHaveProperty('deadline');
    // The amendment was written first in the transaction; it went with the refused round.
    expect((await f.admin.get(url)).body).toMatchObject({ wording: 'Une proposition', phase: 'amendment', round: 1 });
    expect(await journalLength(t, f.partnershipId)).toBe(before);
  });

  it('refuses outside the amendment phase and without words, in the user’s language', async () => {
    const f = await newPartnership(t);
    const { ids, facilitator } = await furnishedWithFacilitator(t, f, 'Nadia Benali');
    const url = `${f.base}/proposals/${ids.proposalId}`;
    const early = await facilitator.client.post(`${url}/amend-and-reopen`, amended);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/phase/i);
    const empty = await facilitator.client.post(`${url}/amend-and-reopen`, { wording: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.fields.wording).toBeTruthy();
    facilitator.client.locale = 'en';
    expect((await facilitator.client.post(`${url}/amend-and-reopen`, {})).body.fields.wording).toBe('This field is required.');
    expect((await facilitator.client.post(`${url}/amend-and-reopen`, { ...amended, deadline: 'demain' })).status).toBe(400);
    expect((await f.admin.get(url)).body).toMatchObject({ wording: 'Une proposition', phase: 'presentation' });
  });

  it('refuses a proposal already decided', async () => {
    const { f, facilitator, url } = await proposalToAmend();
    await facilitator.client.post(`${url}/amend-and-reopen`, amended);
    // Settled while its page was still showing the amendment form (a round closed in a meeting, say).
    await t.store.db.updateTable('proposal').set({ status: 'adopted', phase: 'amendment', decided_at: t.clock.now() }).where('id', '=', url.split('/').at(-1)!).execute();
    const refused = await facilitator.client.post(`${url}/amend-and-reopen`, amended);
    expect(refused.status).toBe(409);
    expect((await f.admin.get(url)).body.round).toBe(2);
  });
});

describe('the decision matrix a new proposal is routed by', () => {
  it('is empty before a partnership charter is in force', async () => {
    const f = await newPartnership(t);
    expect((await f.admin.get(`${f.base}/decision-matrix`)).body).toEqual({ charter: null, decisionMatrix: [], fallback: null, bodies: [], scopes: { partnership: false, projects: [] } });
  });

  it('gives the rows, their article and the bodies they name, and routes as the server does', async () => {
    const f = await newPartnership(t);
    const build = builder(f);
    await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
    const steering = await build.body({ name: 'Comité de pilotage', kind: 'steering' });
    const directors = await build.body({ name: 'Codir', kind: 'directors' });
    await build.body({ name: 'Groupe jardins', kind: 'working_group' });
    const charter = await f.admin.post(`${f.base}/charters`, { template: 'partnership' });
    const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
    const contentHash = (await f.admin.get(versionUrl)).body.contentHash;
    expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId: steering, adoptedOn: TODAY, contentHash })).status).toBe(200);
    const member = await newMember(t, f, { fullName: 'Nadia Benali', memberships: [] });

    const matrix = await member.client.get<Answer<typeof decisionMatrixAnswer>>(`${f.base}/decision-matrix`);
    expect(matrix.status).toBe(200);
    expect(matrix.body.charter).toEqual({ id: charter.body.id, title: 'Charte de partenariat', versionId: charter.body.versionId, versionNumber: 1, article: 4 });
    expect(matrix.body.scopes).toEqual({ partnership: true, projects: [] });
    expect(matrix.body.bodies).toEqual(expect.arrayContaining([{ id: steering, name: 'Comité de pilotage' }, { id: directors, name: 'Codir' }]));
    for (const [level, topic] of [['operational', ''], ['operational', 'nomination des chefs de projet'], ['strategic', 'Un sujet que la charte ne nomme pas']] as const) {
      const expected = routeDecision(matrix.body, level, topic);
      const created = await f.admin.post(`${f.base}/proposals`, { level, topic, wording: `Proposition ${level} ${topic}`, participationLevel: 'participation' });
      const proposal = await f.admin.get(`${f.base}/proposals/${created.body.id}`);
      expect({ bodyId: proposal.body.body.id, method: proposal.body.method }).toEqual({ bodyId: expected!.bodyId, method: expected!.method });
    }
    expect(routeDecision(matrix.body, 'operational', 'Nomination des chefs de projet')!.bodyId).toBe(directors);
  });
});
