import type { Kysely } from 'kysely';
import { moneyRulesOf, type MoneyRules } from '../charters/rules/types.js';
import { partnershipRules } from '../charters/queries.js';
import type { IsoDate } from '../common/dates.js';
import { heldOn } from '../common/database/periods.js';
import type { Database } from '../common/database/schema.js';
import { may, type Viewer } from '../common/permissions.js';
import { leadInOffice, type ProjectRow } from '../projects/queries.js';

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

/**
 * Whether the viewer keeps a budget's books, the one place budgets, their settlement and their
 * report decide it: the treasurer; on a project's budget, the project's lead in office; the
 * administrators while nobody holds the treasurer role. `project` is null for a project
 * charter's budget, which has no lead. The keepers come along for what else they carry (the
 * charter's money rules).
 */
export async function budgetKeeping(
  db: Kysely<Database>,
  viewer: Viewer,
  partnershipId: string,
  project: Pick<ProjectRow, 'lead_nominee_id' | 'stage'> | null,
  today: IsoDate,
): Promise<{ keepers: BookKeepers; keepsBooks: boolean }> {
  const keepers = await bookKeepersOf(db, partnershipId, today);
  return { keepers, keepsBooks: may.keepAccounts(viewer, keepers, project === null ? null : leadInOffice(project)) };
}
