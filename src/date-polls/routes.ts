import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closePollInput, datePollInput, pollAnswersInput } from './contract.js';
import * as acts from './acts.js';
import { datePollDetail } from './queries.js';
import { inPartnership, withId } from '../server/params.js';

const inPoll = withId('pollId');
const tags = ['date-polls'];

export const datePollRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/:partnershipId/date-polls',
    { schema: { tags, summary: 'Ask a body’s members when they can meet: two to twenty slots', params: inPartnership, body: datePollInput, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send(await acts.openDatePoll(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/date-polls/:pollId',
    { schema: { tags, summary: 'A date poll: slots, every member’s answers, counts and the best slot', params: inPoll } },
    async (request) => datePollDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.pollId, request.act.now),
  );
  app.put(
    '/:partnershipId/date-polls/:pollId/answers',
    { schema: { tags, summary: 'Answer yes, if need be or no for each slot', params: inPoll, body: pollAnswersInput } },
    async (request, reply) => {
      await acts.answerDatePoll(request.act, request.params.pollId, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/date-polls/:pollId/close',
    { schema: { tags, summary: 'Close the poll on a slot: the meeting is called there', params: inPoll, body: closePollInput } },
    async (request) => acts.closeDatePoll(request.act, request.params.pollId, request.body),
  );
};
