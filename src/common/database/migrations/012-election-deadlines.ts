/**
 * Elections held at a distance: the nominations, then each consent round, run until a deadline.
 * The column holds the deadline of the phase under way, if it has one.
 */
export const electionDeadlines: readonly string[] = [`alter table election add column deadline timestamptz`];
