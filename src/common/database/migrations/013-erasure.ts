/**
 * The right to erasure (GDPR art. 17): an erased person keeps their place in the records (seats
 * held, stances taken, signatures), under a pseudonym, without name, contact or account.
 */
export const erasure: readonly string[] = [`alter table person add column erased_at timestamptz`];
