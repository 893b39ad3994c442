import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createdId } from '../common/contract.js';
import { erasePerson } from './acts.js';
import { withId } from '../server/params.js';

export const personalDataRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/:partnershipId/people/:personId/erase',
    { schema: { tags: ['people'], summary: 'Administrators: erase a person (GDPR art. 17): pseudonym, no contact, no account, seats and roles ended', params: withId('personId'), response: { 200: createdId } } },
    async (request) => erasePerson(request.act, request.params.personId),
  );
};
