import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { created, createdId } from '../common/contract.js';
import { membershipInput, membershipRequestAnsweredAnswer, organizationDetailAnswer, organizationInput, organizationPatch } from './contract.js';
import { addMembership, answerMembershipRequest } from './memberships.js';
import * as acts from './acts.js';
import { organizationDetail } from './queries.js';
import { inPartnership, withId } from '../server/params.js';

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  const mailContext = (request: FastifyRequest) => ({ link: { baseUrl: app.config.publicUrl }, locale: request.locale });

  app.post(
    '/:partnershipId/organizations',
    { schema: { tags: ['organizations'], summary: 'Add a member organization', params: inPartnership, body: organizationInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.createOrganization(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/organizations/:organizationId',
    { schema: { tags: ['organizations'], summary: 'An organization, its members and the seats it holds', params: withId('organizationId'), response: { 200: organizationDetailAnswer } } },
    async (request) => organizationDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.organizationId, request.act.now),
  );
  app.patch(
    '/:partnershipId/organizations/:organizationId',
    { schema: { tags: ['organizations'], summary: 'Change an organization', params: withId('organizationId'), body: organizationPatch, response: { 200: createdId } } },
    async (request) => acts.updateOrganization(request.act, request.params.organizationId, request.body),
  );
  app.post(
    '/:partnershipId/organizations/:organizationId/memberships',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Add a person to an organization (201), or ask them when they belong elsewhere and an organization administrator adds them (202: a request waits for their answer)',
        params: withId('organizationId'),
        body: membershipInput,
        response: { 201: z.object({ id: z.uuid(), pending: z.literal(false) }), 202: z.object({ id: z.uuid(), pending: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      const added = await addMembership(request.act, request.params.organizationId, request.body, mailContext(request));
      return reply.status(added.pending ? 202 : 201).send(added);
    },
  );
  for (const [path, answer] of [['accept', 'accepted'], ['decline', 'declined']] as const) {
    app.post(
      `/:partnershipId/membership-requests/:requestId/${path}`,
      {
        schema: {
          tags: ['people'],
          summary: `${answer === 'accepted' ? 'Accept' : 'Decline'} a request to join an organization: the person asked, or a partnership administrator`,
          params: withId('requestId'),
          response: { 200: membershipRequestAnsweredAnswer },
        },
      },
      async (request) => answerMembershipRequest(request.act, request.params.requestId, answer, mailContext(request)),
    );
  }
  app.delete(
    '/:partnershipId/organizations/:organizationId/memberships/:membershipId',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Remove a person from an organization',
        params: withId('organizationId').extend({ membershipId: z.string() }),
        response: { 200: createdId },
      },
    },
    async (request) => acts.removeMembership(request.act, request.params.organizationId, request.params.membershipId),
  );
};
