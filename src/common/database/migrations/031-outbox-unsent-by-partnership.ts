/**
 * An act's delivery claims its partnership's oldest unsent message; the index over every message
 * of the partnership would walk its whole sent history for each claim, this one holds only what waits.
 */
export const outboxUnsentByPartnership: readonly string[] = [
  `create index outbox_unsent_by_partnership on outbox_message (partnership_id, created_at) where sent_at is null`,
];
