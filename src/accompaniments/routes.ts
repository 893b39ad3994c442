import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { created, noContent } from '../common/contract.js';
import { inPartnership, withId } from '../server/params.js';
import * as acts from './acts.js';
import { accompanimentAnswer, accompanimentChangeInput, accompanimentInput, accompanimentsAnswer, memberInput } from './contract.js';
import { dayRoutes } from './days/routes.js';
import { accompanimentList, accompanimentPage } from './queries.js';

const inAccompaniment = withId('accompanimentId');
const inMember = inAccompaniment.extend({ personId: z.string() });
const tags = ['accompaniments'];
/** An outsider reaches the accompaniments that name them: `accompanimentInView` checks it. */
const outsiders = { outsiders: true } as const;

export const accompanimentRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(dayRoutes);
  app.get(
    '/:partnershipId/accompaniments',
    { config: outsiders, schema: { tags, summary: 'The accompaniments the viewer reaches, newest first', params: inPartnership, response: { 200: accompanimentsAnswer } } },
    async (request) => accompanimentList(app.store.db, request.act.viewer, request.act.partnershipId),
  );
  app.post(
    '/:partnershipId/accompaniments',
    { schema: { tags, summary: 'Open a shared workspace for a group’s journey, of the partnership or of a project; its opener facilitates it', params: inPartnership, body: accompanimentInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.createAccompaniment(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/accompaniments/:accompanimentId',
    { config: outsiders, schema: { tags, summary: 'An accompaniment: what it is, who is in it, what the viewer may do', params: inAccompaniment, response: { 200: accompanimentAnswer } } },
    async (request) => accompanimentPage(app.store.db, request.act, request.params.accompanimentId),
  );
  app.put(
    '/:partnershipId/accompaniments/:accompanimentId',
    { schema: { tags, summary: 'A facilitator changes the space’s title, purpose and licence', params: inAccompaniment, body: accompanimentChangeInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.changeAccompaniment(request.act, request.params.accompanimentId, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/accompaniments/:accompanimentId/members',
    {
      schema: {
        tags,
        summary: 'A facilitator adds a person of the partnership, or someone from outside by name and address (reached by link), to the space',
        params: inAccompaniment,
        body: memberInput,
        response: created,
      },
    },
    async (request, reply) => reply.status(201).send(await acts.addMember(request.act, request.params.accompanimentId, request.body)),
  );
  app.delete(
    '/:partnershipId/accompaniments/:accompanimentId/members/:personId',
    { schema: { tags, summary: 'A facilitator takes someone out of the space (never its last facilitator)', params: inMember, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.removeMember(request.act, request.params.accompanimentId, request.params.personId);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/accompaniments/:accompanimentId/archive',
    { schema: { tags, summary: 'A facilitator archives the space: read-only from then on, as the group’s memory', params: inAccompaniment, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.archiveAccompaniment(request.act, request.params.accompanimentId);
      return reply.status(204).send();
    },
  );
};
