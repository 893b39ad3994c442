import { sql, type Kysely } from 'kysely';
import type { Database } from '../common/database/schema.js';
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
  /** What pages read of an entry is no longer generated from its hashed text (migration 017). */
  | { readonly ok: false; readonly count: 0; readonly partnershipId: null; readonly broken: { readonly reason: 'columns_not_generated'; readonly seq: 0 } };

export interface VerifyOptions {
  /** Check only this partnership's chain. */
  readonly partnershipId?: string | undefined;
}

/** The columns of journal_entry that the database derives from `body`, the text each hash covers. */
const DERIVED_COLUMNS = ['actor_id', 'kind', 'payload', 'body_partnership_id', 'body_recorded_at'];

/**
 * Checks every partnership's chain (or one), and stops at the first break. It reads one snapshot
 * (a repeatable-read transaction), so acts committed while it runs are not mistaken for a broken
 * head. The database does the work, in one pass over each chain: each entry's hash is recomputed
 * from its stored text, linked to the previous one, and the partnership and time the text names
 * must be the row's; what else pages read of it is generated from that text, which is checked
 * once in the catalogue.
 */
export async function verifyJournal(db: Kysely<Database>, options: VerifyOptions = {}): Promise<VerifyOutcome> {
  if (db.isTransaction) return walk(db, options);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => walk(trx, options));
}

async function walk(db: Kysely<Database>, options: VerifyOptions): Promise<VerifyOutcome> {
  const generated = await sql<{ name: string }>`
    select attname as name from pg_attribute
     where attrelid = 'journal_entry'::regclass and attgenerated = 's' and attname = any(${DERIVED_COLUMNS})`.execute(db);
  if (generated.rows.length !== DERIVED_COLUMNS.length) return { ok: false, count: 0, partnershipId: null, broken: { reason: 'columns_not_generated', seq: 0 } };
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
            when hash <> encode(sha256(convert_to(prev_hash || E'\n' || seq || E'\n' || body, 'UTF8')), 'hex')
              or body_partnership_id is distinct from partnership_id
              or body_recorded_at::timestamptz is distinct from recorded_at
              then 'hash_mismatch'
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
