import { type Kysely, type Selectable, sql } from 'kysely';
import { calendarDay, isCurrent } from '../common/dates.js';
import { notFound } from '../common/errors.js';
import { checkComposition, type CompositionGap } from '../bodies/composition.js';
import { may, type Viewer } from '../common/permissions.js';
import type { SeatCapacity } from '../common/structure.js';
import type { Database } from '../common/database/schema.js';
import type { Body } from '../common/database/tables.js';
import { groupRows } from '../common/group-rows.js';

/**
 * The reads behind the pages. Each answers with a fixed number of queries whatever the size of
 * the partnership, and returns only what the viewer may see.
 */
type Db = Kysely<Database>;
type BodyRow = Omit<Selectable<Body>, 'created_at' | 'founded_on'>;

const ruleOfRow = (body: BodyRow) => ({
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

async function organizationsOf(db: Db, partnershipId: string) {
  return db
    .selectFrom('organization')
    .select(['id', 'name', 'kind', 'contact_email', 'contact_phone', 'address'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('name')
    .execute();
}

async function seatsOf(db: Db, bodyIds: readonly string[]) {
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

function gapsOf(body: BodyRow, seats: readonly SeatRow[], organizations: readonly { id: string; name: string }[], today: string): GapView[] {
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

const bodyColumns = [
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

export async function partnershipOverview(db: Db, viewer: Viewer, partnershipId: string, now: Date) {
  const today = calendarDay(now);
  const [partnership, organizations, bodies, roles, peopleCount] = await Promise.all([
    db.selectFrom('partnership').select(['id', 'name', 'description']).where('id', '=', partnershipId).executeTakeFirstOrThrow(),
    organizationsOf(db, partnershipId),
    db.selectFrom('body').select(bodyColumns).where('partnership_id', '=', partnershipId).orderBy('name').execute(),
    rolesWithHolders(db, partnershipId, today),
    db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('partnership_id', '=', partnershipId)
      .executeTakeFirstOrThrow(),
  ]);
  const seats = await seatsOf(db, bodies.map((b) => b.id));
  const currentSeats = seats.filter((seat) => isCurrent({ startsOn: seat.starts_on, endsOn: seat.ends_on }, today));
  return {
    partnership,
    peopleCount: Number(peopleCount.count),
    organizations: organizations.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
    bodies: bodies.map((body) => {
      const own = currentSeats.filter((seat) => seat.body_id === body.id);
      return {
        id: body.id,
        name: body.name,
        kind: body.kind,
        parentBodyId: body.parent_body_id,
        memberCount: new Set(own.map((seat) => seat.person_id)).size,
        rule: ruleOfRow(body),
        gaps: gapsOf(body, own, organizations, today),
      };
    }),
    roles,
    can: {
      manageStructure: may.manageStructure(viewer),
      manageOrganizations: organizations.filter((o) => may.manageOrganization(viewer, o.id)).map((o) => o.id),
    },
  };
}

async function rolesWithHolders(db: Db, partnershipId: string, today: string, roleId?: string) {
  let rolesQuery = db
    .selectFrom('role')
    .select(['id', 'name', 'purpose', 'accountabilities', 'term_months', 'body_id', 'sits_in_parent', 'max_holders'])
    .where('partnership_id', '=', partnershipId);
  if (roleId) rolesQuery = rolesQuery.where('id', '=', roleId);
  let assignmentsQuery = db
    .selectFrom('role_assignment as a')
    .innerJoin('role as r', 'r.id', 'a.role_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.role_id', 'a.person_id', 'p.full_name', 'a.starts_on', 'a.ends_on'])
    .where('r.partnership_id', '=', partnershipId);
  if (roleId) assignmentsQuery = assignmentsQuery.where('r.id', '=', roleId);
  const [roles, assignments] = await Promise.all([
    rolesQuery.orderBy('name').execute(),
    assignmentsQuery.orderBy('a.starts_on', 'desc').execute(),
  ]);
  return roles.map((role) => {
    const own = assignments.filter((a) => a.role_id === role.id);
    const toView = (a: (typeof own)[number]) => ({
      id: a.id,
      personId: a.person_id,
      fullName: a.full_name,
      startsOn: a.starts_on,
      endsOn: a.ends_on,
    });
    return {
      id: role.id,
      name: role.name,
      purpose: role.purpose,
      accountabilities: role.accountabilities,
      termMonths: role.term_months,
      bodyId: role.body_id,
      sitsInParent: role.sits_in_parent,
      maxHolders: role.max_holders,
      holders: own.filter((a) => isCurrent({ startsOn: a.starts_on, endsOn: a.ends_on }, today)).map(toView),
      assignments: own.map(toView),
    };
  });
}

const seatView = (seat: SeatRow, today: string) => ({
  id: seat.id,
  bodyId: seat.body_id,
  personId: seat.person_id,
  fullName: seat.full_name,
  organizationId: seat.organization_id,
  organizationName: seat.organization_name,
  capacity: seat.capacity,
  mandateSource: seat.mandate_source,
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
  const [organizations, seats, related, roles, delegations] = await Promise.all([
    organizationsOf(db, partnershipId),
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
  ]);
  const currentSeats = seats.filter((seat) => isCurrent({ startsOn: seat.starts_on, endsOn: seat.ends_on }, today));
  const parent = related.find((b) => b.id === body.parent_body_id);
  return {
    id: body.id,
    name: body.name,
    kind: body.kind,
    purpose: body.purpose,
    foundedOn: body.founded_on,
    rule: ruleOfRow(body),
    parent: parent ? { id: parent.id, name: parent.name } : null,
    children: related.filter((b) => b.parent_body_id === bodyId).map((b) => ({ id: b.id, name: b.name, kind: b.kind })),
    members: seats.map((seat) => seatView(seat, today)),
    gaps: gapsOf(body, currentSeats, organizations, today),
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
    kind: organization.kind,
    contactEmail: organization.contact_email,
    contactPhone: organization.contact_phone,
    address: organization.address,
    members: members.map((m) => ({
      id: m.id,
      personId: m.person_id,
      fullName: m.full_name,
      kind: m.kind,
      isOrganizationAdmin: m.is_organization_admin,
    })),
    seats: seats
      .filter((s) => isCurrent({ startsOn: s.starts_on, endsOn: s.ends_on }, today))
      .map((s) => ({ id: s.id, bodyId: s.body_id, bodyName: s.body_name, personId: s.person_id, fullName: s.full_name, capacity: s.capacity })),
    can: { manage: may.manageOrganization(viewer, organizationId) },
  };
}

/** Which people a list asks for: all by default; every filter given narrows it. */
export interface PeopleFilter {
  /** Words found in the name or in one of the person's organizations, whatever the case and accents. */
  readonly search?: string | undefined;
  readonly organizationId?: string | undefined;
  readonly ids?: readonly string[] | undefined;
}

/**
 * People of the partnership in name order, `limit` at a time after the person `after` (the `next`
 * of the previous page), with their organizations, how many match in all, and where the next page
 * starts (null on the last).
 */
export async function listPeople(db: Db, partnershipId: string, filter: PeopleFilter, page: { limit: number; after?: string | undefined }) {
  let matching = db.selectFrom('person as p').where('p.partnership_id', '=', partnershipId);
  const words = filter.search?.trim() ?? '';
  if (words !== '') {
    // The names matched through their trigram index, the organizations' members added: an OR of
    // the two would fold every name of the partnership to count them.
    const pattern = sql<string>`search_contains(${words})`;
    matching = matching.where(
      'p.id',
      'in',
      db
        .selectFrom('person')
        .select('id')
        .where('partnership_id', '=', partnershipId)
        .where(sql<string>`search_folded(full_name)`, 'like', pattern)
        .unionAll(
          db
            .selectFrom('membership as m')
            .innerJoin('organization as o', 'o.id', 'm.organization_id')
            .select('m.person_id as id')
            .where('o.partnership_id', '=', partnershipId)
            .where(sql<string>`search_folded(o.name)`, 'like', pattern),
        ),
    );
  }
  if (filter.organizationId !== undefined) {
    const organizationId = filter.organizationId;
    matching = matching.where((eb) =>
      eb.exists(eb.selectFrom('membership as m').where('m.person_id', '=', eb.ref('p.id')).where('m.organization_id', '=', organizationId)),
    );
  }
  if (filter.ids !== undefined) {
    if (filter.ids.length === 0) return { total: 0, next: null, people: [] };
    matching = matching.where('p.id', 'in', filter.ids);
  }
  // The cursor is the last person's id, not their name, which URLs would carry into logs; a
  // rename between two pages moves where the next one starts.
  const after = page.after;
  const [fetched, counted] = await Promise.all([
    (after === undefined
      ? matching
      : matching.where(
          sql<boolean>`(p.full_name, p.id) > (select full_name, id from person where id = ${after} and partnership_id = ${partnershipId})`,
        )
    )
      .select(['p.id', 'p.full_name'])
      .orderBy('p.full_name')
      .orderBy('p.id')
      .limit(page.limit + 1)
      .execute(),
    matching.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  const people = fetched.slice(0, page.limit);
  const memberships =
    people.length === 0
      ? []
      : await db
          .selectFrom('membership as m')
          .innerJoin('organization as o', 'o.id', 'm.organization_id')
          .select(['m.person_id', 'm.organization_id', 'o.name', 'm.kind'])
          .where(
            'm.person_id',
            'in',
            people.map((p) => p.id),
          )
          .orderBy('o.name')
          .execute();
  const membershipsOf = groupRows(memberships, (m) => m.person_id);
  return {
    total: Number(counted.total),
    next: fetched.length > page.limit ? (people.at(-1)?.id ?? null) : null,
    people: people.map((person) => ({
      id: person.id,
      fullName: person.full_name,
      memberships: (membershipsOf.get(person.id) ?? []).map((m) => ({ organizationId: m.organization_id, organizationName: m.name, kind: m.kind })),
    })),
  };
}

export async function personDetail(db: Db, viewer: Viewer, partnershipId: string, personId: string, now: Date) {
  const today = calendarDay(now);
  const person = await db
    .selectFrom('person')
    .select(['id', 'full_name', 'email', 'phone', 'account_id', 'is_partnership_admin', 'erased_at'])
    .where('id', '=', personId)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!person) throw notFound();
  const [memberships, seats, assignments, delegations, pendingInvitation, waitingRequests] = await Promise.all([
    db
      .selectFrom('membership as m')
      .innerJoin('organization as o', 'o.id', 'm.organization_id')
      .select(['m.id', 'm.organization_id', 'o.name', 'm.kind', 'm.is_organization_admin'])
      .where('m.person_id', '=', personId)
      .orderBy('o.name')
      .execute(),
    db
      .selectFrom('body_member as s')
      .innerJoin('body as b', 'b.id', 's.body_id')
      .leftJoin('organization as o', 'o.id', 's.organization_id')
      .select(['s.id', 's.body_id', 'b.name as body_name', 'o.name as organization_name', 's.capacity', 's.mandate_source', 's.starts_on', 's.ends_on'])
      .where('s.person_id', '=', personId)
      .orderBy('s.starts_on', 'desc')
      .execute(),
    db
      .selectFrom('role_assignment as a')
      .innerJoin('role as r', 'r.id', 'a.role_id')
      .select(['a.id', 'a.role_id', 'r.name', 'a.starts_on', 'a.ends_on'])
      .where('a.person_id', '=', personId)
      .orderBy('a.starts_on', 'desc')
      .execute(),
    db
      .selectFrom('delegation as d')
      .innerJoin('person as giver', 'giver.id', 'd.from_person_id')
      .innerJoin('person as receiver', 'receiver.id', 'd.to_person_id')
      .innerJoin('body as b', 'b.id', 'd.body_id')
      .select([
        'd.id',
        'd.from_person_id',
        'giver.full_name as from_name',
        'd.to_person_id',
        'receiver.full_name as to_name',
        'd.body_id',
        'b.name as body_name',
        'd.scope',
        'd.starts_on',
        'd.ends_on',
      ])
      .where((eb) => eb.or([eb('d.from_person_id', '=', personId), eb('d.to_person_id', '=', personId)]))
      .orderBy('d.starts_on', 'desc')
      .execute(),
    db
      .selectFrom('invitation')
      .select('expires_at')
      .where('person_id', '=', personId)
      .where('accepted_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('expires_at', 'desc')
      .executeTakeFirst(),
    db
      .selectFrom('membership_request as r')
      .innerJoin('organization as o', 'o.id', 'r.organization_id')
      .leftJoin('person as asker', 'asker.id', 'r.requested_by')
      .select(['r.id', 'r.organization_id', 'o.name', 'r.kind', 'r.is_organization_admin', 'asker.full_name as requested_by', 'r.requested_at'])
      .where('r.person_id', '=', personId)
      .where('r.answer', 'is', null)
      .orderBy('r.requested_at')
      .execute(),
  ]);
  const canManage = may.managePerson(viewer, {
    personId,
    organizationIds: memberships.map((m) => m.organization_id),
    isPartnershipAdmin: person.is_partnership_admin,
  });
  return {
    id: person.id,
    fullName: person.full_name,
    isPartnershipAdmin: person.is_partnership_admin,
    contact: canManage ? { email: person.email, phone: person.phone } : null,
    account: canManage
      ? { active: person.account_id !== null, invitationExpiresAt: pendingInvitation?.expires_at.toISOString() ?? null }
      : null,
    memberships: memberships.map((m) => ({
      id: m.id,
      organizationId: m.organization_id,
      organizationName: m.name,
      kind: m.kind,
      isOrganizationAdmin: m.is_organization_admin,
    })),
    // A request waiting for an answer concerns the person asked and those who may answer or asked.
    membershipRequests: waitingRequests
      .filter((r) => may.answerMembershipRequest(viewer, personId) || may.manageOrganization(viewer, r.organization_id))
      .map((r) => ({
        id: r.id,
        organizationId: r.organization_id,
        organizationName: r.name,
        kind: r.kind,
        isOrganizationAdmin: r.is_organization_admin,
        requestedBy: r.requested_by,
        requestedAt: r.requested_at.toISOString(),
        canAnswer: may.answerMembershipRequest(viewer, personId),
      })),
    seats: seats.map((s) => ({
      id: s.id,
      bodyId: s.body_id,
      bodyName: s.body_name,
      organizationName: s.organization_name,
      capacity: s.capacity,
      mandateSource: s.mandate_source,
      startsOn: s.starts_on,
      endsOn: s.ends_on,
      current: isCurrent({ startsOn: s.starts_on, endsOn: s.ends_on }, today),
    })),
    roles: assignments.map((a) => ({
      id: a.id,
      roleId: a.role_id,
      roleName: a.name,
      startsOn: a.starts_on,
      endsOn: a.ends_on,
      current: isCurrent({ startsOn: a.starts_on, endsOn: a.ends_on }, today),
    })),
    delegations: delegations.map((d) => ({
      id: d.id,
      fromPersonId: d.from_person_id,
      fromName: d.from_name,
      toPersonId: d.to_person_id,
      toName: d.to_name,
      bodyId: d.body_id,
      bodyName: d.body_name,
      scope: d.scope,
      startsOn: d.starts_on,
      endsOn: d.ends_on,
      current: isCurrent({ startsOn: d.starts_on, endsOn: d.ends_on }, today),
      canEnd: may.delegate(viewer, d.from_person_id),
    })),
    erasedAt: person.erased_at,
    can: {
      edit: canManage && person.erased_at === null,
      setAdmin: may.manageStructure(viewer),
      delegate: may.delegate(viewer, personId) && person.erased_at === null,
      erase: may.manageStructure(viewer) && person.erased_at === null && !person.is_partnership_admin,
    },
  };
}

export async function roleDetail(db: Db, viewer: Viewer, partnershipId: string, roleId: string, now: Date) {
  const [role] = await rolesWithHolders(db, partnershipId, calendarDay(now), roleId);
  if (!role) throw notFound();
  const body = role.bodyId
    ? await db
        .selectFrom('body as b')
        .leftJoin('body as parent', 'parent.id', 'b.parent_body_id')
        .select(['b.id', 'b.name', 'parent.id as parent_id', 'parent.name as parent_name'])
        .where('b.id', '=', role.bodyId)
        .executeTakeFirst()
    : undefined;
  return {
    ...role,
    body: body ? { id: body.id, name: body.name } : null,
    /** Where the holder also sits, for a role that seats its holder in the parent body. */
    parentBody: body?.parent_id ? { id: body.parent_id, name: body.parent_name ?? '' } : null,
    can: { edit: may.manageStructure(viewer), assign: may.assignRole(viewer, role.bodyId) },
  };
}

/**
 * The partnership's messages as its administrators may read them: a link that opens an account is
 * left out, but for an open invitation's, which they may send again themselves and pass on when
 * the server has no SMTP.
 */
export async function outbox(db: Db, partnershipId: string, now: Date) {
  const rows = await db
    .selectFrom('outbox_message as m')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('outbox_personal_body as p')
          .innerJoin('invitation as i', 'i.token_hash', 'p.invitation_token_hash')
          .select(['p.message_id', 'p.body'])
          .where('i.accepted_at', 'is', null)
          .where('i.expires_at', '>', now)
          .as('invitation'),
      (join) => join.onRef('invitation.message_id', '=', 'm.id'),
    )
    .select((eb) => ['m.id', 'm.recipient', 'm.subject', eb.fn.coalesce('invitation.body', 'm.body').as('body'), 'm.created_at'])
    .where('m.partnership_id', '=', partnershipId)
    .orderBy('m.created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((row) => ({ ...row, createdAt: row.created_at.toISOString(), created_at: undefined }));
}
