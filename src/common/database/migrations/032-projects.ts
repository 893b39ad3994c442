/**
 * Common projects (issue 18): an idea carried by people and organizations, presented to the body
 * the matrix names, validated or refused by that body's decision, staffed (a working group, its
 * referents, a lead named then confirmed), led (diagnosis, purposes, objectives, indicators and
 * their measurements, means, mission sheet) and evaluated, until a decision renews, adjusts or
 * closes it. Each step taken is a row of `project_step`, once, with who took it and when; the
 * project's `stage` is where those steps have brought it. A proposal that decides a project's
 * fate names it (`project_id`, `project_matter`), so its outcome moves the project in the same
 * transaction as the decision.
 */
export const projects: readonly string[] = [
  `create table project (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    title text not null check (length(title) between 1 and 200),
    summary text not null default '' check (length(summary) <= 5000),
    origin text not null check (origin in ('informal_meeting', 'board', 'team', 'body', 'public', 'other')),
    origin_detail text not null default '' check (length(origin_detail) <= 300),
    stage text not null check (stage in ('idea', 'formalized', 'presented', 'validated', 'active', 'evaluating', 'closed', 'refused')),
    needs text not null default '' check (length(needs) <= 20000),
    analysis text not null default '' check (length(analysis) <= 20000),
    refusal_reason text not null default '' check (length(refusal_reason) <= 5000),
    recommendations text not null default '' check (length(recommendations) <= 10000),
    vigilance text not null default '' check (length(vigilance) <= 10000),
    diagnosis text not null default '' check (length(diagnosis) <= 50000),
    diagnosis_sources text not null default '' check (length(diagnosis_sources) <= 5000),
    working_group_id uuid references body(id),
    lead_role_id uuid references role(id),
    lead_nominee_id uuid references person(id),
    mission_goals text not null default '' check (length(mission_goals) <= 10000),
    mission_time text not null default '' check (length(mission_time) <= 300),
    mission_training text not null default '' check (length(mission_training) <= 5000),
    evaluation_every_months integer check (evaluation_every_months between 1 and 60),
    evaluation_due_on date,
    stage_since timestamptz not null,
    created_by uuid not null references person(id),
    created_at timestamptz not null,
    unique (partnership_id, title)
  )`,
  `create index project_partnership_stage on project (partnership_id, stage, stage_since)`,
  `create unique index project_working_group on project (working_group_id) where working_group_id is not null`,
  `create table project_carrier (
    project_id uuid not null references project(id),
    id uuid primary key,
    person_id uuid references person(id),
    organization_id uuid references organization(id),
    check ((person_id is null) <> (organization_id is null))
  )`,
  `create unique index project_carrier_person on project_carrier (project_id, person_id) where person_id is not null`,
  `create unique index project_carrier_organization on project_carrier (project_id, organization_id) where organization_id is not null`,
  `create index project_carrier_of_person on project_carrier (person_id) where person_id is not null`,
  `create table project_organization (
    project_id uuid not null references project(id),
    organization_id uuid not null references organization(id),
    primary key (project_id, organization_id)
  )`,
  `create index project_organization_organization on project_organization (organization_id)`,
  `create table project_step (
    project_id uuid not null references project(id),
    step text not null check (step in ('idea', 'formalized', 'presented', 'validated', 'carriers_told', 'working_group', 'referents', 'lead_named', 'lead_confirmed')),
    done_at timestamptz not null,
    done_by uuid references person(id),
    primary key (project_id, step)
  )`,
  `create table project_lead_approval (
    project_id uuid not null references project(id),
    person_id uuid not null references person(id),
    nominee_id uuid not null references person(id),
    approved_at timestamptz not null,
    primary key (project_id, person_id, nominee_id)
  )`,
  `alter table proposal add column project_id uuid references project(id)`,
  `alter table proposal add column project_matter text check (project_matter in ('presentation', 'evaluation'))`,
  `alter table proposal add constraint proposal_project_matter check ((project_id is null) = (project_matter is null))`,
  `create unique index proposal_one_open_per_project on proposal (project_id) where status = 'open' and project_id is not null`,
  `create table project_purpose (
    id uuid primary key,
    project_id uuid not null references project(id),
    position integer not null check (position >= 0),
    statement text not null check (length(statement) between 1 and 1000)
  )`,
  `create index project_purpose_project on project_purpose (project_id, position)`,
  `create table project_objective (
    id uuid primary key,
    project_id uuid not null references project(id),
    position integer not null check (position >= 0),
    statement text not null check (length(statement) between 1 and 1000),
    metric text not null default '' check (length(metric) <= 300),
    target text not null default '' check (length(target) <= 300),
    deadline date,
    owner_id uuid references person(id)
  )`,
  `create index project_objective_project on project_objective (project_id, position)`,
  `create index project_objective_owner on project_objective (owner_id) where owner_id is not null`,
  `create table project_indicator (
    id uuid primary key,
    project_id uuid not null references project(id),
    objective_id uuid not null references project_objective(id),
    position integer not null check (position >= 0),
    label text not null check (length(label) between 1 and 300),
    unit text not null default '' check (length(unit) <= 50),
    target numeric(14, 2) not null
  )`,
  `create index project_indicator_project on project_indicator (project_id, position)`,
  `create index project_indicator_objective on project_indicator (objective_id)`,
  `create table project_measurement (
    id uuid primary key,
    indicator_id uuid not null references project_indicator(id),
    measured_on date not null,
    value numeric(14, 2) not null,
    organization_id uuid references organization(id),
    note text not null default '' check (length(note) <= 1000),
    recorded_by uuid not null references person(id),
    recorded_at timestamptz not null
  )`,
  `create index project_measurement_indicator on project_measurement (indicator_id, measured_on)`,
  `create table project_means (
    id uuid primary key,
    project_id uuid not null references project(id),
    organization_id uuid not null references organization(id),
    kind text not null check (kind in ('room', 'equipment', 'staff_time', 'volunteer_time', 'speaker', 'other')),
    description text not null check (length(description) between 1 and 1000),
    directors_informed_at timestamptz,
    created_at timestamptz not null
  )`,
  `create index project_means_project on project_means (project_id, created_at)`,
  `create table project_evaluation (
    id uuid primary key,
    project_id uuid not null references project(id),
    period_ends_on date not null,
    analysis text not null check (length(analysis) between 1 and 20000),
    emerging_needs text not null default '' check (length(emerging_needs) <= 10000),
    reported_by uuid not null references person(id),
    reported_at timestamptz not null,
    proposal_id uuid references proposal(id),
    proposed_outcome text check (proposed_outcome in ('renew', 'adjust', 'close')),
    outcome text check (outcome in ('renew', 'adjust', 'close')),
    decided_at timestamptz,
    check ((outcome is null) = (decided_at is null))
  )`,
  `create index project_evaluation_project on project_evaluation (project_id, reported_at)`,
];
