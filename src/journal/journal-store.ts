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

/** One call of journal_append() (migration 002): the chain lock, the next hash, the entry. */
function appendCall(partnershipId: string, actorId: string | null, event: JournalEvent, recordedAt: Date) {
  const canonical = canonicalBody({ partnershipId, recordedAt, actorId, kind: event.kind, payload: event.payload });
  return sql<number>`journal_append(${partnershipId}::uuid, ${actorId}::uuid, ${event.kind}::text,
    ${JSON.stringify(event.payload)}::jsonb, ${canonical}::text, ${recordedAt.toISOString()}::timestamptz)`;
}

/**
 * Appends one entry. Call it last in the transaction: the head row it updates is the
 * partnership's chain lock, held from then until commit.
 */
export async function appendEntry(
  trx: Transaction<Database>,
  partnershipId: string,
  actorId: string | null,
  event: JournalEvent,
  recordedAt: Date,
): Promise<number> {
  const result = await sql<{ seq: number }>`select ${appendCall(partnershipId, actorId, event, recordedAt)} as seq`.execute(trx);
  return result.rows[0]!.seq;
}

/**
 * A change of rows and its journal entry as ONE statement, with no BEGIN/COMMIT round trips:
 * the statement is its own transaction. `change` is an INSERT/UPDATE … RETURNING whose
 * conditions carry the act's checks; when it changes nothing, nothing is journaled and the
 * caller finds out why. This is the path of the acts that must be fast (see bench/).
 */
export async function changeWithEntry(
  db: Kysely<Database>,
  partnershipId: string,
  actorId: string | null,
  change: RawBuilder<unknown>,
  event: JournalEvent,
  recordedAt: Date,
): Promise<boolean> {
  const result = await sql<{ seq: number }>`with journaled_change as (${change})
    select ${appendCall(partnershipId, actorId, event, recordedAt)} as seq
      from (select 1 from journaled_change limit 1) as changed`.execute(db);
  return result.rows.length > 0;
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
