import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { ChainVerifier, type ChainBreak } from './chain.js';

export type VerifyOutcome =
  | { readonly ok: true; readonly count: number; readonly chains: number }
  | { readonly ok: false; readonly count: number; readonly partnershipId: string; readonly broken: ChainBreak };

export interface VerifyOptions {
  /** Check only this partnership's chain. */
  readonly partnershipId?: string | undefined;
}

const BATCH = 5000;

/**
 * Walks every partnership's chain (or one) in sequence order, batch by batch, and stops at the
 * first break. It reads one snapshot (a repeatable-read transaction), so acts committed while it
 * runs are not mistaken for a broken head.
 */
export async function verifyJournal(db: Kysely<Database>, options: VerifyOptions = {}): Promise<VerifyOutcome> {
  if (db.isTransaction) return walk(db, options);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => walk(trx, options));
}

async function walk(db: Kysely<Database>, options: VerifyOptions): Promise<VerifyOutcome> {
  let headsQuery = db.selectFrom('journal_head').selectAll().orderBy('partnership_id');
  if (options.partnershipId !== undefined) headsQuery = headsQuery.where('partnership_id', '=', options.partnershipId);
  const heads = await headsQuery.execute();
  let count = 0;
  for (const head of heads) {
    const verifier = new ChainVerifier();
    let afterSeq = 0;
    for (;;) {
      const rows = await db
        .selectFrom('journal_entry')
        .selectAll()
        .where('partnership_id', '=', head.partnership_id)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(BATCH)
        .execute();
      for (const row of rows) {
        const broken = verifier.check({
          partnershipId: row.partnership_id,
          seq: row.seq,
          recordedAt: row.recorded_at,
          actorId: row.actor_id,
          kind: row.kind,
          payload: row.payload,
          prevHash: row.prev_hash,
          hash: row.hash,
        });
        if (broken) return { ok: false, count: count + verifier.verifiedCount, partnershipId: head.partnership_id, broken };
      }
      if (rows.length < BATCH) break;
      afterSeq = rows[rows.length - 1]!.seq;
    }
    const broken = verifier.checkHead(head);
    if (broken) return { ok: false, count: count + verifier.verifiedCount, partnershipId: head.partnership_id, broken };
    count += verifier.verifiedCount;
  }
  return { ok: true, count, chains: heads.length };
}
