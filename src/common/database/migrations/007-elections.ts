/**
 * Elections without candidates (elections/rules.ts). A nomination is one row per member,
 * changed in place during the change round (the first reason is kept beside the new one); a consent
 * stance is one row per member and round. The database holds the invariants the process relies on.
 */
export const elections: readonly string[] = [
  `create table election (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    body_id uuid not null references body(id),
    role_id uuid not null references role(id),
    term_months integer not null check (term_months between 1 and 120),
    qualities text not null default '' check (length(qualities) <= 5000),
    facilitator_id uuid not null references person(id),
    phase text not null check (phase in ('nomination', 'reveal', 'change', 'proposal', 'consent', 'elected', 'abandoned')),
    round integer not null default 0 check (round >= 0),
    candidate_id uuid references person(id),
    assignment_id uuid references role_assignment(id),
    created_by uuid not null references person(id),
    created_at timestamptz not null,
    ended_at timestamptz,
    check ((phase in ('elected', 'abandoned')) = (ended_at is not null)),
    check ((phase = 'elected') = (assignment_id is not null))
  )`,
  `create index election_partnership on election (partnership_id, created_at)`,
  `create unique index election_one_open_per_role on election (role_id) where phase not in ('elected', 'abandoned')`,
  `create table nomination (
    election_id uuid not null references election(id),
    member_id uuid not null references person(id),
    nominee_id uuid not null references person(id),
    reason text not null check (length(reason) between 1 and 2000),
    first_nominee_id uuid not null references person(id),
    first_reason text not null check (length(first_reason) between 1 and 2000),
    updated_at timestamptz not null,
    primary key (election_id, member_id)
  )`,
  // A reminder goes out once, a month before a term ends (roles/term-reminders.ts).
  `alter table role_assignment add column term_reminded_at timestamptz`,
  `create table election_stance (
    election_id uuid not null references election(id),
    round integer not null check (round >= 1),
    member_id uuid not null references person(id),
    stance text not null check (stance in ('consent', 'object')),
    reason text not null default '' check (length(reason) <= 2000),
    updated_at timestamptz not null,
    primary key (election_id, round, member_id)
  )`,
];
