import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import type { Database } from '../common/database/schema.js';
import { conflict, forbidden, invalid, notFound } from '../common/errors.js';
import { may } from '../common/permissions.js';
import { requireReference } from '../common/references.js';
import { textHash } from '../journal/chain.js';
import { appendEntry, type JournalEvent } from '../journal/journal-store.js';
import type { addDeliverableInput, assignDeliverableInput, deliverableStatusInput, editDeliverableInput } from './contract.js';
import { deliverableFrame } from './queries.js';
import { canMove, licenceAllowsPublishing, missingOutputs, moveIsManagers, sameTitle, type DeliverableStatus } from './rules.js';

type Trx = Transaction<Database>;

/** An owner is a person of the partnership who was not erased: nothing new is given an erased person to carry. */
async function requireOwner(trx: Trx, ctx: ActContext, ownerId: string) {
  await requireReference(trx, 'person', ownerId, ctx.partnershipId, 'ownerId');
  const erased = await trx.selectFrom('person').select('id').where('id', '=', ownerId).where('erased_at', 'is not', null).executeTakeFirst();
  if (erased) throw invalid('ownerId', 'deliverable.error.ownerErased');
}

/** The deliverable named in the URL, of the charter named there, locked for the act; another's is not found. */
async function lockedDeliverable(trx: Trx, ctx: ActContext, charterId: string, deliverableId: string) {
  const row = await trx
    .selectFrom('deliverable')
    .select(['id', 'title', 'description', 'owner_id', 'due_on', 'status', 'licence_output'])
    .where('id', '=', deliverableId)
    .where('charter_id', '=', charterId)
    .where('partnership_id', '=', ctx.partnershipId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  return { ...row, status: row.status as DeliverableStatus };
}

/** A deliverable published or dropped is settled: taking a dropped one up again is the way back. */
const requireOpen = (status: DeliverableStatus) => {
  if (status === 'published' || status === 'dropped') throw conflict(`deliverable.error.${status}`);
};

/** Adds a deliverable to the charter: its title, description, owner (or none yet) and due day; it starts planned. */
export async function addDeliverable(ctx: ActContext, charterId: string, input: z.infer<typeof addDeliverableInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const frame = await deliverableFrame(trx, ctx.partnershipId, charterId);
    if (!may.manageDeliverables(ctx.viewer, frame.team)) throw forbidden();
    if (input.ownerId !== null) await requireOwner(trx, ctx, input.ownerId);
    const deliverableId = randomUUID();
    await trx
      .insertInto('deliverable')
      .values({
        id: deliverableId,
        partnership_id: ctx.partnershipId,
        charter_id: charterId,
        title: input.title,
        description: input.description,
        owner_id: input.ownerId,
        due_on: input.dueOn,
        status: 'planned',
        status_since: ctx.now,
        created_by: ctx.viewer.personId,
        created_at: ctx.now,
      })
      .execute();
    const event: JournalEvent = {
      kind: 'deliverable.added',
      payload: {
        deliverableId,
        charterId,
        titleHash: textHash(input.title),
        descriptionHash: textHash(input.description),
        ownerId: input.ownerId,
        dueOn: input.dueOn,
        status: 'planned',
        licenceOutput: false,
      },
    };
    return { result: { id: deliverableId }, events: [event] };
  });
}

/**
 * Changes what a deliverable is and by when. The title of an output the licence lists is the
 * licence's: it is how the next adoption knows the output is there.
 */
export async function editDeliverable(ctx: ActContext, charterId: string, deliverableId: string, input: z.infer<typeof editDeliverableInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const frame = await deliverableFrame(trx, ctx.partnershipId, charterId);
    const row = await lockedDeliverable(trx, ctx, charterId, deliverableId);
    if (!may.manageDeliverables(ctx.viewer, frame.team)) throw forbidden();
    requireOpen(row.status);
    if (row.licence_output && !sameTitle(row.title, input.title)) throw invalid('title', 'deliverable.error.outputTitle');
    if (row.title === input.title && row.description === input.description && row.due_on === input.dueOn) return { result: null, events: [] };
    await trx.updateTable('deliverable').set({ title: input.title, description: input.description, due_on: input.dueOn }).where('id', '=', deliverableId).execute();
    const event: JournalEvent = {
      kind: 'deliverable.changed',
      payload: { deliverableId, titleHash: textHash(input.title), descriptionHash: textHash(input.description), dueOn: input.dueOn },
    };
    return { result: null, events: [event] };
  });
}

/** Gives a deliverable to a person of the partnership, who is told; null leaves it to take. */
export async function assignDeliverable(ctx: ActContext, charterId: string, deliverableId: string, input: z.infer<typeof assignDeliverableInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const frame = await deliverableFrame(trx, ctx.partnershipId, charterId);
    const row = await lockedDeliverable(trx, ctx, charterId, deliverableId);
    if (!may.manageDeliverables(ctx.viewer, frame.team)) throw forbidden();
    requireOpen(row.status);
    if (input.ownerId !== null) await requireOwner(trx, ctx, input.ownerId);
    if (row.owner_id === input.ownerId) return { result: null, events: [] };
    await trx.updateTable('deliverable').set({ owner_id: input.ownerId }).where('id', '=', deliverableId).execute();
    return { result: null, events: [{ kind: 'deliverable.assigned', payload: { deliverableId, charterId, ownerId: input.ownerId } } satisfies JournalEvent] };
  });
}

/**
 * Says where a deliverable stands. Its owner moves it along its work; dropping it, or taking a
 * dropped one up again, is its managers'. Publishing needs the charter's licence to allow it and
 * says where it was published.
 */
export async function setDeliverableStatus(ctx: ActContext, charterId: string, deliverableId: string, input: z.infer<typeof deliverableStatusInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const frame = await deliverableFrame(trx, ctx.partnershipId, charterId);
    const row = await lockedDeliverable(trx, ctx, charterId, deliverableId);
    const manages = may.manageDeliverables(ctx.viewer, frame.team);
    const moves = may.moveDeliverable(ctx.viewer, { ownerId: row.owner_id });
    const allowed = row.status === input.status ? manages || moves : moveIsManagers(row.status, input.status) ? manages : moves;
    if (!allowed) throw forbidden();
    if (row.status === input.status) return { result: null, events: [] };
    if (!canMove(row.status, input.status)) throw conflict('deliverable.error.move');
    const publishing = input.status === 'published';
    if (publishing && !licenceAllowsPublishing(frame.licence)) throw conflict('deliverable.error.notPublishable');
    if (publishing && input.publishedUrl === undefined) throw invalid('publishedUrl', 'error.required');
    await trx
      .updateTable('deliverable')
      .set({ status: input.status, status_since: ctx.now, published_url: publishing ? input.publishedUrl! : null })
      .where('id', '=', deliverableId)
      .execute();
    const payload = { deliverableId, status: input.status, ...(publishing && { publishedUrlHash: textHash(input.publishedUrl!) }) };
    return { result: null, events: [{ kind: 'deliverable.status', payload } satisfies JournalEvent] };
  });
}

/**
 * The outputs the adopted version's licence lists become deliverables of the charter, to publish
 * under that licence, each unless one of that title is already there (the previous adoption's):
 * none has an owner until someone takes it. Called in the adoption's transaction
 * (charters/acts.ts adoptVersionInTransaction); its entries are journaled with it, by nobody in
 * particular, as the adoption's consequence.
 */
export async function addLicenceOutputsInTransaction(trx: Trx, ctx: { readonly partnershipId: string; readonly now: Date }, charterId: string, outputs: readonly string[]): Promise<void> {
  if (outputs.length === 0) return;
  const existing = await trx.selectFrom('deliverable').select('title').where('charter_id', '=', charterId).execute();
  const missing = missingOutputs(outputs, existing.map((row) => row.title));
  if (missing.length === 0) return;
  const rows = missing.map((title) => ({
    id: randomUUID(),
    partnership_id: ctx.partnershipId,
    charter_id: charterId,
    title,
    description: '',
    owner_id: null,
    due_on: null,
    status: 'planned',
    licence_output: true,
    status_since: ctx.now,
    created_by: null,
    created_at: ctx.now,
  }));
  await trx.insertInto('deliverable').values(rows).execute();
  for (const row of rows) {
    const event: JournalEvent = {
      kind: 'deliverable.added',
      payload: { deliverableId: row.id, charterId, titleHash: textHash(row.title), descriptionHash: textHash(''), ownerId: null, dueOn: null, status: 'planned', licenceOutput: true },
    };
    await appendEntry(trx, ctx.partnershipId, null, event, ctx.now);
  }
}
