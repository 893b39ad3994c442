import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import lockfile from 'proper-lockfile';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** The embedded database itself, to dump or load whole data folders; undefined on PostgreSQL. */
  readonly pglite: PGlite | undefined;
  /** The PostgreSQL server's address, for connections of their own (LISTEN); undefined on PGlite. */
  readonly databaseUrl?: string | undefined;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;

/** Dates stay 'YYYY-MM-DD' strings on both drivers: a calendar date has no time zone to shift. */
const keepDateAsText = (value: string): string => value;

/**
 * On PostgreSQL, the journal is chained on a connection apart from the pool: there, the seal's two
 * statements would queue behind every act waiting, and entries would stay pending as long as the
 * queue is deep. Session reads stay in the pool: sharing this lane with them, the sessions that
 * expire together queued with the seals and lengthened both (bench/README.md, issue 22). PGlite
 * has one connection, handed out in arrival order, where a seal takes the turn of its request.
 */
const sealingLanes = new WeakMap<Kysely<Database>, Kysely<Database>>();

/** The handle the journal is sealed through: the store's lane for it, or the handle itself. */
export function sealingLaneOf(db: Kysely<Database>): Kysely<Database> {
  return sealingLanes.get(db) ?? db;
}

/** Seals run one at a time per partnership, and partnerships rarely seal at the same moment. */
const SEALING_LANE_CONNECTIONS = 1;

/** Work started on a handle that nobody waits for (a seal after an act has answered), by handle. */
const backgroundWork = new WeakMap<Kysely<Database>, Set<Promise<unknown>>>();

/** Lets `work` end before the store of `db` closes: the act that started it has answered already. */
export function finishBeforeClose(db: Kysely<Database>, work: Promise<unknown>): void {
  let underWay = backgroundWork.get(db);
  if (!underWay) {
    underWay = new Set();
    backgroundWork.set(db, underWay);
  }
  const set = underWay;
  const settled: Promise<unknown> = work.then(
    () => set.delete(settled),
    () => set.delete(settled),
  );
  set.add(settled);
}

/** Resolves once the work started on this handle in the background has ended. */
export async function backgroundWorkEnded(db: Kysely<Database>): Promise<void> {
  while ((backgroundWork.get(db)?.size ?? 0) > 0) await Promise.all(backgroundWork.get(db)!);
}

export interface OpenStoreOptions {
  /** postgres://… to use a PostgreSQL server. */
  readonly databaseUrl?: string | undefined;
  /** Folder of the embedded database; ignored with databaseUrl. */
  readonly dataDir?: string | undefined;
  /** A dumped PGlite data folder to start from (tests load a migrated template this way). */
  readonly pgliteTemplate?: Blob | undefined;
  readonly poolSize?: number | undefined;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    pg.types.setTypeParser(DATE_OID, keepDateAsText);
    pg.types.setTypeParser(INT8_OID, (value: string) => Number(value));
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 20,
      // JIT compilation costs tens of milliseconds and pays off only on analytic queries; every
      // query here is short, and a misestimated plan would otherwise be compiled on each request.
      options: '-c jit=off',
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const sealingLane = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: options.databaseUrl, max: SEALING_LANE_CONNECTIONS, options: '-c jit=off' }) }),
    });
    sealingLanes.set(db, sealingLane);
    return {
      db,
      kind: 'postgres',
      pglite: undefined,
      databaseUrl: options.databaseUrl,
      close: async () => {
        await backgroundWorkEnded(db);
        await db.destroy();
        await sealingLane.destroy();
      },
    };
  }
  let dataDir: string | undefined;
  let unlock = async () => {};
  if (options.dataDir) {
    dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {}),
    parsers: { [DATE_OID]: keepDateAsText },
    // Trigram indexes serve the "contains" searches (migrations 016 and 018), as on PostgreSQL.
    extensions: { pg_trgm, unaccent },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await backgroundWorkEnded(db);
      await db.destroy();
      await unlock();
    },
  };
}

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(`${dataDir} is in use by another Entente process (the embedded database has one user at a time). Stop it, or use DATABASE_URL.`);
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * The lock (proper-lockfile) goes stale 15 s after its owner stops refreshing it; beside it, the
 * owner's process id and machine tell a start after a SIGKILL or a power cut that the owner is
 * gone, so it need not wait. A live owner, or one on another machine, still refuses the folder.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockfilePath = `${dataDir}.lock`;
  const ownerPath = `${dataDir}.lock-owner`;
  const take = async () => {
    try {
      return await lockfile.lock(dataDir, { lockfilePath, stale: 15_000, update: 5_000 });
    } catch (error) {
      if ((error as { code?: string }).code === 'ELOCKED') throw new DataDirInUseError(dataDir);
      throw error;
    }
  };
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (error) {
    if (!(error instanceof DataDirInUseError) || !ownerIsGone(ownerPath)) throw error;
    rmSync(lockfilePath, { recursive: true, force: true });
    release = await take();
  }
  writeFileSync(ownerPath, JSON.stringify({ pid: process.pid, host: hostname() }));
  return async () => {
    rmSync(ownerPath, { force: true });
    await release();
  };
}

/** The lock's owner ran on this machine and runs no more. Unknown, unreadable or elsewhere: not gone. */
function ownerIsGone(ownerPath: string): boolean {
  let owner: { pid?: unknown; host?: unknown };
  try {
    owner = JSON.parse(readFileSync(ownerPath, 'utf8')) as typeof owner;
  } catch {
    return false;
  }
  if (owner.host !== hostname() || typeof owner.pid !== 'number' || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH';
  }
}
