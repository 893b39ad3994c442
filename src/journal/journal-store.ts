import { setTimeout } from 'node:timers/promises';
import { sql, type Kysely, type Transaction } from 'kysely';
import { finishBeforeClose, sealingLaneOf } from '../common/database/database.js';
import type { Database } from '../common/database/schema.js';
import { GENESIS_HASH, canonicalBody, chainHash } from './chain.js';
import type { JournalKind } from './contract.js';

/** One governance act, as the domain describes it. */
export interface JournalEvent {
  readonly kind: JournalKind;
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

/** Entries chained per statement: one JSON parameter carries them all. */
const SEAL_BATCH = 1000;

interface PendingRow {
  readonly seq: number;
  readonly hash: string;
  readonly id: string | null;
  readonly recorded_at: Date | null;
  readonly actor_id: string | null;
  readonly kind: string | null;
  readonly payload: Record<string, unknown> | null;
}

/**
 * Chains the partnership's pending entries, oldest first, in two statements and no explicit
 * transaction: a seal's round trips are what every act of a busy partnership waits for. The first
 * reads the head and the pending entries; the text each hash covers is written here from the
 * payloads as the database gives them back, and stored with the entry; the second moves the head on
 * only if it has not moved since, and in that same statement inserts the entries (their actor, kind
 * and payload taken from the pending rows, and held to the text by the entry's constraint, migration
 * 049) and clears them from journal_pending. If another server instance sealed first, nothing is written and the batch
 * is read again. Answers whether entries may remain for another batch.
 */
async function sealBatch(handle: Kysely<Database>, partnershipId: string): Promise<boolean> {
  const db = sealingLaneOf(handle);
  const { rows } = await sql<PendingRow>`
    select h.seq, h.hash, p.id, p.recorded_at, p.actor_id, p.kind, p.payload
      from journal_head h
      left join lateral (
        select id, recorded_at, actor_id, kind, payload from journal_pending
         where partnership_id = h.partnership_id order by id limit ${SEAL_BATCH}
      ) p on true
     where h.partnership_id = ${partnershipId}
     order by p.id`.execute(db);
  const head = rows[0];
  if (!head) throw new Error(`partnership ${partnershipId} has no journal head`);
  const pending = rows.filter((row) => row.id !== null);
  if (pending.length === 0) return false;
  let { seq, hash } = head;
  const entries = pending.map((row) => {
    const prevHash = hash;
    seq += 1;
    const body = canonicalBody({ partnershipId, recordedAt: row.recorded_at!, actorId: row.actor_id, kind: row.kind!, payload: row.payload! });
    hash = chainHash(prevHash, seq, body);
    return { pendingId: row.id!, seq, recordedAt: row.recorded_at!.toISOString(), body, prevHash, hash };
  });
  // One array per column: PGlite seals a batch of stances about a tenth faster from arrays than from
  // one JSON document holding the same texts (six alternated runs, 2026-12-07); PostgreSQL takes both alike.
  const { rows: moved } = await sql<{ advanced: number }>`
    with advanced as (
      update journal_head set seq = ${seq}, prev_hash = ${entries[entries.length - 1]!.prevHash}, hash = ${hash}
       where partnership_id = ${partnershipId} and seq = ${head.seq}
      returning 1
    ), sealed as (
      insert into journal_entry (partnership_id, seq, recorded_at, actor_id, kind, payload, body, prev_hash, hash)
      select ${partnershipId}, e.seq, e.recorded_at, p.actor_id, p.kind, p.payload, e.body, e.prev_hash, e.hash
        from unnest(
          ${entries.map((entry) => entry.pendingId)}::bigint[], ${entries.map((entry) => entry.seq)}::integer[], ${entries.map((entry) => entry.recordedAt)}::timestamptz[],
          ${entries.map((entry) => entry.body)}::text[], ${entries.map((entry) => entry.prevHash)}::text[], ${entries.map((entry) => entry.hash)}::text[]
        ) as e(pending_id, seq, recorded_at, body, prev_hash, hash)
        join journal_pending p on p.id = e.pending_id
       where exists (select from advanced)
    ), cleared as (
      delete from journal_pending where id = any(${entries.map((entry) => entry.pendingId)}::bigint[]) and exists (select from advanced)
    )
    select count(*)::int as advanced from advanced`.execute(db);
  if (moved[0]!.advanced === 0) return true;
  await vacuumPendingNowAndThen(handle, db, pending.length);
  return pending.length === SEAL_BATCH;
}

/**
 * Every act inserts a pending row and its seal deletes it: the dead rows pile up at the start of
 * the index each seal reads in order, and each seal walked them all, growing slower until a
 * vacuum (from 1.0 to 3.5 ms of PostgreSQL's CPU for a seal of one entry, after 12,000 seals).
 * The embedded database has no autovacuum, and PostgreSQL's comes at most once a minute; so the
 * sealer vacuums the table itself after this many entries, a few milliseconds each time.
 */
const SEALED_BETWEEN_VACUUMS = 2000;

/** Entries sealed through each handle since the sealer last vacuumed journal_pending. */
const sealedSinceVacuum = new WeakMap<Kysely<Database>, number>();

async function vacuumPendingNowAndThen(handle: Kysely<Database>, lane: Kysely<Database>, sealed: number): Promise<void> {
  if (lane.isTransaction) return;
  const count = (sealedSinceVacuum.get(handle) ?? 0) + sealed;
  if (count < SEALED_BETWEEN_VACUUMS) {
    sealedSinceVacuum.set(handle, count);
    return;
  }
  sealedSinceVacuum.set(handle, 0);
  // skip_locked: an autovacuum already at work on the table does the same. truncate false: giving
  // the emptied pages back needs the table's exclusive lock, which PostgreSQL tries for up to 5 s
  // while acts insert, and the seals waited behind it (entries pending for 2.1 s under the bench).
  // A vacuum that fails (cancelled, say) leaves the dead rows to the next one: the entries are
  // chained already, and whoever waits for the seal waits for that, not for the vacuum.
  await sql`vacuum (skip_locked, truncate false) journal_pending`.execute(lane).catch(() => undefined);
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
 * How long, at most, an act's entries stay pending after its commit on a running server: the act
 * answers at commit and its seal follows within milliseconds, even under load (bench/README.md
 * measures it). `entente journal verify` names every entry pending for longer: a seal that failed,
 * or a server stopped between commit and seal (which seals them at its next start).
 */
export const PENDING_BOUND_SECONDS = 2;

/**
 * Seals what an act has just committed, without making the act wait: a committed act is already
 * durable (its entries are in journal_pending, in its own transaction), so it answers at once and
 * whoever needs an entry's place in the chain reads it once sealed (`sealJournal` resolves then).
 * A failed seal does not undo the act: its entries wait for the next seal, at the partnership's
 * next act or at the clock's pass, which logs the failure. Resolves once the seal has ended; the
 * store does not close before.
 */
export function sealAfterCommit(db: Kysely<Database>, partnershipId: string): Promise<void> {
  const sealed = sealJournal(db, partnershipId).catch(() => undefined);
  finishBeforeClose(db, sealed);
  return sealed;
}

/** Entries committed longer ago than the bound and still not chained, oldest first. */
export async function overduePendingEntries(
  db: Kysely<Database>,
): Promise<{ readonly partnershipId: string; readonly id: string; readonly kind: string; readonly pendingSince: Date }[]> {
  const { rows } = await sql<{ partnership_id: string; id: string; kind: string; pending_since: Date }>`
    select partnership_id, id::text as id, kind, pending_since from journal_pending
     where pending_since < clock_timestamp() - make_interval(secs => ${PENDING_BOUND_SECONDS})
     order by id`.execute(db);
  return rows.map((row) => ({ partnershipId: row.partnership_id, id: row.id, kind: row.kind, pendingSince: row.pending_since }));
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
  // The reader sees the acts committed before the page was asked, chained: the seal they wait for.
  await sealJournal(db, partnershipId).catch(() => undefined);
  let query = db
    .selectFrom('journal_entry')
    .select(['seq', 'recorded_at', 'actor_id', 'kind', 'payload', 'hash'])
    .where('partnership_id', '=', partnershipId);
  if (options.beforeSeq !== undefined) query = query.where('seq', '<', options.beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(options.limit).execute();
  return rows.map((row) =>
    isConfidentialKind(row.kind)
      ? { seq: row.seq, recordedAt: row.recorded_at, actorId: null, kind: CONFIDENTIAL_ENTRY, payload: {}, hash: row.hash }
      : { seq: row.seq, recordedAt: row.recorded_at, actorId: row.actor_id, kind: row.kind, payload: row.payload, hash: row.hash },
  );
}

/** What the journal page calls an entry whose kind, actor and ids it does not show. */
export const CONFIDENTIAL_ENTRY = 'confidential';

/**
 * A dispute is confidential to those it names (seed 000, art. 7): the page every member reads
 * shows that an act was chained, with its hash, but not that it concerns a dispute, who made it
 * or whom it names; its people read the dispute on its own page.
 */
export function isConfidentialKind(kind: string): boolean {
  return kind.startsWith('dispute.');
}
