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
  /** From then on, a request still gets the entry and starts its reading again, in the background. */
  readonly refreshFrom: number;
  readonly validUntil: number;
}

/** Reads a session and its viewer's rights from the database; undefined when the session is not valid. */
export type ReadSessionAndViewer = () => Promise<SessionAndViewer | undefined>;

/** Where the cache says that a background reading failed: the app's logger (pino). */
export interface ViewerCacheLog {
  warn(details: object, message: string): void;
}

/**
 * Every request needs its session and the viewer's rights; reading them is the largest part of a
 * small act's cost (bench/README.md). They are kept here for a few seconds, and dropped as soon
 * as a revocation (sign-out, an act changing someone's rights) reaches this instance, from itself
 * or, through the live channel, from another; a notice lost on the way leaves an entry stale for
 * at most `ttlMs` after it was read.
 *
 * A request never waits for the reading of a session it finds here: from a random moment in the
 * second half of the entry's life (so that people who signed in together are not read again in
 * the same instant), the next request starts reading it again in the background and is answered
 * with the entry meanwhile. Under load, each reading would otherwise wait in the database's pool
 * behind the acts, and make its request one of the slowest (bench/README.md). Requests that find
 * nothing share one reading per session. A background reading that fails is logged as a warning,
 * and the entry keeps answering until it expires; the first request a second later reads again.
 */
/** How long after a background reading failed the next one may start. */
const RETRY_AFTER_FAILURE_MS = 1_000;

export class ViewerCache {
  readonly #entries = new Map<string, Entry>();
  readonly #readings = new Map<string, Reading>();

  constructor(
    private readonly log: ViewerCacheLog,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
    /** A number in [0, 1), as Math.random gives: where in the second half of its life an entry is read again. */
    private readonly draw: () => number = Math.random,
  ) {}

  /**
   * The session and viewer of a request: the entry kept, while valid (read again in the
   * background once due), else read now, once for every request that asks meanwhile.
   */
  async lookup(tokenDigest: string, partnershipId: string | undefined, nowMs: number, read: ReadSessionAndViewer): Promise<SessionAndViewer | undefined> {
    const key = `${tokenDigest}/${partnershipId ?? ''}`;
    const entry = this.#entries.get(key);
    if (entry && entry.validUntil > nowMs) {
      if (entry.refreshFrom <= nowMs && !this.#readings.has(key)) {
        // No request waits for this reading: its failure would otherwise go unnoticed. The digest,
        // enough to find the session, is not logged.
        void this.#read(key, partnershipId, nowMs, read).catch((error: unknown) => {
          this.log.warn({ err: error, partnershipId }, 'viewer cache: reading a session again in the background failed; its entry answers until it expires');
          // While the database is away, each request would try again and warn: once a second at most.
          if (this.#entries.get(key) === entry) this.#entries.set(key, { ...entry, refreshFrom: nowMs + RETRY_AFTER_FAILURE_MS });
        });
      }
      return entry.value;
    }
    if (entry) this.#entries.delete(key);
    return this.#readings.get(key)?.value ?? this.#read(key, partnershipId, nowMs, read);
  }

  #read(key: string, partnershipId: string | undefined, nowMs: number, read: ReadSessionAndViewer): Promise<SessionAndViewer | undefined> {
    const overtakenBy: Revocation[] = [];
    const value = read().then((found) => {
      // What was read may predate a revocation that reached this instance meanwhile: not kept then.
      if (found && !overtakenBy.some((revocation) => concerns(revocation, key, partnershipId, found))) this.#keep(key, partnershipId, found, nowMs);
      if (!found) this.#entries.delete(key);
      return found;
    });
    const reading = { value, overtakenBy };
    this.#readings.set(key, reading);
    const forget = () => {
      if (this.#readings.get(key) === reading) this.#readings.delete(key);
    };
    value.then(forget, forget);
    return value;
  }

  #keep(key: string, partnershipId: string | undefined, value: SessionAndViewer, readAtMs: number): void {
    if (!this.#entries.has(key) && this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    const validUntil = Math.min(readAtMs + this.ttlMs, value.session.expiresAt.getTime());
    const refreshFrom = readAtMs + (this.ttlMs * (1 + this.draw())) / 2;
    this.#entries.delete(key);
    this.#entries.set(key, { value, partnershipId, refreshFrom, validUntil });
  }

  /** A session that ended, or whose details (the language) changed. */
  forgetSession(tokenDigest: string): void {
    this.revoke({ kind: 'sessions-ended', sessionDigests: [tokenDigest] });
  }

  revoke(revocation: Revocation): void {
    for (const reading of this.#readings.values()) reading.overtakenBy.push(revocation);
    for (const [key, entry] of this.#entries) if (concerns(revocation, key, entry.partnershipId, entry.value)) this.#entries.delete(key);
  }
}

interface Reading {
  readonly value: Promise<SessionAndViewer | undefined>;
  /** The revocations that reached this instance while the reading ran. */
  readonly overtakenBy: Revocation[];
}

function concerns(revocation: Revocation, key: string, partnershipId: string | undefined, value: SessionAndViewer): boolean {
  if (revocation.kind === 'sessions-ended') return revocation.sessionDigests.some((tokenDigest) => key.startsWith(`${tokenDigest}/`));
  return partnershipId === revocation.partnershipId && value.viewer !== undefined && revocation.personIds.includes(value.viewer.personId);
}
