/**
 * Registers of a partnership with 100,000 decisions (bench/scale.js): a body's decisions newest
 * first, and the reservations and objections heard, newest first, each read from an index in its
 * order instead of sorting every row; a search for words the decisions contain, from trigram
 * indexes (pg_trgm ships with PostgreSQL and PGlite, and a database owner may create it).
 */
export const registerIndexes: readonly string[] = [
  `create extension if not exists pg_trgm`,
  `create index proposal_search on proposal using gin (wording gin_trgm_ops, context gin_trgm_ops, outcome_statement gin_trgm_ops)`,
  `create index proposal_register on proposal (body_id, decided_at desc, id desc) where status <> 'open'`,
  `create index stance_heard on stance (updated_at desc) where stance in ('agree_with_reservation', 'object')`,
];
