import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toDoAnswer } from './contract.js';
import { toDoOf } from './queries.js';
import { inPartnership } from '../server/params.js';

export const participationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/to-do',
    {
      schema: {
        tags: ['participation'],
        summary: 'What the charter and the partnership expect of the signed-in person, soonest deadline first, each with the page of its form',
        params: inPartnership,
        response: { 200: toDoAnswer },
      },
    },
    async (request) => toDoOf(app.store.db, request.act.partnershipId, request.act.viewer.personId, request.act.now),
  );
};
