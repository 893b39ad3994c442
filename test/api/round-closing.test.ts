import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRoundsPastDeadline } from '../../src/decisions/acts.js';
import { checkStateAgainstJournal, describeDisagreement } from '../../src/journal/state-proof.js';
import { builder, journalOf, TODAY } from '../support/structure.js';
import { newMember, newPartnership, startTestApp, type Client, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Silence = 'consents' | 'absent' | 'blocks' | undefined;

/**
 * A partnership whose steering committee of four decides operational matters by consent (the
 * template's working-group row made general), silence counted as `silence` says; undefined leaves
 * the template's word.
 */
async function committee(silence: Silence) {
  const f = await newPartnership(t);
  const build = builder(f);
  const tilleuls = await build.organization('MJC des Tilleuls');
  const moulin = await build.organization('Centre social du Moulin');
  await build.body({ name: 'Assemblée plénière', kind: 'plenary' });
  const steering = await build.body({ name: 'Comité de pilotage', kind: 'steering' });
  await build.body({ name: 'Codir', kind: 'directors' });
  await build.body({ name: 'Groupe jardins', kind: 'working_group' });
  const members = [];
  for (const [fullName, organizationId] of [
    ['Nadia Benali', tilleuls],
    ['Gérard Lefèvre', tilleuls],
    ['Samia Haddad', moulin],
    ['Bernard Colin', moulin],
  ] as const) {
    const person = await newMember(t, f, { fullName, memberships: [{ organizationId, kind: 'board' }] });
    await build.seat(steering, { personId: person.personId, organizationId });
    members.push(person);
  }
  const charter = await f.admin.post(`${f.base}/charters`, { template: 'partnership' });
  const versionUrl = `${f.base}/charters/${charter.body.id}/versions/${charter.body.versionId}`;
  const content = (await f.admin.get(versionUrl)).body.content;
  for (const rule of content.rules.decisionMatrix) {
    if (rule.level === 'operational' && rule.topic === '') rule.method = 'consent';
    if (silence === undefined) expect(rule.silence).toBe('absent');
    else rule.silence = silence;
  }
  expect((await f.admin.put(versionUrl, content)).body.issues).toEqual([]);
  expect((await f.admin.post(`${versionUrl}/adoption`, { bodyId: steering, adoptedOn: TODAY, contentHash: (await f.admin.get(versionUrl)).body.contentHash })).status).toBe(200);
  const created = await f.admin.post(`${f.base}/proposals`, { level: 'operational', wording: 'Ouvrir le jardin partagé le samedi.', participationLevel: 'participation' });
  expect(created.status).toBe(201);
  const url = `${f.base}/proposals/${created.body.id}`;
  const [nadia, gerard, samia, bernard] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0], (typeof members)[0]];
  return { f, url, steering, proposalId: created.body.id as string, nadia, gerard, samia, bernard };
}

type Committee = Awaited<ReturnType<typeof committee>>;

const DEADLINE = '2026-03-12T18:00:00+01:00';
const AFTER_DEADLINE = new Date('2026-03-12T17:00:00Z');

/** Through the consent phases to the round, with a deadline when asked. */
async function openRound(c: Committee, deadline?: string) {
  for (let step = 0; step < 2; step += 1) expect((await c.f.admin.post(`${c.url}/phase`)).status).toBe(200);
  expect((await c.f.admin.post(`${c.url}/phase`, deadline === undefined ? {} : { deadline })).body).toMatchObject({ phase: 'round' });
}

async function speak(client: Client, url: string, stance: string, reason = '') {
  const taken = await client.post(`${url}/stances`, { stance, reason, idempotencyKey: randomUUID() });
  expect(taken.status, JSON.stringify(taken.body)).toBe(200);
}

const lastEntry = async (c: Committee, kind: string) => (await journalOf(t, c.f.partnershipId)).filter((entry) => entry.kind === kind).at(-1);
const proofOf = async (c: Committee) => (await checkStateAgainstJournal(t.store.db, c.f.partnershipId)).map(describeDisagreement);

describe('closing a round by hand: the facilitator first reads why it would end so, then confirms', () => {
  it('names the silent member and calls a missing quorum a missing quorum (absent, the default)', async () => {
    const c = await committee(undefined);
    await openRound(c);
    for (const member of [c.nadia, c.gerard, c.samia]) await speak(member.client, c.url, 'consent');
    const preview = await c.f.admin.get(`${c.url}/close-round`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      round: 1,
      outcome: 'amend',
      reason: 'quorumNotReached',
      silence: 'absent',
      silentCountedAs: 'absent',
      silent: [{ id: c.bernard.personId, fullName: 'Bernard Colin' }],
      members: 4,
      expressed: 3,
      counted: 3,
      needed: 4,
      why: '1 membre ne s’est pas exprimé (Bernard Colin) : la charte le compte absent. Quorum non atteint : 3 voix sur les 4 nécessaires. La proposition revient en amendement, puis un nouveau tour s’ouvre.',
    });
    c.f.admin.locale = 'en';
    expect((await c.f.admin.get(`${c.url}/close-round`)).body.why).toBe(
      '1 member has not spoken (Bernard Colin): the charter counts them absent. Quorum not reached: 3 voices of the 4 needed. The proposal goes back to amendment, then a new round opens.',
    );
    c.f.admin.locale = undefined;
    // Nothing changes by reading.
    expect((await c.f.admin.get(c.url)).body).toMatchObject({ phase: 'round', lastClosing: null, silence: 'absent' });

    const closed = await c.f.admin.post(`${c.url}/close-round`, { expected: { outcome: 'amend', reason: 'quorumNotReached' } });
    expect(closed.body).toEqual({ outcome: 'amend', reason: 'quorumNotReached' });
    const after = (await c.f.admin.get(c.url)).body;
    expect(after).toMatchObject({ phase: 'amendment', lastClosing: { round: 1, outcome: 'amend', reason: 'quorumNotReached', silent: [{ fullName: 'Bernard Colin' }], why: preview.body.why } });
    expect(await lastEntry(c, 'round.closed')).toMatchObject({
      payload: { proposalId: c.proposalId, bodyId: c.steering, round: 1, outcome: 'amend', reason: 'quorumNotReached', silence: 'absent', silentCountedAs: 'absent', silent: [c.bernard.personId], expressed: 3, counted: 3, needed: 4, members: 4 },
    });
    expect(await proofOf(c)).toEqual([]);
  });

  it('proves from the journal why the round ended: a reason edited in the row is named', async () => {
    const c = await committee('absent');
    await openRound(c);
    await speak(c.nadia.client, c.url, 'consent');
    expect((await c.f.admin.post(`${c.url}/close-round`, {})).body).toEqual({ outcome: 'amend', reason: 'quorumNotReached' });
    expect(await proofOf(c)).toEqual([]);
    const row = await t.store.db.selectFrom('proposal').select('round_closing').where('id', '=', c.proposalId).executeTakeFirstOrThrow();
    const edited = { ...(row.round_closing as Record<string, unknown>), reason: 'objections' };
    await t.store.db.updateTable('proposal').set({ round_closing: JSON.stringify(edited) }).where('id', '=', c.proposalId).execute();
    try {
      expect(await proofOf(c)).toEqual([expect.stringMatching(new RegExp(`^proposal ${c.proposalId}: roundClosing is .*"reason":"objections".*, the journal says .*"reason":"quorumNotReached"`))]);
    } finally {
      await t.store.db.updateTable('proposal').set({ round_closing: JSON.stringify(row.round_closing) }).where('id', '=', c.proposalId).execute();
    }
  });

  it('closes nothing when a stance changed the outcome since the preview, and the new preview says it', async () => {
    const c = await committee('absent');
    await openRound(c);
    for (const member of [c.nadia, c.gerard, c.samia]) await speak(member.client, c.url, 'consent');
    expect((await c.f.admin.get(`${c.url}/close-round`)).body).toMatchObject({ outcome: 'amend', reason: 'quorumNotReached' });
    await speak(c.bernard.client, c.url, 'object', 'Le samedi, la salle est prise.');
    const stale = await c.f.admin.post(`${c.url}/close-round`, { expected: { outcome: 'amend', reason: 'quorumNotReached' } });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe('Le tour a changé depuis que vous avez relu sa clôture : relisez-la, puis confirmez.');
    expect((await c.f.admin.get(c.url)).body.phase).toBe('round');
    const fresh = await c.f.admin.get(`${c.url}/close-round`);
    expect(fresh.body).toMatchObject({ outcome: 'amend', reason: 'objections', silent: [] });
    expect(fresh.body.why).toBe('Une objection a été formulée. La proposition revient en amendement, puis un nouveau tour s’ouvre.');
    expect((await c.f.admin.post(`${c.url}/close-round`, { expected: { outcome: 'amend', reason: 'objections' } })).body).toEqual({ outcome: 'amend', reason: 'objections' });
  });

  it('refuses to close while someone is silent when the charter asks everyone to speak, and names them, in the reader’s language', async () => {
    const c = await committee('blocks');
    await openRound(c);
    for (const member of [c.nadia, c.gerard]) await speak(member.client, c.url, 'consent');
    const preview = await c.f.admin.get(`${c.url}/close-round`);
    expect(preview.body).toMatchObject({ outcome: 'stays_open', reason: 'silenceBlocks', silence: 'blocks', silent: [{ fullName: 'Bernard Colin' }, { fullName: 'Samia Haddad' }] });
    expect(preview.body.why).toBe(
      '2 membres ne se sont pas encore exprimés (Bernard Colin, Samia Haddad) : la charte demande que chacun s’exprime avant de clore le tour. Le tour reste ouvert.',
    );
    const refused = await c.f.admin.post(`${c.url}/close-round`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Le tour ne peut pas se clore : la charte demande que chacun s’exprime, et 2 membres ne l’ont pas encore fait (Bernard Colin, Samia Haddad).');
    await speak(c.samia.client, c.url, 'consent');
    c.f.admin.locale = 'en';
    const english = await c.f.admin.post(`${c.url}/close-round`, {});
    expect(english.status).toBe(409);
    expect(english.body.message).toBe('The round cannot close: the charter asks everyone to speak, and Bernard Colin has not yet.');
    c.f.admin.locale = undefined;
    expect((await c.f.admin.get(c.url)).body).toMatchObject({ phase: 'round', status: 'open', lastClosing: null });
    await speak(c.bernard.client, c.url, 'consent');
    expect((await c.f.admin.post(`${c.url}/close-round`, { expected: { outcome: 'adopted', reason: 'noObjection' } })).body).toEqual({ outcome: 'adopted', reason: 'noObjection' });
  });

  it('takes silence for consent only once the round’s deadline has passed: closed before, the silent count as absent', async () => {
    const c = await committee('consents');
    await openRound(c, DEADLINE);
    await speak(c.nadia.client, c.url, 'consent');
    expect((await c.f.admin.get(`${c.url}/close-round`)).body).toMatchObject({ outcome: 'amend', reason: 'quorumNotReached', silence: 'consents', silentCountedAs: 'absent', counted: 1 });
  });

  it('is the facilitator’s to read, while a round is open', async () => {
    const c = await committee('absent');
    expect((await c.nadia.client.get(`${c.url}/close-round`)).status).toBe(403);
    const early = await c.f.admin.get(`${c.url}/close-round`);
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('Le tour de table n’est pas ouvert.');
    await openRound(c);
    expect((await c.nadia.client.get(`${c.url}/close-round`)).status).toBe(403);
    expect((await c.f.admin.get(`${c.f.base}/proposals/${randomUUID()}/close-round`)).status).toBe(404);
    const wrong = await c.f.admin.post(`${c.url}/close-round`, { expected: { outcome: 'won', reason: 'quorumNotReached' } });
    expect(wrong.status).toBe(400);
  });
});

describe('closing a round at its deadline, silence counted as the charter says', () => {
  it('absent: the quorum is missed, the proposal goes back to amendment, and the journal says why', async () => {
    const c = await committee('absent');
    await openRound(c, DEADLINE);
    for (const member of [c.nadia, c.gerard]) await speak(member.client, c.url, 'consent');
    expect(await closeRoundsPastDeadline(t.store.db, AFTER_DEADLINE)).toBeGreaterThanOrEqual(1);
    expect((await c.f.admin.get(c.url)).body).toMatchObject({ phase: 'amendment', roundDeadline: null, lastClosing: { outcome: 'amend', reason: 'quorumNotReached', silentCountedAs: 'absent', counted: 2, needed: 4 } });
    expect(await lastEntry(c, 'round.closed')).toMatchObject({ actor_id: null, payload: { outcome: 'amend', reason: 'quorumNotReached', silent: [c.bernard.personId, c.samia.personId] } });
    expect(await proofOf(c)).toEqual([]);
  });

  it('consents: the silent count as consenting, and the proposal is adopted', async () => {
    const c = await committee('consents');
    await openRound(c, DEADLINE);
    await speak(c.nadia.client, c.url, 'consent');
    expect(await closeRoundsPastDeadline(t.store.db, AFTER_DEADLINE)).toBeGreaterThanOrEqual(1);
    const proposal = (await c.f.admin.get(c.url)).body;
    expect(proposal).toMatchObject({ status: 'adopted', lastClosing: { outcome: 'adopted', reason: 'noObjection', silentCountedAs: 'consent', expressed: 1, counted: 4 } });
    expect(proposal.lastClosing.why).toBe(
      '3 membres ne se sont pas exprimés (Bernard Colin, Gérard Lefèvre, Samia Haddad) : la charte les compte comme consentants. Aucune objection. La proposition est adoptée.',
    );
    expect(await proofOf(c)).toEqual([]);
  });

  it('consents: an objection heard still sends the proposal back', async () => {
    const c = await committee('consents');
    await openRound(c, DEADLINE);
    await speak(c.nadia.client, c.url, 'object', 'Pas sans un bénévole pour ouvrir.');
    expect(await closeRoundsPastDeadline(t.store.db, AFTER_DEADLINE)).toBeGreaterThanOrEqual(1);
    expect((await c.f.admin.get(c.url)).body).toMatchObject({ status: 'open', phase: 'amendment', lastClosing: { outcome: 'amend', reason: 'objections' } });
  });

  it('blocks: the round stays open, its deadline lifted so the silent may still speak, and closes once everyone has', async () => {
    const c = await committee('blocks');
    await openRound(c, DEADLINE);
    for (const member of [c.nadia, c.gerard, c.samia]) await speak(member.client, c.url, 'consent');
    expect(await closeRoundsPastDeadline(t.store.db, AFTER_DEADLINE)).toBeGreaterThanOrEqual(1);
    const held = (await c.f.admin.get(c.url)).body;
    expect(held).toMatchObject({ status: 'open', phase: 'round', roundDeadline: null, lastClosing: { round: 1, outcome: 'stays_open', reason: 'silenceBlocks', silent: [{ fullName: 'Bernard Colin' }] } });
    expect(await lastEntry(c, 'round.kept_open')).toMatchObject({ actor_id: null, payload: { proposalId: c.proposalId, reason: 'silenceBlocks', silent: [c.bernard.personId] } });
    expect(await lastEntry(c, 'round.closed')).toBeUndefined();
    expect(await proofOf(c)).toEqual([]);
    // Asked again, the closer leaves it alone: its deadline is gone.
    const entries = (await journalOf(t, c.f.partnershipId)).length;
    await closeRoundsPastDeadline(t.store.db, new Date('2026-03-13T17:00:00Z'));
    expect(await journalOf(t, c.f.partnershipId)).toHaveLength(entries);
    t.clock.current = new Date('2026-03-13T09:00:00Z');
    try {
      await speak(c.bernard.client, c.url, 'consent');
      expect((await c.f.admin.post(`${c.url}/close-round`, { expected: { outcome: 'adopted', reason: 'noObjection' } })).body).toEqual({ outcome: 'adopted', reason: 'noObjection' });
    } finally {
      t.clock.current = new Date('2026-03-10T09:00:00Z');
    }
    expect(await proofOf(c)).toEqual([]);
  });
});
