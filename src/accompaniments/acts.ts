import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import type { Database } from '../common/database/schema.js';
import { conflict, forbidden, invalid } from '../common/errors.js';
import { may } from '../common/permissions.js';
import { requireReference } from '../common/references.js';
import { partnershipRules } from '../charters/queries.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { accompanimentInView, openAccompanimentForAct } from './access.js';
import type { accompanimentChangeInput, accompanimentInput, memberInput } from './contract.js';
import { mayFacilitate } from './rules.js';

type Trx = Transaction<Database>;

const inAccompaniments = (ctx: ActContext) => ({ partnershipId: ctx.partnershipId, viewer: ctx.viewer });

/**
 * Opens a shared workspace for a group's journey, of the partnership or of one of its projects;
 * whoever opens it facilitates it. Its licence is the charter's unless said otherwise.
 */
export async function createAccompaniment(ctx: ActContext, input: z.infer<typeof accompanimentInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    if (!may.createAccompaniment(ctx.viewer)) throw forbidden();
    if (input.projectId !== null) {
      const project = await trx.selectFrom('project').select('id').where('id', '=', input.projectId).where('partnership_id', '=', ctx.partnershipId).executeTakeFirst();
      if (!project) throw invalid('projectId', 'error.reference');
    }
    const licence = input.licence ?? (await partnershipRules(trx, ctx.partnershipId))?.licence?.licence ?? 'CC-BY-SA-4.0';
    const id = randomUUID();
    await trx
      .insertInto('accompaniment')
      .values({ id, partnership_id: ctx.partnershipId, project_id: input.projectId, title: input.title, purpose: input.purpose, licence, created_by: ctx.viewer.personId, created_at: ctx.now })
      .execute();
    await trx
      .insertInto('accompaniment_member')
      .values({ accompaniment_id: id, person_id: ctx.viewer.personId, role: 'facilitator', added_by: ctx.viewer.personId, added_at: ctx.now })
      .execute();
    const events: JournalEvent[] = [{ kind: 'accompaniment.created', payload: { accompanimentId: id, projectId: input.projectId, licence, facilitatorId: ctx.viewer.personId } }];
    return { result: { id }, events };
  });
}

/** A facilitator changes the space's title, purpose and licence (resources already shared keep theirs). */
export async function changeAccompaniment(ctx: ActContext, accompanimentId: string, input: z.infer<typeof accompanimentChangeInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const accompaniment = await openAccompanimentForAct(trx, inAccompaniments(ctx), accompanimentId);
    if (!mayFacilitate(accompaniment.reach)) throw forbidden();
    await trx.updateTable('accompaniment').set({ title: input.title, purpose: input.purpose, licence: input.licence }).where('id', '=', accompanimentId).execute();
    return { result: undefined, events: [{ kind: 'accompaniment.changed', payload: { accompanimentId, licence: input.licence } }] };
  });
}

/**
 * The person from outside named by their address: the outsider already known by it, else a new
 * person marked `outsider`, who belongs to no organization and reaches only what names them. An
 * address that belongs to someone of the partnership is theirs to be added by name.
 */
async function outsiderByAddress(trx: Trx, ctx: ActContext, outsider: { fullName: string; email: string }, events: JournalEvent[]): Promise<string> {
  const known = await trx
    .selectFrom('person')
    .select(['id', 'outsider'])
    .where('partnership_id', '=', ctx.partnershipId)
    .where(sql<string>`lower(email)`, '=', outsider.email)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  if (known && !known.outsider) throw invalid('outsider.email', 'accompaniment.field.addressOfAMember');
  if (known) return known.id;
  const id = randomUUID();
  await trx.insertInto('person').values({ id, partnership_id: ctx.partnershipId, full_name: outsider.fullName, email: outsider.email, outsider: true }).execute();
  events.push({ kind: 'person.created', payload: { personId: id, isPartnershipAdmin: false, outsider: true } });
  return id;
}

/** A facilitator adds a participant or a facilitator; the person is told by mail, with a link that opens the space. */
export async function addMember(ctx: ActContext, accompanimentId: string, input: z.infer<typeof memberInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const accompaniment = await openAccompanimentForAct(trx, inAccompaniments(ctx), accompanimentId);
    if (!mayFacilitate(accompaniment.reach)) throw forbidden();
    const events: JournalEvent[] = [];
    let personId: string;
    let role: 'facilitator' | 'participant' = 'participant';
    if ('personId' in input) {
      await requireReference(trx, 'person', input.personId, ctx.partnershipId, 'personId');
      personId = input.personId;
      role = input.role;
    } else {
      personId = await outsiderByAddress(trx, ctx, input.outsider, events);
    }
    const added = await trx
      .insertInto('accompaniment_member')
      .values({ accompaniment_id: accompanimentId, person_id: personId, role, added_by: ctx.viewer.personId, added_at: ctx.now })
      .onConflict((oc) => oc.doNothing())
      .returning('person_id')
      .executeTakeFirst();
    if (!added) throw conflict('accompaniment.refusal.alreadyMember');
    events.push({ kind: 'accompaniment.memberAdded', payload: { accompanimentId, personId, role } });
    return { result: { id: personId }, events };
  });
}

/** A facilitator takes someone out of the space; the last facilitator stays. What they shared stays, under their name. */
export async function removeMember(ctx: ActContext, accompanimentId: string, personId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const accompaniment = await openAccompanimentForAct(trx, inAccompaniments(ctx), accompanimentId);
    if (!mayFacilitate(accompaniment.reach)) throw forbidden();
    const members = await trx.selectFrom('accompaniment_member').select(['person_id', 'role']).where('accompaniment_id', '=', accompanimentId).forUpdate().execute();
    const leaving = members.find((member) => member.person_id === personId);
    if (!leaving) throw conflict('accompaniment.refusal.notAMember');
    if (leaving.role === 'facilitator' && members.filter((member) => member.role === 'facilitator').length === 1) throw conflict('accompaniment.refusal.lastFacilitator');
    await trx.deleteFrom('accompaniment_member').where('accompaniment_id', '=', accompanimentId).where('person_id', '=', personId).execute();
    return { result: undefined, events: [{ kind: 'accompaniment.memberRemoved', payload: { accompanimentId, personId } }] };
  });
}

/**
 * A facilitator archives the space once the journey is over: it stays readable as the group's
 * memory, and every act of it is refused from then on. Taken FOR UPDATE, it waits for the acts
 * under way, which hold the space FOR SHARE.
 */
export async function archiveAccompaniment(ctx: ActContext, accompanimentId: string) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const accompaniment = await accompanimentInView(trx, inAccompaniments(ctx), accompanimentId, { lock: 'update' });
    if (!mayFacilitate(accompaniment.reach)) throw forbidden();
    if (accompaniment.archivedAt !== null) throw conflict('accompaniment.refusal.archived');
    await trx.updateTable('accompaniment').set({ archived_at: ctx.now, archived_by: ctx.viewer.personId }).where('id', '=', accompanimentId).execute();
    return { result: undefined, events: [{ kind: 'accompaniment.archived', payload: { accompanimentId } }] };
  });
}
