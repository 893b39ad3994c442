import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { actorOf, recordAct, type ActContext } from '../common/act.js';
import type { Database } from '../common/database/schema.js';
import { conflict, forbidden, invalid, notFound } from '../common/errors.js';
import { textHash } from '../journal/chain.js';
import type { JournalEvent } from '../journal/journal-store.js';
import { openAccompanimentForAct } from '../accompaniments/access.js';
import { mayContribute, mayFacilitate } from '../accompaniments/rules.js';
import type { harvestInput, publicationAnswerInput, publicationAskInput } from './contract.js';
import { publicationAnswerRefusal, publicationAskRefusal, type PublicationState } from './rules.js';

const inAccompaniments = (ctx: ActContext) => ({ partnershipId: ctx.partnershipId, viewer: ctx.viewer });

/** A person of the space harvests what worked or what did not, tied to one of its days or a stage of its project. */
export async function addHarvestItem(ctx: ActContext, accompanimentId: string, input: z.infer<typeof harvestInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const accompaniment = await openAccompanimentForAct(trx, inAccompaniments(ctx), accompanimentId);
    if (!mayContribute(accompaniment.reach)) throw forbidden();
    if (input.dayId !== null) {
      const day = await trx.selectFrom('accompaniment_day').select('id').where('id', '=', input.dayId).where('accompaniment_id', '=', accompanimentId).executeTakeFirst();
      if (!day) throw invalid('dayId', 'harvest.field.day');
    }
    if (input.projectStage !== null && accompaniment.projectId === null) throw invalid('projectStage', 'harvest.field.noProject');
    const projectId = input.projectStage !== null ? accompaniment.projectId : null;
    const id = randomUUID();
    await trx
      .insertInto('harvest_item')
      .values({
        id,
        partnership_id: ctx.partnershipId,
        accompaniment_id: accompanimentId,
        kind: input.kind,
        text: input.text,
        author_id: ctx.viewer.personId,
        day_id: input.dayId,
        project_id: projectId,
        project_stage: input.projectStage,
        created_at: ctx.now,
      })
      .execute();
    const events: JournalEvent[] = [
      {
        kind: 'harvest.added',
        payload: { itemId: id, accompanimentId, kind: input.kind, authorId: ctx.viewer.personId, dayId: input.dayId, projectId, projectStage: input.projectStage, textHash: textHash(input.text) },
      },
    ];
    return { result: { id }, events };
  });
}

/** The item, locked, with its open space and this viewer's reach in it. */
async function itemForAct(trx: Transaction<Database>, ctx: ActContext, itemId: string) {
  const found = await trx.selectFrom('harvest_item').select('accompaniment_id').where('id', '=', itemId).where('partnership_id', '=', ctx.partnershipId).executeTakeFirst();
  if (!found) throw notFound();
  const accompaniment = await openAccompanimentForAct(trx, inAccompaniments(ctx), found.accompaniment_id);
  const item = await trx.selectFrom('harvest_item').select(['author_id', 'publication']).where('id', '=', itemId).forUpdate().executeTakeFirstOrThrow();
  return { accompaniment, item: { authorId: item.author_id, publication: item.publication as PublicationState } };
}

/** A facilitator asks the author to publish their item as an experience article, under a title; the author is told and finds it in « À faire pour vous ». */
export async function askPublication(ctx: ActContext, itemId: string, input: z.infer<typeof publicationAskInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { accompaniment, item } = await itemForAct(trx, ctx, itemId);
    if (!mayFacilitate(accompaniment.reach)) throw forbidden();
    const refusal = publicationAskRefusal(item, accompaniment.licence);
    if (refusal !== null) throw conflict(refusal);
    await trx
      .updateTable('harvest_item')
      .set({ publication: 'asked', publication_title: input.title, publication_asked_by: ctx.viewer.personId, publication_asked_at: ctx.now })
      .where('id', '=', itemId)
      .execute();
    const events: JournalEvent[] = [{ kind: 'harvest.publicationAsked', payload: { itemId, accompanimentId: accompaniment.id, authorId: item.authorId, askedBy: ctx.viewer.personId, titleHash: textHash(input.title) } }];
    return { result: undefined, events };
  });
}

/**
 * The author answers: their consent publishes the item at once, under the space's licence (an
 * open one, else refused); a refusal leaves it private, and a facilitator may ask again.
 */
export async function answerPublication(ctx: ActContext, itemId: string, input: z.infer<typeof publicationAnswerInput>) {
  return recordAct({ ...ctx, ...actorOf(ctx) }, async (trx) => {
    const { accompaniment, item } = await itemForAct(trx, ctx, itemId);
    if (item.authorId !== ctx.viewer.personId) throw forbidden();
    const refusal = publicationAnswerRefusal(item, accompaniment.licence, input.consents);
    if (refusal !== null) throw conflict(refusal);
    const answered: JournalEvent = { kind: 'harvest.publicationAnswered', payload: { itemId, accompanimentId: accompaniment.id, authorId: item.authorId, consents: input.consents } };
    if (!input.consents) {
      await trx.updateTable('harvest_item').set({ publication: 'private' }).where('id', '=', itemId).execute();
      return { result: undefined, events: [answered] };
    }
    await trx.updateTable('harvest_item').set({ publication: 'published', published_at: ctx.now }).where('id', '=', itemId).execute();
    return { result: undefined, events: [answered, { kind: 'harvest.published', payload: { itemId, accompanimentId: accompaniment.id, licence: accompaniment.licence } }] };
  });
}
