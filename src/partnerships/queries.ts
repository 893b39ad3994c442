import type { Kysely } from 'kysely';
import { calendarDay, isCurrent, type IsoDate } from '../common/dates.js';
import { may, type Viewer } from '../common/permissions.js';
import type { Database } from '../common/database/schema.js';
import type { BodyKind, OrganizationKind } from '../common/structure.js';
import { bodyColumns, compositionHousesOf, gapsOf, projectHousesOf, ruleOfRow, seatsOf } from '../bodies/queries.js';
import { organizationsOf } from '../organizations/queries.js';
import { rolesWithHolders } from '../roles/queries.js';
import { moneyOfBudgets } from '../budgets/report/queries.js';
import { partnershipRules } from '../charters/queries.js';
import { moneyRulesOf } from '../charters/rules/types.js';
import { fundFigures, organizationsBehind } from '../fund/queries.js';
import { callStanding } from '../fund/rules.js';

type Db = Kysely<Database>;

export async function partnershipOverview(db: Db, viewer: Viewer, partnershipId: string, now: Date) {
  const today = calendarDay(now);
  const [partnership, organizations, houses, bodies, roles, peopleCount, projectHouses, money, fund] = await Promise.all([
    db.selectFrom('partnership').select(['id', 'name', 'description']).where('id', '=', partnershipId).executeTakeFirstOrThrow(),
    organizationsOf(db, partnershipId),
    compositionHousesOf(db, partnershipId, today),
    db.selectFrom('body').select(bodyColumns).where('partnership_id', '=', partnershipId).orderBy('name').execute(),
    rolesWithHolders(db, partnershipId, today),
    db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('partnership_id', '=', partnershipId)
      .executeTakeFirstOrThrow(),
    projectHousesOf(db, partnershipId),
    moneyOfBudgets(db, partnershipId, today),
    fundAtAGlance(db, partnershipId, today),
  ]);
  const seats = await seatsOf(db, bodies.map((b) => b.id));
  const currentSeats = seats.filter((seat) => isCurrent({ startsOn: seat.starts_on, endsOn: seat.ends_on }, today));
  return {
    partnership,
    peopleCount: Number(peopleCount.count),
    organizations: organizations.map((o) => ({ id: o.id, name: o.name, kind: o.kind as OrganizationKind })),
    bodies: bodies.map((body) => {
      const own = currentSeats.filter((seat) => seat.body_id === body.id);
      return {
        id: body.id,
        name: body.name,
        kind: body.kind as BodyKind,
        parentBodyId: body.parent_body_id,
        memberCount: new Set(own.map((seat) => seat.person_id)).size,
        rule: ruleOfRow(body),
        gaps: gapsOf(body, own, houses, today, projectHouses),
      };
    }),
    roles,
    money: { ...money, fund },
    can: {
      manageStructure: may.manageStructure(viewer),
      manageOrganizations: organizations.filter((o) => may.manageOrganization(viewer, o.id)).map((o) => o.id),
    },
  };
}

/**
 * The common fund on the overview, when the charter has one or money already went through it: its
 * balance, and the organizations behind with what remains of their contribution.
 */
async function fundAtAGlance(db: Db, partnershipId: string, today: IsoDate) {
  const [rules, figures, behind] = await Promise.all([partnershipRules(db, partnershipId), fundFigures(db, partnershipId), organizationsBehind(db, partnershipId, today)]);
  if (moneyRulesOf(rules ?? {}).commonFund === null && figures.balanceCents === 0 && behind.length === 0) return null;
  return {
    balanceCents: figures.balanceCents,
    behind: behind.map((call) => ({ organizationId: call.organizationId, name: call.name, year: call.year, remainingCents: callStanding(call, today).remainingCents })),
  };
}

/** The partnerships where the account is a person, in name order. */
/** A session a mail's button opened sees its one partnership, with no administrator's rights. */
export async function listPartnershipsOfAccount(db: Kysely<Database>, session: { readonly accountId: string; readonly partnershipScope: string | null }) {
  const scope = session.partnershipScope;
  let query = db
    .selectFrom('person as p')
    .innerJoin('partnership as pa', 'pa.id', 'p.partnership_id')
    .select(['pa.id', 'pa.name', 'p.id as personId', 'p.full_name as fullName', 'p.is_partnership_admin as isAdmin', 'p.outsider'])
    .where('p.account_id', '=', session.accountId);
  if (scope !== null) query = query.where('pa.id', '=', scope);
  const partnerships = await query.orderBy('pa.name').execute();
  return scope === null ? partnerships : partnerships.map((partnership) => ({ ...partnership, isAdmin: false }));
}
