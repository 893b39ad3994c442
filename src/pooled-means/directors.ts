import type { Kysely } from 'kysely';
import { calendarDay } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import { directorsBodyOf } from '../projects/conduct/directors.js';
import { lendingDirectors } from './rules.js';

/**
 * The people who answer for what an organization lends, on that day: its administrators, and
 * those seated for it in the directors' body the charter keeps informed of means (the body that
 * names project leads, else the first directors' body). Read by the acts (who may decline, who
 * is told) and by the pages (who sees the decline form), so both agree.
 */
export async function lendingDirectorIds(db: Kysely<Database>, partnershipId: string, organizationId: string, now: Date, except: string | null = null): Promise<string[]> {
  const today = calendarDay(now);
  const directors = await directorsBodyOf(db, partnershipId);
  const [administrators, seated] = await Promise.all([
    db
      .selectFrom('membership as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select('m.person_id')
      .where('m.organization_id', '=', organizationId)
      .where('m.is_organization_admin', '=', true)
      .where('p.partnership_id', '=', partnershipId)
      .execute(),
    directors
      ? db
          .selectFrom('body_member')
          .select('person_id')
          .where('body_id', '=', directors.id)
          .where('organization_id', '=', organizationId)
          .where('starts_on', '<=', today)
          .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', today)]))
          .execute()
      : Promise.resolve([]),
  ]);
  return lendingDirectors({ administratorIds: administrators.map((row) => row.person_id), seatedIds: seated.map((row) => row.person_id) }, except);
}
