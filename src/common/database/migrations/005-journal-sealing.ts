/**
 * The journal is sealed after commit, in batches. An act inserts its entries into journal_pending
 * in its own transaction, with no lock; the sealer (journal/journal-store.ts) then chains every
 * pending entry of a partnership into journal_entry under the head lock. Acts of a partnership no
 * longer wait for each other's commit, and one transaction seals many entries.
 *
 * Until it is sealed an entry has no place in the chain; the sealer runs right after each act's
 * commit (the act answers once its entries are sealed) and again at start and every minute for
 * entries left by a process that stopped in between.
 */
export const journalSealing: readonly string[] = [
  `create table journal_pending (
    id bigint generated always as identity primary key,
    partnership_id uuid not null references partnership(id),
    recorded_at timestamptz not null,
    actor_id uuid,
    kind text not null,
    payload jsonb not null
  )`,
  `create index journal_pending_partnership on journal_pending (partnership_id, id)`,
  `drop function journal_append(uuid, uuid, text, jsonb, text, timestamptz)`,
];
