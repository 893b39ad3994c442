import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDemoPartnership } from '../../src/demo/demo-partnership.js';
import { journalAnchor } from '../../src/journal/anchor.js';
import type { JournalKind } from '../../src/journal/contract.js';
import { appendEntry, PENDING_BOUND_SECONDS, sealAllPending } from '../../src/journal/journal-store.js';
import { createOrganization } from '../../src/organizations/acts.js';
import { createPartnership } from '../../src/partnerships/acts.js';
import { openStore, type OpenStoreOptions } from '../../src/common/database/database.js';
import { migrateToLatest } from '../../src/common/database/migrate.js';
import { bypassAppendOnly } from '../support/tamper.js';
import { migratedPgliteFolder } from '../support/test-app.js';
import { createThrowawayDatabase } from '../support/throwaway-database.js';

/**
 * `entente journal verify` as an operator runs it: a separate process on a database of its own,
 * a PGlite folder (DATA_DIR) in the PGlite run, a fresh PostgreSQL database (DATABASE_URL) in the
 * PostgreSQL run. The CLI runs from dist/, which `npm test` builds first.
 */
const ROOT = process.cwd();
const CLI = join(ROOT, 'bin', 'entente.js');
const BUILT = join(ROOT, 'dist', 'server', 'cli', 'main.js');
const onPostgres = process.env['ENTENTE_TEST_DB'] === 'postgres';
const run = promisify(execFile);

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A database of the CLI's own: how the CLI reaches it, and how this process opens it. */
interface CliDatabase {
  readonly env: NodeJS.ProcessEnv;
  readonly storeOptions: OpenStoreOptions;
  readonly cleanup: () => Promise<void>;
}

async function cliDatabase(): Promise<CliDatabase> {
  if (onPostgres) {
    const database = await createThrowawayDatabase(inject('postgresUrl'), 'entente_cli');
    return { storeOptions: { databaseUrl: database.url }, env: { ...process.env, DATABASE_URL: database.url, DATA_DIR: '' }, cleanup: database.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'entente-cli-'));
  const dataDir = join(dir, 'data');
  await migratedPgliteFolder(dataDir);
  return { storeOptions: { dataDir }, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

let database: CliDatabase;
let partnershipId: string;

async function verifyCli(on: CliDatabase = database, ...options: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, 'journal', 'verify', ...options], { env: on.env, cwd: ROOT, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Opens the CLI's database in this process, and closes it before the CLI runs again. */
async function withStore(work: (store: Awaited<ReturnType<typeof openStore>>) => Promise<void>, on: CliDatabase = database): Promise<void> {
  const store = await openStore(on.storeOptions);
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

async function headNow() {
  let head = { seq: 0, hash: '' };
  await withStore(async (store) => {
    head = await journalAnchor(store.db, partnershipId);
  });
  return head;
}

beforeAll(async () => {
  if (!existsSync(BUILT)) {
    throw new Error(`${BUILT} is missing: build the server first (npm run build, or npx tsc -p tsconfig.server.json). npm test does it before running the suite.`);
  }
  database = await cliDatabase();
  await withStore(async (store) => {
    await migrateToLatest(store.db);
    const now = new Date('2026-03-10T09:00:00Z');
    const created = await createPartnership(store.db, { name: 'Partenariat CLI', admin: { fullName: 'Admin CLI', email: 'admin@cli.example' } }, now);
    partnershipId = created.partnershipId;
    const viewer = { personId: created.adminPersonId, isPartnershipAdmin: true, adminOfOrganizations: new Set<string>(), memberOfBodies: new Set<string>() };
    await createOrganization({ db: store.db, partnershipId, viewer, now }, { name: 'Maison CLI', kind: 'association' });
  });
}, 120_000);

afterAll(async () => {
  await database?.cleanup();
});

describe(`npx entente journal verify (${onPostgres ? 'DATABASE_URL' : 'DATA_DIR'})`, () => {
  it('exits 0 and prints each chain’s length and head when the chain holds', async () => {
    const outcome = await verifyCli();
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    const head = await headNow();
    expect(outcome.stdout.trim()).toBe(`Journal intact: 1 chain(s).\nPartnership ${partnershipId}: 3 entries, head 3:${head.hash}.`);
  });

  it('--anchor: says whether a head once seen still lies on the chain, which an end cut and a rewritten head hide from verification alone', async () => {
    expect((await verifyCli(database, '--anchor', '3:abc')).code).toBe(2);
    const seen = await headNow();
    const held = await verifyCli(database, '--anchor', `${seen.seq}:${seen.hash}`);
    expect(held.code).toBe(0);
    expect(held.stdout).toContain(`Anchor 3:${seen.hash} lies on the chain of partnership ${partnershipId}.`);
    let removed: Record<string, unknown> = {};
    await withStore((store) =>
      bypassAppendOnly(store.db, async (trx) => {
        removed = await trx.selectFrom('journal_entry').selectAll().where('partnership_id', '=', partnershipId).where('seq', '=', 3).executeTakeFirstOrThrow();
        await trx.deleteFrom('journal_entry').where('partnership_id', '=', partnershipId).where('seq', '=', 3).execute();
        const second = await trx.selectFrom('journal_entry').select(['seq', 'hash', 'prev_hash']).where('partnership_id', '=', partnershipId).where('seq', '=', 2).executeTakeFirstOrThrow();
        await trx.updateTable('journal_head').set(second).where('partnership_id', '=', partnershipId).execute();
      }),
    );
    const alone = await verifyCli();
    expect(alone.stdout).toContain(`Partnership ${partnershipId}: 2 entries`);
    const cut = await verifyCli(database, '--anchor', `${seen.seq}:${seen.hash}`);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain(`Anchor 3:${seen.hash} lies on no chain: the journal was cut or rewritten after this head was seen.`);
    await withStore(async (store) => {
      await store.db.insertInto('journal_entry').values({ ...removed, payload: JSON.stringify(removed['payload']) } as never).execute();
      await store.db.updateTable('journal_head').set({ seq: seen.seq, hash: seen.hash, prev_hash: String(removed['prev_hash']) }).where('partnership_id', '=', partnershipId).execute();
    });
    expect((await verifyCli(database, '--anchor', `${seen.seq}:${seen.hash}`)).code).toBe(0);
  });

  it('exits 1 and names an entry committed but left unchained beyond the bound, then 0 once the server has sealed it', async () => {
    await withStore(async (store) => {
      await store.db.transaction().execute((trx) => appendEntry(trx, partnershipId, null, { kind: 'test.left' as JournalKind, payload: {} }, new Date()));
      await sql`update journal_pending set pending_since = clock_timestamp() - interval '1 minute' where partnership_id = ${partnershipId}`.execute(store.db);
    });
    const overdue = await verifyCli();
    expect(overdue.code).toBe(1);
    expect(overdue.stderr).toContain(`Not sealed: 1 committed entry has waited longer than ${PENDING_BOUND_SECONDS} s to be chained`);
    expect(overdue.stderr).toMatch(new RegExp(`partnership ${partnershipId}, pending entry \\d+ \\(test\\.left\\), waiting since \\d{4}-`));
    await withStore(async (store) => {
      await sealAllPending(store.db);
    });
    const sealed = await verifyCli();
    expect(sealed.stderr).toBe('');
    expect(sealed.code).toBe(0);
    expect(sealed.stdout).toContain(`Partnership ${partnershipId}: 4 entries`);
  });

  it('exits 1 and names the first broken entry when a row was altered', async () => {
    await withStore((store) =>
      bypassAppendOnly(store.db, async (trx) => {
        await sql`update journal_entry set body = replace(body, '"association"', '"cooperative"'), payload = jsonb_set(payload, '{kind}', '"cooperative"') where partnership_id = ${partnershipId} and seq = 3`.execute(trx);
      }),
    );
    const outcome = await verifyCli();
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.trim()).toBe(`Journal broken: partnership ${partnershipId}, entry 3 (hash_mismatch); 2 entries of its chain verified before it.`);
  });
});

describe('npx entente journal verify on the demo partnership', () => {
  let demo: CliDatabase;
  let demoId: string;
  beforeAll(async () => {
    demo = await cliDatabase();
    await withStore(async (store) => {
      await migrateToLatest(store.db);
      ({ partnershipId: demoId } = await createDemoPartnership(store.db, new Date('2026-03-10T09:00:00Z')));
    }, demo);
  }, 120_000);
  afterAll(() => demo?.cleanup());

  it('exits 0 while only acts wrote its rows', async () => {
    const outcome = await verifyCli(demo);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^Journal intact: 1 chain\(s\)\.\nPartnership [0-9a-f-]{36}: \d+ entries, head \d+:[0-9a-f]{64}\.\n$/);
  });

  it('exits 1 and names every row that disagrees once a member is made administrator and an adopted article rewritten', async () => {
    let memberId = '';
    let versionId = '';
    let signatureIds: string[] = [];
    await withStore(async (store) => {
      memberId = (await store.db.selectFrom('person').select('id').where('partnership_id', '=', demoId).where('is_partnership_admin', '=', false).orderBy('id').executeTakeFirstOrThrow()).id;
      await store.db.updateTable('person').set({ is_partnership_admin: true }).where('id', '=', memberId).execute();
      versionId = (await store.db.selectFrom('charter_version').select('id').where('status', '=', 'adopted').executeTakeFirstOrThrow()).id;
      signatureIds = (await store.db.selectFrom('charter_signature').select('id').where('version_id', '=', versionId).orderBy('id').execute()).map((signature) => signature.id);
      await store.db.transaction().execute(async (trx) => {
        await sql`alter table charter_version disable trigger charter_version_frozen`.execute(trx);
        await sql`update charter_version set articles = jsonb_set(articles, '{0,body}', '"Chaque maison cède ses locaux au partenariat."') where id = ${versionId}`.execute(trx);
        await sql`alter table charter_version enable trigger charter_version_frozen`.execute(trx);
      });
    }, demo);
    expect(signatureIds.length).toBeGreaterThan(0);
    const outcome = await verifyCli(demo);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toMatch(/^Journal intact: 1 chain\(s\)\.\nPartnership [0-9a-f-]{36}: \d+ entries, head \d+:[0-9a-f]{64}\.\n$/);
    const hashes = '[0-9a-f]{64}';
    expect(outcome.stderr.trim().split('\n')).toEqual([
      `State not proven: ${2 + signatureIds.length} row(s) disagree with the journal.`,
      `partnership ${demoId}, person ${memberId}: isPartnershipAdmin is true, the journal says false`,
      expect.stringMatching(new RegExp(`^partnership ${demoId}, charter_version ${versionId}: keeps the hash ${hashes}, but its content hashes to ${hashes}$`)),
      ...signatureIds.map((id) => expect.stringMatching(new RegExp(`^partnership ${demoId}, charter_signature ${id}: keeps the hash ${hashes}, but the content of the version it signs hashes to ${hashes}$`))),
    ]);
  });
});
