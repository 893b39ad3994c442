/**
 * A meeting may invite people who do not sit in its body (the carriers of a project it hears,
 * say): they are convened like members and the secretary notes whether they came, apart from the
 * members' attendance, so that they never count for the quorum nor review the minutes.
 */
export const meetingGuests: readonly string[] = [
  `create table meeting_guest (
    meeting_id uuid not null references meeting(id),
    person_id uuid not null references person(id),
    reason text not null default '' check (length(reason) <= 300),
    invited_by uuid not null references person(id),
    invited_at timestamptz not null,
    attendance text check (attendance in ('present', 'absent')),
    primary key (meeting_id, person_id)
  )`,
  // A person's export and erasure find their invitations by person.
  `create index meeting_guest_person on meeting_guest (person_id)`,
];
