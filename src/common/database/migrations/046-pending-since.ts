/**
 * An act answers at its commit and its entries are chained just after (issue 22): when each entry
 * began to wait is kept, by the database's clock, so `entente journal verify` can name those
 * waiting longer than the bound. Entries already pending count from now.
 */
export const journalPendingSince: readonly string[] = [`alter table journal_pending add column pending_since timestamptz not null default clock_timestamp()`];
