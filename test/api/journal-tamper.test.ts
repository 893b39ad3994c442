import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalBody, chainHash, textHash } from '../../src/journal/chain.js';
import { appendEntry, sealJournal } from '../../src/journal/journal-store.js';
import { checkStateAgainstJournal, describeDisagreement } from '../../src/journal/state-proof.js';
import type { Database } from '../../src/common/database/schema.js';
import type { JsonObject } from '../../src/common/database/tables.js';
import { furnishedWithFacilitator, type Furnished } from '../support/partnership-routes.js';
import { chainHolding, journalAnchor } from '../../src/journal/anchor.js';
import { verifyJournal } from '../../src/journal/verify.js';
import { newPartnership, startTestApp, type PartnershipFixture, type TestApp } from '../support/test-app.js';
import { builder, journalOf, verifiedChain } from '../support/structure.js';
import { bypassAppendOnly } from '../support/tamper.js';

/**
 * Tampering modifies the database. On PostgreSQL the database is shared with the other test
 * files, so each test only touches entries of its own partnership, verifies with that
 * partnership's id, and puts the entry back afterwards.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** A partnership whose chain has four entries: its creation, its admin, two organizations. */
async function chainOfFour(): Promise<PartnershipFixture> {
  const f = await newPartnership(t);
  await builder(f).organization();
  await builder(f).organization();
  expect(await verifiedChain(t, f.partnershipId)).toEqual(intactChainOfFour(f));
  return f;
}

/** What verification says of a chain of four that holds: its length and head, nothing across chains. */
const intactChainOfFour = (f: PartnershipFixture) => ({ ok: true, chains: [{ partnershipId: f.partnershipId, entries: 4, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }] });

const entry = async (f: PartnershipFixture, seq: number) => (await journalOf(t, f.partnershipId)).find((e) => e.seq === seq)!;
/** An entry as it can be written back, its payload as JSON text. */
const insertable = (row: Awaited<ReturnType<typeof entry>>) => ({ ...row, payload: sql<JsonObject>`${JSON.stringify(row.payload)}::jsonb` });

/** Runs `work` in a transaction that is rolled back, so that the schema changes it makes are never seen by the other test files. */
async function rolledBack(work: (trx: Transaction<Database>) => Promise<void>): Promise<void> {
  const rollback = new Error('rolled back');
  await expect(t.store.db.transaction().execute(async (trx) => {
    await work(trx);
    throw rollback;
  })).rejects.toBe(rollback);
}

describe('a tampered journal', () => {
  it('names the partnership and the entry whose text was altered (hash_mismatch), and holds again once restored', async () => {
    // Of two chains, the later one in the server's order is tampered, so that a walk of every
    // chain verifies an intact one before reaching the break.
    const pair = [await chainOfFour(), await chainOfFour()];
    const f = pair[0]!.partnershipId > pair[1]!.partnershipId ? pair[0]! : pair[1]!;
    const original = await entry(f, 3);
    // Altered as someone with full access would: the text and the payload pages read, together.
    await bypassAppendOnly(t.store.db, async (trx) => {
      await sql`update journal_entry set body = replace(body, '"association"', '"cooperative"'), payload = jsonb_set(payload, '{kind}', '"cooperative"')
                 where partnership_id = ${f.partnershipId} and seq = 3`.execute(trx);
    });
    expect((await entry(f, 3)).payload).toEqual({ ...original.payload, kind: 'cooperative' });
    try {
      expect(await verifiedChain(t, f.partnershipId)).toEqual({
        ok: false,
        count: 2,
        partnershipId: f.partnershipId,
        broken: { reason: 'hash_mismatch', seq: 3 },
      });
      // Walking every chain of the server stops at this break too (the other chains are intact),
      // and counts the entries verified before it in this chain only.
      const everything = await verifyJournal(t.store.db);
      expect(everything).toMatchObject({ ok: false, count: 2, partnershipId: f.partnershipId, broken: { reason: 'hash_mismatch', seq: 3 } });
    } finally {
      await bypassAppendOnly(t.store.db, async (trx) => {
        await sql`update journal_entry set body = ${original.body}, payload = ${JSON.stringify(original.payload)}::jsonb where partnership_id = ${f.partnershipId} and seq = 3`.execute(trx);
      });
    }
    expect(await verifiedChain(t, f.partnershipId)).toEqual(intactChainOfFour(f));
  });

  it('leaves the append-only trigger on after tampering', async () => {
    const f = await chainOfFour();
    await bypassAppendOnly(t.store.db, async () => {});
    await expect(sql`update journal_entry set body = 'x' where partnership_id = ${f.partnershipId}`.execute(t.store.db)).rejects.toThrow(/append-only/);
  });

  it('finds an altered actor or time', async () => {
    const f = await chainOfFour();
    const original = await entry(f, 4);
    const recordedAt = original.recorded_at.toISOString();
    const dayLater = new Date(original.recorded_at.getTime() + 86_400_000).toISOString();
    for (const change of [
      sql`body = replace(body, ${`"actorId":"${original.actor_id}"`}, '"actorId":null'), actor_id = null`,
      sql`body = replace(body, ${recordedAt}, ${dayLater}), recorded_at = ${dayLater}::timestamptz`,
    ]) {
      await bypassAppendOnly(t.store.db, async (trx) => {
        await sql`update journal_entry set ${change} where partnership_id = ${f.partnershipId} and seq = 4`.execute(trx);
      });
      expect(await verifiedChain(t, f.partnershipId)).toMatchObject({ ok: false, broken: { reason: 'hash_mismatch', seq: 4 } });
      await bypassAppendOnly(t.store.db, async (trx) => {
        await sql`update journal_entry set body = ${original.body}, recorded_at = ${recordedAt}::timestamptz, actor_id = ${original.actor_id}
                   where partnership_id = ${f.partnershipId} and seq = 4`.execute(trx);
      });
      expect(await verifiedChain(t, f.partnershipId)).toMatchObject({ ok: true });
    }
  });

  it('refuses to store what pages read of an entry apart from its text: partnership, time, actor, kind or payload', async () => {
    const f = await chainOfFour();
    const other = await newPartnership(t);
    const original = await entry(f, 3);
    for (const change of [
      sql`partnership_id = ${other.partnershipId}, seq = 1000`,
      sql`recorded_at = recorded_at + interval '1 millisecond'`,
      sql`actor_id = null`,
      sql`kind = 'organization.removed'`,
      sql`payload = jsonb_set(payload, '{kind}', '"cooperative"')`,
      sql`payload = payload || '{"extra": true}'`,
      sql`body = replace(body, '"association"', '"cooperative"')`,
    ]) {
      await expect(
        bypassAppendOnly(t.store.db, async (trx) => {
          await sql`update journal_entry set ${change} where partnership_id = ${f.partnershipId} and seq = 3`.execute(trx);
        }),
      ).rejects.toThrow(/journal_entry_columns_from_body/);
    }
    expect(await entry(f, 3)).toEqual(original);
    expect(await verifiedChain(t, f.partnershipId)).toEqual(intactChainOfFour(f));
  });

  it('says the journal is broken once its columns are no longer held to the text, whichever way', async () => {
    const f = await chainOfFour();
    const unchecked = { ok: false, count: 0, partnershipId: null, broken: { reason: 'columns_unchecked', seq: 0 } };
    for (const change of [
      sql`alter table journal_entry drop constraint journal_entry_columns_from_body`,
      sql`create or replace function journal_body_agrees(p_body text, p_partnership_id uuid, p_recorded_at timestamptz, p_actor_id uuid, p_kind text, p_payload jsonb)
            returns boolean language plpgsql stable as $$ begin return true; end $$`,
      sql`alter table journal_entry drop constraint journal_entry_columns_from_body,
            add constraint journal_entry_columns_from_body check (journal_body_agrees(body, partnership_id, recorded_at, actor_id, kind, payload)) not valid`,
    ]) {
      await rolledBack(async (trx) => {
        await change.execute(trx);
        expect(await verifyJournal(trx, { partnershipId: f.partnershipId })).toEqual(unchecked);
      });
    }
    expect(await verifiedChain(t, f.partnershipId)).toEqual(intactChainOfFour(f));
  });

  it('finds a deleted entry in the middle (sequence_gap)', async () => {
    const f = await chainOfFour();
    const removed = await entry(f, 2);
    await bypassAppendOnly(t.store.db, async (trx) => {
      await trx.deleteFrom('journal_entry').where('partnership_id', '=', f.partnershipId).where('seq', '=', 2).execute();
    });
    expect(await verifiedChain(t, f.partnershipId)).toEqual({
      ok: false,
      count: 1,
      partnershipId: f.partnershipId,
      broken: { reason: 'sequence_gap', expectedSeq: 2, seq: 3 },
    });
    await t.store.db.insertInto('journal_entry').values(insertable(removed)).execute();
    expect(await verifiedChain(t, f.partnershipId)).toEqual(intactChainOfFour(f));
  });

  it('finds a deleted last entry through the head (head_mismatch)', async () => {
    const f = await chainOfFour();
    const removed = await entry(f, 4);
    await bypassAppendOnly(t.store.db, async (trx) => {
      await trx.deleteFrom('journal_entry').where('partnership_id', '=', f.partnershipId).where('seq', '=', 4).execute();
    });
    expect(await verifiedChain(t, f.partnershipId)).toEqual({
      ok: false,
      count: 3,
      partnershipId: f.partnershipId,
      broken: { reason: 'head_mismatch', seq: 4 },
    });
    await t.store.db.insertInto('journal_entry').values(insertable(removed)).execute();
    expect(await verifiedChain(t, f.partnershipId)).toEqual(intactChainOfFour(f));
  });

  it('finds an entry rewritten with a recomputed hash: the next entry no longer links to it (prev_hash_mismatch)', async () => {
    const f = await chainOfFour();
    const original = await entry(f, 2);
    const forgedBody = canonicalBody({ partnershipId: original.partnership_id, recordedAt: original.recorded_at, actorId: original.actor_id, kind: original.kind, payload: { ...original.payload, isPartnershipAdmin: false } });
    const forgedHash = chainHash(original.prev_hash, original.seq, forgedBody);
    await bypassAppendOnly(t.store.db, async (trx) => {
      await sql`update journal_entry set body = ${forgedBody}, hash = ${forgedHash}, payload = jsonb_set(payload, '{isPartnershipAdmin}', 'false')
                 where partnership_id = ${f.partnershipId} and seq = 2`.execute(trx);
    });
    expect(await verifiedChain(t, f.partnershipId)).toEqual({
      ok: false,
      count: 2,
      partnershipId: f.partnershipId,
      broken: { reason: 'prev_hash_mismatch', seq: 3 },
    });
    await bypassAppendOnly(t.store.db, async (trx) => {
      await sql`update journal_entry set body = ${original.body}, hash = ${original.hash}, payload = ${JSON.stringify(original.payload)}::jsonb
                 where partnership_id = ${f.partnershipId} and seq = 2`.execute(trx);
    });
    expect(await verifiedChain(t, f.partnershipId)).toEqual(intactChainOfFour(f));
  });

  it('cannot see an end cut with its head rewritten, but an anchor taken before the cut no longer lies on the chain', async () => {
    const f = await chainOfFour();
    const seen = await journalAnchor(t.store.db, f.partnershipId);
    expect(seen.seq).toBe(4);
    expect(await chainHolding(t.store.db, seen)).toBe(f.partnershipId);
    const head = await t.store.db.selectFrom('journal_head').selectAll().where('partnership_id', '=', f.partnershipId).executeTakeFirstOrThrow();
    const [third, fourth] = [await entry(f, 3), await entry(f, 4)];
    await bypassAppendOnly(t.store.db, async (trx) => {
      await trx.deleteFrom('journal_entry').where('partnership_id', '=', f.partnershipId).where('seq', '=', 4).execute();
      await trx.updateTable('journal_head').set({ seq: 3, hash: third.hash, prev_hash: third.prev_hash }).where('partnership_id', '=', f.partnershipId).execute();
    });
    try {
      expect(await verifiedChain(t, f.partnershipId)).toMatchObject({ ok: true, chains: [{ entries: 3 }] });
      expect(await chainHolding(t.store.db, seen)).toBeUndefined();
      // An anchor from before the cut still holds: it cannot tell what came after it.
      expect(await chainHolding(t.store.db, { seq: 3, hash: third.hash })).toBe(f.partnershipId);
    } finally {
      await t.store.db.insertInto('journal_entry').values(insertable(fourth)).execute();
      await t.store.db.updateTable('journal_head').set(head).where('partnership_id', '=', f.partnershipId).execute();
    }
    expect(await verifiedChain(t, f.partnershipId)).toEqual(intactChainOfFour(f));
  });

  it('finds a head that was moved back (head_mismatch), the head table not being append-only', async () => {
    const f = await chainOfFour();
    const head = await t.store.db.selectFrom('journal_head').selectAll().where('partnership_id', '=', f.partnershipId).executeTakeFirstOrThrow();
    const third = await entry(f, 3);
    await t.store.db.updateTable('journal_head').set({ seq: 3, hash: third.hash, prev_hash: third.prev_hash }).where('partnership_id', '=', f.partnershipId).execute();
    try {
      expect(await verifiedChain(t, f.partnershipId)).toMatchObject({ ok: false, broken: { reason: 'head_mismatch', seq: 3 } });
    } finally {
      await t.store.db.updateTable('journal_head').set(head).where('partnership_id', '=', f.partnershipId).execute();
    }
    expect(await verifiedChain(t, f.partnershipId)).toEqual(intactChainOfFour(f));
  });
});

describe('a governing row edited in place on a live database', () => {
  let f: PartnershipFixture;
  let ids: Furnished;
  let stanceId: string;
  let signatureId: string;
  beforeAll(async () => {
    f = await newPartnership(t);
    const { ids: furnishedIds, facilitator } = await furnishedWithFacilitator(t, f, 'Nadia Benali');
    ids = furnishedIds;
    const version = `${f.base}/charters/${ids.charterId}/versions/${ids.versionId}`;
    signatureId = (await facilitator.client.post(`${version}/signatures`, { signatoryId: ids.signatoryId, typedName: 'Samia Haddad', readAndApproved: true, contentHash: ids.contentHash })).body.id;
    for (let move = 0; move < 3; move++) expect((await facilitator.client.post(`${f.base}/proposals/${ids.proposalId}/phase`)).status).toBe(200);
    expect((await facilitator.client.post(`${f.base}/proposals/${ids.proposalId}/stances`, { stance: 'object', reason: 'Trop tôt', idempotencyKey: 'tamper-1' })).status).toBe(200);
    expect((await facilitator.client.post(`${f.base}/proposals/${ids.proposalId}/stances`, { stance: 'consent', reason: '', idempotencyKey: 'tamper-2' })).status).toBe(200);
    stanceId = (await t.store.db.selectFrom('stance').select('id').where('proposal_id', '=', ids.proposalId).executeTakeFirstOrThrow()).id;
  });

  /** What the check finds once `tamper` has run, in a transaction rolled back afterwards, so the next test finds the rows as the acts left them. */
  async function foundAfter(tamper: (trx: Kysely<Database>) => Promise<unknown>): Promise<string[]> {
    const rolledBack = new Error('rolled back');
    let found: string[] = [];
    await t.store.db
      .transaction()
      .execute(async (trx) => {
        await tamper(trx);
        found = (await checkStateAgainstJournal(trx, f.partnershipId)).map(describeDisagreement);
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
    return found;
  }

  it('finds nothing while only acts wrote the rows', async () => {
    expect(await foundAfter(async () => undefined)).toEqual([]);
  });

  it('names the version and its signature when an adopted article was rewritten', async () => {
    const found = await foundAfter(async (trx) => {
      await sql`alter table charter_version disable trigger charter_version_frozen`.execute(trx);
      await sql`update charter_version set articles = jsonb_set(articles, '{0,body}', '"Chaque maison cède ses locaux."') where id = ${ids.versionId}`.execute(trx);
    });
    expect(found).toEqual([
      expect.stringMatching(new RegExp(`^charter_version ${ids.versionId}: keeps the hash ${ids.contentHash}, but its content hashes to [0-9a-f]{64}$`)),
      expect.stringMatching(new RegExp(`^charter_signature ${signatureId}: keeps the hash ${ids.contentHash}, but the content of the version it signs hashes to [0-9a-f]{64}$`)),
    ]);
  });

  it('names the person made administrator', async () => {
    expect(await foundAfter((trx) => trx.updateTable('person').set({ is_partnership_admin: true }).where('id', '=', ids.personId).execute())).toEqual([
      `person ${ids.personId}: isPartnershipAdmin is true, the journal says false`,
    ]);
  });

  it('names the stance changed back, and the proposal whose words were changed', async () => {
    expect(await foundAfter((trx) => trx.updateTable('stance').set({ stance: 'object' }).where('id', '=', stanceId).execute())).toEqual([`stance ${stanceId}: stance is "object", the journal says "consent"`]);
    expect(await foundAfter((trx) => trx.updateTable('proposal').set({ context: 'Ajouté après coup' }).where('id', '=', ids.proposalId).execute())).toEqual([
      `proposal ${ids.proposalId}: contextHash is "${textHash('Ajouté après coup')}", the journal says "${textHash('')}"`,
    ]);
  });

  it('names a seat that was ended, and a decision marked adopted, without their acts', async () => {
    expect(await foundAfter((trx) => trx.updateTable('body_member').set({ ends_on: '2026-03-11' }).where('id', '=', ids.seatId).execute())).toEqual([
      `body_member ${ids.seatId}: endsOn is "2026-03-11", the journal says null`,
    ]);
    expect(await foundAfter((trx) => trx.updateTable('proposal').set({ status: 'adopted', decided_at: t.clock.now() }).where('id', '=', ids.proposalId).execute())).toEqual([
      `proposal ${ids.proposalId}: status is "adopted", the journal says "open"`,
    ]);
  });

  it('counts entries committed and not yet sealed as the journal’s', async () => {
    const found = await foundAfter(async (trx) => {
      const personId = randomUUID();
      await trx.insertInto('person').values({ id: personId, partnership_id: f.partnershipId, full_name: 'Pas encore scellé', email: null, phone: null }).execute();
      await appendEntry(trx as Transaction<Database>, f.partnershipId, f.adminPersonId, { kind: 'person.created', payload: { personId, isPartnershipAdmin: false } }, t.clock.now());
    });
    expect(found).toEqual([]);
  });
});

describe('a chain written before entries carried what the rows are proven by', () => {
  it('proves the rows all the same: an old change of administrator, proposal, decision or stance names no value and no fingerprint', async () => {
    const f = await newPartnership(t);
    const { ids, facilitator } = await furnishedWithFacilitator(t, f, 'Nadia Benali');
    const proposal = `${f.base}/proposals/${ids.proposalId}`;
    for (let move = 0; move < 3; move++) expect((await facilitator.client.post(`${proposal}/phase`)).status).toBe(200);
    expect((await facilitator.client.post(`${proposal}/stances`, { stance: 'consent', reason: 'Bien', idempotencyKey: 'old-shape-1' })).status).toBe(200);
    expect((await f.admin.patch(`${f.base}/people/${ids.personId}`, { isPartnershipAdmin: true })).status).toBe(200);
    await sealJournal(t.store.db, f.partnershipId);

    const oldShape: [kind: string, keys: string[]][] = [
      ['person.updated', ['isPartnershipAdmin']],
      ['proposal.created', ['wordingHash', 'contextHash']],
      ['stance.taken', ['reasonHash']],
    ];
    const rolledBack = new Error('rolled back');
    let found: unknown[] = ['not checked'];
    await t.store.db
      .transaction()
      .execute(async (trx) => {
        await sql`alter table journal_entry disable trigger journal_append_only`.execute(trx);
        for (const [kind, keys] of oldShape) {
          let stripped = sql`body::jsonb`;
          for (const key of keys) stripped = sql`(${stripped} #- ${`{payload,${key}}`}::text[])`;
          const rewritten = await sql`update journal_entry set body = ${stripped}::text, payload = ${stripped} -> 'payload' where partnership_id = ${f.partnershipId} and kind = ${kind} and payload ? ${keys[0]!}`.execute(trx);
          expect(Number(rewritten.numAffectedRows), kind).toBeGreaterThan(0);
        }
        // A decision recorded then: the entry names no fingerprint of its statement.
        await trx.updateTable('proposal').set({ status: 'adopted', outcome_statement: 'Adoptée sans objection', decided_at: t.clock.now() }).where('id', '=', ids.proposalId).execute();
        await appendEntry(trx as Transaction<Database>, f.partnershipId, f.adminPersonId, { kind: 'proposal.decided', payload: { proposalId: ids.proposalId, bodyId: ids.bodyId, status: 'adopted', reviewOn: null } }, t.clock.now());
        found = (await checkStateAgainstJournal(trx, f.partnershipId)).map(describeDisagreement);
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
    expect(found).toEqual([]);
  });
});
