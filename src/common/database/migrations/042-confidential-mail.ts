/**
 * Mail about a dispute is confidential to its addressee (seed 000, art. 7): the notice and the
 * message say so, so that the « Messages » page administrators read, and the partnership's
 * backups, leave them out. It still goes out, and the to-do list still holds what it asks.
 */
export const confidentialMail: readonly string[] = [
  `alter table outbox_message add column confidential boolean not null default false`,
  `alter table mail_notice add column confidential boolean not null default false`,
];
