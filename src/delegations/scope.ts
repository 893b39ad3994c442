import type { Kysely, Transaction } from 'kysely';
import { calendarDay } from '../common/dates.js';
import { heldOn } from '../common/database/periods.js';
import type { Database } from '../common/database/schema.js';

/**
 * Where a charter lets one person decide ("lead decides"), they decide within a scope the body
 * gave them: a role of that body they hold today, or a delegation they received from it.
 */
export async function holdsDelegatedScope(db: Kysely<Database> | Transaction<Database>, bodyId: string, personId: string, now: Date): Promise<boolean> {
  const today = calendarDay(now);
  const role = await db
    .selectFrom('role_assignment as a')
    .innerJoin('role as r', 'r.id', 'a.role_id')
    .select('a.id')
    .where('r.body_id', '=', bodyId)
    .where('a.person_id', '=', personId)
    .where(heldOn('a', today))
    .limit(1)
    .executeTakeFirst();
  if (role) return true;
  const delegation = await db
    .selectFrom('delegation as d')
    .select('d.id')
    .where('d.body_id', '=', bodyId)
    .where('d.to_person_id', '=', personId)
    .where(heldOn('d', today))
    .limit(1)
    .executeTakeFirst();
  return delegation !== undefined;
}
