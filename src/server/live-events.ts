import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import type { JournalEvent } from '../journal/journal-store.js';
import type { Store } from '../common/database/database.js';

/** What a page listening to a proposal, an election, a meeting or a questionnaire's results is told: that it changed, and by which act. */
export interface LiveChange {
  readonly partnershipId: string;
  /** The proposal, election or meeting the act was about. */
  readonly subjectId: string;
  readonly kind: string;
}

/** The proposals, elections, meetings and questionnaires an act concerns, as its journal entry names them. */
const subjectsOf = (event: JournalEvent): string[] =>
  [event.payload['proposalId'], event.payload['electionId'], event.payload['meetingId'], event.payload['questionnaireId']].filter((id): id is string => typeof id === 'string');

type Listener = (change: LiveChange) => void;

/** What makes a cached viewer or an open stream obsolete, on every instance. */
export type Revocation =
  | { readonly kind: 'sessions-ended'; readonly sessionDigests: readonly string[] }
  | { readonly kind: 'rights-changed'; readonly partnershipId: string; readonly personIds: readonly string[] };
type RevocationListener = (revocation: Revocation) => void;

/** What travels on the channel: a subject's change, or a revocation and the instance it comes from. */
type Notice = { readonly change: LiveChange } | { readonly revocation: Revocation; readonly origin: string };

/** A notice's payload must stay under PostgreSQL's 8,000 bytes: long lists go in several. */
const IDS_PER_NOTICE = 50;
const inChunks = (ids: readonly string[]) => Array.from({ length: Math.ceil(ids.length / IDS_PER_NOTICE) }, (_, index) => ids.slice(index * IDS_PER_NOTICE, (index + 1) * IDS_PER_NOTICE));

const CHANNEL = 'entente_live';
const RECONNECT_MS = 1_000;
const NOTIFY_DELAY_MS = 50;

/**
 * Tells the pages open on a proposal, an election or a meeting that it changed, and every
 * instance that sessions ended or someone's rights changed (their cached rights and open streams
 * go). On PostgreSQL every instance LISTENs on one channel and acts NOTIFY it after commit, so a
 * stance posted to one server reaches the pages served by another; the embedded database has one
 * process, which tells its own pages directly.
 */
export class LiveEvents {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly revocationListeners = new Set<RevocationListener>();
  /** This instance, so that it does not act twice on its own revocations. */
  private readonly origin = randomUUID();
  private client: pg.Client | undefined;
  private closed = false;
  private readonly queued = new Map<string, LiveChange>();
  /** Per partnership, the people whose rights changed since the last notices left. */
  private readonly queuedRights = new Map<string, Set<string>>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly log: FastifyBaseLogger,
  ) {}

  async start(): Promise<void> {
    if (this.store.databaseUrl === undefined) return;
    await this.connect(this.store.databaseUrl);
  }

  private async connect(databaseUrl: string): Promise<void> {
    // keepAlive: a connection a network device drops silently is noticed, then replaced.
    const client = new pg.Client({ connectionString: databaseUrl, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      const notice = JSON.parse(message.payload) as Notice;
      if ('change' in notice) this.dispatch(notice.change);
      else if (notice.origin !== this.origin) this.dispatchRevocation(notice.revocation);
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'live events: connection lost, reconnecting');
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      this.reconnectLater(databaseUrl);
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    this.client = client;
  }

  /** Tries again every RECONNECT_MS for as long as the database is away, unless closed meanwhile. */
  private reconnectLater(databaseUrl: string): void {
    setTimeout(() => {
      if (this.closed || this.client !== undefined) return;
      this.connect(databaseUrl).catch((error: unknown) => {
        this.log.warn({ err: error }, 'live events: reconnect failed, retrying');
        this.reconnectLater(databaseUrl);
      });
    }, RECONNECT_MS).unref();
  }

  subscribe(subjectId: string, listener: Listener): () => void {
    const set = this.listeners.get(subjectId) ?? new Set();
    set.add(listener);
    this.listeners.set(subjectId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(subjectId);
    };
  }

  onRevocation(listener: RevocationListener): () => void {
    this.revocationListeners.add(listener);
    return () => this.revocationListeners.delete(listener);
  }

  /**
   * Someone's rights changed: this instance forgets what it cached of them before this returns,
   * the others with the next batch of notices, NOTIFY_DELAY_MS later at most (a busy partnership
   * changes rights many times a second, as a page changes).
   */
  rightsChanged(partnershipId: string, personIds: readonly string[]): void {
    this.dispatchRevocation({ kind: 'rights-changed', partnershipId, personIds });
    if (this.store.databaseUrl === undefined) return;
    const queued = this.queuedRights.get(partnershipId) ?? new Set<string>();
    for (const personId of personIds) queued.add(personId);
    this.queuedRights.set(partnershipId, queued);
    this.flushSoon();
  }

  /**
   * Sessions ended: this instance refuses them before this returns, the others once the notice
   * reaches them, which the returned promise waits for the database to accept (a sign-out answers
   * once every instance will refuse the session).
   */
  async sessionsEnded(sessionDigests: readonly string[]): Promise<void> {
    this.dispatchRevocation({ kind: 'sessions-ended', sessionDigests });
    if (this.store.databaseUrl === undefined) return;
    const payloads = inChunks(sessionDigests).map((chunk) => this.revocationNotice({ kind: 'sessions-ended', sessionDigests: chunk }));
    await sql`select pg_notify(${CHANNEL}, payload) from unnest(${payloads}::text[]) as payload`.execute(this.store.db);
  }

  private revocationNotice(revocation: Revocation): string {
    return JSON.stringify({ origin: this.origin, revocation } satisfies Notice);
  }

  private dispatchRevocation(revocation: Revocation): void {
    for (const listener of this.revocationListeners) listener(revocation);
  }

  /** Called after an act commits, with its journal entries. */
  publish(partnershipId: string, events: readonly JournalEvent[]): void {
    const subjectIds = new Set(events.flatMap(subjectsOf));
    for (const subjectId of subjectIds) {
      const change: LiveChange = { partnershipId, subjectId, kind: events.find((event) => subjectsOf(event).includes(subjectId))!.kind };
      if (this.store.databaseUrl === undefined) this.dispatch(change);
      else this.queued.set(subjectId, change);
    }
    if (this.queued.size > 0) this.flushSoon();
  }

  /**
   * A round table under load changes many times a second, and a page only needs to know that it
   * changed: notices wait NOTIFY_DELAY_MS and leave together, one per subject and one per
   * partnership whose people's rights changed, in one statement.
   */
  private flushSoon(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const payloads = [
        ...[...this.queued.values()].map((change) => JSON.stringify({ change } satisfies Notice)),
        ...[...this.queuedRights].flatMap(([partnershipId, personIds]) =>
          inChunks([...personIds]).map((chunk) => this.revocationNotice({ kind: 'rights-changed', partnershipId, personIds: chunk })),
        ),
      ];
      this.queued.clear();
      this.queuedRights.clear();
      sql`select pg_notify(${CHANNEL}, payload) from unnest(${payloads}::text[]) as payload`
        .execute(this.store.db)
        .catch((error: unknown) => this.log.warn({ err: error }, 'live events: notify failed'));
    }, NOTIFY_DELAY_MS);
    this.flushTimer.unref();
  }

  private dispatch(change: LiveChange): void {
    for (const listener of this.listeners.get(change.subjectId) ?? []) listener(change);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.flushTimer);
    this.queued.clear();
    this.queuedRights.clear();
    this.listeners.clear();
    this.revocationListeners.clear();
    await this.client?.end();
  }
}
