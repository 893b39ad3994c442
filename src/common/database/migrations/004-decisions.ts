/**
 * Proposals and their rounds. A stance is one row per member, per round, per deciding body (a
 * database constraint, so parallel requests cannot count a voice twice); it changes in place until
 * the round closes. Every stance request's idempotency key is kept, so a request replayed even
 * after a later change is a no-op. A proxy holds for one proposal in one deciding body.
 */
export const decisions: readonly string[] = [
  `create table proposal (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    charter_version_id uuid not null references charter_version(id),
    level text not null check (level in ('strategic', 'operational', 'functional')),
    topic text not null default '' check (length(topic) <= 300),
    wording text not null check (length(wording) between 1 and 2000),
    context text not null default '' check (length(context) <= 20000),
    participation_level text not null check (participation_level in ('consultation', 'concertation', 'participation')),
    initiator_id uuid not null references person(id),
    facilitator_id uuid not null references person(id),
    body_id uuid not null references body(id),
    rule jsonb not null,
    stage text not null check (stage in ('decision', 'arbitration')),
    phase text not null,
    round integer not null check (round >= 1),
    round_deadline timestamptz,
    status text not null check (status in ('open', 'adopted', 'rejected', 'arbitrated', 'lapsed')),
    outcome_statement text not null default '' check (length(outcome_statement) <= 5000),
    review_on date,
    decided_at timestamptz,
    charter_draft_version_id uuid references charter_version(id),
    charter_draft_hash text,
    review_reminded_at timestamptz,
    created_at timestamptz not null default now(),
    check ((status = 'open') = (decided_at is null))
  )`,
  `create index proposal_partnership on proposal (partnership_id, created_at desc)`,
  `create index proposal_body on proposal (body_id)`,
  `create unique index proposal_one_open_per_draft on proposal (charter_draft_version_id) where status = 'open'`,
  `create table stance (
    id uuid primary key,
    proposal_id uuid not null references proposal(id),
    body_id uuid not null references body(id),
    round integer not null,
    member_id uuid not null references person(id),
    posted_by uuid not null references person(id),
    stance text not null check (stance in ('agree', 'agree_with_reservation', 'object', 'consent', 'advice', 'for', 'against', 'abstain')),
    reason text not null default '' check (length(reason) <= 5000),
    idempotency_key text not null check (length(idempotency_key) between 8 and 100),
    updated_at timestamptz not null,
    unique (proposal_id, body_id, round, member_id)
  )`,
  `create table stance_request (
    proposal_id uuid not null references proposal(id),
    idempotency_key text not null check (length(idempotency_key) between 8 and 100),
    primary key (proposal_id, idempotency_key)
  )`,
  `create table proxy (
    id uuid primary key,
    proposal_id uuid not null references proposal(id),
    body_id uuid not null references body(id),
    giver_id uuid not null references person(id),
    holder_id uuid not null references person(id),
    created_at timestamptz not null,
    unique (proposal_id, body_id, giver_id),
    check (giver_id <> holder_id)
  )`,
  `create table information_note (
    id uuid primary key,
    proposal_id uuid not null references proposal(id),
    body_id uuid not null references body(id),
    recipients integer not null,
    created_at timestamptz not null,
    unique (proposal_id, body_id)
  )`,
];
