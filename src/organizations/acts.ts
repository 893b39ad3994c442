import { randomUUID } from 'node:crypto';
import { forbidden, notFound } from '../common/errors.js';
import type { OrganizationInput } from './contract.js';
import { may } from '../common/permissions.js';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import { requireTarget } from '../common/references.js';

const changedFields = (patch: object): string[] => Object.keys(patch).sort();

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
    return { result: { id }, events: [{ kind: 'organization.created', payload: { organizationId: id, kind: input.kind } }] };
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
