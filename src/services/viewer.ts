import { sql, type Kysely } from 'kysely';
import { calendarDay } from '../domain/dates.js';
import type { Viewer } from '../domain/structure/permissions.js';
import type { Database } from '../store/schema.js';

/** The account's person in this partnership and what the structure lets them do, in one query. */
export async function loadViewer(
  db: Kysely<Database>,
  accountId: string,
  partnershipId: string,
  now: Date,
): Promise<Viewer | undefined> {
  const today = calendarDay(now);
  const row = await db
    .selectFrom('person as p')
    .select([
      'p.id',
      'p.is_partnership_admin',
      sql<string[]>`coalesce((select array_agg(m.organization_id) from membership m
        where m.person_id = p.id and m.is_organization_admin), '{}')`.as('admin_of'),
      sql<string[]>`coalesce((select array_agg(distinct s.body_id) from body_member s
        where s.person_id = p.id and s.starts_on <= ${today} and (s.ends_on is null or s.ends_on >= ${today})), '{}')`.as(
        'member_of',
      ),
    ])
    .where('p.account_id', '=', accountId)
    .where('p.partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    personId: row.id,
    isPartnershipAdmin: row.is_partnership_admin,
    adminOfOrganizations: new Set(row.admin_of),
    memberOfBodies: new Set(row.member_of),
  };
}
