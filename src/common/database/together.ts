import { channel } from 'node:diagnostics_channel';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * How one kind of act written as a single database call is sent: alone, or several in one
 * statement and one transaction (`sendTogether` answers one result per item, in their order; an
 * answer of another length counts as the statement's failure). Calls leave together only with
 * calls of the same lane (`laneOf`): those that wait for the same locks, so that a lock held
 * elsewhere holds back the calls that would have waited for it anyway, and no others.
 */
export interface CallsTogether<Item, Result> {
  readonly laneOf: (item: Item) => string;
  readonly sendAlone: (db: Kysely<Database>, item: Item) => Promise<Result>;
  readonly sendTogether: (db: Kysely<Database>, items: readonly Item[]) => Promise<readonly Result[]>;
}

/**
 * Statements of one lane under way at once on a handle, each carrying the calls that arrived while
 * the others ran: while one runs in the database, the server gathers the next. More would split the
 * waiting calls into smaller statements, each paying its own round trip and commit again.
 */
const STATEMENTS_UNDER_WAY = 2;

/** A statement carries at most this many calls: its transaction holds their rows' locks until it ends. */
const CALLS_PER_STATEMENT = 100;

/** A statement of calls sent together that failed; each of its calls was then sent again alone. */
export interface StatementSentAgainAlone {
  readonly calls: number;
  readonly error: unknown;
}

/**
 * Every statement of calls sent together that failed, for the server's log: a call refused among
 * others fails its statement now and then, but a statement that always fails (a function changed
 * without its together twin) would silently send every call alone, and lose what sending together gains.
 */
export const statementsSentAgainAlone = channel('entente:statement-sent-again-alone');

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
 * while earlier ones of their lane are under way leave together, in one statement whose transaction
 * commits them all, so that each pays its share of one round trip and one commit instead of its own
 * (bench/README.md, issue 22). Each call is still all or nothing with its journal entry: if the
 * statement fails, nothing of it was written, and each of its calls is sent again alone, so that
 * one call's failure (a constraint it breaks) is its own and not its neighbours'. A handle inside a
 * transaction sends alone: the caller's transaction is the act.
 */
export function callsTogether<Item, Result>(calls: CallsTogether<Item, Result>): (db: Kysely<Database>, item: Item) => Promise<Result> {
  const lanesByHandle = new WeakMap<Kysely<Database>, Map<string, Lane<Item, Result>>>();
  // A call that throws before its first await rejects like one that fails in the database.
  const sendAlone = (db: Kysely<Database>, item: Item) => Promise.resolve().then(() => calls.sendAlone(db, item));
  const sendTogether = (db: Kysely<Database>, items: readonly Item[]) => Promise.resolve().then(() => calls.sendTogether(db, items));

  const send = async (db: Kysely<Database>, lanes: Map<string, Lane<Item, Result>>, key: string, lane: Lane<Item, Result>, batch: Waiting<Item, Result>[]) => {
    try {
      if (batch.length > 1) {
        const results = await sendTogether(db, batch.map((call) => call.item)).catch((error: unknown) => {
          statementsSentAgainAlone.publish({ calls: batch.length, error } satisfies StatementSentAgainAlone);
          return undefined;
        });
        if (results?.length === batch.length) {
          batch.forEach((call, at) => call.resolve(results[at]!));
          return;
        }
      }
      await Promise.all(batch.map((call) => sendAlone(db, call.item).then(call.resolve, call.reject)));
    } finally {
      lane.underWay -= 1;
      flush(db, lanes, key, lane);
    }
  };

  const flush = (db: Kysely<Database>, lanes: Map<string, Lane<Item, Result>>, key: string, lane: Lane<Item, Result>) => {
    while (lane.underWay < STATEMENTS_UNDER_WAY && lane.waiting.length > 0) {
      lane.underWay += 1;
      void send(db, lanes, key, lane, lane.waiting.splice(0, CALLS_PER_STATEMENT));
    }
    if (lane.underWay === 0 && !lane.flushScheduled) lanes.delete(key);
  };

  return (db, item) => {
    if (db.isTransaction) return sendAlone(db, item);
    let lanes = lanesByHandle.get(db);
    if (!lanes) {
      lanes = new Map();
      lanesByHandle.set(db, lanes);
    }
    const key = calls.laneOf(item);
    let lane = lanes.get(key);
    if (!lane) {
      lane = { waiting: [], underWay: 0, flushScheduled: false };
      lanes.set(key, lane);
    }
    const result = new Promise<Result>((resolve, reject) => lane.waiting.push({ item, resolve, reject }));
    if (!lane.flushScheduled) {
      lane.flushScheduled = true;
      const [ready, readyLanes] = [lane, lanes];
      // Requests whose bodies were read in the same turn of the event loop leave together.
      setImmediate(() => {
        ready.flushScheduled = false;
        flush(db, readyLanes, key, ready);
      });
    }
    return result;
  };
}
