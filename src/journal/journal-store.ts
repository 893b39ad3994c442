import { sql, type Kysely, type Transaction } from 'kysely';
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

/**
 * Appends one entry in a single statement: the head row update takes the partnership's chain lock,
 * computes the next hash with the same formula as chainHash(), and the entry row is written from it.
 * Call it last in the transaction, so the lock is held for one round trip only.
 */
export async function appendEntry(
  trx: Transaction<Database>,
  partnershipId: string,
  actorId: string | null,
  event: JournalEvent,
  recordedAt: Date,
): Promise<number> {
  const canonical = canonicalBody({ partnershipId, recordedAt, actorId, kind: event.kind, payload: event.payload });
  const result = await sql<{ seq: number }>`
    with head as (
      update journal_head
         set seq = seq + 1,
             prev_hash = hash,
             hash = encode(sha256(convert_to(hash || E'\n' || (seq + 1)::text || E'\n' || ${canonical}::text, 'UTF8')), 'hex')
       where partnership_id = ${partnershipId}
      returning seq, prev_hash, hash
    )
    insert into journal_entry (partnership_id, seq, recorded_at, actor_id, kind, payload, prev_hash, hash)
    select ${partnershipId}, head.seq, ${recordedAt.toISOString()}::timestamptz, ${actorId}::uuid, ${event.kind},
           ${JSON.stringify(event.payload)}::jsonb, head.prev_hash, head.hash
      from head
    returning seq`.execute(trx);
  const seq = result.rows[0]?.seq;
  if (seq === undefined) throw new Error(`partnership ${partnershipId} has no journal head`);
  return seq;
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
