import { type Kysely, sql } from 'kysely';
import { calendarDay, isCurrent } from '../common/dates.js';
import { notFound } from '../common/errors.js';
import { may, type Viewer } from '../common/permissions.js';
import type { Database } from '../common/database/schema.js';
import type { MembershipKind, SeatCapacity, SeatMandateSource } from '../common/structure.js';
import { groupRows } from '../common/group-rows.js';

type Db = Kysely<Database>;

/** What may.managePerson needs to know of the person an act is about. */
export async function personAsTarget(db: Kysely<Database>, personId: string) {
  const [person, memberships] = await Promise.all([
    db.selectFrom('person').select('is_partnership_admin').where('id', '=', personId).executeTakeFirstOrThrow(),
    db.selectFrom('membership').select('organization_id').where('person_id', '=', personId).execute(),
  ]);
  return { personId, organizationIds: memberships.map((m) => m.organization_id), isPartnershipAdmin: person.is_partnership_admin };
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
  } else {
    // An outside mediator is no one's to pick: the list and its search leave them out; `ids`
    // still names them where a dispute's page shows who mediates.
    matching = matching.where('p.outsider', '=', false);
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
      memberships: (membershipsOf.get(person.id) ?? []).map((m) => ({ organizationId: m.organization_id, organizationName: m.name, kind: m.kind as MembershipKind })),
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
      ? { active: person.account_id !== null, invitationExpiresAt: pendingInvitation?.expires_at ?? null }
      : null,
    memberships: memberships.map((m) => ({
      id: m.id,
      organizationId: m.organization_id,
      organizationName: m.name,
      kind: m.kind as MembershipKind,
      isOrganizationAdmin: m.is_organization_admin,
    })),
    // A request waiting for an answer concerns the person asked and those who may answer or asked.
    membershipRequests: waitingRequests
      .filter((r) => may.answerMembershipRequest(viewer, personId) || may.manageOrganization(viewer, r.organization_id))
      .map((r) => ({
        id: r.id,
        organizationId: r.organization_id,
        organizationName: r.name,
        kind: r.kind as MembershipKind,
        isOrganizationAdmin: r.is_organization_admin,
        requestedBy: r.requested_by,
        requestedAt: r.requested_at,
        canAnswer: may.answerMembershipRequest(viewer, personId),
      })),
    seats: seats.map((s) => ({
      id: s.id,
      bodyId: s.body_id,
      bodyName: s.body_name,
      organizationName: s.organization_name,
      capacity: s.capacity as SeatCapacity,
      mandateSource: s.mandate_source as SeatMandateSource,
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
