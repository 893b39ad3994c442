import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { created, createdId, endInput } from '../common/contract.js';
import { delegationInput } from './contract.js';
import * as acts from './acts.js';
import { inPartnership, withId } from '../server/params.js';

export const delegationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/:partnershipId/delegations',
    {
      schema: {
        tags: ['delegations'],
        summary: 'Delegate part of a mission; the members of the body concerned are informed',
        params: inPartnership,
        body: delegationInput,
        response: created,
      },
    },
    async (request, reply) => reply.status(201).send(await acts.createDelegation(request.act, request.body)),
  );
  app.post(
    '/:partnershipId/delegations/:delegationId/end',
    { schema: { tags: ['delegations'], summary: 'End a delegation', params: withId('delegationId'), body: endInput, response: { 200: createdId } } },
    async (request) => acts.endDelegation(request.act, request.params.delegationId, request.body.endsOn),
  );
};
