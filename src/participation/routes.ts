import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { toDoAnswer } from './contract.js';
import { toDoOf } from './queries.js';
import { inPartnership } from '../server/params.js';

export const participationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/to-do',
    {
      // Someone from outside sees their own list too, kept to the pages opened to them (OUTSIDER_TO_DO_KINDS).
      config: { outsiders: true },
      schema: {
        tags: ['participation'],
        summary: 'What the charter and the partnership expect of the signed-in person, soonest deadline first, each with the page of its form',
        params: inPartnership,
        response: { 200: toDoAnswer },
      },
    },
    async (request) => toDoOf(app.store.db, request.act.partnershipId, request.act.viewer.personId, request.act.now, request.act.viewer.outsider === true),
  );
};
