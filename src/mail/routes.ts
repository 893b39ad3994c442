import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { outboxAnswer, outboxQuery } from './contract.js';
import { outbox } from './queries.js';
import { inPartnership } from '../server/params.js';

export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/outbox',
    { schema: { tags: ['journal'], summary: 'Messages the server could not e-mail (no SMTP_URL): administrators only', params: inPartnership, querystring: outboxQuery, response: { 200: outboxAnswer } } },
    async (request) => outbox(app.store.db, request.act.viewer, request.act.partnershipId, request.act.now, app.mailer.deliversByEmail, request.query.before),
  );
};
