import { randomUUID } from 'node:crypto';
import { calendarDay, periodEnd } from '../common/dates.js';
import { forbidden, invalid, notFound } from '../common/errors.js';
import type { DelegationInput } from './contract.js';
import { may } from '../common/permissions.js';
import { heldOn } from '../common/database/periods.js';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import { informBodyOfDelegation } from '../mail/mailer.js';
import { refuseIfErased } from '../personal-data/acts.js';
import { requireReference } from '../common/references.js';

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
      result: { id },
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
