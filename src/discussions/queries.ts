import type { Kysely } from 'kysely';
import { bodyMembersOn } from '../bodies/members.js';
import type { Database } from '../common/database/schema.js';
import { notFound } from '../common/errors.js';
import { may, type Viewer } from '../common/permissions.js';
import type { Phase } from '../decisions/rules.js';
import { mayPost, openingKinds, type MessageKind } from './rules.js';

/**
 * A proposal's thread, for whoever may read the proposal (anyone of the partnership), in three
 * queries: the proposal, its messages with their authors, and whether the viewer sits in the
 * deciding body.
 */
export async function proposalThread(db: Kysely<Database>, viewer: Viewer, partnershipId: string, proposalId: string, now: Date) {
  const proposal = await db
    .selectFrom('proposal')
    .select(['id', 'body_id', 'phase', 'status', 'initiator_id', 'facilitator_id'])
    .where('id', '=', proposalId)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!proposal) throw notFound();
  const [messages, seated] = await Promise.all([
    db
      .selectFrom('discussion_message as m')
      .innerJoin('person as a', 'a.id', 'm.author_id')
      .leftJoin('person as r', 'r.id', 'm.answered_by')
      .select(['m.id', 'm.kind', 'm.phase', 'm.round', 'm.reply_to', 'm.body', 'm.created_at', 'm.author_id', 'a.full_name as author_name', 'a.erased_at as author_erased_at', 'm.answered_at', 'm.answered_by', 'r.full_name as answerer_name'])
      .where('m.proposal_id', '=', proposalId)
      .orderBy('m.created_at')
      .orderBy('m.id')
      .execute(),
    bodyMembersOn(db, proposal.body_id, now, viewer.personId),
  ]);
  const state = { open: proposal.status === 'open', phase: proposal.phase as Phase };
  const facilitates = may.facilitate(viewer, { facilitatorId: proposal.facilitator_id });
  const who = { sitsInDecidingBody: seated.has(viewer.personId), isProposer: proposal.initiator_id === viewer.personId, facilitates };
  return {
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind as MessageKind,
      phase: m.phase as Phase,
      round: m.round,
      replyTo: m.reply_to,
      body: m.body,
      author: { id: m.author_id, fullName: m.author_name, erased: m.author_erased_at !== null },
      createdAt: m.created_at,
      answered: m.answered_at === null || m.answered_by === null ? null : { at: m.answered_at, by: { id: m.answered_by, fullName: m.answerer_name ?? '' } },
    })),
    can: {
      open: [...openingKinds(state, who)],
      answer: state.open && mayPost(who),
      markAnswered: state.open && facilitates,
    },
  };
}
