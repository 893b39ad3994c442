import type { JournalEvent } from '../journal/journal-store.js';
import type { SessionAndViewer } from '../accounts/viewer.js';
import type { Revocation } from './live-events.js';

/**
 * Journal kinds after which a person's rights may differ: administration, memberships, seats, and
 * the roles they hold (a role may seat its holder in the parent body).
 */
const RIGHTS_CHANGING_KINDS = new Set([
  'membership.created',
  'membership.removed',
  'person.updated',
  'person.erased',
  'mandate.started',
  'mandate.ended',
  'role.assigned',
  'role.unassigned',
]);

/** The people whose rights the committed entries of an act may have changed. */
export function peopleWhoseRightsChanged(events: readonly JournalEvent[]): string[] {
  const people = events
    .filter((event) => RIGHTS_CHANGING_KINDS.has(event.kind))
    .map((event) => event.payload['personId'])
    .filter((id): id is string => typeof id === 'string');
  return [...new Set(people)];
}

interface Entry {
  readonly value: SessionAndViewer;
  readonly partnershipId: string | undefined;
  readonly validUntil: number;
}

/**
 * Every request needs its session and the viewer's rights; reading them is the largest part of a
 * small act's cost (bench/README.md). They are kept here for a few seconds, and dropped as soon
 * as a revocation (sign-out, an act changing someone's rights) reaches this instance, from itself
 * or, through the live channel, from another; a notice lost on the way leaves an entry stale for
 * at most `ttlMs`. Each entry lives a random time between half of `ttlMs` and all of it: people
 * who signed in together (a meeting, a load test) would otherwise have their rights read again in
 * the same instant, every `ttlMs`, and queue for the pool all at once (bench/README.md).
 */
export class ViewerCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
    /** A number in [0, 1), as Math.random gives: how much of the second half of `ttlMs` an entry loses. */
    private readonly draw: () => number = Math.random,
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
    const lifetime = this.ttlMs * (1 - this.draw() / 2);
    const validUntil = Math.min(nowMs + lifetime, value.session.expiresAt.getTime());
    this.#entries.set(`${tokenDigest}/${partnershipId ?? ''}`, { value, partnershipId, validUntil });
  }

  forgetSession(tokenDigest: string): void {
    for (const key of this.#entries.keys()) if (key.startsWith(`${tokenDigest}/`)) this.#entries.delete(key);
  }

  revoke(revocation: Revocation): void {
    if (revocation.kind === 'sessions-ended') {
      for (const tokenDigest of revocation.sessionDigests) this.forgetSession(tokenDigest);
      return;
    }
    const people = new Set(revocation.personIds);
    for (const [key, entry] of this.#entries) {
      if (entry.partnershipId === revocation.partnershipId && entry.value.viewer && people.has(entry.value.viewer.personId)) this.#entries.delete(key);
    }
  }
}
