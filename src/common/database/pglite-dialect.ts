import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/** Each request's place in line, taken when it starts (`inArrivalOrder`). */
const arrival = new AsyncLocalStorage<number>();
let lastTicket = 0;

/**
 * Runs `work` (a request, from its start to its answer) as one arrival: its queries all carry the
 * ticket it takes now, so they pass before those of every request that started after it.
 */
export function inArrivalOrder<T>(work: () => T): T {
  lastTicket += 1;
  return arrival.run(lastTicket, work);
}

/**
 * Kysely dialect over PGlite's own query API. PGlite is one in-process connection, so the driver
 * hands it to one caller at a time: a transaction owns it from BEGIN to COMMIT, and other
 * requests wait their turn instead of interleaving statements inside it.
 *
 * The turn goes to the waiter that arrived first (`inArrivalOrder`; work outside any request
 * arrives when it asks), so a request already started finishes its queries before a later
 * request's first query runs. And when others wait, the connection passes at the next turn of the
 * event loop: PGlite runs each statement on the Node thread, so handing it over in one chain of
 * promises would run every waiting request to its end before Node reads a socket or accepts a
 * connection again (bench/README.md, 2026-12-05).
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(query.sql, [...query.parameters]);
    return {
      rows: result.rows,
      ...(result.affectedRows === undefined ? {} : { numAffectedRows: BigInt(result.affectedRows) }),
    };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not stream query results');
  }
}

interface Waiter {
  readonly ticket: number;
  readonly take: () => void;
}

class PGliteDriver implements Driver {
  readonly #connection: PGliteConnection;
  #taken = false;
  /** By ticket, first come first served among equal tickets. */
  readonly #waiters: Waiter[] = [];

  constructor(private readonly pglite: PGlite) {
    this.#connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#taken) {
      const ticket = arrival.getStore() ?? (lastTicket += 1);
      await new Promise<void>((take) => {
        const after = this.#waiters.findIndex((waiter) => waiter.ticket > ticket);
        this.#waiters.splice(after === -1 ? this.#waiters.length : after, 0, { ticket, take });
      });
    }
    this.#taken = true;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    if (this.#waiters.length === 0) {
      this.#taken = false;
      return;
    }
    // Still taken, for the first waiter as the loop comes round: whoever asks meanwhile (this
    // request's next query, most often) joins the line and is placed by its ticket.
    setImmediate(() => this.#waiters.shift()!.take());
  }

  async destroy(): Promise<void> {
    await this.pglite.close();
  }
}
