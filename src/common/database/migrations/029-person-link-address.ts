/**
 * A mail's button holds for the address it was sent to: once the person's address changes (or
 * their account's differs), the link opens nothing, so whoever may edit an address cannot
 * receive another person's key. Links written before carry the address their person has now.
 */
export const personLinkAddress: readonly string[] = [
  `alter table person_link add column email text`,
  `update person_link l set email = p.email from person p where p.id = l.person_id`,
  `delete from person_link where email is null`,
  `alter table person_link alter column email set not null`,
];
