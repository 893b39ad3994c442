import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { created, noContent } from '../common/contract.js';
import { closePollInput, datePollDetailAnswer, datePollInput, pollAnswersInput, pollClosedAnswer } from './contract.js';
import * as acts from './acts.js';
import { datePollDetail } from './queries.js';
import { inPartnership, withId } from '../server/params.js';

const inPoll = withId('pollId');
const tags = ['date-polls'];

export const datePollRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/:partnershipId/date-polls',
    { schema: { tags, summary: 'Ask a body’s members when they can meet: two to twenty slots', params: inPartnership, body: datePollInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.openDatePoll(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/date-polls/:pollId',
    { schema: { tags, summary: 'A date poll: slots, every member’s answers, counts and the best slot', params: inPoll, response: { 200: datePollDetailAnswer } } },
    async (request) => datePollDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.pollId, request.act.now),
  );
  app.put(
    '/:partnershipId/date-polls/:pollId/answers',
    { schema: { tags, summary: 'Answer yes, if need be or no for each slot', params: inPoll, body: pollAnswersInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.answerDatePoll(request.act, request.params.pollId, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/date-polls/:pollId/close',
    { schema: { tags, summary: 'Close the poll on a slot: the meeting is called there', params: inPoll, body: closePollInput, response: { 200: pollClosedAnswer } } },
    async (request) => acts.closeDatePoll(request.act, request.params.pollId, request.body),
  );
};
