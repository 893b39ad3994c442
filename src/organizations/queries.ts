import type { Kysely } from 'kysely';
import { calendarDay, isCurrent } from '../common/dates.js';
import { notFound } from '../common/errors.js';
import { may, type Viewer } from '../common/permissions.js';
import type { Database } from '../common/database/schema.js';
import type { MembershipKind, OrganizationKind, SeatCapacity } from '../common/structure.js';

type Db = Kysely<Database>;

/** The partnership's organizations, in name order. */
export async function organizationsOf(db: Db, partnershipId: string) {
  return db
    .selectFrom('organization')
    .select(['id', 'name', 'kind', 'contact_email', 'contact_phone', 'address'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('name')
    .execute();
}

export async function organizationDetail(db: Db, viewer: Viewer, partnershipId: string, organizationId: string, now: Date) {
  const today = calendarDay(now);
  const organization = await db
    .selectFrom('organization')
    .select(['id', 'name', 'kind', 'contact_email', 'contact_phone', 'address'])
    .where('id', '=', organizationId)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!organization) throw notFound();
  const [members, seats] = await Promise.all([
    db
      .selectFrom('membership as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['m.id', 'm.person_id', 'p.full_name', 'm.kind', 'm.is_organization_admin'])
      .where('m.organization_id', '=', organizationId)
      .orderBy('p.full_name')
      .execute(),
    db
      .selectFrom('body_member as s')
      .innerJoin('body as b', 'b.id', 's.body_id')
      .innerJoin('person as p', 'p.id', 's.person_id')
      .select(['s.id', 's.body_id', 'b.name as body_name', 's.person_id', 'p.full_name', 's.capacity', 's.starts_on', 's.ends_on'])
      .where('s.organization_id', '=', organizationId)
      .orderBy('b.name')
      .execute(),
  ]);
  return {
    id: organization.id,
    name: organization.name,
    kind: organization.kind as OrganizationKind,
    contactEmail: organization.contact_email,
    contactPhone: organization.contact_phone,
    address: organization.address,
    members: members.map((m) => ({
      id: m.id,
      personId: m.person_id,
      fullName: m.full_name,
      kind: m.kind as MembershipKind,
      isOrganizationAdmin: m.is_organization_admin,
    })),
    seats: seats
      .filter((s) => isCurrent({ startsOn: s.starts_on, endsOn: s.ends_on }, today))
      .map((s) => ({ id: s.id, bodyId: s.body_id, bodyName: s.body_name, personId: s.person_id, fullName: s.full_name, capacity: s.capacity as SeatCapacity })),
    can: { manage: may.manageOrganization(viewer, organizationId) },
  };
}
