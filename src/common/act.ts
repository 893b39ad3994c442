import type { Kysely, Transaction } from 'kysely';
import type { Viewer } from './permissions.js';
import { appendEntry, sealAfterCommit, type JournalEvent } from '../journal/journal-store.js';
import type { Database } from './database/schema.js';

/** Who acts, where and when: everything a use case needs besides its input. */
export interface ActContext {
  readonly db: Kysely<Database>;
  readonly partnershipId: string;
  readonly viewer: Viewer;
  readonly now: Date;
  /** Told of the entries of every act that committed, e.g. to drop rights cached for a person. */
  readonly onCommitted?: ((events: readonly JournalEvent[]) => void) | undefined;
}

export interface ActOutcome<T> {
  readonly result: T;
  readonly events: readonly JournalEvent[];
}

/**
 * Runs one governance act: its state changes and its journal entries commit together or not at
 * all. The entries are chained into the journal right after commit, before the act answers.
 */
export async function recordAct<T>(
  ctx: Pick<ActContext, 'db' | 'partnershipId' | 'now' | 'onCommitted'> & { readonly actorId: string | null },
  work: (trx: Transaction<Database>) => Promise<ActOutcome<T>>,
): Promise<T> {
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const done = await work(trx);
    for (const event of done.events) await appendEntry(trx, ctx.partnershipId, ctx.actorId, event, ctx.now);
    return done;
  });
  if (outcome.events.length > 0) await sealAfterCommit(ctx.db, ctx.partnershipId);
  ctx.onCommitted?.(outcome.events);
  return outcome.result;
}

export const actorOf = (ctx: ActContext): { actorId: string } => ({ actorId: ctx.viewer.personId });
