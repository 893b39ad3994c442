import type { Kysely, Selectable } from 'kysely';
import { calendarDay, isCurrent } from '../common/dates.js';
import { notFound } from '../common/errors.js';
import { checkComposition, housesOfComposition, type CompositionGap } from './rules.js';
import { may, type Viewer } from '../common/permissions.js';
import type { BodyKind, SeatMandateSource, SeatCapacity } from '../common/structure.js';
import type { Database } from '../common/database/schema.js';
import type { Body } from '../common/database/tables.js';
import { translator, type Locale } from '../i18n/server-messages.js';
import { organizationsOf } from '../organizations/queries.js';

type Db = Kysely<Database>;
type BodyRow = Omit<Selectable<Body>, 'created_at' | 'founded_on'>;

export const ruleOfRow = (body: BodyRow) => ({
  delegatesPerOrganization: body.delegates_per_organization,
  minReferentsPerOrganization: body.min_referents_per_organization,
  minSize: body.min_size,
  maxSize: body.max_size,
  meetingsPerYear: body.meetings_per_year,
});

export interface GapView {
  readonly gap: CompositionGap;
  readonly bodyName: string;
  readonly organizationName: string | null;
}

/** A gap as a page shows it: its numbers, and a sentence in the reader's language. */
export const describeGap = (locale: Locale) => (view: GapView) => ({
  ...view.gap,
  message: translator(locale)(`composition.${view.gap.code}`, {
    body: view.bodyName,
    organization: view.organizationName ?? '',
    count: view.gap.actual,
    actual: view.gap.actual,
    expected: view.gap.expected,
  }),
});

/** The seats of bodies, held or not, with names, by organization and name. */
export async function seatsOf(db: Db, bodyIds: readonly string[]) {
  if (bodyIds.length === 0) return [];
  return db
    .selectFrom('body_member as s')
    .innerJoin('person as p', 'p.id', 's.person_id')
    .leftJoin('organization as o', 'o.id', 's.organization_id')
    .select([
      's.id',
      's.body_id',
      's.person_id',
      'p.full_name',
      's.organization_id',
      'o.name as organization_name',
      's.capacity',
      's.mandate_source',
      's.starts_on',
      's.ends_on',
    ])
    .where('s.body_id', 'in', bodyIds)
    .orderBy('o.name')
    .orderBy('p.full_name')
    .execute();
}

type SeatRow = Awaited<ReturnType<typeof seatsOf>>[number];

/**
 * The participating houses of each common project's working group, by the group's id (one body's
 * when bodyId is given): a project's working group is composed of those houses only, not of
 * every house of the partnership.
 */
export async function projectHousesOf(db: Db, partnershipId: string, bodyId?: string): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
  let query = db
    .selectFrom('project as p')
    .innerJoin('project_organization as po', 'po.project_id', 'p.id')
    .select(['p.working_group_id', 'po.organization_id'])
    .where('p.partnership_id', '=', partnershipId)
    .where('p.working_group_id', 'is not', null);
  if (bodyId !== undefined) query = query.where('p.working_group_id', '=', bodyId);
  const houses = new Map<string, Set<string>>();
  for (const row of await query.execute()) houses.set(row.working_group_id!, (houses.get(row.working_group_id!) ?? new Set()).add(row.organization_id));
  return houses;
}

/**
 * The partnership's organizations its bodies are composed of today (bodies/rules.ts
 * housesOfComposition): those that only carry a project charter's team are left out.
 */
export async function compositionHousesOf(db: Db, partnershipId: string, today: string) {
  const [organizations, teams, seats] = await Promise.all([
    organizationsOf(db, partnershipId),
    db
      .selectFrom('charter_version as v')
      .innerJoin('charter as c', 'c.id', 'v.charter_id')
      .select('v.rules')
      .where('c.partnership_id', '=', partnershipId)
      .where('c.kind', '=', 'project')
      .where('v.status', '=', 'adopted')
      .execute(),
    db
      .selectFrom('body_member as s')
      .innerJoin('body as b', 'b.id', 's.body_id')
      .select(['s.body_id', 's.organization_id', 's.starts_on', 's.ends_on'])
      .where('b.partnership_id', '=', partnershipId)
      .execute(),
  ]);
  const teamBodyIds = new Set(teams.flatMap((team) => ((team.rules ?? {}) as { bodyIds?: readonly string[] }).bodyIds ?? []));
  const currentSeats = seats
    .filter((seat) => isCurrent({ startsOn: seat.starts_on, endsOn: seat.ends_on }, today))
    .map((seat) => ({ bodyId: seat.body_id, organizationId: seat.organization_id }));
  return housesOfComposition(organizations, currentSeats, teamBodyIds);
}

export function gapsOf(
  body: BodyRow,
  seats: readonly SeatRow[],
  allOrganizations: readonly { id: string; name: string }[],
  today: string,
  projectHouses: ReadonlyMap<string, ReadonlySet<string>>,
): GapView[] {
  const houses = projectHouses.get(body.id);
  const organizations = houses === undefined ? allOrganizations : allOrganizations.filter((o) => houses.has(o.id));
  const gaps = checkComposition(
    ruleOfRow(body),
    seats.map((seat) => ({
      personId: seat.person_id,
      organizationId: seat.organization_id,
      capacity: seat.capacity as SeatCapacity,
      startsOn: seat.starts_on,
      endsOn: seat.ends_on,
    })),
    organizations,
    today,
  );
  const names = new Map(organizations.map((o) => [o.id, o.name]));
  return gaps.map((gap) => ({
    gap,
    bodyName: body.name,
    organizationName: 'organizationId' in gap ? (names.get(gap.organizationId) ?? null) : null,
  }));
}

export const bodyColumns = [
  'id',
  'parent_body_id',
  'name',
  'kind',
  'purpose',
  'delegates_per_organization',
  'min_referents_per_organization',
  'min_size',
  'max_size',
  'meetings_per_year',
  'founded_on',
  'partnership_id',
] as const;

const seatView = (seat: SeatRow, today: string) => ({
  id: seat.id,
  bodyId: seat.body_id,
  personId: seat.person_id,
  fullName: seat.full_name,
  organizationId: seat.organization_id,
  organizationName: seat.organization_name,
  capacity: seat.capacity as SeatCapacity,
  mandateSource: seat.mandate_source as SeatMandateSource,
  startsOn: seat.starts_on,
  endsOn: seat.ends_on,
  current: isCurrent({ startsOn: seat.starts_on, endsOn: seat.ends_on }, today),
});

export async function bodyDetail(db: Db, viewer: Viewer, partnershipId: string, bodyId: string, now: Date) {
  const today = calendarDay(now);
  const body = await db
    .selectFrom('body')
    .select(bodyColumns)
    .where('id', '=', bodyId)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!body) throw notFound();
  const [organizations, houses, seats, related, roles, delegations, projectHouses] = await Promise.all([
    organizationsOf(db, partnershipId),
    compositionHousesOf(db, partnershipId, today),
    seatsOf(db, [bodyId]),
    db
      .selectFrom('body')
      .select(['id', 'name', 'kind', 'parent_body_id'])
      .where('partnership_id', '=', partnershipId)
      .where((eb) => eb.or([eb('parent_body_id', '=', bodyId), eb('id', '=', body.parent_body_id ?? bodyId)]))
      .execute(),
    db.selectFrom('role').select(['id', 'name']).where('body_id', '=', bodyId).orderBy('name').execute(),
    db
      .selectFrom('delegation as d')
      .innerJoin('person as giver', 'giver.id', 'd.from_person_id')
      .innerJoin('person as receiver', 'receiver.id', 'd.to_person_id')
      .select([
        'd.id',
        'd.from_person_id',
        'giver.full_name as from_name',
        'd.to_person_id',
        'receiver.full_name as to_name',
        'd.scope',
        'd.starts_on',
        'd.ends_on',
      ])
      .where('d.body_id', '=', bodyId)
      .orderBy('d.starts_on', 'desc')
      .execute(),
    projectHousesOf(db, partnershipId, bodyId),
  ]);
  const currentSeats = seats.filter((seat) => isCurrent({ startsOn: seat.starts_on, endsOn: seat.ends_on }, today));
  const parent = related.find((b) => b.id === body.parent_body_id);
  return {
    id: body.id,
    name: body.name,
    kind: body.kind as BodyKind,
    purpose: body.purpose,
    foundedOn: body.founded_on,
    rule: ruleOfRow(body),
    parent: parent ? { id: parent.id, name: parent.name } : null,
    children: related.filter((b) => b.parent_body_id === bodyId).map((b) => ({ id: b.id, name: b.name, kind: b.kind as BodyKind })),
    members: seats.map((seat) => seatView(seat, today)),
    gaps: gapsOf(body, currentSeats, houses, today, projectHouses),
    organizations: organizations.map((o) => ({ id: o.id, name: o.name })),
    roles,
    delegations: delegations.map((d) => ({
      id: d.id,
      fromPersonId: d.from_person_id,
      fromName: d.from_name,
      toPersonId: d.to_person_id,
      toName: d.to_name,
      scope: d.scope,
      startsOn: d.starts_on,
      endsOn: d.ends_on,
      current: isCurrent({ startsOn: d.starts_on, endsOn: d.ends_on }, today),
      canEnd: may.delegate(viewer, d.from_person_id),
    })),
    can: {
      edit: may.manageStructure(viewer),
      manageSeatsOf: organizations.filter((o) => may.manageSeat(viewer, o.id)).map((o) => o.id),
      manageUnaffiliatedSeats: may.manageSeat(viewer, null),
      openElection: may.openElection(viewer, bodyId),
    },
  };
}
