import type { Kysely } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { GENESIS_HASH } from './chain.js';

/**
 * A chain's position and hash at one moment, kept outside the database: every document Entente
 * prints or mails carries the one of its partnership. Whoever holds it can later ask whether the
 * entry still lies on the chain (`entente journal verify --anchor seq:hash`): cutting the chain's
 * end and rewriting its head verifies, but loses the entries that anchors name.
 */
export interface JournalAnchor {
  readonly seq: number;
  readonly hash: string;
}

/** The partnership's sealed head now (entries still pending are not on the chain yet). */
export async function journalAnchor(db: Kysely<Database>, partnershipId: string): Promise<JournalAnchor> {
  const head = await db.selectFrom('journal_head').select(['seq', 'hash']).where('partnership_id', '=', partnershipId).executeTakeFirst();
  return head ?? { seq: 0, hash: GENESIS_HASH };
}

/** `seq:hash`, as the command line takes it. */
export function parseAnchor(text: string): JournalAnchor | undefined {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const seq = Number(match[1]);
  return seq >= 1 ? { seq, hash: match[2]! } : undefined;
}

/** The partnership whose chain holds the anchored entry, if any still does. */
export async function chainHolding(db: Kysely<Database>, anchor: JournalAnchor): Promise<string | undefined> {
  const row = await db.selectFrom('journal_entry').select('partnership_id').where('seq', '=', anchor.seq).where('hash', '=', anchor.hash).executeTakeFirst();
  return row?.partnership_id;
}
