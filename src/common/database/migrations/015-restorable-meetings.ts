/**
 * A meeting points to its current agenda item, which points back to its meeting. Restoring a
 * backup inserts meetings before their items; this reference alone may then wait for the end of
 * the transaction. Everywhere else it is checked at once, as before.
 */
export const restorableMeetings: readonly string[] = [
  `alter table meeting alter constraint meeting_current_item_id_fkey deferrable initially immediate`,
];
