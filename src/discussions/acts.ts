import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import type { Database } from '../common/database/schema.js';
import { ActError, conflict, forbidden, invalid, notFound } from '../common/errors.js';
import { may } from '../common/permissions.js';
import { bodyMembersOn } from '../bodies/members.js';
import type { Phase } from '../decisions/rules.js';
import { textHash } from '../journal/chain.js';
import type { messageInput } from './contract.js';
import { checkMarkAnswered, checkPost, type MessageKind, type ThreadRefusal, type ThreadResult } from './rules.js';

type Trx = Transaction<Database>;

const refusalErrors: Record<ThreadRefusal, () => ActError> = {
  closed: () => conflict('error.discussion.closed'),
  not_a_participant: () => forbidden(),
  not_facilitator: () => forbidden(),
  kind_not_in_phase: () => invalid('kind', 'error.discussion.kindNotInPhase'),
  reply_not_to_question: () => invalid('replyTo', 'error.discussion.replyNotToQuestion'),
  not_a_question: () => conflict('error.discussion.notAQuestion'),
  already_answered: () => conflict('error.discussion.alreadyAnswered'),
};

function unwrap<T>(result: ThreadResult<T>): T {
  if (!result.ok) throw refusalErrors[result.refusal]();
  return result.value;
}

/**
 * The proposal under its shared advisory lock, the one stances take (decisions/acts.ts): the
 * facilitator's moves and the decision take it alone, so no message lands in a phase that has
 * just ended, nor after the proposal is settled.
 */
async function proposalOfThread(trx: Trx, ctx: ActContext, proposalId: string) {
  await sql`select pg_advisory_xact_lock_shared(hashtextextended(${proposalId}::text, 0))`.execute(trx);
  const proposal = await trx
    .selectFrom('proposal as p')
    .innerJoin('body as b', 'b.id', 'p.body_id')
    .select(['p.id', 'p.wording', 'p.body_id', 'b.name as body_name', 'p.phase', 'p.round', 'p.status', 'p.initiator_id', 'p.facilitator_id'])
    .where('p.id', '=', proposalId)
    .where('p.partnership_id', '=', ctx.partnershipId)
    .executeTakeFirst();
  if (!proposal) throw notFound();
  return { ...proposal, state: { open: proposal.status === 'open', phase: proposal.phase as Phase } };
}

const facilitates = (ctx: ActContext, proposal: { facilitator_id: string }) => may.facilitate(ctx.viewer, { facilitatorId: proposal.facilitator_id });

/**
 * A message in the proposal's thread, tagged with the phase and round it was written in. The
 * journal names it by id, with its author, kind and the fingerprint of its words, never the words
 * themselves, so an erasure can empty them and the chain still verifies. A new question waits on
 * the facilitator, who is mailed in the same transaction.
 */
export async function postMessage(ctx: ActContext, proposalId: string, input: z.infer<typeof messageInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const proposal = await proposalOfThread(trx, ctx, proposalId);
    const viewerId = ctx.viewer.personId;
    const who = {
      sitsInDecidingBody: (await bodyMembersOn(trx, proposal.body_id, ctx.now, viewerId)).has(viewerId),
      isProposer: proposal.initiator_id === viewerId,
      facilitates: facilitates(ctx, proposal),
    };
    const replyTo =
      input.replyTo === undefined
        ? null
        : await trx.selectFrom('discussion_message').select(['id', 'kind']).where('id', '=', input.replyTo).where('proposal_id', '=', proposalId).executeTakeFirst();
    if (replyTo === undefined) throw invalid('replyTo', 'error.reference');
    const kind = unwrap(checkPost(proposal.state, who, { kind: input.kind, replyTo: replyTo && { kind: replyTo.kind as MessageKind } }));
    const id = randomUUID();
    await trx
      .insertInto('discussion_message')
      .values({ id, proposal_id: proposalId, author_id: viewerId, kind, phase: proposal.phase, round: proposal.round, reply_to: replyTo?.id ?? null, body: input.body, created_at: ctx.now })
      .execute();
    return {
      result: { id },
      events: [
        {
          kind: 'discussion.posted',
          payload: { proposalId, messageId: id, authorId: viewerId, kind, phase: proposal.phase, round: proposal.round, replyTo: replyTo?.id ?? null, textHash: textHash(input.body) },
        },
      ],
    };
  });
}

/** The facilitator (or an administrator standing in) marks a question answered. */
export async function markAnswered(ctx: ActContext, proposalId: string, messageId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const proposal = await proposalOfThread(trx, ctx, proposalId);
    const message = await trx
      .selectFrom('discussion_message')
      .select(['id', 'kind', 'answered_at'])
      .where('id', '=', messageId)
      .where('proposal_id', '=', proposalId)
      .forUpdate()
      .executeTakeFirst();
    if (!message) throw notFound();
    unwrap(checkMarkAnswered(proposal.state, { facilitates: facilitates(ctx, proposal) }, { kind: message.kind as MessageKind, answered: message.answered_at !== null }));
    await trx.updateTable('discussion_message').set({ answered_at: ctx.now, answered_by: ctx.viewer.personId }).where('id', '=', messageId).execute();
    return { result: undefined, events: [{ kind: 'discussion.answered', payload: { proposalId, messageId, answeredBy: ctx.viewer.personId } }] };
  });
}
