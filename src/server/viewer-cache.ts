import type { JournalEvent } from '../journal/journal-store.js';
import type { SessionAndViewer } from '../services/viewer.js';

/** Journal kinds after which a person's rights may differ: their cached viewers are dropped. */
const RIGHTS_CHANGING_KINDS = new Set(['membership.created', 'membership.removed', 'person.updated', 'mandate.started', 'mandate.ended', 'person.erased']);

interface Entry {
  readonly value: SessionAndViewer;
  readonly partnershipId: string | undefined;
  readonly validUntil: number;
}

/**
 * Every request needs its session and the viewer's rights; reading them is the largest part of a
 * small act's cost (bench/README.md). They are kept here for a few seconds. This process drops
 * an entry as soon as it changes it (sign-out, an act changing someone's rights); another server
 * instance on the same database may keep a stale entry for at most `ttlMs`.
 */
export class ViewerCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(tokenDigest: string, partnershipId: string | undefined, nowMs: number): SessionAndViewer | undefined {
    const key = `${tokenDigest}/${partnershipId ?? ''}`;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.validUntil <= nowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(tokenDigest: string, partnershipId: string | undefined, value: SessionAndViewer, nowMs: number): void {
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    const validUntil = Math.min(nowMs + this.ttlMs, value.session.expiresAt.getTime());
    this.#entries.set(`${tokenDigest}/${partnershipId ?? ''}`, { value, partnershipId, validUntil });
  }

  forgetSession(tokenDigest: string): void {
    for (const key of this.#entries.keys()) if (key.startsWith(`${tokenDigest}/`)) this.#entries.delete(key);
  }

  /** After acts: the people whose rights the committed entries may have changed lose their entries. */
  forgetAffected(partnershipId: string, events: readonly JournalEvent[]): void {
    const people = new Set(
      events.filter((e) => RIGHTS_CHANGING_KINDS.has(e.kind)).map((e) => e.payload['personId']).filter((id) => typeof id === 'string'),
    );
    if (people.size === 0) return;
    for (const [key, entry] of this.#entries) {
      if (entry.partnershipId === partnershipId && entry.value.viewer && people.has(entry.value.viewer.personId)) this.#entries.delete(key);
    }
  }
}
