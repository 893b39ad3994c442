import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

/** The package is CommonJS typed as an ES default export; at run time the default is the function. */
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** The hash an empty chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * What an entry says, apart from its place in the chain. The payload holds reference ids and
 * values, never names or contact details, so a person can be erased without breaking the chain.
 */
export interface JournalEntryBody {
  readonly partnershipId: string;
  readonly recordedAt: Date;
  readonly actorId: string | null;
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** RFC 8785 canonical JSON of the entry body: the same bytes whatever the key order or driver. */
export function canonicalBody(body: JournalEntryBody): string {
  const text = canonicalize({
    partnershipId: body.partnershipId,
    recordedAt: body.recordedAt.toISOString(),
    actorId: body.actorId,
    kind: body.kind,
    payload: body.payload,
  });
  if (text === undefined) throw new TypeError('journal entry body cannot be encoded');
  return text;
}

/**
 * hash = SHA-256(prevHash "\n" seq "\n" canonicalBody), hex: the sealer (journal-store.ts)
 * chains with it and stores the canonical body beside it; verification (verify.ts) recomputes it
 * in SQL from that stored text.
 */
export function chainHash(prevHash: string, seq: number, canonical: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${canonical}`, 'utf8').digest('hex');
}

export type ChainBreak =
  | { readonly reason: 'sequence_gap'; readonly expectedSeq: number; readonly seq: number }
  | { readonly reason: 'prev_hash_mismatch'; readonly seq: number }
  | { readonly reason: 'hash_mismatch'; readonly seq: number }
  | { readonly reason: 'head_mismatch'; readonly seq: number };

/**
 * The SHA-256 (hex) of free text an entry must not hold (a proposal's words, a stance's reason,
 * minutes): the entry keeps this fingerprint, so the text in its row can be proven against it,
 * and erasing the text leaves the chain whole. PostgreSQL computes the same value as
 * encode(sha256(convert_to(text, 'UTF8')), 'hex').
 */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
