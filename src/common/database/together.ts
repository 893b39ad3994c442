import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * How one kind of act written as a single database call is sent: alone, or several in one
 * statement and one transaction (`sendTogether` answers one result per item, in their order; an
 * answer of another length counts as the statement's failure).
 */
export interface CallsTogether<Item, Result> {
  readonly sendAlone: (db: Kysely<Database>, item: Item) => Promise<Result>;
  readonly sendTogether: (db: Kysely<Database>, items: readonly Item[]) => Promise<readonly Result[]>;
}

/**
 * Statements of one kind under way at once on a handle, each carrying the calls that arrived while
 * the others ran: while one runs in the database, the server gathers the next. More would split the
 * waiting calls into smaller statements, each paying its own round trip and commit again.
 */
const STATEMENTS_UNDER_WAY = 2;

/** A statement carries at most this many calls: its transaction holds their rows' locks until it ends. */
const CALLS_PER_STATEMENT = 100;

interface Waiting<Item, Result> {
  readonly item: Item;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

interface Lane<Item, Result> {
  readonly waiting: Waiting<Item, Result>[];
  underWay: number;
  flushScheduled: boolean;
}

/**
 * Group commit for the acts a busy partnership makes most (a stance, a seat): calls that arrive
 * while earlier ones are under way leave together, in one statement whose transaction commits
 * them all, so that each pays its share of one round trip and one commit instead of its own
 * (bench/README.md, issue 22). Each call is still all or nothing with its journal entry: if the
 * statement fails, nothing of it was written, and each of its calls is sent again alone, so that
 * one call's failure (a constraint it breaks) is its own and not its neighbours'. A handle inside a
 * transaction sends alone: the caller's transaction is the act.
 */
export function callsTogether<Item, Result>(calls: CallsTogether<Item, Result>): (db: Kysely<Database>, item: Item) => Promise<Result> {
  const lanes = new WeakMap<Kysely<Database>, Lane<Item, Result>>();

  const send = async (db: Kysely<Database>, lane: Lane<Item, Result>, batch: Waiting<Item, Result>[]) => {
    try {
      if (batch.length > 1) {
        const results = await calls.sendTogether(db, batch.map((call) => call.item)).catch(() => undefined);
        if (results?.length === batch.length) {
          batch.forEach((call, at) => call.resolve(results[at]!));
          return;
        }
      }
      await Promise.all(batch.map((call) => calls.sendAlone(db, call.item).then(call.resolve, call.reject)));
    } finally {
      lane.underWay -= 1;
      flush(db, lane);
    }
  };

  const flush = (db: Kysely<Database>, lane: Lane<Item, Result>) => {
    while (lane.underWay < STATEMENTS_UNDER_WAY && lane.waiting.length > 0) {
      lane.underWay += 1;
      void send(db, lane, lane.waiting.splice(0, CALLS_PER_STATEMENT));
    }
  };

  return (db, item) => {
    if (db.isTransaction) return calls.sendAlone(db, item);
    let lane = lanes.get(db);
    if (!lane) {
      lane = { waiting: [], underWay: 0, flushScheduled: false };
      lanes.set(db, lane);
    }
    const result = new Promise<Result>((resolve, reject) => lane.waiting.push({ item, resolve, reject }));
    if (!lane.flushScheduled) {
      lane.flushScheduled = true;
      const ready = lane;
      // Requests whose bodies were read in the same turn of the event loop leave together.
      setImmediate(() => {
        ready.flushScheduled = false;
        flush(db, ready);
      });
    }
    return result;
  };
}
