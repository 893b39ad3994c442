/**
 * The register of agreements and disagreements lists a partnership's settled decisions, newest
 * first, with the dissent each met (issue 14, point 11): an index in that order, and a trigram
 * index to search the reasons of reservations, objections and votes against. It no longer reads
 * every dissenting stance by time, so the index that served that goes.
 */
export const agreementRegister: readonly string[] = [
  `create index proposal_settled on proposal (partnership_id, decided_at desc, id desc) where status <> 'open'`,
  `create index stance_dissent_search on stance using gin (reason gin_trgm_ops) where stance in ('agree_with_reservation', 'object', 'against')`,
  `drop index stance_heard`,
];
