import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { journalAnswer } from './contract.js';
import { readJournal } from './journal-store.js';
import { inPartnership } from '../server/params.js';

export const journalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/journal',
    {
      schema: {
        tags: ['journal'],
        summary: 'The journal of governance acts, newest first',
        params: inPartnership,
        querystring: z.object({
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: journalAnswer },
      },
    },
    async (request) => readJournal(app.store.db, request.act.partnershipId, { beforeSeq: request.query.before, limit: request.query.limit }),
  );
};
