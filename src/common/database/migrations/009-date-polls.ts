/** Finding a date: a poll among a body's members, yes / if need be / no per slot, closing into a meeting. */
export const datePolls: readonly string[] = [
  `create table date_poll (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    body_id uuid not null references body(id),
    title text not null check (length(title) between 1 and 200),
    duration_minutes integer not null check (duration_minutes between 5 and 1440),
    created_by uuid not null references person(id),
    created_at timestamptz not null,
    meeting_id uuid references meeting(id),
    closed_at timestamptz,
    check ((meeting_id is null) = (closed_at is null))
  )`,
  `create index date_poll_body on date_poll (body_id, created_at)`,
  `create table date_poll_slot (
    id uuid primary key,
    poll_id uuid not null references date_poll(id),
    starts_at timestamptz not null,
    unique (poll_id, starts_at)
  )`,
  `create table date_poll_answer (
    slot_id uuid not null references date_poll_slot(id),
    member_id uuid not null references person(id),
    answer text not null check (answer in ('yes', 'if_need_be', 'no')),
    primary key (slot_id, member_id)
  )`,
];
