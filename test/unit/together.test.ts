import type { Kysely } from 'kysely';
import { describe, expect, it, onTestFinished } from 'vitest';
import { callsTogether, statementsSentAgainAlone } from '../../src/common/database/together.js';
import type { Database } from '../../src/common/database/schema.js';

const handle = (isTransaction = false) => ({ isTransaction }) as unknown as Kysely<Database>;

/** A call held until the test lets it go, to see what waits behind it. */
function gate<T>() {
  let open!: (value: T) => void;
  const opened = new Promise<T>((resolve) => (open = resolve));
  return { opened, open };
}

/** Doubles each number; records what left alone and what left together, and can hold calls back. */
function doubling(
  options: { refuseTogether?: boolean; answerTogether?: (items: readonly number[]) => number[]; refuseAlone?: number; hold?: (item: number) => Promise<unknown> | undefined; laneOf?: (item: number) => string } = {},
) {
  const alone: number[] = [];
  const together: number[][] = [];
  const call = callsTogether<number, number>({
    laneOf: options.laneOf ?? (() => 'one'),
    sendAlone: async (_db, item) => {
      alone.push(item);
      await options.hold?.(item);
      if (item === options.refuseAlone) throw new Error(`refused ${item}`);
      return 2 * item;
    },
    sendTogether: async (_db, items) => {
      together.push([...items]);
      await options.hold?.(items[0]!);
      if (options.refuseTogether) throw new Error('the statement failed');
      return options.answerTogether ? options.answerTogether(items) : items.map((item) => 2 * item);
    },
  });
  return { call, alone, together };
}

describe('calls sent together', () => {
  it('sends a call made alone by itself', async () => {
    const { call, alone, together } = doubling();
    expect(await call(handle(), 4)).toBe(8);
    expect(alone).toEqual([4]);
    expect(together).toEqual([]);
  });

  it('sends the calls made in the same turn in one statement, each getting its own answer', async () => {
    const { call, alone, together } = doubling();
    const db = handle();
    expect(await Promise.all([1, 2, 3].map((n) => call(db, n)))).toEqual([2, 4, 6]);
    expect(together).toEqual([[1, 2, 3]]);
    expect(alone).toEqual([]);
  });

  it('keeps two statements under way at most, and sends what arrived meanwhile together once one ends', async () => {
    const held = gate<void>();
    const { call, alone, together } = doubling({ hold: () => held.opened });
    const db = handle();
    const first = [call(db, 1), call(db, 2)];
    await new Promise((resolve) => setImmediate(resolve));
    const second = call(db, 3);
    await new Promise((resolve) => setImmediate(resolve));
    const third = [call(db, 4), call(db, 5), call(db, 6)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(together).toEqual([[1, 2]]);
    expect(alone).toEqual([3]);
    held.open();
    expect(await Promise.all([...first, second, ...third])).toEqual([2, 4, 6, 8, 10, 12]);
    expect(together).toEqual([[1, 2], [4, 5, 6]]);
  });

  it('sends each call again alone when their statement fails, so that one call’s failure is its own', async () => {
    const { call, alone, together } = doubling({ refuseTogether: true, refuseAlone: 2 });
    const db = handle();
    const published: unknown[] = [];
    const listen = (message: unknown) => void published.push(message);
    statementsSentAgainAlone.subscribe(listen);
    onTestFinished(() => void statementsSentAgainAlone.unsubscribe(listen));
    const answers = await Promise.allSettled([1, 2, 3].map((n) => call(db, n)));
    expect(published).toEqual([{ calls: 3, error: new Error('the statement failed') }]);
    expect(together).toEqual([[1, 2, 3]]);
    expect(alone).toEqual([1, 2, 3]);
    expect(answers).toEqual([
      { status: 'fulfilled', value: 2 },
      { status: 'rejected', reason: new Error('refused 2') },
      { status: 'fulfilled', value: 6 },
    ]);
  });

  it('takes an answer of another length than the calls for a failure, and sends each alone', async () => {
    const { call, alone } = doubling({ answerTogether: (items) => items.slice(1).map((item) => 2 * item) });
    const db = handle();
    expect(await Promise.all([1, 2].map((n) => call(db, n)))).toEqual([2, 4]);
    expect(alone).toEqual([1, 2]);
  });

  it('sends alone, at once, on a handle inside a transaction: the caller’s transaction is the act', async () => {
    const { call, alone, together } = doubling();
    const trx = handle(true);
    expect(await Promise.all([1, 2].map((n) => call(trx, n)))).toEqual([2, 4]);
    expect(alone).toEqual([1, 2]);
    expect(together).toEqual([]);
  });

  it('sends calls of different lanes apart: a call held back by its lock holds back its own lane only', async () => {
    const held = gate<void>();
    const { call, together, alone } = doubling({ laneOf: (n) => (n % 2 ? 'odd' : 'even'), hold: (n) => (n % 2 ? held.opened : undefined) });
    const db = handle();
    const odd = [call(db, 1), call(db, 3)];
    const even = [call(db, 2), call(db, 4), call(db, 6)];
    expect(await Promise.all(even)).toEqual([4, 8, 12]);
    expect(together).toEqual([[1, 3], [2, 4, 6]]);
    held.open();
    expect(await Promise.all(odd)).toEqual([2, 6]);
    expect(alone).toEqual([]);
  });

  it('rejects the call whose sending throws before it reaches the database, and goes on with the next', async () => {
    const call = callsTogether<number, number>({
      laneOf: () => 'one',
      sendAlone: (_db, item) => {
        if (item === 1) throw new Error('thrown at once');
        return Promise.resolve(2 * item);
      },
      sendTogether: () => {
        throw new Error('thrown at once');
      },
    });
    const db = handle();
    expect(await Promise.allSettled([call(db, 1), call(db, 2)])).toEqual([
      { status: 'rejected', reason: new Error('thrown at once') },
      { status: 'fulfilled', value: 4 },
    ]);
    expect(await call(db, 3)).toBe(6);
  });

  it('keeps the calls of two handles apart, as two server instances would', async () => {
    const { call, together } = doubling();
    const [one, other] = [handle(), handle()];
    await Promise.all([call(one, 1), call(other, 2), call(one, 3), call(other, 4)]);
    expect(together).toEqual([[1, 3], [2, 4]]);
  });
});
