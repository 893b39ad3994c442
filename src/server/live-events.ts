import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import type { JournalEvent } from '../journal/journal-store.js';
import type { Store } from '../store/database.js';

/** What a page listening to a proposal, an election or a meeting is told: that it changed, and by which act. */
export interface LiveChange {
  readonly partnershipId: string;
  /** The proposal, election or meeting the act was about. */
  readonly subjectId: string;
  readonly kind: string;
}

/** The proposals, elections and meetings an act concerns, as its journal entry names them. */
const subjectsOf = (event: JournalEvent): string[] =>
  [event.payload['proposalId'], event.payload['electionId'], event.payload['meetingId']].filter((id): id is string => typeof id === 'string');

type Listener = (change: LiveChange) => void;

const CHANNEL = 'entente_live';
const RECONNECT_MS = 1_000;
const NOTIFY_DELAY_MS = 50;

/**
 * Tells the pages open on a proposal, an election or a meeting that it changed. On PostgreSQL every instance LISTENs on one
 * channel and acts NOTIFY it after commit, so a stance posted to one server reaches the pages
 * served by another; the embedded database has one process, which tells its own pages directly.
 */
export class LiveEvents {
  private readonly listeners = new Map<string, Set<Listener>>();
  private client: pg.Client | undefined;
  private closed = false;
  private readonly queued = new Map<string, LiveChange>();
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
      if (message.channel === CHANNEL && message.payload) this.dispatch(JSON.parse(message.payload) as LiveChange);
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
   * changed: notices wait NOTIFY_DELAY_MS and leave together, one per subject, in one statement.
   */
  private flushSoon(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const payloads = [...this.queued.values()].map((change) => JSON.stringify(change));
      this.queued.clear();
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
    this.listeners.clear();
    await this.client?.end();
  }
}
