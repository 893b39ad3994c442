import { sql, type Kysely, type RawBuilder } from 'kysely';
import { PARTNERSHIP_TIME_ZONE, type IsoDate } from '../dates.js';
import type { Database } from './schema.js';

/**
 * The SQL of `isCurrent` (common/dates.ts): a row's period holds on `day` when it started on or
 * before it and has not ended on or before it (the end day is excluded). `alias` names the table
 * or its alias, whose `starts_on` and `ends_on` are compared.
 */
export function heldOn(alias: string, day: IsoDate): RawBuilder<boolean> {
  const startsOn = sql.ref(`${alias}.starts_on`);
  const endsOn = sql.ref(`${alias}.ends_on`);
  return sql<boolean>`(${startsOn} <= ${day} and (${endsOn} is null or ${endsOn} > ${day}))`;
}

/**
 * The last second of a day where the partnerships live (summer or winter time), counted by the
 * database, which knows the time zones: the deadline of a task due that day, so that the reminder
 * sweep tells its owner the day before.
 */
export async function endOfDay(db: Kysely<Database>, day: IsoDate): Promise<Date> {
  const { rows } = await sql<{ deadline: Date }>`select ((${day}::date + 1)::timestamp at time zone ${sql.lit(PARTNERSHIP_TIME_ZONE)}) - interval '1 second' as deadline`.execute(db);
  return new Date(rows[0]!.deadline);
}
