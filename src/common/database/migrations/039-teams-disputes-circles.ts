/**
 * A project team under its own charter, disputes, tensions and circles (issue 20).
 *
 * - Deliverables: what each member of a project charter's team answers for (seed 000, art. 6),
 *   with an owner, a due day and a status; the outputs its licence article lists are deliverables
 *   to publish under that licence (`licence_output`).
 * - Disputes (seed 000, art. 7): opened by a party under a charter's dispute rules, confidential to
 *   its parties, its mediator once named and the body the charter names. It goes through a crisis
 *   meeting held before `crisis_due_at`, then ends by an agreement, or goes to mediation, then to an
 *   exit plan whose objectives are owned, dated tasks, a restorative circle, a write-up without
 *   personal details published with every party's consent, and closure. Its meetings are its own
 *   (`dispute_meeting`), so no meeting list, calendar or register of a body ever shows them.
 * - Outsiders: a person who belongs to no organization and reads only what names them (an outside
 *   mediator invited by link); `person.outsider`, enforced for every route by the partnership scope.
 * - Tensions (seed 004): raised in a circle, put on its next meeting's agenda, turned into a
 *   proposal, a task (kept on the tension) or closed with a word.
 * - Circles people join: a request, or an invitation, decided by the circle's consent in a round
 *   (`proposal.circle_join_id`); a role appointed by the circle above (`role.appointed_by_parent`);
 *   a role that supervises circles (`role.supervises_circles`): invited to their meetings, no stance.
 */
export const teamsDisputesCircles: readonly string[] = [
  `alter table person add column outsider boolean not null default false`,

  `create table deliverable (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    charter_id uuid not null references charter(id),
    title text not null check (length(title) between 1 and 300),
    description text not null default '' check (length(description) <= 5000),
    owner_id uuid references person(id),
    due_on date,
    status text not null check (status in ('planned', 'in_progress', 'delivered', 'published', 'dropped')),
    licence_output boolean not null default false,
    published_url text check (length(published_url) <= 2000),
    status_since timestamptz not null,
    created_by uuid references person(id),
    created_at timestamptz not null
  )`,
  `create index deliverable_charter on deliverable (charter_id, due_on)`,
  // « À faire pour vous » looks for a person's deliverables still to deliver.
  `create index deliverable_owner on deliverable (owner_id, due_on) where owner_id is not null and status in ('planned', 'in_progress')`,

  `create table dispute (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    charter_id uuid not null references charter(id),
    charter_version_id uuid not null references charter_version(id),
    subject text not null check (length(subject) between 1 and 5000),
    opened_by uuid not null references person(id),
    opened_at timestamptz not null,
    stage text not null check (stage in ('crisis', 'mediation', 'exit_plan', 'restorative_circle', 'write_up', 'closed')),
    crisis_due_at timestamptz not null,
    existence_visible boolean not null,
    agreement text check (length(agreement) <= 20000),
    agreed_at timestamptz,
    mediator_id uuid references person(id),
    mediator_body_id uuid references body(id),
    mediation_requested_at timestamptz,
    mediation_ended_at timestamptz,
    write_up text check (length(write_up) <= 50000),
    write_up_published_at timestamptz,
    closed_at timestamptz,
    closed_how text check (closed_how in ('agreement', 'exit_plan')),
    check ((stage = 'closed') = (closed_at is not null))
  )`,
  `create index dispute_partnership on dispute (partnership_id, opened_at)`,
  `create table dispute_party (
    dispute_id uuid not null references dispute(id),
    person_id uuid not null references person(id),
    consents_to_publish boolean,
    primary key (dispute_id, person_id)
  )`,
  `create index dispute_party_person on dispute_party (person_id)`,
  `create table dispute_meeting (
    id uuid primary key,
    dispute_id uuid not null references dispute(id),
    kind text not null check (kind in ('crisis', 'restorative_circle')),
    starts_at timestamptz not null,
    place text not null default '' check (length(place) <= 300),
    online_url text check (length(online_url) <= 2000),
    called_by uuid not null references person(id),
    called_at timestamptz not null,
    round text,
    held_at timestamptz,
    outcome text check (outcome in ('agreement', 'mediation', 'exit_plan', 'held'))
  )`,
  `create index dispute_meeting_dispute on dispute_meeting (dispute_id, starts_at)`,
  `create table dispute_meeting_note (
    meeting_id uuid not null references dispute_meeting(id),
    round text not null check (length(round) between 1 and 40),
    text text not null default '' check (length(text) <= 20000),
    written_by uuid references person(id),
    written_at timestamptz not null,
    primary key (meeting_id, round)
  )`,
  `create table dispute_task (
    id uuid primary key,
    dispute_id uuid not null references dispute(id),
    position integer not null check (position >= 0),
    objective text not null check (length(objective) between 1 and 300),
    owner_id uuid references person(id),
    due_on date,
    status text not null check (status in ('open', 'done')),
    done_at timestamptz,
    settlement_id uuid references settlement(id),
    check ((status = 'done') = (done_at is not null))
  )`,
  `create index dispute_task_dispute on dispute_task (dispute_id, position)`,
  `create index dispute_task_owner on dispute_task (owner_id, due_on) where owner_id is not null and status = 'open'`,

  `create table tension (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    body_id uuid not null references body(id),
    raised_by uuid references person(id),
    raised_at timestamptz not null,
    text text not null check (length(text) between 1 and 2000),
    status text not null check (status in ('open', 'proposal', 'task', 'closed')),
    agenda_item_id uuid references agenda_item(id),
    proposal_id uuid references proposal(id),
    task_title text check (length(task_title) <= 300),
    task_owner_id uuid references person(id),
    task_due_on date,
    task_done_at timestamptz,
    closing_word text check (length(closing_word) <= 2000),
    settled_at timestamptz,
    settled_in_meeting_id uuid references meeting(id),
    check ((status = 'open') = (settled_at is null))
  )`,
  `create index tension_body on tension (body_id, raised_at)`,
  `create index tension_task_owner on tension (task_owner_id, task_due_on) where status = 'task' and task_done_at is null`,

  `create table circle_join (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    body_id uuid not null references body(id),
    person_id uuid not null references person(id),
    asked_by uuid not null references person(id),
    motivation text not null default '' check (length(motivation) <= 2000),
    status text not null check (status in ('open', 'accepted', 'declined', 'withdrawn')),
    created_at timestamptz not null,
    settled_at timestamptz,
    check ((status = 'open') = (settled_at is null))
  )`,
  `create unique index circle_join_one_open on circle_join (body_id, person_id) where status = 'open'`,
  `alter table proposal add column circle_join_id uuid references circle_join(id)`,
  `create unique index proposal_one_open_per_circle_join on proposal (circle_join_id) where status = 'open' and circle_join_id is not null`,
  `alter table role add column appointed_by_parent boolean not null default false`,
  `alter table role add column supervises_circles boolean not null default false`,
];
