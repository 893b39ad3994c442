import type { Kysely } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { appointingBodyOf } from './rules.js';

/** A role of the partnership with the body that appoints its holders, or undefined. */
export async function roleWithAppointer(db: Kysely<Database>, partnershipId: string, roleId: string) {
  const role = await db
    .selectFrom('role as r')
    .leftJoin('body as b', 'b.id', 'r.body_id')
    .select(['r.id', 'r.body_id', 'r.appointed_by_parent', 'r.term_months', 'b.parent_body_id'])
    .where('r.id', '=', roleId)
    .where('r.partnership_id', '=', partnershipId)
    .executeTakeFirst();
  return role && { ...role, appointingBodyId: appointingBodyOf(role) };
}
