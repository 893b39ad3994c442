import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { calendarDay, periodEnd } from '../common/dates.js';
import { forbidden, invalid, notFound } from '../common/errors.js';
import type { AssignmentInput, RoleInput } from './contract.js';
import { may } from '../common/permissions.js';
import type { Database } from '../common/database/schema.js';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import { refuseIfErased } from '../personal-data/acts.js';
import { endSeatInParentBody } from './links.js';
import { startRoleTerm } from './terms.js';
import { roleWithAppointer } from './appointing.js';
import { requireReference, requireTarget } from '../common/references.js';
import type { JournalEvent } from '../journal/journal-store.js';

type Trx = Transaction<Database>;
const changedFields = (patch: object): string[] => Object.keys(patch).sort();

/** A role that seats its holder in the parent body, or that the parent body appoints, belongs to a body that has one. */
async function requireParentBody(trx: Trx, bodyId: string | null, field: 'sitsInParent' | 'appointedByParent') {
  const body = bodyId === null ? undefined : await trx.selectFrom('body').select('parent_body_id').where('id', '=', bodyId).executeTakeFirst();
  if (!body?.parent_body_id) throw invalid(field, 'error.role.noParentBody');
}

export async function createRole(ctx: ActContext, input: RoleInput) {
  if (!may.manageStructure(ctx.viewer)) throw forbidden();
  const id = randomUUID();
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    if (input.bodyId) await requireReference(trx, 'body', input.bodyId, ctx.partnershipId, 'bodyId');
    if (input.sitsInParent) await requireParentBody(trx, input.bodyId ?? null, 'sitsInParent');
    if (input.appointedByParent) await requireParentBody(trx, input.bodyId ?? null, 'appointedByParent');
    return { result: { id }, events: [await createRoleInTransaction(trx, ctx, id, input)] };
  });
}

/** The role's row and its journal entry, inside an act that checked who acts (a common project names its lead's role this way). */
export async function createRoleInTransaction(trx: Trx, scope: { readonly partnershipId: string }, id: string, input: RoleInput): Promise<JournalEvent> {
  await trx
    .insertInto('role')
    .values({
      id,
      partnership_id: scope.partnershipId,
      body_id: input.bodyId ?? null,
      name: input.name,
      purpose: input.purpose ?? '',
      accountabilities: JSON.stringify(input.accountabilities ?? []),
      term_months: input.termMonths ?? null,
      sits_in_parent: input.sitsInParent ?? false,
      max_holders: input.maxHolders ?? 1,
      appointed_by_parent: input.appointedByParent ?? false,
      supervises_circles: input.supervisesCircles ?? false,
    })
    .execute();
  return {
    kind: 'role.created',
    payload: {
      roleId: id,
      bodyId: input.bodyId ?? null,
      termMonths: input.termMonths ?? null,
      sitsInParent: input.sitsInParent ?? false,
      maxHolders: input.maxHolders ?? 1,
      appointedByParent: input.appointedByParent ?? false,
      supervisesCircles: input.supervisesCircles ?? false,
    },
  };
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
      ...(patch.appointedByParent !== undefined && { appointed_by_parent: patch.appointedByParent }),
      ...(patch.supervisesCircles !== undefined && { supervises_circles: patch.supervisesCircles }),
    };
    // An empty patch changes nothing: no UPDATE (it would have no SET clause) and no journal entry.
    if (Object.keys(values).length === 0) return { result: { id: roleId }, events: [] };
    const updated = await trx.updateTable('role').set(values).where('id', '=', roleId).returning(['body_id', 'sits_in_parent', 'appointed_by_parent']).executeTakeFirstOrThrow();
    if (updated.sits_in_parent) await requireParentBody(trx, updated.body_id, 'sitsInParent');
    if (updated.appointed_by_parent) await requireParentBody(trx, updated.body_id, 'appointedByParent');
    // Name, purpose and accountabilities are free text: the entry records that they changed, not their words.
    const { name: _name, purpose: _purpose, accountabilities: _accountabilities, ...changes } = patch;
    return { result: { id: roleId }, events: [{ kind: 'role.updated', payload: { roleId, fields: changedFields(patch), changes } }] };
  });
}

export async function assignRole(ctx: ActContext, roleId: string, input: AssignmentInput) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const role = await roleWithAppointer(trx, ctx.partnershipId, roleId);
    if (!role) throw notFound();
    if (!may.assignRole(ctx.viewer, role.appointingBodyId)) throw forbidden();
    await requireReference(trx, 'person', input.personId, ctx.partnershipId, 'personId');
    await refuseIfErased(trx, [input.personId]);
    const id = randomUUID();
    const events = await startRoleTerm(trx, { id, roleId, personId: input.personId, startsOn: input.startsOn, endsOn: input.endsOn ?? null }, calendarDay(ctx.now));
    return { result: { id }, events };
  });
}

export async function endAssignment(ctx: ActContext, roleId: string, assignmentId: string, endsOn: string | undefined) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const role = await roleWithAppointer(trx, ctx.partnershipId, roleId);
    if (!role) throw notFound();
    const assignment = await trx
      .selectFrom('role_assignment')
      .select(['person_id', 'starts_on', 'ends_on'])
      .where('id', '=', assignmentId)
      .where('role_id', '=', roleId)
      .forUpdate()
      .executeTakeFirst();
    if (!assignment) throw notFound();
    if (!may.assignRole(ctx.viewer, role.appointingBodyId)) throw forbidden();
    const end = periodEnd({ startsOn: assignment.starts_on, endsOn: assignment.ends_on }, endsOn, calendarDay(ctx.now));
    await trx.updateTable('role_assignment').set({ ends_on: end }).where('id', '=', assignmentId).execute();
    const unseated = await endSeatInParentBody(trx, assignmentId, end);
    return {
      result: { id: assignmentId },
      events: [{ kind: 'role.unassigned', payload: { assignmentId, roleId, personId: assignment.person_id, endsOn: end } }, ...unseated],
    };
  });
}
