import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import { GENESIS_HASH, canonicalBody } from './chain.js';

/** One governance act, as the domain describes it. */
export interface JournalEvent {
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export async function startChain(trx: Transaction<Database>, partnershipId: string): Promise<void> {
  await trx
    .insertInto('journal_head')
    .values({ partnership_id: partnershipId, seq: 0, prev_hash: GENESIS_HASH, hash: GENESIS_HASH })
    .execute();
}

/** The row an act inserts: its entry, waiting for journal_seal() (migration 005) to chain it. */
function pendingRow(partnershipId: string, actorId: string | null, event: JournalEvent, recordedAt: Date) {
  const canonical = canonicalBody({ partnershipId, recordedAt, actorId, kind: event.kind, payload: event.payload });
  return sql`${partnershipId}::uuid, ${recordedAt.toISOString()}::timestamptz, ${actorId}::uuid, ${event.kind}::text,
    ${JSON.stringify(event.payload)}::jsonb, ${canonical}::text`;
}

const pendingColumns = sql`journal_pending (partnership_id, recorded_at, actor_id, kind, payload, canonical)`;

/** Adds one entry to the act's transaction. It is chained once the act has committed (see sealJournal). */
export async function appendEntry(
  trx: Transaction<Database>,
  partnershipId: string,
  actorId: string | null,
  event: JournalEvent,
  recordedAt: Date,
): Promise<void> {
  await sql`insert into ${pendingColumns} values (${pendingRow(partnershipId, actorId, event, recordedAt)})`.execute(trx);
}

/**
 * A change of rows and its journal entry as ONE statement, with no BEGIN/COMMIT round trips:
 * the statement is its own transaction. `change` is an INSERT/UPDATE … RETURNING whose
 * conditions carry the act's checks; `steps`, when given, are the common table expressions it
 * reads (`name as (…),` each), so that they stay at the statement's top level as PostgreSQL
 * requires of data-modifying ones. When the change writes nothing, nothing is journaled and the
 * caller finds out why. The entry is sealed before this returns. This is the path of the acts
 * that must be fast (see bench/).
 */
export async function changeWithEntry(
  db: Kysely<Database>,
  partnershipId: string,
  actorId: string | null,
  change: { readonly steps?: RawBuilder<unknown>; readonly write: RawBuilder<unknown> },
  event: JournalEvent,
  recordedAt: Date,
): Promise<boolean> {
  const result = await sql`with ${change.steps ?? sql``} journaled_change as (${change.write})
    insert into ${pendingColumns}
    select ${pendingRow(partnershipId, actorId, event, recordedAt)} from (select 1 from journaled_change limit 1) as changed
    returning 1`.execute(db);
  const changed = result.rows.length > 0;
  if (changed) await sealAfterCommit(db, partnershipId);
  return changed;
}

interface SealQueue {
  /** The seal that runs now, if any. */
  running: Promise<void> | undefined;
  /** The seal that starts once the running one ends: every act committed meanwhile waits for it. */
  next: Promise<void> | undefined;
}

/** Per database handle, per partnership: concurrent acts share one seal instead of queueing one each. */
const sealQueues = new WeakMap<Kysely<Database>, Map<string, SealQueue>>();

/**
 * Chains the partnership's committed entries, and resolves once the entries committed before the
 * call are sealed. Calls made while a seal runs share the next one, so under load each seal takes
 * a batch: the acts of a partnership commit in parallel and one transaction seals them.
 */
export function sealJournal(db: Kysely<Database>, partnershipId: string): Promise<void> {
  let queues = sealQueues.get(db);
  if (!queues) {
    queues = new Map();
    sealQueues.set(db, queues);
  }
  const queue = queues.get(partnershipId) ?? { running: undefined, next: undefined };
  queues.set(partnershipId, queue);
  if (queue.next) return queue.next;
  const seal = async () => {
    queue.next = undefined;
    try {
      await sql`select journal_seal(${partnershipId}::uuid)`.execute(db);
    } finally {
      queue.running = undefined;
      if (!queue.next) queues.delete(partnershipId);
    }
  };
  if (!queue.running) {
    queue.running = seal();
    return queue.running;
  }
  queue.next = queue.running.catch(() => undefined).then(() => (queue.running = seal()));
  return queue.next;
}

/**
 * Seals what an act has just committed. A failed seal does not undo the act: its entries wait in
 * journal_pending for the next seal, at the partnership's next act or at the clock's pass, which
 * logs the failure.
 */
export async function sealAfterCommit(db: Kysely<Database>, partnershipId: string): Promise<void> {
  await sealJournal(db, partnershipId).catch(() => undefined);
}

/** Seals every partnership's waiting entries, e.g. those of a process stopped between commit and seal. */
export async function sealAllPending(db: Kysely<Database>): Promise<number> {
  const waiting = await db.selectFrom('journal_pending').select('partnership_id').distinct().execute();
  for (const { partnership_id } of waiting) await sealJournal(db, partnership_id);
  return waiting.length;
}

/** Entries committed but not chained yet: zero, or a few for a few milliseconds, on a running server. */
export async function pendingEntryCount(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('journal_pending').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface JournalPageEntry {
  readonly seq: number;
  readonly recordedAt: Date;
  readonly actorId: string | null;
  readonly kind: string;
  readonly payload: Record<string, unknown>;
  readonly hash: string;
}

export async function readJournal(
  db: Kysely<Database>,
  partnershipId: string,
  options: { readonly beforeSeq?: number | undefined; readonly limit: number },
): Promise<JournalPageEntry[]> {
  let query = db
    .selectFrom('journal_entry')
    .select(['seq', 'recorded_at', 'actor_id', 'kind', 'payload', 'hash'])
    .where('partnership_id', '=', partnershipId);
  if (options.beforeSeq !== undefined) query = query.where('seq', '<', options.beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(options.limit).execute();
  return rows.map((row) => ({
    seq: row.seq,
    recordedAt: row.recorded_at,
    actorId: row.actor_id,
    kind: row.kind,
    payload: row.payload,
    hash: row.hash,
  }));
}
