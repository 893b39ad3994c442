import type { Kysely } from 'kysely';
import { calendarDay, type IsoDate } from '../common/dates.js';
import { heldOn } from '../common/database/periods.js';
import type { Database } from '../common/database/schema.js';

/** A person who sits in a body on a given day. */
export interface BodyMember {
  readonly personId: string;
  readonly fullName: string;
  /** The organization each of their seats there represents (null for a seat that represents none). */
  readonly seatsFor: readonly (string | null)[];
  /** The organizations they belong to, whatever their seats represent (a proxy stays within one). */
  readonly organizationIds: readonly string[];
}

/**
 * Who sits in a body on a day: an instant counts by its day where the partnerships live (a
 * meeting's members are those of its day, so minutes noted later name the members of then).
 * Keyed by person, in the body's order (by name). `onlyPersonId` asks whether one person sits
 * there: one indexed lookup, on the path of every stance.
 */
export async function bodyMembersOn(
  db: Kysely<Database>,
  bodyId: string,
  on: Date | IsoDate,
  onlyPersonId?: string,
): Promise<Map<string, BodyMember>> {
  const day = typeof on === 'string' ? on : calendarDay(on);
  let query = db
    .selectFrom('body_member as s')
    .innerJoin('person as p', 'p.id', 's.person_id')
    .leftJoin('membership as m', 'm.person_id', 's.person_id')
    .select(['s.id', 's.person_id', 'p.full_name', 's.organization_id as seat_organization_id', 'm.organization_id'])
    .where('s.body_id', '=', bodyId)
    .where(heldOn('s', day));
  if (onlyPersonId !== undefined) query = query.where('s.person_id', '=', onlyPersonId);
  const rows = await query.orderBy('p.full_name').orderBy('p.id').execute();
  const members = new Map<string, { personId: string; fullName: string; seatsFor: (string | null)[]; organizationIds: string[] }>();
  const seatsSeen = new Set<string>();
  for (const row of rows) {
    const member = members.get(row.person_id) ?? { personId: row.person_id, fullName: row.full_name, seatsFor: [], organizationIds: [] };
    members.set(row.person_id, member);
    // One row per seat and organization belonged to: each seat counts once.
    if (!seatsSeen.has(row.id)) {
      seatsSeen.add(row.id);
      member.seatsFor.push(row.seat_organization_id);
    }
    if (row.organization_id !== null && !member.organizationIds.includes(row.organization_id)) member.organizationIds.push(row.organization_id);
  }
  return members;
}
