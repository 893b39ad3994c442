import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { calendarDay, periodEnd } from '../common/dates.js';
import { conflict, forbidden, invalid, notFound } from '../common/errors.js';
import type {
  AssignmentInput,
  BodyInput,
  BodyPatch,
  DelegationInput,
  OrganizationInput,
  PersonInput,
  RoleInput,
  SeatInput,
} from './commands.js';
import { may } from '../common/permissions.js';
import { heldOn } from '../common/database/periods.js';
import type { Database } from '../common/database/schema.js';
import { actCommitted, actorOf, recordAct, type ActContext } from '../common/act.js';
import { informBodyOfDelegation } from '../mail/mailer.js';
import { refuseIfErased } from '../personal-data/acts.js';
import { endSeatInParentBody } from '../roles/links.js';
import { startRoleTerm } from '../roles/terms.js';
import { requireReference, requireTarget } from '../common/references.js';

type Trx = Transaction<Database>;
const changedFields = (patch: object): string[] => Object.keys(patch).sort();
const created = (id: string) => ({ id });

export async function createOrganization(ctx: ActContext, input: OrganizationInput) {
  if (!may.manageStructure(ctx.viewer)) throw forbidden();
  const id = randomUUID();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await trx
      .insertInto('organization')
      .values({
        id,
        partnership_id: ctx.partnershipId,
        name: input.name,
        kind: input.kind,
        contact_email: input.contactEmail ?? null,
        contact_phone: input.contactPhone ?? null,
        address: input.address ?? null,
      })
      .execute();
    return { result: created(id), events: [{ kind: 'organization.created', payload: { organizationId: id, kind: input.kind } }] };
  });
}

export async function updateOrganization(ctx: ActContext, organizationId: string, patch: Partial<OrganizationInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireTarget(trx, 'organization', organizationId, ctx.partnershipId);
    if (!may.manageOrganization(ctx.viewer, organizationId)) throw forbidden();
    const values = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.contactEmail !== undefined && { contact_email: patch.contactEmail }),
      ...(patch.contactPhone !== undefined && { contact_phone: patch.contactPhone }),
      ...(patch.address !== undefined && { address: patch.address }),
    };
    // An empty patch changes nothing: no UPDATE (it would have no SET clause) and no journal entry.
    if (Object.keys(values).length === 0) return { result: { id: organizationId }, events: [] };
    await trx.updateTable('organization').set(values).where('id', '=', organizationId).execute();
    return {
      result: { id: organizationId },
      events: [{ kind: 'organization.updated', payload: { organizationId, fields: changedFields(patch) } }],
    };
  });
}

export async function createPerson(ctx: ActContext, input: PersonInput) {
  const organizationIds = (input.memberships ?? []).map((m) => m.organizationId);
  if (!may.manageStructure(ctx.viewer)) {
    // An organization administrator adds people to the organizations they manage, and only there.
    if (ctx.viewer.adminOfOrganizations.size === 0) throw forbidden();
    if (organizationIds.length === 0) throw invalid('memberships.0.organizationId', 'error.required');
    if (!organizationIds.every((orgId) => may.manageOrganization(ctx.viewer, orgId))) throw forbidden();
  }
  if (input.isPartnershipAdmin && !may.manageStructure(ctx.viewer)) throw forbidden();
  const personId = randomUUID();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    for (const [index, orgId] of organizationIds.entries()) {
      await requireReference(trx, 'organization', orgId, ctx.partnershipId, `memberships.${index}.organizationId`);
    }
    await trx
      .insertInto('person')
      .values({
        id: personId,
        partnership_id: ctx.partnershipId,
        full_name: input.fullName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        is_partnership_admin: input.isPartnershipAdmin ?? false,
      })
      .execute();
    const memberships = (input.memberships ?? []).map((m) => ({
      id: randomUUID(),
      person_id: personId,
      organization_id: m.organizationId,
      kind: m.kind,
      is_organization_admin: m.isOrganizationAdmin ?? false,
    }));
    if (memberships.length > 0) await trx.insertInto('membership').values(memberships).execute();
    return {
      result: created(personId),
      events: [
        { kind: 'person.created', payload: { personId, isPartnershipAdmin: input.isPartnershipAdmin ?? false } },
        ...memberships.map((m) => membershipCreated(m.id, personId, m.organization_id, { kind: m.kind, isOrganizationAdmin: m.is_organization_admin })),
      ],
    };
  });
}

/** The journal entry of a membership, whether made with the person, added later or accepted. */
export const membershipCreated = (membershipId: string, personId: string, organizationId: string, input: { readonly kind: string; readonly isOrganizationAdmin?: boolean | undefined }) => ({
  kind: 'membership.created',
  payload: { membershipId, personId, organizationId, membershipKind: input.kind, isOrganizationAdmin: input.isOrganizationAdmin ?? false },
});

/** What may.managePerson needs to know of the person an act is about. */
export async function personAsTarget(db: Kysely<Database>, personId: string) {
  const [person, memberships] = await Promise.all([
    db.selectFrom('person').select('is_partnership_admin').where('id', '=', personId).executeTakeFirstOrThrow(),
    db.selectFrom('membership').select('organization_id').where('person_id', '=', personId).execute(),
  ]);
  return { personId, organizationIds: memberships.map((m) => m.organization_id), isPartnershipAdmin: person.is_partnership_admin };
}

export async function updatePerson(
  ctx: ActContext,
  personId: string,
  patch: Partial<Omit<PersonInput, 'memberships'>>,
) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireTarget(trx, 'person', personId, ctx.partnershipId);
    if (!may.managePerson(ctx.viewer, await personAsTarget(trx, personId))) throw forbidden();
    await refuseIfErased(trx, [personId]);
    if (patch.isPartnershipAdmin !== undefined) {
      if (!may.manageStructure(ctx.viewer)) throw forbidden();
      if (!patch.isPartnershipAdmin) {
        const others = await trx
          .selectFrom('person')
          .select('id')
          .where('partnership_id', '=', ctx.partnershipId)
          .where('is_partnership_admin', '=', true)
          .where('id', '<>', personId)
          .forUpdate()
          .execute();
        if (others.length === 0) throw conflict('error.lastAdmin');
      }
    }
    const values = {
      ...(patch.fullName !== undefined && { full_name: patch.fullName }),
      ...(patch.email !== undefined && { email: patch.email }),
      ...(patch.phone !== undefined && { phone: patch.phone }),
      ...(patch.isPartnershipAdmin !== undefined && { is_partnership_admin: patch.isPartnershipAdmin }),
    };
    // An empty patch changes nothing: no UPDATE (it would have no SET clause) and no journal entry.
    if (Object.keys(values).length === 0) return { result: { id: personId }, events: [] };
    await trx.updateTable('person').set(values).where('id', '=', personId).execute();
    return {
      result: { id: personId },
      // Who administers the partnership is governing state: its value is journaled, not only that it changed.
      events: [{ kind: 'person.updated', payload: { personId, fields: changedFields(patch), ...(patch.isPartnershipAdmin !== undefined && { isPartnershipAdmin: patch.isPartnershipAdmin }) } }],
    };
  });
}

export async function removeMembership(ctx: ActContext, organizationId: string, membershipId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireTarget(trx, 'organization', organizationId, ctx.partnershipId);
    const membership = await trx
      .selectFrom('membership')
      .select(['id', 'person_id'])
      .where('id', '=', membershipId)
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    if (!membership) throw notFound();
    if (!may.manageOrganization(ctx.viewer, organizationId)) throw forbidden();
    await trx.deleteFrom('membership').where('id', '=', membershipId).execute();
    return {
      result: { id: membershipId },
      events: [{ kind: 'membership.removed', payload: { membershipId, personId: membership.person_id, organizationId } }],
    };
  });
}

const ruleOf = (input: Partial<BodyInput>) => ({
  delegatesPerOrganization: input.delegatesPerOrganization ?? null,
  minReferentsPerOrganization: input.minReferentsPerOrganization ?? null,
  minSize: input.minSize ?? null,
  maxSize: input.maxSize ?? null,
});

export async function createBody(ctx: ActContext, input: BodyInput) {
  if (!may.manageStructure(ctx.viewer)) throw forbidden();
  const id = randomUUID();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    if (input.parentBodyId) await requireReference(trx, 'body', input.parentBodyId, ctx.partnershipId, 'parentBodyId');
    const foundedOn = input.foundedOn ?? calendarDay(ctx.now);
    refuseFoundingInFuture(ctx, foundedOn);
    const rule = ruleOf(input);
    await trx
      .insertInto('body')
      .values({
        id,
        partnership_id: ctx.partnershipId,
        parent_body_id: input.parentBodyId ?? null,
        name: input.name,
        kind: input.kind,
        purpose: input.purpose ?? '',
        delegates_per_organization: rule.delegatesPerOrganization,
        min_referents_per_organization: rule.minReferentsPerOrganization,
        min_size: rule.minSize,
        max_size: rule.maxSize,
        meetings_per_year: input.meetingsPerYear ?? null,
        founded_on: foundedOn,
      })
      .execute();
    return {
      result: created(id),
      events: [
        {
          kind: 'body.created',
          payload: { bodyId: id, kind: input.kind, parentBodyId: input.parentBodyId ?? null, rule, meetingsPerYear: input.meetingsPerYear ?? null, foundedOn },
        },
      ],
    };
  });
}

function refuseFoundingInFuture(ctx: ActContext, foundedOn: string) {
  if (foundedOn > calendarDay(ctx.now)) throw invalid('foundedOn', 'error.foundedInFuture');
}

/** Walks up from the proposed parent; meeting the body itself would make a cycle. */
async function assertNoParentCycle(trx: Trx, bodyId: string, parentBodyId: string): Promise<void> {
  let cursor: string | null = parentBodyId;
  const seen = new Set<string>();
  while (cursor !== null && !seen.has(cursor)) {
    if (cursor === bodyId) throw invalid('parentBodyId', 'error.parentCycle');
    seen.add(cursor);
    const row: { parent_body_id: string | null } | undefined = await trx
      .selectFrom('body')
      .select('parent_body_id')
      .where('id', '=', cursor)
      .executeTakeFirst();
    cursor = row?.parent_body_id ?? null;
  }
}

export async function updateBody(ctx: ActContext, bodyId: string, patch: BodyPatch) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireTarget(trx, 'body', bodyId, ctx.partnershipId);
    if (!may.manageStructure(ctx.viewer)) throw forbidden();
    if (patch.parentBodyId) {
      await requireReference(trx, 'body', patch.parentBodyId, ctx.partnershipId, 'parentBodyId');
      await assertNoParentCycle(trx, bodyId, patch.parentBodyId);
    }
    if (patch.foundedOn !== undefined) refuseFoundingInFuture(ctx, patch.foundedOn);
    const current = await trx
      .selectFrom('body')
      .select(['min_size', 'max_size'])
      .where('id', '=', bodyId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const minSize = patch.minSize !== undefined ? patch.minSize : current.min_size;
    const maxSize = patch.maxSize !== undefined ? patch.maxSize : current.max_size;
    if (minSize !== null && maxSize !== null && minSize > maxSize) throw invalid('maxSize', 'error.sizeRange');
    const values = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.parentBodyId !== undefined && { parent_body_id: patch.parentBodyId }),
      ...(patch.purpose !== undefined && { purpose: patch.purpose }),
      ...(patch.delegatesPerOrganization !== undefined && { delegates_per_organization: patch.delegatesPerOrganization }),
      ...(patch.minReferentsPerOrganization !== undefined && {
        min_referents_per_organization: patch.minReferentsPerOrganization,
      }),
      ...(patch.minSize !== undefined && { min_size: patch.minSize }),
      ...(patch.maxSize !== undefined && { max_size: patch.maxSize }),
      ...(patch.meetingsPerYear !== undefined && { meetings_per_year: patch.meetingsPerYear }),
      ...(patch.foundedOn !== undefined && { founded_on: patch.foundedOn }),
    };
    // An empty patch changes nothing: no UPDATE (it would have no SET clause) and no journal entry.
    if (Object.keys(values).length === 0) return { result: { id: bodyId }, events: [] };
    await trx.updateTable('body').set(values).where('id', '=', bodyId).execute();
    // Name and purpose are free text, which may name people: the entry records that they changed, not their words.
    const { name: _name, purpose: _purpose, ...changes } = patch;
    return { result: { id: bodyId }, events: [{ kind: 'body.updated', payload: { bodyId, fields: changedFields(patch), changes } }] };
  });
}

/** Why a seat could not be inserted: the same checks, one by one, to name the failure. */
async function explainRefusedSeat(ctx: ActContext, bodyId: string, input: SeatInput): Promise<never> {
  const db = ctx.db;
  await requireTarget(db, 'body', bodyId, ctx.partnershipId);
  await requireReference(db, 'person', input.personId, ctx.partnershipId, 'personId');
  await refuseIfErased(db, [input.personId]);
  if (input.organizationId !== null) {
    await requireReference(db, 'organization', input.organizationId, ctx.partnershipId, 'organizationId');
    throw invalid('organizationId', 'error.notAMemberOfOrganization');
  }
  throw conflict('error.conflict');
}

/**
 * Seating someone is the most frequent act of a partnership's life, so it is one call of
 * seat_start() (migrations 006 and 014): it seats only when the body and the person are in the
 * partnership, the person is not erased and belongs to the organization they represent, and
 * journals the act.
 */
export async function addSeat(ctx: ActContext, bodyId: string, input: SeatInput) {
  if ((input.capacity === 'delegate' || input.capacity === 'referent') && input.organizationId === null) {
    throw invalid('organizationId', 'error.seatNeedsOrganization');
  }
  if (!may.manageSeat(ctx.viewer, input.organizationId)) {
    await requireTarget(ctx.db, 'body', bodyId, ctx.partnershipId);
    throw forbidden();
  }
  const id = randomUUID();
  const endsOn = input.endsOn ?? null;
  const event = {
    kind: 'mandate.started',
    payload: {
      seatId: id,
      bodyId,
      personId: input.personId,
      organizationId: input.organizationId,
      capacity: input.capacity,
      mandateSource: input.mandateSource,
      startsOn: input.startsOn,
      endsOn,
    },
  };
  const seated = await sql<{ seat: string | null }>`select seat_start(
      ${ctx.partnershipId}::uuid, ${id}::uuid, ${bodyId}::uuid, ${input.personId}::uuid, ${input.organizationId}::uuid,
      ${input.capacity}::text, ${input.mandateSource}::text, ${input.startsOn}::date, ${endsOn}::date,
      ${ctx.viewer.personId}::uuid, ${ctx.now}::timestamptz, ${JSON.stringify(event.payload)}::jsonb
    ) as seat`.execute(ctx.db);
  if (!seated.rows[0]?.seat) await explainRefusedSeat(ctx, bodyId, input);
  await actCommitted(ctx, [event]);
  return created(id);
}

export async function endSeat(ctx: ActContext, bodyId: string, seatId: string, endsOn: string | undefined) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireTarget(trx, 'body', bodyId, ctx.partnershipId);
    const seat = await trx
      .selectFrom('body_member')
      .select(['person_id', 'organization_id', 'starts_on', 'ends_on'])
      .where('id', '=', seatId)
      .where('body_id', '=', bodyId)
      .forUpdate()
      .executeTakeFirst();
    if (!seat) throw notFound();
    if (!may.manageSeat(ctx.viewer, seat.organization_id)) throw forbidden();
    const end = periodEnd({ startsOn: seat.starts_on, endsOn: seat.ends_on }, endsOn, calendarDay(ctx.now));
    await trx.updateTable('body_member').set({ ends_on: end }).where('id', '=', seatId).execute();
    return { result: { id: seatId }, events: [{ kind: 'mandate.ended', payload: { seatId, bodyId, personId: seat.person_id, endsOn: end } }] };
  });
}

/** A role that seats its holder in the parent body belongs to a body that has one. */
async function requireParentBody(trx: Trx, bodyId: string | null) {
  const body = bodyId === null ? undefined : await trx.selectFrom('body').select('parent_body_id').where('id', '=', bodyId).executeTakeFirst();
  if (!body?.parent_body_id) throw invalid('sitsInParent', 'error.role.noParentBody');
}

export async function createRole(ctx: ActContext, input: RoleInput) {
  if (!may.manageStructure(ctx.viewer)) throw forbidden();
  const id = randomUUID();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    if (input.bodyId) await requireReference(trx, 'body', input.bodyId, ctx.partnershipId, 'bodyId');
    if (input.sitsInParent) await requireParentBody(trx, input.bodyId ?? null);
    await trx
      .insertInto('role')
      .values({
        id,
        partnership_id: ctx.partnershipId,
        body_id: input.bodyId ?? null,
        name: input.name,
        purpose: input.purpose ?? '',
        accountabilities: JSON.stringify(input.accountabilities ?? []),
        term_months: input.termMonths ?? null,
        sits_in_parent: input.sitsInParent ?? false,
        max_holders: input.maxHolders ?? 1,
      })
      .execute();
    return {
      result: created(id),
      events: [
        {
          kind: 'role.created',
          payload: { roleId: id, bodyId: input.bodyId ?? null, termMonths: input.termMonths ?? null, sitsInParent: input.sitsInParent ?? false, maxHolders: input.maxHolders ?? 1 },
        },
      ],
    };
  });
}

export async function updateRole(ctx: ActContext, roleId: string, patch: Partial<RoleInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireTarget(trx, 'role', roleId, ctx.partnershipId);
    if (!may.manageStructure(ctx.viewer)) throw forbidden();
    if (patch.bodyId) await requireReference(trx, 'body', patch.bodyId, ctx.partnershipId, 'bodyId');
    const values = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.purpose !== undefined && { purpose: patch.purpose }),
      ...(patch.accountabilities !== undefined && { accountabilities: JSON.stringify(patch.accountabilities) }),
      ...(patch.termMonths !== undefined && { term_months: patch.termMonths }),
      ...(patch.bodyId !== undefined && { body_id: patch.bodyId }),
      ...(patch.sitsInParent !== undefined && { sits_in_parent: patch.sitsInParent }),
      ...(patch.maxHolders !== undefined && { max_holders: patch.maxHolders }),
    };
    // An empty patch changes nothing: no UPDATE (it would have no SET clause) and no journal entry.
    if (Object.keys(values).length === 0) return { result: { id: roleId }, events: [] };
    const updated = await trx.updateTable('role').set(values).where('id', '=', roleId).returning(['body_id', 'sits_in_parent']).executeTakeFirstOrThrow();
    if (updated.sits_in_parent) await requireParentBody(trx, updated.body_id);
    // Name, purpose and accountabilities are free text: the entry records that they changed, not their words.
    const { name: _name, purpose: _purpose, accountabilities: _accountabilities, ...changes } = patch;
    return { result: { id: roleId }, events: [{ kind: 'role.updated', payload: { roleId, fields: changedFields(patch), changes } }] };
  });
}

export async function assignRole(ctx: ActContext, roleId: string, input: AssignmentInput) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const role = await trx
      .selectFrom('role')
      .select('body_id')
      .where('id', '=', roleId)
      .where('partnership_id', '=', ctx.partnershipId)
      .executeTakeFirst();
    if (!role) throw notFound();
    if (!may.assignRole(ctx.viewer, role.body_id)) throw forbidden();
    await requireReference(trx, 'person', input.personId, ctx.partnershipId, 'personId');
    await refuseIfErased(trx, [input.personId]);
    const id = randomUUID();
    const events = await startRoleTerm(trx, { id, roleId, personId: input.personId, startsOn: input.startsOn, endsOn: input.endsOn ?? null }, calendarDay(ctx.now));
    return { result: created(id), events };
  });
}

export async function endAssignment(ctx: ActContext, roleId: string, assignmentId: string, endsOn: string | undefined) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const role = await trx
      .selectFrom('role')
      .select('body_id')
      .where('id', '=', roleId)
      .where('partnership_id', '=', ctx.partnershipId)
      .executeTakeFirst();
    if (!role) throw notFound();
    const assignment = await trx
      .selectFrom('role_assignment')
      .select(['person_id', 'starts_on', 'ends_on'])
      .where('id', '=', assignmentId)
      .where('role_id', '=', roleId)
      .forUpdate()
      .executeTakeFirst();
    if (!assignment) throw notFound();
    if (!may.assignRole(ctx.viewer, role.body_id)) throw forbidden();
    const end = periodEnd({ startsOn: assignment.starts_on, endsOn: assignment.ends_on }, endsOn, calendarDay(ctx.now));
    await trx.updateTable('role_assignment').set({ ends_on: end }).where('id', '=', assignmentId).execute();
    const unseated = await endSeatInParentBody(trx, assignmentId, end);
    return {
      result: { id: assignmentId },
      events: [{ kind: 'role.unassigned', payload: { assignmentId, roleId, personId: assignment.person_id, endsOn: end } }, ...unseated],
    };
  });
}

export async function createDelegation(ctx: ActContext, input: DelegationInput) {
  if (!may.delegate(ctx.viewer, input.fromPersonId)) throw forbidden();
  const id = randomUUID();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    await requireReference(trx, 'person', input.fromPersonId, ctx.partnershipId, 'fromPersonId');
    await requireReference(trx, 'person', input.toPersonId, ctx.partnershipId, 'toPersonId');
    await refuseIfErased(trx, [input.fromPersonId, input.toPersonId]);
    await requireReference(trx, 'body', input.bodyId, ctx.partnershipId, 'bodyId');
    // The body informed is the delegating person's group of reference: one where they sit.
    const today = calendarDay(ctx.now);
    const seat = await trx
      .selectFrom('body_member')
      .select('id')
      .where('body_id', '=', input.bodyId)
      .where('person_id', '=', input.fromPersonId)
      .where(heldOn('body_member', today))
      .executeTakeFirst();
    if (!seat) throw invalid('bodyId', 'error.notSeatedInBody');
    await trx
      .insertInto('delegation')
      .values({
        id,
        partnership_id: ctx.partnershipId,
        from_person_id: input.fromPersonId,
        to_person_id: input.toPersonId,
        body_id: input.bodyId,
        scope: input.scope,
        starts_on: input.startsOn,
        ends_on: input.endsOn ?? null,
      })
      .execute();
    const informed = await informBodyOfDelegation(trx, ctx.partnershipId, id, ctx.now);
    return {
      result: created(id),
      events: [
        {
          kind: 'delegation.created',
          payload: {
            delegationId: id,
            fromPersonId: input.fromPersonId,
            toPersonId: input.toPersonId,
            bodyId: input.bodyId,
            startsOn: input.startsOn,
            endsOn: input.endsOn ?? null,
            informedCount: informed,
          },
        },
      ],
    };
  });
}

export async function endDelegation(ctx: ActContext, delegationId: string, endsOn: string | undefined) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const delegation = await trx
      .selectFrom('delegation')
      .select(['from_person_id', 'starts_on', 'ends_on'])
      .where('id', '=', delegationId)
      .where('partnership_id', '=', ctx.partnershipId)
      .forUpdate()
      .executeTakeFirst();
    if (!delegation) throw notFound();
    if (!may.delegate(ctx.viewer, delegation.from_person_id)) throw forbidden();
    const end = periodEnd({ startsOn: delegation.starts_on, endsOn: delegation.ends_on }, endsOn, calendarDay(ctx.now));
    await trx.updateTable('delegation').set({ ends_on: end }).where('id', '=', delegationId).execute();
    return { result: { id: delegationId }, events: [{ kind: 'delegation.ended', payload: { delegationId, endsOn: end } }] };
  });
}
