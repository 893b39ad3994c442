import { channel } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import type { Kysely, Transaction } from 'kysely';
import type { Viewer } from './permissions.js';
import { appendEntry, sealAfterCommit, type JournalEvent } from '../journal/journal-store.js';
import type { Database } from './database/schema.js';
import { tellWhomItConcerns } from '../participation/notices.js';

/** What an act leaves behind once committed, for the app to follow up on. */
export interface Committed {
  /** Null for a write outside any partnership (a sign-in link for an account in several). */
  readonly partnershipId: string | null;
  readonly events: readonly JournalEvent[];
  /** The act queued mail in its transaction, to be sent now rather than at the next retry. */
  readonly mailQueued: boolean;
  /** Sessions (by digest) that ended, or whose details (the language) changed. */
  readonly sessions?: { readonly ended?: readonly string[]; readonly changed?: readonly string[] };
}

/**
 * What follows every commit — live events, mail, rights cached for the people concerned — is the
 * app's one hook (server/after-commit.ts), handed to acts in their context; code that runs acts
 * without an app (the demo, scripts) leaves it out and mail waits for the next delivery.
 */
export type AfterCommit = (committed: Committed) => Promise<void>;

/** Who acts, where and when: everything a use case needs besides its input. */
export interface ActContext {
  readonly db: Kysely<Database>;
  readonly partnershipId: string;
  readonly viewer: Viewer;
  readonly now: Date;
  readonly afterCommit?: AfterCommit | undefined;
}

export interface ActOutcome<T> {
  readonly result: T;
  readonly events: readonly JournalEvent[];
}

const queuedMailIn = new WeakSet<Transaction<Database>>();

/** Called by the mail capability when it queues a message: the commit will have mail to send. */
export function noteMailQueued(trx: Transaction<Database>): void {
  queuedMailIn.add(trx);
}

/**
 * Runs one governance act: its state changes and its journal entries commit together or not at
 * all. The entries are chained into the journal just after commit, while the act answers.
 */
export async function recordAct<T>(
  ctx: Pick<ActContext, 'db' | 'partnershipId' | 'now' | 'afterCommit'> & { readonly actorId: string | null },
  work: (trx: Transaction<Database>) => Promise<ActOutcome<T>>,
): Promise<T> {
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const done = await work(trx);
    await tellWhomItConcerns(trx, ctx, done.events);
    for (const event of done.events) await appendEntry(trx, ctx.partnershipId, ctx.actorId, event, ctx.now);
    return { ...done, mailQueued: queuedMailIn.has(trx) };
  });
  await actCommitted(ctx, outcome.events, outcome.mailQueued);
  return outcome.result;
}

/**
 * Everything that follows an act's commit: its entries' seal started, then the app told. The act
 * answers without waiting for the seal (journal-store.ts `sealAfterCommit`). Acts written as one
 * database call (a stance, a seat) commit without `recordAct` and call this themselves.
 */
export async function actCommitted(
  ctx: Pick<ActContext, 'db' | 'partnershipId' | 'afterCommit'>,
  events: readonly JournalEvent[],
  mailQueued = false,
): Promise<void> {
  const timed = actFollowUpTimings.hasSubscribers;
  const committedAt = timed ? performance.now() : 0;
  if (events.length > 0) {
    const sealed = sealAfterCommit(ctx.db, ctx.partnershipId);
    if (timed) void sealed.then(() => actFollowUpTimings.publish({ act: ctx, step: 'sealed', ms: performance.now() - committedAt } satisfies ActFollowUpTiming));
  }
  await ctx.afterCommit?.({ partnershipId: ctx.partnershipId, events, mailQueued });
  if (timed) actFollowUpTimings.publish({ act: ctx, step: 'followed up', ms: performance.now() - committedAt } satisfies ActFollowUpTiming);
}

/**
 * How long after its commit an act's follow-up by the app (mail, live events, rights) ended, and
 * how long its entries stayed pending until sealed.
 */
export interface ActFollowUpTiming {
  /** The act's context, the very object its request holds: a listener finds its request by it. */
  readonly act: object;
  readonly step: 'followed up' | 'sealed';
  readonly ms: number;
}

/**
 * The follow-up's timings, for whoever measures a server under load (bench/server.js) or traces
 * it: published only while a listener is subscribed, so a server nobody watches pays nothing.
 */
export const actFollowUpTimings = channel('entente:act-follow-up');

/**
 * A write that is no governance act (an invitation, a sign-in link) in one transaction, followed
 * like an act: the mail it queued leaves at once.
 */
export async function commitWrite<T>(
  ctx: { readonly db: Kysely<Database>; readonly partnershipId: string | null; readonly afterCommit?: AfterCommit | undefined },
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const outcome = await ctx.db.transaction().execute(async (trx) => ({ result: await work(trx), mailQueued: queuedMailIn.has(trx) }));
  await ctx.afterCommit?.({ partnershipId: ctx.partnershipId, events: [], mailQueued: outcome.mailQueued });
  return outcome.result;
}

export const actorOf = (ctx: ActContext): { actorId: string } => ({ actorId: ctx.viewer.personId });
