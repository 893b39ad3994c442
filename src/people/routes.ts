import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { created, createdId } from '../common/contract.js';
import { invitationSentAnswer, peopleListAnswer, personDetailAnswer, personInput, personPatch } from './contract.js';
import { invitePerson } from '../accounts/acts.js';
import * as acts from './acts.js';
import { listPeople, personDetail } from './queries.js';
import { inPartnership, withId } from '../server/params.js';

/** People per page of the list, and ids a page may name (the journal asks for the names it shows). */
const PEOPLE_PAGE = 100;
const PEOPLE_BY_ID = 100;

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/people',
    {
      schema: {
        tags: ['people'],
        summary: 'People of the partnership with their organizations, in name order, a page at a time (`after` = the previous page’s `next`)',
        params: inPartnership,
        querystring: z.object({
          q: z.string().max(200, { error: 'error.tooLong' }).optional(),
          organizationId: z.uuid({ error: 'error.reference' }).optional(),
          ids: z
            .string()
            .max(PEOPLE_BY_ID * 37, { error: 'error.tooLong' })
            .transform((text) => text.split(','))
            .pipe(z.array(z.uuid({ error: 'error.reference' })).max(PEOPLE_BY_ID, { error: 'error.tooLong' }))
            .optional(),
          after: z.uuid({ error: 'error.reference' }).optional(),
          limit: z.coerce
            .number()
            .int({ error: 'error.integer' })
            .min(1, { error: 'error.atLeastOne' })
            .max(PEOPLE_PAGE, { error: 'error.tooLarge' })
            .default(PEOPLE_PAGE),
        }),
        response: { 200: peopleListAnswer },
      },
    },
    async (request) => {
      const { q, organizationId, ids, after, limit } = request.query;
      return listPeople(app.store.db, request.act.partnershipId, { search: q, organizationId, ids }, { limit, after });
    },
  );
  app.post(
    '/:partnershipId/people',
    { schema: { tags: ['people'], summary: 'Add a person', params: inPartnership, body: personInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.createPerson(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/people/:personId',
    { schema: { tags: ['people'], summary: 'A person: organizations, seats, roles, delegations', params: withId('personId'), response: { 200: personDetailAnswer } } },
    async (request) => personDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.personId, request.act.now),
  );
  app.patch(
    '/:partnershipId/people/:personId',
    { schema: { tags: ['people'], summary: 'Change a person', params: withId('personId'), body: personPatch, response: { 200: createdId } } },
    async (request) => acts.updatePerson(request.act, request.params.personId, request.body),
  );
  app.post(
    '/:partnershipId/people/:personId/invitation',
    { schema: { tags: ['people'], summary: 'Invite a person to create their account', params: withId('personId'), response: { 201: invitationSentAnswer } } },
    async (request, reply) => {
      const invitation = await invitePerson(request.act, request.params.personId, { baseUrl: app.config.publicUrl }, request.locale);
      return reply.status(201).send({ expiresAt: invitation.expiresAt });
    },
  );
};
