/**
 * Money (issue 19), in integer cents everywhere, written once and never rewritten: a treasurer
 * corrects a ledger by a reversing row, as on paper.
 *
 * - A **budget** belongs to a common project or to a project charter's own project (seed 000).
 *   Its forecast comes in **versions**: one draft (or proposed) at most, one validated at most,
 *   the others superseded; a version is validated with its project (by the decision that validates
 *   the project), or later by the decision of a proposal naming it (`proposal.budget_version_id`:
 *   the proposal names what it decides, never the other way round, so a restore has no cycle). A forecast **line** keeps its `line_key`
 *   across versions, so actual **entries** stay on their line when the forecast is revised.
 * - The charter's split posts are paid by **split payments**; at closing or on an exit plan a
 *   **settlement** states, per post, what was owed on the money received, paid, delivered,
 *   refunded and still due. Approved by a decision (`proposal.settlement_id`), it closes the budget.
 * - The **common fund** (« le 1 % »): each organization declares its annual budget, the fund
 *   calls its contribution for the year, and the ledger holds payments in and spendings out; a
 *   spending is written only by the adoption of a proposal carrying its amount
 *   (`proposal.fund_spending_cents`).
 * - **Pooled means**: what an organization lends (rooms, equipment, vehicles, staff time), booked
 *   by a project for a span of time; two live bookings of one mean never overlap.
 */
export const money: readonly string[] = [
  `create table money_attachment (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    file_name text not null check (length(file_name) between 1 and 200),
    content_type text not null check (length(content_type) between 1 and 100),
    size_bytes integer not null check (size_bytes between 1 and 5242880),
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    content bytea not null,
    uploaded_by uuid references person(id),
    uploaded_at timestamptz not null
  )`,
  `create index money_attachment_partnership on money_attachment (partnership_id)`,

  `create table budget (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    project_id uuid references project(id),
    charter_id uuid references charter(id),
    status text not null check (status in ('open', 'closed')),
    created_at timestamptz not null,
    closed_at timestamptz,
    check ((project_id is null) <> (charter_id is null)),
    check ((status = 'closed') = (closed_at is not null))
  )`,
  `create unique index budget_one_per_project on budget (project_id) where project_id is not null`,
  `create unique index budget_one_per_charter on budget (charter_id) where charter_id is not null`,
  `create index budget_partnership on budget (partnership_id)`,
  `create table budget_version (
    id uuid primary key,
    budget_id uuid not null references budget(id),
    number integer not null check (number >= 1),
    status text not null check (status in ('draft', 'proposed', 'validated', 'superseded')),
    validated_on date,
    created_by uuid references person(id),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (budget_id, number),
    check ((status in ('validated', 'superseded')) = (validated_on is not null))
  )`,
  `create unique index budget_version_one_draft on budget_version (budget_id) where status in ('draft', 'proposed')`,
  `create unique index budget_version_one_validated on budget_version (budget_id) where status = 'validated'`,
  `create table budget_line (
    id uuid primary key,
    version_id uuid not null references budget_version(id),
    line_key uuid not null,
    position integer not null check (position >= 0),
    kind text not null check (kind in ('cost', 'income')),
    category text not null check (category in ('staff', 'premises', 'equipment', 'provider', 'transport', 'purchase', 'other_cost', 'contribution', 'grant', 'self_financing', 'other_income')),
    internal boolean not null,
    label text not null check (length(label) between 1 and 200),
    organization_id uuid references organization(id),
    amount_cents bigint check (amount_cents between 0 and 100000000000),
    grant_status text check (grant_status in ('to_apply', 'applied', 'granted', 'paid')),
    unique (version_id, line_key),
    check ((category = 'grant') = (grant_status is not null)),
    check ((kind = 'cost') = (category in ('staff', 'premises', 'equipment', 'provider', 'transport', 'purchase', 'other_cost'))),
    check (internal = false or kind = 'cost'),
    check (amount_cents is not null or internal)
  )`,
  `create index budget_line_version on budget_line (version_id, position)`,
  `create table budget_entry (
    id uuid primary key,
    budget_id uuid not null references budget(id),
    line_key uuid not null,
    occurred_on date not null,
    amount_cents bigint not null check (amount_cents between -100000000000 and 100000000000 and amount_cents <> 0),
    organization_id uuid references organization(id),
    person_id uuid references person(id),
    counterparty text not null default '' check (length(counterparty) <= 200),
    note text not null default '' check (length(note) <= 2000),
    attachment_id uuid references money_attachment(id),
    reverses uuid unique references budget_entry(id),
    recorded_by uuid references person(id),
    recorded_at timestamptz not null
  )`,
  `create index budget_entry_line on budget_entry (budget_id, line_key, occurred_on)`,
  `create index budget_entry_budget on budget_entry (budget_id, occurred_on, recorded_at)`,

  `create table split_payment (
    id uuid primary key,
    budget_id uuid not null references budget(id),
    post_id uuid not null,
    paid_on date not null,
    amount_cents bigint not null check (amount_cents between -100000000000 and 100000000000 and amount_cents <> 0),
    person_id uuid references person(id),
    organization_id uuid references organization(id),
    reverses uuid unique references split_payment(id),
    recorded_by uuid references person(id),
    recorded_at timestamptz not null
  )`,
  `create index split_payment_budget on split_payment (budget_id, post_id)`,
  `create table settlement (
    id uuid primary key,
    budget_id uuid not null references budget(id),
    reason text not null check (reason in ('closing', 'exit_plan')),
    status text not null check (status in ('draft', 'proposed', 'approved', 'rejected')),
    received_cents bigint not null,
    spent_cents bigint not null,
    approved_on date,
    created_by uuid references person(id),
    created_at timestamptz not null,
    check ((status = 'approved') = (approved_on is not null))
  )`,
  `create unique index settlement_one_pending on settlement (budget_id) where status in ('draft', 'proposed')`,
  `create unique index settlement_one_approved on settlement (budget_id) where status = 'approved'`,
  `create table settlement_line (
    settlement_id uuid not null references settlement(id),
    post_id uuid not null,
    position integer not null check (position >= 0),
    label text not null check (length(label) between 1 and 300),
    planned_cents bigint not null,
    owed_cents bigint not null,
    paid_cents bigint not null,
    delivered_cents bigint not null check (delivered_cents >= 0),
    refund_cents bigint not null check (refund_cents >= 0),
    due_cents bigint not null check (due_cents >= 0),
    primary key (settlement_id, post_id)
  )`,

  `create table fund_declaration (
    partnership_id uuid not null references partnership(id),
    organization_id uuid not null references organization(id),
    year integer not null check (year between 2000 and 2200),
    budget_cents bigint not null check (budget_cents between 0 and 100000000000000),
    declared_by uuid references person(id),
    declared_at timestamptz not null,
    primary key (partnership_id, organization_id, year)
  )`,
  `create table fund_call (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    organization_id uuid not null references organization(id),
    year integer not null check (year between 2000 and 2200),
    amount_cents bigint not null check (amount_cents between 0 and 100000000000),
    declared_budget_cents bigint,
    percent numeric(6, 3),
    due_on date not null,
    issued_by uuid references person(id),
    issued_at timestamptz not null,
    unique (partnership_id, organization_id, year)
  )`,
  `create index fund_call_year on fund_call (partnership_id, year)`,
  `create table fund_ledger (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    year integer not null check (year between 2000 and 2200),
    kind text not null check (kind in ('payment', 'spending')),
    organization_id uuid references organization(id),
    call_id uuid references fund_call(id),
    proposal_id uuid unique references proposal(id),
    amount_cents bigint not null check (amount_cents between -100000000000 and 100000000000 and amount_cents <> 0),
    occurred_on date not null,
    reverses uuid unique references fund_ledger(id),
    recorded_by uuid references person(id),
    recorded_at timestamptz not null,
    check ((kind = 'payment') = (organization_id is not null)),
    check ((kind = 'spending') = (proposal_id is not null)),
    check (reverses is null or kind = 'payment')
  )`,
  `create index fund_ledger_partnership on fund_ledger (partnership_id, occurred_on, recorded_at)`,
  `create index fund_ledger_call on fund_ledger (call_id) where call_id is not null`,

  `create table pooled_mean (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    organization_id uuid not null references organization(id),
    kind text not null check (kind in ('room', 'equipment', 'vehicle', 'staff_time', 'other')),
    label text not null check (length(label) between 1 and 200),
    conditions text not null default '' check (length(conditions) <= 5000),
    withdrawn_at timestamptz,
    created_by uuid references person(id),
    created_at timestamptz not null
  )`,
  `create index pooled_mean_partnership on pooled_mean (partnership_id, organization_id)`,
  `create table pooled_mean_booking (
    id uuid primary key,
    mean_id uuid not null references pooled_mean(id),
    project_id uuid not null references project(id),
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    purpose text not null default '' check (length(purpose) <= 2000),
    status text not null check (status in ('informed', 'declined', 'cancelled')),
    requested_by uuid references person(id),
    requested_at timestamptz not null,
    decided_by uuid references person(id),
    decided_at timestamptz,
    decline_reason text not null default '' check (length(decline_reason) <= 2000),
    check (ends_at > starts_at),
    check ((status = 'informed') = (decided_at is null))
  )`,
  `create index pooled_mean_booking_mean on pooled_mean_booking (mean_id, starts_at) where status = 'informed'`,
  `create index pooled_mean_booking_project on pooled_mean_booking (project_id)`,
  // The act checks too, for a clear message; this makes two bookings racing each other safe: the
  // mean's row is locked, so the second waits for the first and then sees it.
  `create function pooled_mean_no_overlap() returns trigger language plpgsql as $$
   begin
     if new.status <> 'informed' then return new; end if;
     perform 1 from pooled_mean where id = new.mean_id for update;
     if exists (select 1 from pooled_mean_booking b
                 where b.mean_id = new.mean_id and b.id <> new.id and b.status = 'informed'
                   and b.starts_at < new.ends_at and new.starts_at < b.ends_at) then
       raise exception 'this mean is already booked at that time' using errcode = '23P01', constraint = 'pooled_mean_booking_no_overlap';
     end if;
     return new;
   end
   $$`,
  `create trigger pooled_mean_no_overlap before insert or update on pooled_mean_booking
     for each row execute function pooled_mean_no_overlap()`,

  // Ledgers are written once. (A closed budget's refusal of new rows is the act's, under the budget's row lock: a restore brings closed budgets with their rows.)
  `create function money_row_written_once() returns trigger language plpgsql as $$
   begin
     raise exception '% rows are written once: correct them with a reversing row', tg_table_name using errcode = '55000';
   end
   $$`,
  `create trigger budget_entry_written_once before update or delete on budget_entry for each row execute function money_row_written_once()`,
  `create trigger split_payment_written_once before update or delete on split_payment for each row execute function money_row_written_once()`,
  `create trigger fund_ledger_written_once before update or delete on fund_ledger for each row execute function money_row_written_once()`,
  `alter table proposal add column budget_version_id uuid references budget_version(id)`,
  `alter table proposal add column settlement_id uuid references settlement(id)`,
  `alter table proposal add column fund_spending_cents bigint check (fund_spending_cents between 1 and 100000000000)`,
  `create unique index proposal_one_open_per_budget_version on proposal (budget_version_id) where status = 'open' and budget_version_id is not null`,
  `create unique index proposal_one_open_per_settlement on proposal (settlement_id) where status = 'open' and settlement_id is not null`,
  `create index proposal_fund_spending on proposal (partnership_id) where fund_spending_cents is not null`,
];
