import type { Kysely } from 'kysely';
import { moneyRulesOf, type MoneyRules } from '../charters/rules/types.js';
import { partnershipRules } from '../charters/queries.js';
import type { IsoDate } from '../common/dates.js';
import { heldOn } from '../common/database/periods.js';
import type { Database } from '../common/database/schema.js';

/**
 * Who keeps the partnership's books today: the holders of the treasurer role the charter names;
 * while nobody holds one, the partnership's administrators stand in (`may.keepAccounts`). Shared by
 * budgets, their settlement and the common fund, which all record money under the same rule.
 */
export interface BookKeepers {
  readonly money: MoneyRules;
  readonly treasurerRoleId: string | null;
  readonly treasurerIds: ReadonlySet<string>;
}

export async function bookKeepersOf(db: Kysely<Database>, partnershipId: string, today: IsoDate): Promise<BookKeepers> {
  const rules = await partnershipRules(db, partnershipId);
  const money = moneyRulesOf(rules ?? {});
  const treasurerRoleId = money.treasurerRoleId;
  if (treasurerRoleId === null) return { money, treasurerRoleId, treasurerIds: new Set() };
  const holders = await db.selectFrom('role_assignment as s').select('s.person_id').distinct().where('s.role_id', '=', treasurerRoleId).where(heldOn('s', today)).execute();
  return { money, treasurerRoleId, treasurerIds: new Set(holders.map((row) => row.person_id)) };
}
