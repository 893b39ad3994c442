/**
 * Meetings of a body: their agenda, who attended, and their minutes. Published minutes are
 * frozen by a trigger, like adopted charter versions. Invitations carry the meeting's calendar event.
 */
export const meetings: readonly string[] = [
  `create table meeting (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    body_id uuid not null references body(id),
    title text not null check (length(title) between 1 and 200),
    starts_at timestamptz not null,
    duration_minutes integer not null check (duration_minutes between 5 and 1440),
    place text not null default '' check (length(place) <= 500),
    online_url text check (online_url ~ '^https?://' and length(online_url) <= 2000),
    facilitator_id uuid not null references person(id),
    secretary_id uuid references person(id),
    minutes text not null default '' check (length(minutes) <= 200000),
    minutes_published_at timestamptz,
    created_by uuid not null references person(id),
    created_at timestamptz not null
  )`,
  `create index meeting_body on meeting (body_id, starts_at)`,
  `create index meeting_partnership on meeting (partnership_id, starts_at)`,
  `create function meeting_minutes_frozen() returns trigger language plpgsql as $$
    begin
      if old.minutes_published_at is not null then
        raise exception 'published minutes cannot change' using errcode = 'P0001';
      end if;
      return new;
    end
  $$`,
  `create trigger meeting_minutes_frozen before update on meeting
    for each row execute function meeting_minutes_frozen()`,
  `create table agenda_item (
    id uuid primary key,
    meeting_id uuid not null references meeting(id),
    position integer not null,
    kind text not null check (kind in ('information', 'discussion', 'decision')),
    title text not null check (length(title) between 1 and 300),
    proposal_id uuid references proposal(id),
    minutes_allotted integer check (minutes_allotted between 1 and 480),
    proposed_by uuid not null references person(id),
    created_at timestamptz not null
  )`,
  `create index agenda_item_meeting on agenda_item (meeting_id, position)`,
  // A meeting's invitation carries its iCalendar event, sent as an attachment by SMTP.
  `alter table outbox_message add column calendar text`,
  `create table attendance (
    meeting_id uuid not null references meeting(id),
    person_id uuid not null references person(id),
    status text not null check (status in ('present', 'excused', 'absent', 'represented')),
    represented_by uuid references person(id),
    primary key (meeting_id, person_id),
    check ((status = 'represented') = (represented_by is not null))
  )`,
];
