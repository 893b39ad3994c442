import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { created, createdId, endInput } from '../common/contract.js';
import { bodyDetailAnswer, bodyInput, bodyPatch, seatInput } from './contract.js';
import * as acts from './acts.js';
import { bodyDetail, describeGap } from './queries.js';
import { inPartnership, withId } from '../server/params.js';

export const bodyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/:partnershipId/bodies',
    { schema: { tags: ['bodies'], summary: 'Create a body with its composition rule', params: inPartnership, body: bodyInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.createBody(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/bodies/:bodyId',
    { schema: { tags: ['bodies'], summary: 'A body: members, mandates, composition check, delegations', params: withId('bodyId'), response: { 200: bodyDetailAnswer } } },
    async (request) => {
      const body = await bodyDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.bodyId, request.act.now);
      return { ...body, gaps: body.gaps.map(describeGap(request.locale)) };
    },
  );
  app.patch(
    '/:partnershipId/bodies/:bodyId',
    { schema: { tags: ['bodies'], summary: 'Change a body or its composition rule', params: withId('bodyId'), body: bodyPatch, response: { 200: createdId } } },
    async (request) => acts.updateBody(request.act, request.params.bodyId, request.body),
  );
  app.post(
    '/:partnershipId/bodies/:bodyId/members',
    { schema: { tags: ['bodies'], summary: 'Give a person a seat (mandate) in a body', params: withId('bodyId'), body: seatInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.addSeat(request.act, request.params.bodyId, request.body)),
  );
  app.post(
    '/:partnershipId/bodies/:bodyId/members/:seatId/end',
    {
      schema: {
        tags: ['bodies'],
        summary: 'End a mandate (today unless a date is given)',
        params: withId('bodyId').extend({ seatId: z.string() }),
        body: endInput,
        response: { 200: createdId },
      },
    },
    async (request) => acts.endSeat(request.act, request.params.bodyId, request.params.seatId, request.body.endsOn),
  );
};
