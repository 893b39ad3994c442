import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { created, noContent } from '../../common/contract.js';
import { withId } from '../../server/params.js';
import * as acts from './acts.js';
import { dayAnswer, dayHeldInput, dayInput, daysAnswer } from './contract.js';
import { dayList, dayPage } from './queries.js';

const tags = ['accompaniments'];
/** An outsider member reads the days of the spaces that name them: `accompanimentInView` checks it. */
const outsiders = { outsiders: true } as const;

export const dayRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/accompaniments/:accompanimentId/days',
    { config: outsiders, schema: { tags, summary: 'The days of an accompaniment, in their order', params: withId('accompanimentId'), response: { 200: daysAnswer } } },
    async (request) => dayList(app.store.db, request.act, request.params.accompanimentId),
  );
  app.post(
    '/:partnershipId/accompaniments/:accompanimentId/days',
    {
      schema: {
        tags,
        summary: 'A facilitator schedules a day with its programme; the members are convened by mail with its calendar event',
        params: withId('accompanimentId'),
        body: dayInput,
        response: created,
      },
    },
    async (request, reply) => reply.status(201).send(await acts.scheduleDay(request.act, request.params.accompanimentId, request.body)),
  );
  app.get(
    '/:partnershipId/accompaniment-days/:dayId',
    { config: outsiders, schema: { tags, summary: 'A day of an accompaniment: its programme and who came', params: withId('dayId'), response: { 200: dayAnswer } } },
    async (request) => dayPage(app.store.db, request.act, request.params.dayId),
  );
  app.put(
    '/:partnershipId/accompaniment-days/:dayId',
    { schema: { tags, summary: 'A facilitator changes a day not yet held; the members are told, with the new calendar event', params: withId('dayId'), body: dayInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.changeDay(request.act, request.params.dayId, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/accompaniment-days/:dayId/held',
    { schema: { tags, summary: 'A facilitator says the day was held (once begun), noting who came; said again, it corrects who came', params: withId('dayId'), body: dayHeldInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.holdDay(request.act, request.params.dayId, request.body);
      return reply.status(204).send();
    },
  );
};
