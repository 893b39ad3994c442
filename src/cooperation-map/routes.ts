import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { created, noContent } from '../common/contract.js';
import { withId } from '../server/params.js';
import * as acts from './acts.js';
import { mapAnswer, mapEntryInput, mapSearch } from './contract.js';
import { mapOf } from './queries.js';

const inAccompaniment = withId('accompanimentId');
const inEntry = withId('entryId');
const tags = ['cooperation map'];
/** An outsider of the space fills its map too: `accompanimentInView` checks that the space names them. */
const outsiders = { outsiders: true } as const;

export const cooperationMapRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/accompaniments/:accompanimentId/map',
    {
      config: outsiders,
      schema: {
        tags,
        summary: 'The map of a space: its entries (« Qui sait… ? » searches them in French, accents ignored; a kind filters them), the graph of who cooperates with whom',
        params: inAccompaniment,
        querystring: mapSearch,
        response: { 200: mapAnswer },
      },
    },
    async (request) => mapOf(app.store.db, request.act, request.params.accompanimentId, request.query),
  );
  app.post(
    '/:partnershipId/accompaniments/:accompanimentId/map',
    {
      config: outsiders,
      schema: { tags, summary: 'A person of the space adds a cooperation, an obstacle or a need of one, or a skill, premises or equipment someone offers', params: inAccompaniment, body: mapEntryInput, response: created },
    },
    async (request, reply) => reply.status(201).send(await acts.addMapEntry(request.act, request.params.accompanimentId, request.body)),
  );
  app.put(
    '/:partnershipId/map-entries/:entryId',
    { config: outsiders, schema: { tags, summary: 'Its author or a facilitator rewrites an entry of the map (its kind stays)', params: inEntry, body: mapEntryInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.changeMapEntry(request.act, request.params.entryId, request.body);
      return reply.status(204).send();
    },
  );
  app.delete(
    '/:partnershipId/map-entries/:entryId',
    { config: outsiders, schema: { tags, summary: 'Its author or a facilitator takes an entry off the map; a cooperation takes its obstacles and needs with it', params: inEntry, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.removeMapEntry(request.act, request.params.entryId);
      return reply.status(204).send();
    },
  );
};
