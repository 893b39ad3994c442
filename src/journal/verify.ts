import { sql, type Kysely } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { JOURNAL_BODY_AGREES_SOURCE, JOURNAL_COLUMNS_CHECK, JOURNAL_COLUMNS_CONSTRAINT } from '../common/database/migrations/049-journal-columns-checked.js';
import { GENESIS_HASH, type ChainBreak } from './chain.js';

/** A chain that holds: its partnership, its length and its head. */
export interface ChainSummary {
  readonly partnershipId: string;
  readonly entries: number;
  readonly hash: string;
}

export type VerifyOutcome =
  | { readonly ok: true; readonly chains: readonly ChainSummary[] }
  /** `count`: the entries of that chain verified before the break. */
  | { readonly ok: false; readonly count: number; readonly partnershipId: string; readonly broken: ChainBreak }
  /** What pages read of an entry is no longer held to its hashed text (migration 049). */
  | { readonly ok: false; readonly count: 0; readonly partnershipId: null; readonly broken: { readonly reason: 'columns_unchecked'; readonly seq: 0 } };

export interface VerifyOptions {
  /** Check only this partnership's chain. */
  readonly partnershipId?: string | undefined;
}


/**
 * Checks every partnership's chain (or one), and stops at the first break. It reads one snapshot
 * (a repeatable-read transaction), so acts committed while it runs are not mistaken for a broken
 * head. The database does the work, in one pass over each chain: each entry's hash is recomputed
 * from its stored text and linked to the previous one. What pages read of an entry (its
 * partnership, time, actor, kind and payload) is held to that text by a constraint every row met
 * when it was stored; that the constraint is there, validated, with its function as written, is
 * checked once in the catalogue.
 */
export async function verifyJournal(db: Kysely<Database>, options: VerifyOptions = {}): Promise<VerifyOutcome> {
  if (db.isTransaction) return walk(db, options);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => walk(trx, options));
}

async function walk(db: Kysely<Database>, options: VerifyOptions): Promise<VerifyOutcome> {
  const { rows: held } = await sql<{ held: boolean }>`
    select exists (
      select from pg_constraint c
        join pg_proc f on f.proname = 'journal_body_agrees' and f.pronamespace = c.connamespace
        join pg_language l on l.oid = f.prolang
       where c.conrelid = 'journal_entry'::regclass and c.conname = ${JOURNAL_COLUMNS_CONSTRAINT} and c.contype = 'c' and c.convalidated
         and pg_get_constraintdef(c.oid) = ${`CHECK (${JOURNAL_COLUMNS_CHECK})`} and l.lanname = 'plpgsql' and f.prosrc = ${JOURNAL_BODY_AGREES_SOURCE}
    ) as held`.execute(db);
  if (!held[0]!.held) return { ok: false, count: 0, partnershipId: null, broken: { reason: 'columns_unchecked', seq: 0 } };
  let headsQuery = db.selectFrom('journal_head').selectAll().orderBy('partnership_id');
  if (options.partnershipId !== undefined) headsQuery = headsQuery.where('partnership_id', '=', options.partnershipId);
  const heads = await headsQuery.execute();
  const chains: ChainSummary[] = [];
  for (const head of heads) {
    const { rows: breaks } = await sql<{ seq: number; position: number; reason: ChainBreak['reason'] }>`
      select seq, position::integer as position, reason from (
        select seq, row_number() over chain as position,
          case
            when seq <> row_number() over chain then 'sequence_gap'
            when prev_hash <> coalesce(lag(hash) over chain, ${GENESIS_HASH}) then 'prev_hash_mismatch'
            when hash <> encode(sha256(convert_to(prev_hash || E'\n' || seq || E'\n' || body, 'UTF8')), 'hex') then 'hash_mismatch'
          end as reason
        from journal_entry where partnership_id = ${head.partnership_id}
        window chain as (order by seq)
      ) entries
      where reason is not null order by seq limit 1`.execute(db);
    const first = breaks[0];
    if (first) {
      const broken: ChainBreak = first.reason === 'sequence_gap' ? { reason: 'sequence_gap', expectedSeq: first.position, seq: first.seq } : { reason: first.reason, seq: first.seq };
      return { ok: false, count: first.position - 1, partnershipId: head.partnership_id, broken };
    }
    const last = await db.selectFrom('journal_entry').select(['seq', 'hash']).where('partnership_id', '=', head.partnership_id).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    // Every entry sits at its place, so the last one's number is the chain's length; the head must name it.
    const length = last?.seq ?? 0;
    if (head.seq !== length || head.hash !== (last?.hash ?? GENESIS_HASH)) {
      return { ok: false, count: length, partnershipId: head.partnership_id, broken: { reason: 'head_mismatch', seq: head.seq } };
    }
    chains.push({ partnershipId: head.partnership_id, entries: length, hash: head.hash });
  }
  return { ok: true, chains };
}
