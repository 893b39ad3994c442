import type { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { inArrivalOrder, PGliteDialect } from '../../src/common/database/pglite-dialect.js';

/** One turn of the event loop: what a statement that takes a while lets happen meanwhile. */
const aTurnLater = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A stand-in for PGlite that records each statement it runs and, at the statements a test names,
 * does what the test says (start another request, take a turn of the event loop) before answering.
 */
function recordingDatabase(atStatement: Record<string, () => unknown> = {}) {
  const ran: string[] = [];
  const pglite = {
    waitReady: Promise.resolve(),
    query: async (text: string) => {
      ran.push(text);
      await atStatement[text]?.();
      return { rows: [] };
    },
    close: async () => undefined,
  };
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite as unknown as PGlite) });
  return { db, ran };
}

/** A request that runs its statements one after the other, as a page reads its data. */
function request(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  return inArrivalOrder(async () => {
    for (const statement of statements) await sql.raw(statement).execute(db);
  });
}

describe('the embedded database serves requests in the order they arrived', () => {
  it('lets a request already started finish its queries before a later request runs its first', async () => {
    const later: Promise<void>[] = [];
    const { db, ran } = recordingDatabase({
      a1: () => {
        later.push(request(db, ['b1', 'b2']), request(db, ['c1']));
        return aTurnLater();
      },
    });
    await request(db, ['a1', 'a2', 'a3']);
    await Promise.all(later);
    expect(ran).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'c1']);
  });

  it('keeps a transaction exclusive: a request that arrived before it waits for its commit', async () => {
    let begin!: () => void;
    const begun = new Promise<void>((resolve) => (begin = resolve));
    const { db, ran } = recordingDatabase({
      begin: () => {
        begin();
        return aTurnLater();
      },
    });
    const earlier = inArrivalOrder(async () => {
      await begun;
      await sql.raw('earlier').execute(db);
    });
    await inArrivalOrder(() =>
      db.transaction().execute(async (trx) => {
        await sql.raw('t1').execute(trx);
        await sql.raw('t2').execute(trx);
      }),
    );
    await earlier;
    expect(ran).toEqual(['begin', 't1', 't2', 'commit', 'earlier']);
  });

  it('gives the event loop a turn before handing the connection to a waiting request', async () => {
    const later: Promise<void>[] = [];
    const { db, ran } = recordingDatabase({
      a1: () => {
        later.push(request(db, ['b1']));
        return aTurnLater();
      },
      a2: () => setImmediate(() => ran.push('event loop turn')),
    });
    await request(db, ['a1', 'a2']);
    await Promise.all(later);
    expect(ran).toEqual(['a1', 'a2', 'event loop turn', 'b1']);
  });

  it('runs a lone request without waiting for the event loop', async () => {
    const { db, ran } = recordingDatabase({ a1: () => setImmediate(() => ran.push('event loop turn')) });
    await request(db, ['a1', 'a2', 'a3']);
    expect(ran.slice(0, 3)).toEqual(['a1', 'a2', 'a3']);
  });
});
