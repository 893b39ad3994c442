import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { translator } from '../i18n/server-messages.js';
import { errorAnswer } from '../common/contract.js';
import { overviewAnswer, partnershipListAnswer } from './contract.js';
import { describeGap } from '../bodies/queries.js';
import { listPartnershipsOfAccount, partnershipOverview } from './queries.js';
import { inPartnership } from '../server/params.js';

export const partnershipOverviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { tags: ['structure'], summary: 'Partnerships of the signed-in account', response: { 200: partnershipListAnswer, 401: errorAnswer } } }, async (request, reply) => {
    if (!request.session) return reply.status(401).send({ error: 'unauthenticated', message: translator(request.locale)('error.signInRequired') });
    return listPartnershipsOfAccount(app.store.db, request.session);
  });

  app.get(
    '/:partnershipId',
    { schema: { tags: ['structure'], summary: 'Overview: organizations, bodies with their composition check, roles', params: inPartnership, response: { 200: overviewAnswer } } },
    async (request) => {
      const overview = await partnershipOverview(app.store.db, request.act.viewer, request.act.partnershipId, request.act.now);
      return { ...overview, bodies: overview.bodies.map((body) => ({ ...body, gaps: body.gaps.map(describeGap(request.locale)) })) };
    },
  );
};
