/**
 * A proposal's thread (issue 16, part 3): clarifying questions and their answers, reactions and
 * comments on an amendment, each tagged with the phase and round of the method it was written
 * in. An answer replies to a question; the facilitator marks a question answered. The words are
 * the author's: an erasure empties them and keeps the row, so the replies and the journal, which
 * names messages by id, stay whole.
 */
export const discussions: readonly string[] = [
  `create table discussion_message (
    id uuid primary key,
    proposal_id uuid not null references proposal(id),
    author_id uuid not null references person(id),
    kind text not null check (kind in ('question', 'answer', 'reaction', 'comment')),
    phase text not null check (phase in ('clarification', 'expression', 'objections', 'presentation', 'questions', 'reactions', 'discussion', 'advice', 'round', 'amendment', 'decision')),
    round integer not null check (round >= 1),
    reply_to uuid references discussion_message(id),
    body text not null check (char_length(body) <= 10000),
    created_at timestamptz not null,
    answered_at timestamptz,
    answered_by uuid references person(id),
    check ((kind = 'answer') = (reply_to is not null)),
    check (answered_at is null or kind = 'question'),
    check ((answered_at is null) = (answered_by is null))
  )`,
  `create index discussion_message_thread on discussion_message (proposal_id, created_at, id)`,
  `create index discussion_message_author on discussion_message (author_id)`,
  `create index discussion_message_reply on discussion_message (reply_to) where reply_to is not null`,
];
