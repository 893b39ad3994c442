import type { Kysely, Transaction } from 'kysely';
import type { CharterReferences } from '../domain/charter/check.js';
import type { CharterContent } from '../domain/charter/types.js';
import type { Database } from '../store/schema.js';

export interface CharterNames extends CharterReferences {
  readonly peopleNames: ReadonlyMap<string, string>;
  readonly organizationNames: ReadonlyMap<string, string>;
}

/**
 * What charters may name in this partnership, in three queries whatever their size: every body
 * and organization (a partnership has few), and only the people the signatories name.
 */
export async function loadCharterReferences(
  db: Kysely<Database> | Transaction<Database>,
  partnershipId: string,
  contents: readonly CharterContent[],
): Promise<CharterNames> {
  const personIds = [...new Set(contents.flatMap((content) => content.rules.signatories.map((s) => s.personId)).filter((id): id is string => id !== null))];
  const [bodies, organizations, people] = await Promise.all([
    db.selectFrom('body').select(['id', 'name']).where('partnership_id', '=', partnershipId).execute(),
    db.selectFrom('organization').select(['id', 'name']).where('partnership_id', '=', partnershipId).execute(),
    personIds.length === 0
      ? Promise.resolve([])
      : db.selectFrom('person').select(['id', 'full_name']).where('partnership_id', '=', partnershipId).where('id', 'in', personIds).execute(),
  ]);
  const organizationNames = new Map(organizations.map((o) => [o.id, o.name]));
  const peopleNames = new Map(people.map((p) => [p.id, p.full_name]));
  return {
    bodies: new Map(bodies.map((b) => [b.id, b.name])),
    people: new Set(peopleNames.keys()),
    organizations: new Set(organizationNames.keys()),
    peopleNames,
    organizationNames,
  };
}
