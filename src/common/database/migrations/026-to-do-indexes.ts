/**
 * What a person has to do (participation/queries.ts) is read on every home page: the open
 * proposals of their bodies and the meetings whose minutes are under review are found through
 * these partial indexes, which hold the few rows still open, not the partnership's whole history.
 */
export const toDoIndexes: readonly string[] = [
  `create index proposal_open on proposal (body_id) where status = 'open'`,
  `create index meeting_under_review on meeting (partnership_id) where minutes_published_at is null and review_until is not null`,
];
