import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalBody, chainHash, GENESIS_HASH } from '../../src/journal/chain.js';
import { appendEntry, sealAllPending, sealJournal } from '../../src/journal/journal-store.js';
import type { JournalKind } from '../../src/journal/contract.js';
import { verifyJournal } from '../../src/journal/verify.js';
import { recordAct } from '../../src/common/act.js';
import { backgroundWorkEnded } from '../../src/common/database/database.js';
import { Client, newMember, newPartnership, startTestApp, uniqueEmail, type PartnershipFixture, type TestApp } from '../support/test-app.js';
import { builder, countRows, journalLength, journalOf, kindsAfter, TODAY, uniqueName, verifiedChain } from '../support/structure.js';
import { statementsSaying } from '../support/statements.js';

/** A kind the server never writes: the chain seals any text it is given. */
const anyKind = (kind: string) => kind as JournalKind;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const onPglite = process.env['ENTENTE_TEST_DB'] !== 'postgres';

/** Runs an API call and answers the kinds of the journal entries it added. */
async function entriesOf(f: PartnershipFixture, act: () => Promise<{ status: number; body: unknown }>, status: number): Promise<string[]> {
  const before = await journalLength(t, f.partnershipId);
  const response = await act();
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return kindsAfter(t, f.partnershipId, before);
}

describe('every act writes exactly its journal entries', () => {
  it('a new partnership starts its chain with its creation and its administrator', async () => {
    const f = await newPartnership(t);
    const entries = await journalOf(t, f.partnershipId);
    expect(entries.map((e) => [e.seq, e.kind, e.actor_id])).toEqual([
      [1, 'partnership.created', null],
      [2, 'person.created', null],
    ]);
    expect(entries[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(entries[1]!.payload).toEqual({ personId: f.adminPersonId, isPartnershipAdmin: true });
  });

  it('for each structure act, with the acting person and the time of the act', async () => {
    const f = await newPartnership(t);
    const p = f.base;
    const build = builder(f);
    const organizationId = await build.organization();
    const otherOrganizationId = await build.organization();

    expect(await entriesOf(f, () => f.admin.post(`${p}/organizations`, { name: uniqueName('Maison'), kind: 'cooperative' }), 201)).toEqual(['organization.created']);
    expect(await entriesOf(f, () => f.admin.patch(`${p}/organizations/${organizationId}`, { name: uniqueName('Maison'), address: 'ici' }), 200)).toEqual(['organization.updated']);
    expect(
      await entriesOf(
        f,
        () =>
          f.admin.post(`${p}/people`, {
            fullName: 'Deux Maisons',
            memberships: [
              { organizationId, kind: 'staff' },
              { organizationId: otherOrganizationId, kind: 'board', isOrganizationAdmin: true },
            ],
          }),
        201,
      ),
    ).toEqual(['person.created', 'membership.created', 'membership.created']);
    const personId = await build.person({ fullName: 'Odile Perrin' });
    const otherPersonId = await build.person({ memberships: [{ organizationId, kind: 'volunteer' }] });
    expect(await entriesOf(f, () => f.admin.patch(`${p}/people/${personId}`, { fullName: 'Odile Perrin-Roux' }), 200)).toEqual(['person.updated']);

    let membershipId = '';
    expect(
      await entriesOf(
        f,
        async () => {
          const response = await f.admin.post(`${p}/organizations/${organizationId}/memberships`, { personId, kind: 'board' });
          membershipId = response.body.id;
          return response;
        },
        201,
      ),
    ).toEqual(['membership.created']);
    expect(await entriesOf(f, () => f.admin.delete(`${p}/organizations/${organizationId}/memberships/${membershipId}`), 200)).toEqual(['membership.removed']);

    const bodyId = await build.body();
    expect(await entriesOf(f, () => f.admin.post(`${p}/bodies`, { name: uniqueName('Cercle'), kind: 'circle', parentBodyId: bodyId }), 201)).toEqual(['body.created']);
    expect(await entriesOf(f, () => f.admin.patch(`${p}/bodies/${bodyId}`, { delegatesPerOrganization: 3 }), 200)).toEqual(['body.updated']);

    const before = await journalLength(t, f.partnershipId);
    const seatId = await build.seat(bodyId, { personId: otherPersonId, organizationId });
    const [seatEntry] = (await journalOf(t, f.partnershipId)).filter((e) => e.seq > before);
    expect(seatEntry).toMatchObject({
      kind: 'mandate.started',
      actor_id: f.adminPersonId,
      payload: { seatId, bodyId, personId: otherPersonId, organizationId, capacity: 'delegate', mandateSource: 'board', startsOn: TODAY, endsOn: null },
    });
    expect(seatEntry!.recorded_at.toISOString()).toBe(t.clock.now().toISOString());
    expect(await entriesOf(f, () => f.admin.post(`${p}/bodies/${bodyId}/members/${seatId}/end`, {}), 200)).toEqual(['mandate.ended']);

    const roleId = await build.role();
    expect(await entriesOf(f, () => f.admin.post(`${p}/roles`, { name: uniqueName('Rôle'), bodyId }), 201)).toEqual(['role.created']);
    expect(await entriesOf(f, () => f.admin.patch(`${p}/roles/${roleId}`, { termMonths: 12 }), 200)).toEqual(['role.updated']);
    const assignmentId = await build.assign(roleId, personId);
    expect(await entriesOf(f, () => f.admin.post(`${p}/roles/${roleId}/assignments/${assignmentId}/end`, {}), 200)).toEqual(['role.unassigned']);
    expect(await entriesOf(f, () => f.admin.post(`${p}/roles/${roleId}/assignments`, { personId: otherPersonId, startsOn: TODAY }), 201)).toEqual(['role.assigned']);

    // Only a person who sits in the body may delegate with it as the body to inform.
    await build.seat(bodyId, { personId, organizationId: null });
    let delegationId = '';
    expect(
      await entriesOf(
        f,
        async () => {
          const response = await f.admin.post(`${p}/delegations`, { fromPersonId: personId, toPersonId: otherPersonId, bodyId, scope: 'Budget', startsOn: TODAY });
          delegationId = response.body.id;
          return response;
        },
        201,
      ),
    ).toEqual(['delegation.created']);
    const delegationEntry = (await journalOf(t, f.partnershipId)).find((e) => e.kind === 'delegation.created')!;
    expect(delegationEntry.payload).toMatchObject({ delegationId, fromPersonId: personId, toPersonId: otherPersonId, bodyId, informedCount: 0 });
    expect(await entriesOf(f, () => f.admin.post(`${p}/delegations/${delegationId}/end`, {}), 200)).toEqual(['delegation.ended']);
  });

  it('an act by a member is recorded with that member as actor', async () => {
    const f = await newPartnership(t);
    const member = await newMember(t, f);
    const before = await journalLength(t, f.partnershipId);
    expect((await member.client.patch(`${f.base}/people/${member.personId}`, { phone: '06 00 00 00 00' })).status).toBe(200);
    const [entry] = (await journalOf(t, f.partnershipId)).filter((e) => e.seq > before);
    expect(entry).toMatchObject({ kind: 'person.updated', actor_id: member.personId, payload: { personId: member.personId, fields: ['phone'] } });
  });

  it('accounts, sessions, invitations and reads are not governance acts: no entry', async () => {
    const f = await newPartnership(t);
    const personId = await builder(f).person({ email: uniqueEmail('invitee') });
    const before = await journalLength(t, f.partnershipId);
    expect((await f.admin.post(`${f.base}/people/${personId}/invitation`)).status).toBe(201);
    expect((await new Client(t.app).signIn(f.adminEmail)).status).toBe(200);
    expect((await new Client(t.app).post('/api/v1/auth/magic-link', { email: f.adminEmail })).status).toBe(202);
    for (const path of ['', '/people', `/people/${personId}`, '/journal', '/outbox']) await f.admin.get(`${f.base}${path}`);
    expect(await journalLength(t, f.partnershipId)).toBe(before);
  });
});

describe('a refused act writes nothing', () => {
  it('neither rows nor entries, whether refused by validation, permission, reference or conflict', async () => {
    const f = await newPartnership(t);
    const organizationId = await builder(f).organization('Maison A');
    const bodyId = await builder(f).body();
    const seated = await builder(f).person({ memberships: [{ organizationId, kind: 'staff' }] });
    await builder(f).seat(bodyId, { personId: seated, organizationId });
    const member = await newMember(t, f);
    const stranger = await newPartnership(t);
    const refusals: [string, () => Promise<{ status: number }>, number][] = [
      ['validation', () => f.admin.post(`${f.base}/bodies`, { name: '', kind: 'x' }), 400],
      ['validation in the act', () => f.admin.post(`${f.base}/bodies/${bodyId}/members`, { personId: seated, organizationId: null, capacity: 'delegate', mandateSource: 'board', startsOn: TODAY }), 400],
      ['permission', () => member.client.post(`${f.base}/organizations`, { name: uniqueName('Maison'), kind: 'other' }), 403],
      ['permission after reading', () => member.client.patch(`${f.base}/people/${seated}`, { fullName: 'Pirate' }), 403],
      ['reference to another partnership', () => f.admin.post(`${f.base}/people`, { fullName: 'X', memberships: [{ organizationId: stranger.adminPersonId, kind: 'staff' }] }), 400],
      ['unique name, refused by the database inside the transaction', () => f.admin.post(`${f.base}/organizations`, { name: 'Maison A', kind: 'other' }), 409],
      ['second open seat, refused by the database inside the transaction', () => f.admin.post(`${f.base}/bodies/${bodyId}/members`, { personId: seated, organizationId: null, capacity: 'member', mandateSource: 'self', startsOn: TODAY }), 409],
      ['last administrator', () => f.admin.patch(`${f.base}/people/${f.adminPersonId}`, { isPartnershipAdmin: false }), 409],
      ['unknown target', () => f.admin.patch(`${f.base}/bodies/${randomUUID()}`, { name: 'x' }), 404],
    ];
    for (const [label, act, status] of refusals) {
      const before = await countRows(t, f.partnershipId);
      expect((await act()).status, label).toBe(status);
      expect(await countRows(t, f.partnershipId), label).toEqual(before);
    }
  });

  it('when the act fails after writing, its rows are rolled back with it', async () => {
    const f = await newPartnership(t);
    const before = await countRows(t, f.partnershipId);
    const organizationId = randomUUID();
    await expect(
      recordAct({ db: t.store.db, partnershipId: f.partnershipId, now: t.clock.now(), actorId: f.adminPersonId }, async (trx) => {
        await trx.insertInto('organization').values({ id: organizationId, partnership_id: f.partnershipId, name: uniqueName('Fantôme'), kind: 'other', contact_email: null, contact_phone: null, address: null }).execute();
        throw new Error('the act fails after its first write');
      }),
    ).rejects.toThrow('the act fails after its first write');
    expect(await countRows(t, f.partnershipId)).toEqual(before);
  });

  it('when the journal entry cannot be written, the act’s rows are rolled back too', async () => {
    const f = await newPartnership(t);
    const before = await countRows(t, f.partnershipId);
    await expect(
      recordAct({ db: t.store.db, partnershipId: f.partnershipId, now: t.clock.now(), actorId: f.adminPersonId }, async (trx) => {
        const id = randomUUID();
        await trx.insertInto('organization').values({ id, partnership_id: f.partnershipId, name: uniqueName('Fantôme'), kind: 'other', contact_email: null, contact_phone: null, address: null }).execute();
        // Two entries: the first is fine, the second cannot be stored (jsonb refuses \u0000).
        return { result: id, events: [{ kind: 'organization.created', payload: { organizationId: id } }, { kind: anyKind('broken'), payload: { text: 'a\u0000b' } }] };
      }),
    ).rejects.toThrow();
    expect(await countRows(t, f.partnershipId)).toEqual(before);
    expect(await verifiedChain(t, f.partnershipId)).toMatchObject({ ok: true, chains: [{ entries: before['journal_entry'] }] });
  });
});

describe('payloads keep personal data out', () => {
  it('hold ids and values, never names, contact details or free text', async () => {
    const f = await newPartnership(t);
    const secrets = {
      personName: 'Zéphyrine Quelquepart',
      renamed: 'Zéphyrine Ailleurs',
      email: uniqueEmail('zephyrine'),
      newEmail: uniqueEmail('zephyrine.new'),
      phone: '06 98 76 54 32',
      organizationName: 'Maison Très Reconnaissable',
      organizationEmail: uniqueEmail('maison'),
      address: '7 impasse des Secrets',
      bodyName: 'Cercle Très Reconnaissable',
      purpose: 'Animé par Zéphyrine, qui habite au 7 impasse des Secrets',
      roleName: 'Rôle Très Reconnaissable',
      accountability: 'Appeler Zéphyrine chaque lundi',
      scope: 'Remplacer Zéphyrine pendant son arrêt maladie',
    };
    const p = f.base;
    const organization = await f.admin.post(`${p}/organizations`, { name: secrets.organizationName, kind: 'association', contactEmail: secrets.organizationEmail, address: secrets.address });
    const organizationId = organization.body.id;
    const person = await f.admin.post(`${p}/people`, { fullName: secrets.personName, email: secrets.email, phone: secrets.phone, memberships: [{ organizationId, kind: 'staff' }] });
    const personId = person.body.id;
    const other = await builder(f).person({ memberships: [{ organizationId, kind: 'volunteer' }] });
    await f.admin.patch(`${p}/people/${personId}`, { fullName: secrets.renamed, email: secrets.newEmail, phone: '07 11 11 11 11' });
    await f.admin.patch(`${p}/organizations/${organizationId}`, { name: `${secrets.organizationName} 2`, contactPhone: secrets.phone });
    const body = await f.admin.post(`${p}/bodies`, { name: secrets.bodyName, kind: 'circle', purpose: secrets.purpose, minSize: 1 });
    const bodyId = body.body.id;
    expect((await f.admin.patch(`${p}/bodies/${bodyId}`, { name: `${secrets.bodyName} 2`, purpose: `${secrets.purpose} (bis)`, maxSize: 5 })).status).toBe(200);
    await builder(f).seat(bodyId, { personId, organizationId });
    const role = await f.admin.post(`${p}/roles`, { name: secrets.roleName, purpose: secrets.purpose, accountabilities: [secrets.accountability], bodyId });
    await f.admin.patch(`${p}/roles/${role.body.id}`, { name: `${secrets.roleName} 2`, purpose: secrets.purpose, accountabilities: [secrets.accountability] });
    await builder(f).assign(role.body.id, personId);
    await builder(f).delegation({ fromPersonId: personId, toPersonId: other, bodyId, scope: secrets.scope });

    const entries = await journalOf(t, f.partnershipId);
    expect(entries.length).toBeGreaterThanOrEqual(14);
    const payloads = JSON.stringify(entries.map((e) => e.payload));
    for (const [what, value] of Object.entries(secrets)) expect(payloads, what).not.toContain(value);
    for (const fragment of ['Zéphyrine', 'Secrets', 'Reconnaissable', '06 98', '@']) expect(payloads).not.toContain(fragment);
    // What changed is still recorded, by field name and by value for the rule.
    const bodyUpdate = entries.find((e) => e.kind === 'body.updated')!;
    expect(bodyUpdate.payload).toMatchObject({ bodyId, fields: ['maxSize', 'name', 'purpose'], changes: { maxSize: 5 } });
    expect(entries.find((e) => e.kind === 'person.updated')!.payload).toEqual({ personId, fields: ['email', 'fullName', 'phone'] });
  });
});

describe('the journal page', () => {
  it('shows an act on a dispute as a confidential act: its hash, but not its kind, actor or ids', async () => {
    const f = await newPartnership(t);
    const disputeId = randomUUID();
    await t.store.db.transaction().execute((trx) => appendEntry(trx, f.partnershipId, f.adminPersonId, { kind: 'dispute.closed', payload: { disputeId } }, t.clock.now()));
    await sealJournal(t.store.db, f.partnershipId);

    const response = await f.admin.get(`${f.base}/journal`);
    expect(response.status).toBe(200);
    const [shown] = response.body;
    expect(shown).toMatchObject({ kind: 'confidential', actorId: null, payload: {} });
    expect(JSON.stringify(response.body)).not.toContain(disputeId);
    const [stored] = await journalOf(t, f.partnershipId).then((entries) => entries.filter((entry) => entry.kind === 'dispute.closed'));
    expect(shown.hash).toBe(stored!.hash);
  });
});

describe('verifying the journal', () => {
  it('reports ok with the count of one partnership’s chain', async () => {
    const f = await newPartnership(t);
    await builder(f).organization();
    await builder(f).body();
    const length = await journalLength(t, f.partnershipId);
    expect(length).toBe(4);
    expect(await verifiedChain(t, f.partnershipId)).toEqual({ ok: true, chains: [{ partnershipId: f.partnershipId, entries: 4, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }] });
  });

  // Only where the database is this file's own: on the PostgreSQL run, other files tamper with
  // their own chains in parallel, and a whole-database count would race them.
  const onOwnDatabase = onPglite ? it : () => undefined;
  onOwnDatabase('reports ok with the length and head of each chain on the server, not a count across them (PGlite: this file’s own database)', async () => {
    const heads = await sql<{ partnership_id: string; hash: string; entries: string }>`
      select h.partnership_id, h.hash, (select count(*) from journal_entry e where e.partnership_id = h.partnership_id) as entries
        from journal_head h order by h.partnership_id`.execute(t.store.db);
    const outcome = await verifyJournal(t.store.db);
    expect(outcome).toEqual({ ok: true, chains: heads.rows.map((head) => ({ partnershipId: head.partnership_id, entries: Number(head.entries), hash: head.hash })) });
    expect(outcome.ok && outcome.chains.length).toBeGreaterThan(1);
  });

  it('finds every sealed hash to follow the formula: SHA-256 of the previous hash, the sequence and the canonical body', async () => {
    const f = await newPartnership(t);
    await builder(f).organization();
    let prevHash = GENESIS_HASH;
    for (const row of await journalOf(t, f.partnershipId)) {
      const body = { partnershipId: row.partnership_id, recordedAt: row.recorded_at, actorId: row.actor_id, kind: row.kind, payload: row.payload };
      expect(row.prev_hash).toBe(prevHash);
      expect(row.hash).toBe(chainHash(prevHash, row.seq, canonicalBody(body)));
      prevHash = row.hash;
    }
  });

  it('property: any JSON payload, stored and read back by the database, is sealed exactly as the verifier reads it', async () => {
    const f = await newPartnership(t);
    const payload = fc
      .dictionary(fc.string({ unit: 'grapheme', maxLength: 10 }), fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }), { maxKeys: 6 })
      .filter((value) => !JSON.stringify(value).includes('\\u0000'));
    await fc.assert(
      fc.asyncProperty(fc.array(payload, { minLength: 1, maxLength: 3 }), async (payloads) => {
        await recordAct({ db: t.store.db, partnershipId: f.partnershipId, now: t.clock.now(), actorId: f.adminPersonId }, async () => ({
          result: undefined,
          events: payloads.map((value) => ({ kind: anyKind('test.payload'), payload: value })),
        }));
        const outcome = await verifiedChain(t, f.partnershipId);
        expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps sequence numbers contiguous when acts run concurrently', async () => {
    const f = await newPartnership(t);
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => f.admin.post(`${f.base}/organizations`, { name: uniqueName(`Concurrente ${i}`), kind: 'other' })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
    const seqs = (await journalOf(t, f.partnershipId)).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(await verifiedChain(t, f.partnershipId)).toEqual({ ok: true, chains: [{ partnershipId: f.partnershipId, entries: 14, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }] });
    await backgroundWorkEnded(t.store.db);
    expect(await chainedAndPending(f.partnershipId)).toEqual({ chained: 14, pending: 0 });
  });

  it('reads one snapshot: an act committed while it runs is not taken for a broken head', async () => {
    const f = await newPartnership(t);
    let act: Promise<unknown> | undefined;
    // Right after the first query (the heads), another request appends an entry to the same chain.
    const interleave: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        if (!act) {
          act = f.admin.post(`${f.base}/organizations`, { name: uniqueName('Pendant'), kind: 'other' });
          // On PostgreSQL the act commits meanwhile; PGlite's single connection makes it wait for the verification.
          await Promise.race([act, new Promise((resolve) => setTimeout(resolve, 300))]);
        }
        return args.result;
      },
    };
    const outcome = await verifyJournal(t.store.db.withPlugin(interleave), { partnershipId: f.partnershipId });
    expect(await act).toMatchObject({ status: 201 });
    expect(outcome).toMatchObject({ ok: true, chains: [{ partnershipId: f.partnershipId, entries: 2 }] });
    expect(await verifiedChain(t, f.partnershipId)).toEqual({ ok: true, chains: [{ partnershipId: f.partnershipId, entries: 3, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }] });
  });
});

/** The partnership's entries as the tables hold them now, without waiting for any seal. */
async function chainedAndPending(partnershipId: string) {
  const { rows } = await sql<{ chained: number; pending: number }>`
    select (select count(*)::int from journal_entry where partnership_id = ${partnershipId}) as chained,
           (select count(*)::int from journal_pending where partnership_id = ${partnershipId}) as pending`.execute(t.store.db);
  return rows[0]!;
}

describe('sealing after commit', () => {
  /** An entry committed by a process that stopped before sealing it. */
  async function leaveUnsealed(f: PartnershipFixture, kind: string) {
    await t.store.db.transaction().execute((trx) => appendEntry(trx, f.partnershipId, f.adminPersonId, { kind: anyKind(kind), payload: { left: true } }, t.clock.now()));
  }

  it('chains an act by itself just after it answers: nothing is left waiting once its seal has ended', async () => {
    const f = await newPartnership(t);
    await builder(f).organization();
    await backgroundWorkEnded(t.store.db);
    expect(await chainedAndPending(f.partnershipId)).toEqual({ chained: 3, pending: 0 });
  });

  // PGlite is one connection, which the act and the seal take in turn: a seal cannot be held back while an act goes on.
  it.runIf(process.env['ENTENTE_TEST_DB'] === 'postgres')('answers at commit, while its entry waits for a seal held back, which then chains it', async () => {
    const f = await newPartnership(t);
    const url = t.store.databaseUrl!;
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select 1 from journal_head where partnership_id = $1 for update', [f.partnershipId]);
      const created = await f.admin.post(`${f.base}/organizations`, { name: uniqueName('Pendant le sceau'), kind: 'other' });
      expect(created.status).toBe(201);
      expect(await chainedAndPending(f.partnershipId)).toEqual({ chained: 2, pending: 1 });
      expect(await verifyJournal(t.store.db, { partnershipId: f.partnershipId })).toMatchObject({ ok: true, chains: [{ entries: 2 }] });
      await holder.query('commit');
      expect((await f.admin.get(`${f.base}/journal`)).body.map((entry: { kind: string }) => entry.kind)[0]).toBe('organization.created');
      expect(await chainedAndPending(f.partnershipId)).toEqual({ chained: 3, pending: 0 });
    } finally {
      await holder.end();
    }
  });

  it('chains an entry left unsealed at the next act, before that act’s own, and verification holds throughout', async () => {
    const f = await newPartnership(t);
    await leaveUnsealed(f, 'test.left');
    expect(await chainedAndPending(f.partnershipId)).toEqual({ chained: 2, pending: 1 });
    expect(await verifyJournal(t.store.db, { partnershipId: f.partnershipId })).toEqual({ ok: true, chains: [{ partnershipId: f.partnershipId, entries: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }] });
    await builder(f).organization();
    expect((await journalOf(t, f.partnershipId)).map((e) => e.kind)).toEqual(['partnership.created', 'person.created', 'test.left', 'organization.created']);
    expect(await verifiedChain(t, f.partnershipId)).toEqual({ ok: true, chains: [{ partnershipId: f.partnershipId, entries: 4, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }] });
  });

  it('seals what every partnership left waiting when the clock asks', async () => {
    const [f, g] = [await newPartnership(t), await newPartnership(t)];
    await leaveUnsealed(f, 'test.left');
    await leaveUnsealed(g, 'test.left');
    await leaveUnsealed(g, 'test.left.again');
    await sealAllPending(t.store.db);
    expect(await chainedAndPending(f.partnershipId)).toEqual({ chained: 3, pending: 0 });
    expect(await chainedAndPending(g.partnershipId)).toEqual({ chained: 4, pending: 0 });
    expect(await verifiedChain(t, g.partnershipId)).toEqual({ ok: true, chains: [{ partnershipId: g.partnershipId, entries: 4, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }] });
  });

  it('serves calls made while a seal runs with one more seal, not one each', async () => {
    const f = await newPartnership(t);
    for (let i = 0; i < 5; i += 1) await leaveUnsealed(f, `test.left.${i}`);
    // Each seal starts by reading the partnership's head row.
    const seals = statementsSaying(t.store.db, 'from journal_head');
    await Promise.all(Array.from({ length: 20 }, () => sealJournal(seals.db, f.partnershipId)));
    expect(seals.count()).toBe(2);
    expect(await chainedAndPending(f.partnershipId)).toEqual({ chained: 7, pending: 0 });
  });

  it('keeps one chain when two server instances seal at once: the one that finds the head moved reads again', async () => {
    const f = await newPartnership(t);
    // Each database handle has its own seal queue, as each server instance does.
    const instances = [t.store.db.withPlugin({ transformQuery: (args) => args.node, transformResult: async (args) => args.result }), t.store.db];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        await leaveUnsealed(f, `test.raced.${i}`);
        await sealJournal(instances[i % 2]!, f.partnershipId);
      }),
    );
    expect(await chainedAndPending(f.partnershipId)).toEqual({ chained: 32, pending: 0 });
    expect(await journalLength(t, f.partnershipId)).toBe(32);
    expect(await verifiedChain(t, f.partnershipId)).toEqual({ ok: true, chains: [{ partnershipId: f.partnershipId, entries: 32, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }] });
  });

  it('vacuums its queue after every 2,000 entries sealed, so that a seal reads the entries waiting and not the rows it deleted', async () => {
    const f = await newPartnership(t);
    const vacuums = statementsSaying(t.store.db, 'vacuum');
    const db = vacuums.db;
    const leaveMany = (count: number) =>
      sql`insert into journal_pending (partnership_id, recorded_at, actor_id, kind, payload)
          select ${f.partnershipId}, ${t.clock.now()}, null, 'test.left', jsonb_build_object('n', n) from generate_series(1, ${count}) n`.execute(t.store.db);
    await leaveMany(1999);
    await sealJournal(db, f.partnershipId);
    expect(vacuums.count()).toBe(0);
    await leaveMany(2);
    await sealJournal(db, f.partnershipId);
    expect(vacuums.count()).toBe(1);
    expect(await chainedAndPending(f.partnershipId)).toEqual({ chained: 2003, pending: 0 });
    await leaveMany(1);
    // PostgreSQL's autovacuum may hold the table, and then does the same work in its own time; the embedded database has none.
    if (onPglite) {
      const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }] }>`
        explain (analyze, buffers, format json)
        select id from journal_pending where partnership_id = ${f.partnershipId} order by id limit 1000`.execute(t.store.db);
      const { Plan: read } = rows[0]!['QUERY PLAN'][0];
      expect(read['Shared Hit Blocks'] + read['Shared Read Blocks']).toBeLessThanOrEqual(4);
    }
    await sealJournal(db, f.partnershipId);
    expect(await verifiedChain(t, f.partnershipId)).toMatchObject({ ok: true, chains: [{ entries: 2004 }] });
  });

  it('resolves once the entries are chained even when its vacuum fails, and vacuums again 2,000 entries later', async () => {
    const f = await newPartnership(t);
    let vacuumsTried = 0;
    const refusingVacuums: KyselyPlugin = {
      transformQuery: (args) => {
        if (args.node.kind === 'RawNode' && JSON.stringify(args.node).includes('vacuum')) {
          vacuumsTried += 1;
          throw new Error('vacuum cancelled');
        }
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const db = t.store.db.withPlugin(refusingVacuums);
    const leave = (count: number) =>
      sql`insert into journal_pending (partnership_id, recorded_at, actor_id, kind, payload)
          select ${f.partnershipId}, ${t.clock.now()}, null, 'test.left', jsonb_build_object('n', n) from generate_series(1, ${count}) n`.execute(t.store.db);
    await leave(2001);
    await expect(sealJournal(db, f.partnershipId)).resolves.toBeUndefined();
    expect(vacuumsTried).toBe(1);
    expect(await chainedAndPending(f.partnershipId)).toEqual({ chained: 2003, pending: 0 });
    // The vacuum came after the second batch of 1,000: the last entry counts towards the next.
    await leave(1998);
    await sealJournal(db, f.partnershipId);
    expect(vacuumsTried).toBe(1);
    await leave(1);
    await sealJournal(db, f.partnershipId);
    expect(vacuumsTried).toBe(2);
  });

  it('refuses to seal a partnership that has no chain', async () => {
    await expect(sealJournal(t.store.db, randomUUID())).rejects.toThrow(/has no journal head/);
  });
});

describe('the database keeps the journal append-only', () => {
  it('refuses UPDATE of an entry', async () => {
    const f = await newPartnership(t);
    await expect(
      t.store.db.updateTable('journal_entry').set({ body: 'forged' }).where('partnership_id', '=', f.partnershipId).where('seq', '=', 2).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(sql`update journal_entry set recorded_at = now() where partnership_id = ${f.partnershipId}`.execute(t.store.db)).rejects.toThrow(/append-only: UPDATE refused/);
    expect((await journalOf(t, f.partnershipId))[1]!.kind).toBe('person.created');
  });

  it('refuses DELETE of an entry', async () => {
    const f = await newPartnership(t);
    await expect(t.store.db.deleteFrom('journal_entry').where('partnership_id', '=', f.partnershipId).execute()).rejects.toThrow(/append-only: DELETE refused/);
    expect(await journalOf(t, f.partnershipId)).toHaveLength(2);
  });

  // Inside a transaction that never commits, so that even a broken trigger could not empty the
  // journals of the other test files sharing a PostgreSQL database.
  it('refuses TRUNCATE', async () => {
    const attempt = t.store.db.transaction().execute(async (trx) => {
      await sql`truncate journal_entry`.execute(trx);
      throw new Error('TRUNCATE went through');
    });
    await expect(attempt).rejects.toThrow(/append-only: TRUNCATE refused/);
    const count = await sql<{ n: string }>`select count(*) as n from journal_entry`.execute(t.store.db);
    expect(Number(count.rows[0]!.n)).toBeGreaterThan(0);
  });
});
