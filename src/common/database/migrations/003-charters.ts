/**
 * Charters, their versions and signatures. A version's content (title, articles, rules) is frozen
 * once adopted: the database refuses to change it, so a signature's hash keeps meaning something.
 */
export const charters: readonly string[] = [
  `create table charter (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    kind text not null check (kind in ('partnership', 'project')),
    created_at timestamptz not null default now()
  )`,
  `create index charter_partnership on charter (partnership_id)`,
  `create table charter_version (
    id uuid primary key,
    charter_id uuid not null references charter(id),
    number integer not null check (number >= 1),
    status text not null check (status in ('draft', 'adopted', 'superseded')),
    title text not null check (length(title) between 1 and 300),
    articles jsonb not null,
    rules jsonb not null,
    content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
    adopted_on date,
    adopted_by_body_id uuid references body(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (charter_id, number),
    check ((status = 'draft') = (adopted_on is null))
  )`,
  `create unique index charter_version_one_draft on charter_version (charter_id) where status = 'draft'`,
  `create unique index charter_version_one_adopted on charter_version (charter_id) where status = 'adopted'`,
  `create function charter_version_frozen() returns trigger language plpgsql as $$
   begin
     if tg_op = 'DELETE' then
       if old.status <> 'draft' then raise exception 'an adopted charter version cannot be deleted' using errcode = '55000'; end if;
       return old;
     end if;
     if old.status <> 'draft' and (new.title, new.articles, new.rules, new.content_hash, new.adopted_on, new.adopted_by_body_id, new.number)
          is distinct from (old.title, old.articles, old.rules, old.content_hash, old.adopted_on, old.adopted_by_body_id, old.number) then
       raise exception 'an adopted charter version cannot change' using errcode = '55000';
     end if;
     if (old.status, new.status) not in (('draft', 'draft'), ('draft', 'adopted'), ('adopted', 'adopted'), ('adopted', 'superseded'), ('superseded', 'superseded')) then
       raise exception 'a charter version goes from draft to adopted to superseded only' using errcode = '55000';
     end if;
     return new;
   end
   $$`,
  `create trigger charter_version_frozen before update or delete on charter_version
     for each row execute function charter_version_frozen()`,
  `create table charter_signature (
    id uuid primary key,
    version_id uuid not null references charter_version(id),
    signatory_id uuid not null,
    person_id uuid not null references person(id),
    organization_id uuid references organization(id),
    capacity text not null,
    typed_name text not null check (length(typed_name) between 1 and 200),
    statement text not null,
    content_hash text not null,
    signed_at timestamptz not null,
    unique (version_id, signatory_id)
  )`,
  `create index charter_signature_person on charter_signature (person_id)`,
  `create function charter_signature_append_only() returns trigger language plpgsql as $$
   begin
     raise exception 'a signature cannot be changed or withdrawn' using errcode = '55000';
   end
   $$`,
  `create trigger charter_signature_append_only before update or delete on charter_signature
     for each row execute function charter_signature_append_only()`,
];
