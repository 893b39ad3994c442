/**
 * A role says how many people may hold it at once (issue 14, point 17). Existing roles get one:
 * the roles of the seeds — facilitator, secretary, lead link, second link, project lead — are each
 * held by one person, and a role two people held at once was most often the result of electing
 * someone without ending the previous holder's term. Terms already recorded are left as they are;
 * the next assignment or election makes room as the new rule says, and an administrator may raise
 * the number for a role that is truly shared.
 */
export const roleHolders: readonly string[] = [
  `alter table role add column max_holders integer not null default 1 check (max_holders between 1 and 50)`,
];
