import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ChainVerifier,
  GENESIS_HASH,
  canonicalBody,
  chainHash,
  type ChainedEntry,
  type JournalEntryBody,
} from '../../src/journal/chain.js';

const PARTNERSHIP = '6f1c2b1e-2c57-4a51-9d2e-0f0a6d7b5a10';
const AT = new Date('2026-03-10T09:00:00.000Z');

const body = (payload: Record<string, unknown>, overrides: Partial<JournalEntryBody> = {}): JournalEntryBody => ({
  partnershipId: PARTNERSHIP,
  recordedAt: AT,
  actorId: 'a1a1a1a1-0000-4000-8000-000000000001',
  kind: 'organization.created',
  payload,
  ...overrides,
});

/** Builds a valid chain the way the database does. */
function chain(bodies: readonly JournalEntryBody[]): ChainedEntry[] {
  let prevHash = GENESIS_HASH;
  return bodies.map((entry, index) => {
    const seq = index + 1;
    const hash = chainHash(prevHash, seq, canonicalBody(entry));
    const chained = { ...entry, seq, prevHash, hash };
    prevHash = hash;
    return chained;
  });
}

const sampleChain = () =>
  chain([
    body({ partnershipId: PARTNERSHIP }, { kind: 'partnership.created', actorId: null }),
    body({ personId: 'p-1', isPartnershipAdmin: true }, { kind: 'person.created', actorId: null }),
    body({ organizationId: 'o-1', kind: 'association' }),
    body({ bodyId: 'b-1', rule: { minSize: 3, maxSize: null } }, { kind: 'body.created' }),
  ]);

/** Feeds every entry, then the head; answers the first break. */
function verify(entries: readonly ChainedEntry[], head?: { seq: number; hash: string }) {
  const verifier = new ChainVerifier();
  for (const entry of entries) {
    const broken = verifier.check(entry);
    if (broken) return { broken, verified: verifier.verifiedCount };
  }
  const last = entries[entries.length - 1];
  const broken = verifier.checkHead(head ?? { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH });
  return { broken, verified: verifier.verifiedCount };
}

/** The same JSON value with every object's keys in a different order. */
function reorderKeys(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => reorderKeys(item, order));
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    // fromEntries defines own properties, so a key named "__proto__" stays a key instead of setting the prototype.
    return Object.fromEntries(order(Object.keys(source)).map((key) => [key, reorderKeys(source[key], order)]));
  }
  return value;
}

describe('canonicalBody', () => {
  it('is RFC 8785 JSON: sorted keys, no spaces, the instant in ISO form', () => {
    expect(canonicalBody(body({ b: 1, a: [true, null, 'x'] }))).toBe(
      `{"actorId":"a1a1a1a1-0000-4000-8000-000000000001","kind":"organization.created","partnershipId":"${PARTNERSHIP}",` +
        `"payload":{"a":[true,null,"x"],"b":1},"recordedAt":"2026-03-10T09:00:00.000Z"}`,
    );
  });

  it('does not depend on the key order of the payload, at any depth', () => {
    const one = body({ organizationId: 'o', rule: { minSize: 1, maxSize: 2 }, fields: ['name', 'kind'] });
    const two = body({ fields: ['name', 'kind'], rule: { maxSize: 2, minSize: 1 }, organizationId: 'o' });
    expect(canonicalBody(one)).toBe(canonicalBody(two));
  });

  it('keeps the order of arrays, which is meaningful', () => {
    expect(canonicalBody(body({ fields: ['a', 'b'] }))).not.toBe(canonicalBody(body({ fields: ['b', 'a'] })));
  });

  it('distinguishes every part of the body', () => {
    const base = canonicalBody(body({ x: 1 }));
    expect(canonicalBody(body({ x: 2 }))).not.toBe(base);
    expect(canonicalBody(body({ x: 1 }, { kind: 'organization.updated' }))).not.toBe(base);
    expect(canonicalBody(body({ x: 1 }, { actorId: null }))).not.toBe(base);
    expect(canonicalBody(body({ x: 1 }, { recordedAt: new Date(AT.getTime() + 1) }))).not.toBe(base);
    expect(canonicalBody(body({ x: 1 }, { partnershipId: 'other' }))).not.toBe(base);
  });

  it('property: invariant under any permutation of the payload’s keys', () => {
    const payload = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 });
    fc.assert(
      fc.property(payload, fc.integer(), (value, seed) => {
        // A deterministic shuffle driven by the seed, applied to every nested object.
        const shuffle = (keys: string[]) =>
          keys
            .map((key, index) => ({ key, rank: Math.imul(seed ^ (index + 1), 2654435761) >>> 0 }))
            .sort((a, b) => a.rank - b.rank)
            .map(({ key }) => key);
        const permuted = reorderKeys(value, shuffle) as Record<string, unknown>;
        const reversed = reorderKeys(value, (keys) => [...keys].reverse()) as Record<string, unknown>;
        const canonical = canonicalBody(body(value));
        expect(canonicalBody(body(permuted))).toBe(canonical);
        expect(canonicalBody(body(reversed))).toBe(canonical);
      }),
      // A key named "__proto__" (JSON.parse makes it an own key) once broke the test's own reordering.
      { numRuns: 200, examples: [[{ '': JSON.parse('{"__proto__": []}') as fc.JsonValue }, 0]] },
    );
  });

  it('property: the canonical text parses back to the same payload', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), (value) => {
        const parsed = JSON.parse(canonicalBody(body(value))) as { payload: unknown };
        // JSON has no -0: compare through JSON, as the database stores it.
        expect(parsed.payload).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('chainHash', () => {
  it('is SHA-256 over prevHash, seq and the canonical body, separated by newlines, in hex', () => {
    const canonical = canonicalBody(body({ organizationId: 'o' }));
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n1\n${canonical}`, 'utf8').digest('hex');
    expect(chainHash(GENESIS_HASH, 1, canonical)).toBe(expected);
    expect(chainHash(GENESIS_HASH, 1, canonical)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('depends on the previous hash and on the sequence number', () => {
    const canonical = canonicalBody(body({}));
    const base = chainHash(GENESIS_HASH, 1, canonical);
    expect(chainHash('1'.repeat(64), 1, canonical)).not.toBe(base);
    expect(chainHash(GENESIS_HASH, 2, canonical)).not.toBe(base);
  });

  it('hashes non-ASCII text as UTF-8', () => {
    const canonical = canonicalBody(body({ note: 'délégué·e' }));
    const expected = createHash('sha256').update(Buffer.from(`${GENESIS_HASH}\n1\n${canonical}`, 'utf8')).digest('hex');
    expect(chainHash(GENESIS_HASH, 1, canonical)).toBe(expected);
  });

  it('starts from a genesis hash of 64 zeros', () => expect(GENESIS_HASH).toBe('0'.repeat(64)));
});

describe('ChainVerifier', () => {
  it('accepts an intact chain and counts its entries', () => {
    expect(verify(sampleChain())).toEqual({ broken: undefined, verified: 4 });
  });

  it('accepts an empty chain whose head is still at genesis', () => {
    expect(verify([], { seq: 0, hash: GENESIS_HASH })).toEqual({ broken: undefined, verified: 0 });
  });

  it('accepts an intact chain fed in several batches (state carries over)', () => {
    const entries = sampleChain();
    const verifier = new ChainVerifier();
    for (const batch of [entries.slice(0, 1), entries.slice(1, 3), entries.slice(3)]) {
      for (const entry of batch) expect(verifier.check(entry)).toBeUndefined();
    }
    expect(verifier.checkHead({ seq: 4, hash: entries[3]!.hash })).toBeUndefined();
  });

  it('detects a missing entry in the middle as a sequence gap', () => {
    const entries = sampleChain();
    expect(verify([entries[0]!, entries[2]!, entries[3]!])).toEqual({
      broken: { reason: 'sequence_gap', expectedSeq: 2, seq: 3 },
      verified: 1,
    });
  });

  it('detects a chain that does not start at 1', () => {
    expect(verify(sampleChain().slice(1)).broken).toEqual({ reason: 'sequence_gap', expectedSeq: 1, seq: 2 });
  });

  it('detects an entry whose previous hash is not the hash before it', () => {
    const entries = sampleChain();
    entries[2] = { ...entries[2]!, prevHash: 'f'.repeat(64) };
    expect(verify(entries)).toEqual({ broken: { reason: 'prev_hash_mismatch', seq: 3 }, verified: 2 });
  });

  it('detects a changed payload as a hash mismatch', () => {
    const entries = sampleChain();
    entries[2] = { ...entries[2]!, payload: { organizationId: 'o-1', kind: 'cooperative' } };
    expect(verify(entries)).toEqual({ broken: { reason: 'hash_mismatch', seq: 3 }, verified: 2 });
  });

  it('detects a changed time, actor or kind as a hash mismatch', () => {
    for (const change of [{ recordedAt: new Date('2020-01-01T00:00:00Z') }, { actorId: 'b2b2b2b2-0000-4000-8000-000000000002' }, { kind: 'something.else' }]) {
      const entries = sampleChain();
      entries[1] = { ...entries[1]!, ...change };
      expect(verify(entries).broken).toEqual({ reason: 'hash_mismatch', seq: 2 });
    }
  });

  it('detects a rewritten entry even when its own hash was recomputed: the next entry no longer links to it', () => {
    const entries = sampleChain();
    const forged = { ...entries[1]!, payload: { personId: 'p-1', isPartnershipAdmin: false } };
    entries[1] = { ...forged, hash: chainHash(forged.prevHash, forged.seq, canonicalBody(forged)) };
    expect(verify(entries)).toEqual({ broken: { reason: 'prev_hash_mismatch', seq: 3 }, verified: 2 });
  });

  it('detects a missing tail through the head', () => {
    const entries = sampleChain();
    const head = { seq: 4, hash: entries[3]!.hash };
    expect(verify(entries.slice(0, 3), head)).toEqual({ broken: { reason: 'head_mismatch', seq: 4 }, verified: 3 });
  });

  it('detects a head whose hash differs from the last entry’s', () => {
    const entries = sampleChain();
    expect(verify(entries, { seq: 4, hash: 'a'.repeat(64) }).broken).toEqual({ reason: 'head_mismatch', seq: 4 });
  });

  it('stops at the first break and does not advance past it', () => {
    const entries = sampleChain();
    const verifier = new ChainVerifier();
    expect(verifier.check(entries[0]!)).toBeUndefined();
    expect(verifier.check(entries[2]!)).toEqual({ reason: 'sequence_gap', expectedSeq: 2, seq: 3 });
    expect(verifier.verifiedCount).toBe(1);
    expect(verifier.check(entries[1]!)).toBeUndefined();
  });

  it('property: any single changed payload value in a chain is found at that entry', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 6 }),
        (payloads, pick, marker) => {
          const entries = chain(payloads.map((payload) => body(payload)));
          const index = pick % entries.length;
          const original = entries[index]!;
          const tampered = { ...original.payload, __tampered: marker };
          entries[index] = { ...original, payload: tampered };
          expect(verify(entries).broken).toEqual({ reason: 'hash_mismatch', seq: index + 1 });
        },
      ),
    );
  });
});
