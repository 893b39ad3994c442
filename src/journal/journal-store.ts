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

/** The chain formula of chainHash(), in SQL, over the head row being updated. */
const nextHash = (canonical: string) =>
  sql`encode(sha256(convert_to(hash || E'\n' || (seq + 1)::text || E'\n' || ${canonical}::text, 'UTF8')), 'hex')`;

/**
 * The two CTEs that append one entry: `journal_head_next` takes the partnership's chain lock by
 * updating its head row and computes the next hash; `journal_appended` writes the entry from it.
 * `onlyIf` makes the append conditional on another CTE of the same statement having changed rows.
 */
function appendCtes(partnershipId: string, actorId: string | null, event: JournalEvent, recordedAt: Date, onlyIf?: RawBuilder<unknown>) {
  const canonical = canonicalBody({ partnershipId, recordedAt, actorId, kind: event.kind, payload: event.payload });
  return sql`journal_head_next as (
      update journal_head
         set seq = seq + 1, prev_hash = hash, hash = ${nextHash(canonical)}
       where partnership_id = ${partnershipId} ${onlyIf ? sql`and exists (select 1 from ${onlyIf})` : sql``}
      returning seq, prev_hash, hash
    ),
    journal_appended as (
      insert into journal_entry (partnership_id, seq, recorded_at, actor_id, kind, payload, prev_hash, hash)
      select ${partnershipId}, head.seq, ${recordedAt.toISOString()}::timestamptz, ${actorId}::uuid, ${event.kind},
             ${JSON.stringify(event.payload)}::jsonb, head.prev_hash, head.hash
        from journal_head_next head
      returning seq
    )`;
}

/**
 * Appends one entry in a single statement. Call it last in the transaction, so the chain lock is
 * held for one round trip only.
 */
export async function appendEntry(
  trx: Transaction<Database>,
  partnershipId: string,
  actorId: string | null,
  event: JournalEvent,
  recordedAt: Date,
): Promise<number> {
  const result = await sql<{ seq: number }>`with ${appendCtes(partnershipId, actorId, event, recordedAt)}
    select seq from journal_appended`.execute(trx);
  const seq = result.rows[0]?.seq;
  if (seq === undefined) throw new Error(`partnership ${partnershipId} has no journal head`);
  return seq;
}

/**
 * A change of one row and its journal entry as ONE statement, with no BEGIN/COMMIT round trips:
 * the statement is its own transaction. `change` is an INSERT/UPDATE … RETURNING whose conditions
 * carry the act's checks; when it changes nothing, nothing is journaled and the caller finds out
 * why. This is the path of the acts that must be fast (see bench/).
 */
export async function changeWithEntry(
  db: Kysely<Database>,
  partnershipId: string,
  actorId: string | null,
  change: RawBuilder<unknown>,
  event: JournalEvent,
  recordedAt: Date,
): Promise<boolean> {
  const result = await sql<{ changed: number; appended: number }>`with journaled_change as (${change}),
    ${appendCtes(partnershipId, actorId, event, recordedAt, sql`journaled_change`)}
    select (select count(*) from journaled_change)::int as changed, (select count(*) from journal_appended)::int as appended`.execute(db);
  const { changed = 0, appended = 0 } = result.rows[0] ?? {};
  if (changed !== appended) throw new Error(`journal head missing for partnership ${partnershipId}: ${changed} change(s), ${appended} entry`);
  return changed > 0;
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
