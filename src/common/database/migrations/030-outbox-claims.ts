/**
 * Several instances may deliver the outbox: an instance claims a message before it sends it, for
 * a while (`claimed_until`, by the database's clock), and names itself (`claimed_by`, an id each
 * dispatcher draws at start) so that giving back a message it failed to send never frees another
 * instance's claim. A claim that outlives its instance expires, and the message is sent by another.
 */
export const outboxClaims: readonly string[] = [
  `alter table outbox_message add column claimed_until timestamptz`,
  `alter table outbox_message add column claimed_by uuid`,
];
