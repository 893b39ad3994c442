import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DECISION_LEVELS, emptyRules } from '../../src/charters/rules/types.js';
import { verifyJournal } from '../../src/journal/verify.js';
import { openSession } from '../../src/accounts/acts.js';
import { importCharter, recordAdoption, saveDraft } from '../../src/charters/acts.js';
import { versionDetail } from '../../src/charters/queries.js';
import { advancePhase, createProposal } from '../../src/decisions/acts.js';
import { createPartnership } from '../../src/partnerships/acts.js';
import { openStore, type Store } from '../../src/common/database/database.js';
import { migrateToLatest } from '../../src/common/database/migrate.js';
import { createThrowawayDatabase } from '../support/throwaway-database.js';

/**
 * The server is killed (SIGKILL, no shutdown) while a thousand members of a circle each post
 * their stance at once. After a restart, every stance that was answered 2xx is there, none is
 * there twice, each stance has exactly one journal entry, and the journal verifies. The restarted
 * server, run from dist as in production, also prints the charter's PDF on its worker thread.
 */
const MEMBERS = Number(process.env['CRASH_MEMBERS'] ?? 1000);
/** Responses awaited before the kill: the rest are in flight, somewhere between the socket and the commit. */
const KILL_AFTER = Math.floor(MEMBERS / 10);

interface Seeded {
  readonly partnershipId: string;
  readonly proposalId: string;
  /** The charter in force, whose PDF the built server prints on a worker thread. */
  readonly charterPdf: string;
  readonly members: { readonly personId: string; readonly cookie: string; readonly csrfToken: string }[];
}

/** A circle of MEMBERS people deciding by consent under a charter in force, its round open, each member with a session. */
async function seedRoundTable(store: Store): Promise<Seeded> {
  const now = new Date();
  const { partnershipId, adminPersonId } = await createPartnership(store.db, { name: `Crash ${randomUUID()}`, admin: { fullName: 'Admin', email: `admin-${randomUUID()}@example.org` } }, now);
  const circleId = randomUUID();
  await store.db.insertInto('body').values({ id: circleId, partnership_id: partnershipId, parent_body_id: null, name: 'Cercle', kind: 'circle', delegates_per_organization: null, min_referents_per_organization: null, min_size: null, max_size: null, meetings_per_year: null }).execute();
  const members: Seeded['members'][number][] = [];
  for (let start = 0; start < MEMBERS; start += 250) {
    const batch = Array.from({ length: Math.min(250, MEMBERS - start) }, (_, i) => ({ personId: randomUUID(), accountId: randomUUID(), index: start + i }));
    await store.db.insertInto('account').values(batch.map((m) => ({ id: m.accountId, email: `membre-${m.accountId}@example.org`, password_hash: null }))).execute();
    await store.db.insertInto('person').values(batch.map((m) => ({ id: m.personId, partnership_id: partnershipId, account_id: m.accountId, full_name: `Membre ${m.index}`, email: null, phone: null }))).execute();
    await store.db
      .insertInto('body_member')
      .values(batch.map((m) => ({ id: randomUUID(), body_id: circleId, person_id: m.personId, organization_id: null, capacity: 'member', mandate_source: 'self', starts_on: '2025-09-01', ends_on: null })))
      .execute();
    for (const m of batch) {
      const session = await openSession(store.db, m.accountId, now);
      members.push({ personId: m.personId, cookie: `entente_session=${session.token}`, csrfToken: session.csrfToken });
    }
  }
  const ctx = { db: store.db, partnershipId, now, viewer: { personId: adminPersonId, isPartnershipAdmin: true, adminOfOrganizations: new Set<string>(), memberOfBodies: new Set<string>() } };
  const rules = {
    ...emptyRules(),
    bodyIds: [circleId],
    decisionMatrix: DECISION_LEVELS.map((level) => ({ id: randomUUID(), level, topic: '', bodyId: circleId, method: 'consent' as const, quorumPercent: null, maxRounds: null, onBlock: { kind: 'lapse' as const }, informBodyIds: [] })),
  };
  const charter = await importCharter(ctx, {
    format: 'entente-charter',
    formatVersion: 1,
    kind: 'partnership',
    content: { title: 'Charte du cercle', articles: [{ key: randomUUID(), kind: 'purpose', title: 'Objet', body: '' }], rules },
  });
  const { contentHash } = await saveDraft(ctx, charter.id, charter.versionId, (await versionDetail(store.db, ctx.viewer, partnershipId, charter.id, charter.versionId)).content);
  await recordAdoption(ctx, charter.id, charter.versionId, { bodyId: circleId, adoptedOn: '2026-01-01', contentHash });
  const { id: proposalId } = await createProposal(ctx, { level: 'operational', topic: '', wording: 'Se réunir le jeudi', context: '', participationLevel: 'participation' });
  for (let step = 0; step < 3; step += 1) await advancePhase(ctx, proposalId);
  return { partnershipId, proposalId, charterPdf: `/api/v1/partnerships/${partnershipId}/charters/${charter.id}/versions/${charter.versionId}/pdf`, members };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `entente serve` as a user would, and waits until it answers. After a SIGKILL the PGlite
 * folder opens at once (its lock's owner is known to be gone: data-folder-lock.test.ts); a start
 * refused as the folder in use is still tried again, until the deadline.
 */
async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; origin: string }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/entente.js', 'serve', '--no-demo'], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const origin = `http://127.0.0.1:${port}`;
    while (Date.now() < deadline) {
      const ready = await fetch(`${origin}/api/v1/health`).then((r) => r.ok).catch(() => false);
      if (ready) return { child, origin };
      const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('running'), 200))]);
      if (code !== 'running') break;
    }
    if (Date.now() >= deadline || !stderr.includes('in use by another Entente process')) throw new Error(`the server did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function stopGracefully(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const databases: ('pglite' | 'postgres')[] = ['pglite', ...(process.env['TEST_DATABASE_URL'] ? (['postgres'] as const) : [])];
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.each(databases)('a server killed during %s stances', (kind) => {
  it(`keeps every answered stance of ${MEMBERS}, once, each with its journal entry, and the journal verifies`, { timeout: 240_000 }, async () => {
    let env: Record<string, string>;
    let open: () => Promise<Store>;
    if (kind === 'pglite') {
      const dataDir = mkdtempSync(join(tmpdir(), 'entente-crash-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      env = { DATA_DIR: dataDir, DATABASE_URL: '' };
      open = () => openStore({ dataDir });
    } else {
      const database = await createThrowawayDatabase(process.env['TEST_DATABASE_URL']!, 'entente_crash');
      cleanups.push(database.drop);
      env = { DATABASE_URL: database.url };
      open = () => openStore({ databaseUrl: database.url });
    }
    let store = await open();
    await migrateToLatest(store.db);
    const seeded = await seedRoundTable(store);
    await store.close();

    const first = await startServer(env);
    const answered = new Map<string, string>();
    let settled = 0;
    const killed = new Promise<void>((resolve) => {
      const requests = seeded.members.map(async (member) => {
        const idempotencyKey = randomUUID();
        try {
          const response = await fetch(`${first.origin}/api/v1/partnerships/${seeded.partnershipId}/proposals/${seeded.proposalId}/stances`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: member.cookie, 'x-csrf-token': member.csrfToken },
            body: JSON.stringify({ stance: 'consent', reason: '', idempotencyKey }),
          });
          await response.arrayBuffer();
          if (response.ok) answered.set(member.personId, idempotencyKey);
        } catch {
          // The connection died with the server: this stance was never answered.
        }
        settled += 1;
        if (settled === KILL_AFTER) {
          first.child.kill('SIGKILL');
          resolve();
        }
      });
      void Promise.all(requests).then(() => resolve());
    });
    await killed;
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(answered.size).toBeGreaterThan(0);

    // The restarted server seals what the killed one left pending.
    const second = await startServer(env);
    // The built server finds its printing worker's file in dist: a PDF comes out.
    const pdf = await fetch(`${second.origin}${seeded.charterPdf}`, { headers: { cookie: seeded.members[0]!.cookie } });
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    await stopGracefully(second.child);

    store = await open();
    try {
      const stances = await store.db.selectFrom('stance').select(['member_id', 'idempotency_key']).where('proposal_id', '=', seeded.proposalId).execute();
      const keyOf = new Map(stances.map((s) => [s.member_id, s.idempotency_key]));
      for (const [personId, key] of answered) expect(keyOf.get(personId), `the answered stance of ${personId}`).toBe(key);
      expect(new Set(stances.map((s) => s.member_id)).size).toBe(stances.length);
      const entries = await store.db.selectFrom('journal_entry').select('payload').where('partnership_id', '=', seeded.partnershipId).where('kind', '=', 'stance.taken').execute();
      expect(entries.map((e) => e.payload['memberId']).sort()).toEqual(stances.map((s) => s.member_id).sort());
      expect(Number((await store.db.selectFrom('journal_pending').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
      expect(await verifyJournal(store.db, { partnershipId: seeded.partnershipId })).toMatchObject({ ok: true });
      console.log(`${kind}: ${answered.size} stances answered before the kill, ${stances.length} in the database after the restart.`);
    } finally {
      await store.close();
    }
  });
});
