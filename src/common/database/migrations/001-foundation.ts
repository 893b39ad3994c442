/**
 * The structure of a partnership, accounts and the journal. Each element is one statement so that
 * both drivers run them the same way.
 */
export const foundation: readonly string[] = [
  `create table partnership (
    id uuid primary key,
    name text not null check (length(name) between 1 and 200),
    description text not null default '',
    created_at timestamptz not null default now()
  )`,
  `create table organization (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    name text not null check (length(name) between 1 and 200),
    kind text not null check (kind in ('association', 'social_centre', 'youth_centre', 'residents_committee', 'cooperative', 'public_body', 'other')),
    contact_email text,
    contact_phone text,
    address text,
    created_at timestamptz not null default now(),
    unique (partnership_id, name)
  )`,
  `create index organization_partnership on organization (partnership_id)`,
  `create table account (
    id uuid primary key,
    email text not null unique,
    password_hash text,
    locale text check (locale in ('fr', 'en')),
    created_at timestamptz not null default now()
  )`,
  `create table person (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    account_id uuid references account(id),
    full_name text not null check (length(full_name) between 1 and 200),
    email text,
    phone text,
    is_partnership_admin boolean not null default false,
    created_at timestamptz not null default now(),
    unique (partnership_id, email),
    unique (partnership_id, account_id)
  )`,
  `create index person_partnership on person (partnership_id)`,
  `create index person_account on person (account_id)`,
  `create table membership (
    id uuid primary key,
    person_id uuid not null references person(id),
    organization_id uuid not null references organization(id),
    kind text not null check (kind in ('volunteer', 'staff', 'board')),
    is_organization_admin boolean not null default false,
    created_at timestamptz not null default now(),
    unique (person_id, organization_id)
  )`,
  `create index membership_organization on membership (organization_id)`,
  `create table body (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    parent_body_id uuid references body(id),
    name text not null check (length(name) between 1 and 200),
    kind text not null check (kind in ('plenary', 'steering', 'directors', 'working_group', 'circle')),
    purpose text not null default '',
    delegates_per_organization integer check (delegates_per_organization between 1 and 50),
    min_referents_per_organization integer check (min_referents_per_organization between 1 and 50),
    min_size integer check (min_size between 1 and 10000),
    max_size integer check (max_size between 1 and 10000),
    created_at timestamptz not null default now(),
    unique (partnership_id, name),
    check (min_size is null or max_size is null or min_size <= max_size),
    check (parent_body_id is null or parent_body_id <> id)
  )`,
  `create index body_partnership on body (partnership_id)`,
  `create table body_member (
    id uuid primary key,
    body_id uuid not null references body(id),
    person_id uuid not null references person(id),
    organization_id uuid references organization(id),
    capacity text not null check (capacity in ('delegate', 'referent', 'member')),
    mandate_source text not null check (mandate_source in ('board', 'staff_body', 'general_assembly', 'partnership', 'self')),
    starts_on date not null,
    ends_on date,
    created_at timestamptz not null default now(),
    check (ends_on is null or ends_on >= starts_on)
  )`,
  `create index body_member_body on body_member (body_id)`,
  `create index body_member_person on body_member (person_id)`,
  `create unique index body_member_one_open_seat on body_member (body_id, person_id) where ends_on is null`,
  `create table role (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    body_id uuid references body(id),
    name text not null check (length(name) between 1 and 200),
    purpose text not null default '',
    accountabilities jsonb not null default '[]',
    term_months integer check (term_months between 1 and 120),
    created_at timestamptz not null default now(),
    unique (partnership_id, name)
  )`,
  `create index role_partnership on role (partnership_id)`,
  `create table role_assignment (
    id uuid primary key,
    role_id uuid not null references role(id),
    person_id uuid not null references person(id),
    starts_on date not null,
    ends_on date,
    created_at timestamptz not null default now(),
    check (ends_on is null or ends_on >= starts_on)
  )`,
  `create index role_assignment_role on role_assignment (role_id)`,
  `create index role_assignment_person on role_assignment (person_id)`,
  `create table delegation (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    from_person_id uuid not null references person(id),
    to_person_id uuid not null references person(id),
    body_id uuid not null references body(id),
    scope text not null check (length(scope) between 1 and 2000),
    starts_on date not null,
    ends_on date,
    created_at timestamptz not null default now(),
    check (from_person_id <> to_person_id),
    check (ends_on is null or ends_on >= starts_on)
  )`,
  `create index delegation_body on delegation (body_id)`,
  `create table invitation (
    token_hash text primary key,
    person_id uuid not null references person(id),
    email text not null,
    expires_at timestamptz not null,
    accepted_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  `create table magic_link (
    token_hash text primary key,
    account_id uuid not null references account(id),
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  `create table session (
    id_hash text primary key,
    account_id uuid not null references account(id),
    csrf_token text not null,
    expires_at timestamptz not null,
    created_at timestamptz not null default now()
  )`,
  `create index session_account on session (account_id)`,
  `create table outbox_message (
    id uuid primary key,
    partnership_id uuid references partnership(id),
    recipient text not null,
    subject text not null,
    body text not null,
    sent_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  `create index outbox_unsent on outbox_message (created_at) where sent_at is null`,
  `create index outbox_partnership on outbox_message (partnership_id, created_at)`,
  `create table journal_head (
    partnership_id uuid primary key references partnership(id),
    seq integer not null,
    prev_hash text not null,
    hash text not null
  )`,
  `create table journal_entry (
    partnership_id uuid not null references partnership(id),
    seq integer not null,
    recorded_at timestamptz not null,
    actor_id uuid,
    kind text not null,
    payload jsonb not null,
    prev_hash text not null,
    hash text not null,
    primary key (partnership_id, seq)
  )`,
  `create function journal_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'journal_entry is append-only: % refused', tg_op using errcode = 'P0001';
    end
  $$`,
  `create trigger journal_append_only before update or delete on journal_entry
    for each row execute function journal_refuse_change()`,
  `create trigger journal_no_truncate before truncate on journal_entry
    for each statement execute function journal_refuse_change()`,
];
