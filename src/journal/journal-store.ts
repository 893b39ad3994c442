import { setTimeout } from 'node:timers/promises';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import { GENESIS_HASH, canonicalBody, chainHash } from './chain.js';

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

/** Adds one entry to the act's transaction. It is chained once the act has committed (see sealJournal). */
export async function appendEntry(
  trx: Transaction<Database>,
  partnershipId: string,
  actorId: string | null,
  event: JournalEvent,
  recordedAt: Date,
): Promise<void> {
  await trx
    .insertInto('journal_pending')
    .values({ partnership_id: partnershipId, recorded_at: recordedAt, actor_id: actorId, kind: event.kind, payload: JSON.stringify(event.payload) })
    .execute();
}

/** Entries chained per transaction: one multi-row insert stays well under the parameter limit. */
const SEAL_BATCH = 1000;

/**
 * Chains the partnership's pending entries, oldest first, under the lock of its head row. The
 * hash is computed from the payload as the database gives it back, exactly as verification reads
 * it. Answers whether entries may remain for another batch.
 */
async function sealBatch(db: Kysely<Database>, partnershipId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const head = await trx.selectFrom('journal_head').select(['seq', 'hash']).where('partnership_id', '=', partnershipId).forUpdate().executeTakeFirst();
    if (!head) throw new Error(`partnership ${partnershipId} has no journal head`);
    const pending = await trx
      .selectFrom('journal_pending')
      .select(['id', 'recorded_at', 'actor_id', 'kind', 'payload'])
      .where('partnership_id', '=', partnershipId)
      .orderBy('id')
      .limit(SEAL_BATCH)
      .execute();
    if (pending.length === 0) return false;
    let { seq, hash } = head;
    const entries = pending.map((row) => {
      const prevHash = hash;
      seq += 1;
      const body = { partnershipId, recordedAt: row.recorded_at, actorId: row.actor_id, kind: row.kind, payload: row.payload };
      hash = chainHash(prevHash, seq, canonicalBody(body));
      return { partnership_id: partnershipId, seq, recorded_at: row.recorded_at, actor_id: row.actor_id, kind: row.kind, payload: JSON.stringify(row.payload), prev_hash: prevHash, hash };
    });
    await trx.insertInto('journal_entry').values(entries).execute();
    await trx.deleteFrom('journal_pending').where('id', 'in', pending.map((row) => row.id)).execute();
    await trx.updateTable('journal_head').set({ seq, prev_hash: entries[entries.length - 1]!.prev_hash, hash }).where('partnership_id', '=', partnershipId).execute();
    return pending.length === SEAL_BATCH;
  });
}

interface SealQueue {
  /** The seal that runs now, if any. */
  running: Promise<void> | undefined;
  /** The seal that starts once the running one ends: every act committed meanwhile waits for it. */
  next: Promise<void> | undefined;
}

/** How long a seal waits for the acts committing alongside: one turn of the event loop's timers. */
const SEAL_GATHER_MS = 1;

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
  const seal = async (wasNext: boolean) => {
    // PGlite runs each statement on this thread, faster than requests reach their act: without
    // this pause the seal would start before the next act commits, and seal one entry each time.
    await setTimeout(SEAL_GATHER_MS);
    // Acts that committed during the pause are sealed by this seal; later ones wait for the next.
    if (wasNext) queue.next = undefined;
    try {
      while (await sealBatch(db, partnershipId));
    } finally {
      queue.running = undefined;
      if (!queue.next) queues.delete(partnershipId);
    }
  };
  if (!queue.running) {
    queue.running = seal(false);
    return queue.running;
  }
  queue.next = queue.running.catch(() => undefined).then(() => (queue.running = seal(true)));
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
