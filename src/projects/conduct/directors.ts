import type { Kysely } from 'kysely';
import { partnershipRules } from '../../charters/queries.js';
import { projectRulesOf } from '../../charters/rules/types.js';
import type { Database } from '../../common/database/schema.js';

/**
 * The directors' body the charter keeps informed of means committed to projects: the body that
 * names project leads (`projects.leadNamedBy`), else the partnership's first directors' body.
 */
export async function directorsBodyOf(trx: Kysely<Database>, partnershipId: string): Promise<{ id: string; name: string } | undefined> {
  const rules = await partnershipRules(trx, partnershipId);
  const named = rules ? projectRulesOf(rules).leadNamedBy : null;
  let query = trx.selectFrom('body').select(['id', 'name']).where('partnership_id', '=', partnershipId);
  query = named !== null ? query.where('id', '=', named) : query.where('kind', '=', 'directors').orderBy('created_at').orderBy('id');
  return query.executeTakeFirst();
}
