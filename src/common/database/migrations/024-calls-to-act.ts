/**
 * What the charter asks of people reaches them by mail (issue 16).
 * - `person.mail_preference`: every message, a daily digest, only what has a deadline, or nothing.
 * - `person_link`: single-purpose links sent by mail, by digest only: `act` opens one form signed in
 *   (consumed on use, short-lived), `mail-settings` opens the person's mail preferences (reusable).
 * - `session.partnership_scope`: a session opened by such a link reads one partnership only.
 * - `mail_notice`: what was asked of whom (or told), by when: the daily digest gathers those not yet
 *   mailed, and the reminder before a deadline is sent once.
 * - `outbox_message.content`: the structured mail, rendered as text and HTML at delivery, where the
 *   public address is known; `outbox_personal_body.tokens`: the secrets of its links, kept for the
 *   addressee alone until delivery, like the personal body.
 */
export const callsToAct: readonly string[] = [
  `alter table person add column mail_preference text not null default 'each'
    check (mail_preference in ('each', 'digest', 'deadlines', 'none'))`,
  `alter table person add column digest_sent_at timestamptz`,
  `create table person_link (
    token_hash text primary key,
    person_id uuid not null references person(id) on delete cascade,
    purpose text not null check (purpose in ('act', 'mail-settings')),
    path text not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  `create index person_link_person on person_link (person_id)`,
  `alter table session add column partnership_scope uuid references partnership(id) on delete cascade`,
  `create table mail_notice (
    id uuid primary key,
    partnership_id uuid not null references partnership(id),
    person_id uuid not null references person(id) on delete cascade,
    kind text not null check (kind in ('call', 'information')),
    target jsonb,
    deadline timestamptz,
    subject text not null,
    section jsonb not null,
    created_at timestamptz not null,
    mailed_at timestamptz,
    reminded_at timestamptz
  )`,
  `create index mail_notice_digest on mail_notice (person_id, created_at) where mailed_at is null`,
  `create index mail_notice_deadline on mail_notice (deadline) where reminded_at is null and kind = 'call'`,
  `alter table outbox_message add column content jsonb`,
  `alter table outbox_personal_body add column tokens jsonb`,
  `alter table outbox_personal_body alter column body drop not null`,
];
