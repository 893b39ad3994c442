/**
 * A meeting as it runs and after: the opening and closing rounds, the time each item takes, the
 * attendees' review of the minutes before they are published, and the cadence a body keeps.
 */
export const meetingConduct: readonly string[] = [
  `alter table meeting
     add column opened_at timestamptz,
     add column current_item_id uuid references agenda_item(id),
     add column closing_at timestamptz,
     add column ended_at timestamptz,
     add column minutes_version integer not null default 0,
     add column review_until timestamptz`,
  `alter table agenda_item
     add column started_at timestamptz,
     add column ended_at timestamptz`,
  // A proposal is decided once per meeting: the agenda lists it once.
  `create unique index agenda_item_one_per_proposal on agenda_item (meeting_id, proposal_id) where proposal_id is not null`,
  `create table meeting_round_word (
    meeting_id uuid not null references meeting(id),
    round text not null check (round in ('opening', 'closing')),
    person_id uuid not null references person(id),
    word text not null check (length(word) between 1 and 280),
    said_at timestamptz not null,
    primary key (meeting_id, round, person_id)
  )`,
  // Each attendee's latest answer, on the version of the minutes they read.
  `create table minutes_review (
    meeting_id uuid not null references meeting(id),
    person_id uuid not null references person(id),
    minutes_version integer not null,
    verdict text not null check (verdict in ('approve', 'amend')),
    remark text not null default '' check (length(remark) <= 2000),
    answered_at timestamptz not null,
    primary key (meeting_id, person_id),
    check (verdict = 'approve' or length(remark) > 0)
  )`,
  `alter table body add column meetings_per_year integer check (meetings_per_year between 1 and 52)`,
];
