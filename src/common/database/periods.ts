import { sql, type RawBuilder } from 'kysely';
import type { IsoDate } from '../dates.js';

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
