import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { created, noContent } from '../common/contract.js';
import { withId } from '../server/params.js';
import * as acts from './acts.js';
import { circleAnswer, circleInvitationInput, circleJoinAnswer, joinRequestInput } from './contract.js';
import { circleDetail, circleJoinDetail } from './queries.js';

const tags = ['circles'];

/** Circles people join (seed 004): requests and invitations decided by the circle's consent. */
export const circleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/circles/:bodyId',
    { schema: { tags, summary: 'A circle: its size against its range, who supervises and leads it, the requests to join it', params: withId('bodyId'), response: { 200: circleAnswer } } },
    async (request) => circleDetail(request.act.db, request.act.viewer, request.act.partnershipId, request.params.bodyId, request.act.now),
  );
  app.post(
    '/:partnershipId/circles/:bodyId/join-requests',
    { schema: { tags, summary: 'Ask to join a circle, for oneself: the circle decides by consent in a round', params: withId('bodyId'), body: joinRequestInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.askToJoin(request.act, request.params.bodyId, request.body)),
  );
  app.post(
    '/:partnershipId/circles/:bodyId/invitations',
    { schema: { tags, summary: 'Invite someone into a circle (its members): the invitation is the request the circle decides on', params: withId('bodyId'), body: circleInvitationInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.inviteToCircle(request.act, request.params.bodyId, request.body)),
  );
  app.get(
    '/:partnershipId/circle-joins/:joinId',
    { schema: { tags, summary: 'A request to join a circle, with the size the circle would reach', params: withId('joinId'), response: { 200: circleJoinAnswer } } },
    async (request) => circleJoinDetail(request.act.db, request.act.viewer, request.act.partnershipId, request.params.joinId, request.act.now),
  );
  app.post(
    '/:partnershipId/circle-joins/:joinId/withdrawal',
    { schema: { tags, summary: 'Withdraw a request to join while the circle decides (the person, whoever asked, an administrator); its proposal lapses', params: withId('joinId'), response: { 204: noContent } } },
    async (request, reply) => {
      await acts.withdrawJoin(request.act, request.params.joinId);
      return reply.status(204).send();
    },
  );
};
