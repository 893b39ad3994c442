import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { created, noContent } from '../common/contract.js';
import { withId } from '../server/params.js';
import * as acts from './acts.js';
import { harvestAnswer, harvestInput, publicationAnswerInput, publicationAskInput } from './contract.js';
import { harvestOf } from './queries.js';

const inAccompaniment = withId('accompanimentId');
const inItem = withId('itemId');
const tags = ['harvest'];
/** An outsider of the space harvests too, and answers for what they wrote: `accompanimentInView` checks that the space names them. */
const outsiders = { outsiders: true } as const;

export const harvestRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/accompaniments/:accompanimentId/harvest',
    { config: outsiders, schema: { tags, summary: 'The harvest of a space: what worked and what did not, with their authors and publication', params: inAccompaniment, response: { 200: harvestAnswer } } },
    async (request) => harvestOf(app.store.db, request.act, request.params.accompanimentId),
  );
  app.post(
    '/:partnershipId/accompaniments/:accompanimentId/harvest',
    { config: outsiders, schema: { tags, summary: 'A person of the space harvests a nugget or a pebble, tied to a day or a stage of its project', params: inAccompaniment, body: harvestInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.addHarvestItem(request.act, request.params.accompanimentId, request.body)),
  );
  app.post(
    '/:partnershipId/harvest-items/:itemId/publication-request',
    { schema: { tags, summary: 'A facilitator asks the author to publish an item as an experience article, under a title (the space’s licence must be open)', params: inItem, body: publicationAskInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.askPublication(request.act, request.params.itemId, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/harvest-items/:itemId/publication-answer',
    { config: outsiders, schema: { tags, summary: 'The author consents (published at once under the space’s open licence) or declines', params: inItem, body: publicationAnswerInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.answerPublication(request.act, request.params.itemId, request.body);
      return reply.status(204).send();
    },
  );
};
