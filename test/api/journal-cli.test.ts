import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrganization } from '../../src/services/structure-acts.js';
import { createPartnership } from '../../src/services/partnerships.js';
import { openStore, type OpenStoreOptions } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { bypassAppendOnly } from '../support/tamper.js';
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

let env: NodeJS.ProcessEnv;
let storeOptions: OpenStoreOptions;
let cleanup: () => Promise<void>;
let partnershipId: string;

async function verifyCli(): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, 'journal', 'verify'], { env, cwd: ROOT, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Opens the CLI's database in this process, and closes it before the CLI runs again. */
async function withStore(work: (store: Awaited<ReturnType<typeof openStore>>) => Promise<void>): Promise<void> {
  const store = await openStore(storeOptions);
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  if (!existsSync(BUILT)) {
    throw new Error(`${BUILT} is missing: build the server first (npm run build, or npx tsc -p tsconfig.server.json). npm test does it before running the suite.`);
  }
  if (onPostgres) {
    const database = await createThrowawayDatabase(inject('postgresUrl'), 'entente_cli');
    storeOptions = { databaseUrl: database.url };
    env = { ...process.env, DATABASE_URL: database.url, DATA_DIR: '' };
    cleanup = database.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'entente-cli-'));
    const dataDir = join(dir, 'data');
    storeOptions = { dataDir };
    env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
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
  await cleanup?.();
});

describe(`npx entente journal verify (${onPostgres ? 'DATABASE_URL' : 'DATA_DIR'})`, () => {
  it('exits 0 and prints the count when the chain holds', async () => {
    const outcome = await verifyCli();
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout.trim()).toBe('Journal intact: 3 entries in 1 chain(s).');
  });

  it('exits 1 and names the first broken entry when a row was altered', async () => {
    await withStore((store) =>
      bypassAppendOnly(store.db, async (trx) => {
        await sql`update journal_entry set body = replace(body, '"association"', '"cooperative"') where partnership_id = ${partnershipId} and seq = 3`.execute(trx);
      }),
    );
    const outcome = await verifyCli();
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.trim()).toBe(`Journal broken: partnership ${partnershipId}, entry 3 (hash_mismatch); 2 entries verified before it.`);
  });
});
