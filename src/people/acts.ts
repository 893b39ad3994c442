import { randomUUID } from 'node:crypto';
import { conflict, forbidden, invalid } from '../common/errors.js';
import type { PersonInput } from './contract.js';
import { may } from '../common/permissions.js';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import { membershipCreated } from '../organizations/memberships.js';
import { refuseIfErased } from '../personal-data/acts.js';
import { requireReference, requireTarget } from '../common/references.js';
import { personAsTarget } from './queries.js';

const changedFields = (patch: object): string[] => Object.keys(patch).sort();

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
      result: { id: personId },
      events: [
        { kind: 'person.created', payload: { personId, isPartnershipAdmin: input.isPartnershipAdmin ?? false } },
        ...memberships.map((m) => membershipCreated(m.id, personId, m.organization_id, { kind: m.kind, isOrganizationAdmin: m.is_organization_admin })),
      ],
    };
  });
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
