import type { Kysely, Transaction } from 'kysely';
import type { CharterReferences } from './rules/check.js';
import type { CharterContent } from './rules/types.js';
import type { Database } from '../common/database/schema.js';

/** A version row's content; rows were validated by the charter schema when they were written. */
export const contentOf = (row: { title: string; articles: unknown; rules: unknown }): CharterContent =>
  ({ title: row.title, articles: row.articles, rules: row.rules }) as CharterContent;

export interface CharterNames extends CharterReferences {
  readonly peopleNames: ReadonlyMap<string, string>;
  readonly organizationNames: ReadonlyMap<string, string>;
}

/**
 * What charters may name in this partnership, in five queries whatever their size: every body,
 * role and organization (a partnership has few), and only the people the signatories name, with their
 * organizations.
 */
export async function loadCharterReferences(
  db: Kysely<Database> | Transaction<Database>,
  partnershipId: string,
  contents: readonly CharterContent[],
): Promise<CharterNames> {
  const personIds = [...new Set(contents.flatMap((content) => content.rules.signatories.map((s) => s.personId)).filter((id): id is string => id !== null))];
  const [bodies, roles, organizations, people, memberships] = await Promise.all([
    db.selectFrom('body').select(['id', 'name']).where('partnership_id', '=', partnershipId).execute(),
    db.selectFrom('role').select(['id', 'name']).where('partnership_id', '=', partnershipId).execute(),
    db.selectFrom('organization').select(['id', 'name']).where('partnership_id', '=', partnershipId).execute(),
    personIds.length === 0
      ? Promise.resolve([])
      : db.selectFrom('person').select(['id', 'full_name']).where('partnership_id', '=', partnershipId).where('id', 'in', personIds).execute(),
    personIds.length === 0 ? Promise.resolve([]) : db.selectFrom('membership').select(['person_id', 'organization_id']).where('person_id', 'in', personIds).execute(),
  ]);
  const organizationsOf = new Map<string, Set<string>>();
  for (const membership of memberships) organizationsOf.set(membership.person_id, (organizationsOf.get(membership.person_id) ?? new Set()).add(membership.organization_id));
  const organizationNames = new Map(organizations.map((o) => [o.id, o.name]));
  const peopleNames = new Map(people.map((p) => [p.id, p.full_name]));
  return {
    bodies: new Map(bodies.map((b) => [b.id, b.name])),
    roles: new Map(roles.map((r) => [r.id, r.name])),
    people: new Set(peopleNames.keys()),
    organizations: new Set(organizationNames.keys()),
    memberships: organizationsOf,
    peopleNames,
    organizationNames,
  };
}
