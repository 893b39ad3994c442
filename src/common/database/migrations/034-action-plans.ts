/**
 * The partnership's action plan (issue 18): a road map over a period (three years in the seed
 * charter) around a few subjects, each with its actions (an owner, a deadline, a status). Like a
 * charter's versions, a partnership has one draft and one adopted plan at most, the others
 * superseded; a draft is adopted only by the decision of a proposal that names it
 * (`proposal.action_plan_id`). Once adopted, its title, period, subjects and actions are frozen:
 * only an action's status still moves (the owner reports progress). A subject copied into the next
 * draft remembers the one it was carried from, so the projects attached to it follow it when that
 * draft is adopted. Projects say which subjects they serve (`project_subject`).
 */
export const actionPlans: readonly string[] = [
  `create table action_plan (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    title text not null check (length(title) between 1 and 200),
    starts_on date not null,
    ends_on date not null,
    status text not null check (status in ('draft', 'adopted', 'superseded')),
    adopted_on date,
    created_by uuid references person(id),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    check (ends_on > starts_on),
    check ((status = 'draft') = (adopted_on is null))
  )`,
  `create unique index action_plan_one_draft on action_plan (partnership_id) where status = 'draft'`,
  `create unique index action_plan_one_adopted on action_plan (partnership_id) where status = 'adopted'`,
  `create table action_plan_subject (
    id uuid primary key,
    plan_id uuid not null references action_plan(id),
    position integer not null check (position >= 0),
    title text not null check (length(title) between 1 and 200),
    description text not null default '' check (length(description) <= 5000),
    carried_from uuid references action_plan_subject(id)
  )`,
  `create index action_plan_subject_plan on action_plan_subject (plan_id, position)`,
  `create index action_plan_subject_carried on action_plan_subject (carried_from) where carried_from is not null`,
  `create table action_plan_action (
    id uuid primary key,
    subject_id uuid not null references action_plan_subject(id),
    position integer not null check (position >= 0),
    title text not null check (length(title) between 1 and 300),
    owner_id uuid references person(id),
    deadline date,
    status text not null check (status in ('todo', 'doing', 'done', 'dropped')),
    status_since timestamptz not null
  )`,
  `create index action_plan_action_subject on action_plan_action (subject_id, position)`,
  // « À faire pour vous » looks for a person's open actions.
  `create index action_plan_action_owner on action_plan_action (owner_id, deadline) where owner_id is not null and status in ('todo', 'doing')`,
  `create table project_subject (
    project_id uuid not null references project(id),
    subject_id uuid not null references action_plan_subject(id),
    primary key (project_id, subject_id)
  )`,
  `create index project_subject_subject on project_subject (subject_id)`,
  `alter table proposal add column action_plan_id uuid references action_plan(id)`,
  `create unique index proposal_one_open_per_action_plan on proposal (action_plan_id) where status = 'open' and action_plan_id is not null`,
  `create index proposal_action_plan on proposal (action_plan_id) where action_plan_id is not null`,
  // What an adopted plan says is what its decision adopted: only an action's status moves after.
  `create function action_plan_frozen() returns trigger language plpgsql as $$
   begin
     if tg_op = 'DELETE' then
       if old.status <> 'draft' then raise exception 'an adopted action plan cannot be deleted' using errcode = '55000'; end if;
       return old;
     end if;
     if old.status <> 'draft' and (new.title, new.starts_on, new.ends_on, new.adopted_on, new.partnership_id)
          is distinct from (old.title, old.starts_on, old.ends_on, old.adopted_on, old.partnership_id) then
       raise exception 'an adopted action plan cannot change' using errcode = '55000';
     end if;
     if (old.status, new.status) not in (('draft', 'draft'), ('draft', 'adopted'), ('adopted', 'adopted'), ('adopted', 'superseded'), ('superseded', 'superseded')) then
       raise exception 'an action plan goes from draft to adopted to superseded only' using errcode = '55000';
     end if;
     return new;
   end
   $$`,
  `create trigger action_plan_frozen before update or delete on action_plan
     for each row execute function action_plan_frozen()`,
  `create function action_plan_subject_frozen() returns trigger language plpgsql as $$
   declare
     plan_status text;
   begin
     select status into plan_status from action_plan where id = case when tg_op = 'DELETE' then old.plan_id else new.plan_id end;
     if plan_status <> 'draft' then raise exception 'the subjects of an adopted action plan cannot change' using errcode = '55000'; end if;
     if tg_op = 'UPDATE' and new.plan_id <> old.plan_id then raise exception 'a subject stays in its plan' using errcode = '55000'; end if;
     return case when tg_op = 'DELETE' then old else new end;
   end
   $$`,
  // Rows are inserted only by acts that lock a draft first (and by a restore, which brings adopted plans whole).
  `create trigger action_plan_subject_frozen before update or delete on action_plan_subject
     for each row execute function action_plan_subject_frozen()`,
  `create function action_plan_action_frozen() returns trigger language plpgsql as $$
   declare
     plan_status text;
   begin
     select p.status into plan_status from action_plan p join action_plan_subject s on s.plan_id = p.id
      where s.id = case when tg_op = 'DELETE' then old.subject_id else new.subject_id end;
     if plan_status = 'draft' then return case when tg_op = 'DELETE' then old else new end; end if;
     if tg_op = 'UPDATE' and plan_status = 'adopted'
        and (new.subject_id, new.position, new.title, new.owner_id, new.deadline) is not distinct from (old.subject_id, old.position, old.title, old.owner_id, old.deadline) then
       return new;
     end if;
     raise exception 'the actions of an adopted action plan cannot change, only their status' using errcode = '55000';
   end
   $$`,
  `create trigger action_plan_action_frozen before update or delete on action_plan_action
     for each row execute function action_plan_action_frozen()`,
];
