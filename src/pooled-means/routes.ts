import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { created, createdId } from '../common/contract.js';
import { inPartnership, withId } from '../server/params.js';
import * as acts from './acts.js';
import { bookingAnswer, bookingInput, declineInput, meanInput, pooledMeansAnswer } from './contract.js';
import { pooledMeanBooking, pooledMeans } from './queries.js';

const tags = ['pooled means'];
const done = { 200: createdId } as const;

/** What the member organizations lend the partnership's projects, and the bookings that hold it. */
export const pooledMeanRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/pooled-means',
    {
      schema: {
        tags,
        summary: 'The means each organization lends, with their conditions and live bookings; with projectId, whether the viewer may book for that project',
        params: inPartnership,
        querystring: z.object({ projectId: z.uuid({ error: 'error.reference' }).optional() }),
        response: { 200: pooledMeansAnswer },
      },
    },
    async (request) => pooledMeans(request.act.db, request.act.viewer, request.act.partnershipId, request.act.now, request.query.projectId),
  );
  app.post(
    '/:partnershipId/pooled-means',
    { schema: { tags, summary: 'List a mean an organization lends (its administrators)', params: inPartnership, body: meanInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.listMean(request.act, request.body)),
  );
  app.post(
    '/:partnershipId/pooled-means/:meanId/withdrawal',
    { schema: { tags, summary: 'Withdraw a mean no live booking counts on (its organization’s administrators)', params: withId('meanId'), response: done } },
    async (request) => acts.withdrawMean(request.act, request.params.meanId),
  );
  app.post(
    '/:partnershipId/projects/:projectId/pooled-mean-bookings',
    { schema: { tags, summary: 'Book a mean for a project over a span free of other bookings (its working group and lead); the lenders are told', params: withId('projectId'), body: bookingInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.bookMean(request.act, request.params.projectId, request.body)),
  );
  app.get(
    '/:partnershipId/pooled-mean-bookings/:bookingId',
    { schema: { tags, summary: 'One booking with its mean, and whether the viewer may decline or cancel it', params: withId('bookingId'), response: { 200: bookingAnswer } } },
    async (request) => pooledMeanBooking(request.act.db, request.act.viewer, request.act.partnershipId, request.act.now, request.params.bookingId),
  );
  app.post(
    '/:partnershipId/pooled-mean-bookings/:bookingId/decline',
    { schema: { tags, summary: 'Decline a booking before it starts, saying why (the lending organization’s directors); the booker is told', params: withId('bookingId'), body: declineInput, response: done } },
    async (request) => acts.declineBooking(request.act, request.params.bookingId, request.body),
  );
  app.post(
    '/:partnershipId/pooled-mean-bookings/:bookingId/cancel',
    { schema: { tags, summary: 'Give a booking back before it ends (its booker or the project’s team); the lenders are told', params: withId('bookingId'), response: done } },
    async (request) => acts.cancelBooking(request.act, request.params.bookingId),
  );
};
