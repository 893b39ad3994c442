import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { created, noContent } from '../common/contract.js';
import { withId } from '../server/params.js';
import * as acts from './acts.js';
import { bodyTensionsAnswer, closingWordInput, meetingTensionsAnswer, tensionAnswer, tensionInput, tensionProposalInput, tensionTaskInput } from './contract.js';
import { bodyTensions, meetingTensions, tensionDetail } from './queries.js';

const inBody = withId('bodyId');
const inMeeting = withId('meetingId');
const inTension = withId('tensionId');
const tags = ['tensions'];

export const tensionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/bodies/:bodyId/tensions',
    { schema: { tags, summary: 'A body’s open tensions, and the tasks they became still under way', params: inBody, response: { 200: bodyTensionsAnswer } } },
    async (request) => bodyTensions(app.store.db, request.act.viewer, request.act.partnershipId, request.params.bodyId),
  );
  app.post(
    '/:partnershipId/bodies/:bodyId/tensions',
    {
      schema: {
        tags,
        summary: 'A member of the body raises a tension: it goes on the agenda of the body’s next meeting, or waits for the next one called',
        params: inBody,
        body: tensionInput,
        response: created,
      },
    },
    async (request, reply) => reply.status(201).send(await acts.raiseTension(request.act, request.params.bodyId, request.body)),
  );
  app.get(
    '/:partnershipId/meetings/:meetingId/tensions',
    { schema: { tags, summary: 'The tensions a meeting’s agenda holds, and the members a task may go to', params: inMeeting, response: { 200: meetingTensionsAnswer } } },
    async (request) => meetingTensions(app.store.db, request.act.viewer, request.act.partnershipId, request.params.meetingId, request.act.now),
  );
  app.get(
    '/:partnershipId/tensions/:tensionId',
    { schema: { tags, summary: 'A tension and what became of it', params: inTension, response: { 200: tensionAnswer } } },
    async (request) => tensionDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.tensionId),
  );
  app.post(
    '/:partnershipId/tensions/:tensionId/proposal',
    {
      schema: {
        tags,
        summary: 'Whoever runs the meeting turns the tension into a proposal, routed by the charter in force, its words as context',
        params: inTension,
        body: tensionProposalInput,
        response: created,
      },
    },
    async (request, reply) => reply.status(201).send(await acts.proposeFromTension(request.act, request.params.tensionId, request.body)),
  );
  app.post(
    '/:partnershipId/tensions/:tensionId/task',
    {
      schema: { tags, summary: 'Whoever runs the meeting turns the tension into a task owned by a member of the body until a day', params: inTension, body: tensionTaskInput, response: { 204: noContent } },
    },
    async (request, reply) => {
      await acts.taskFromTension(request.act, request.params.tensionId, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/tensions/:tensionId/close',
    { schema: { tags, summary: 'Whoever runs the meeting closes the tension with a word', params: inTension, body: closingWordInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.closeTension(request.act, request.params.tensionId, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/tensions/:tensionId/withdraw',
    { schema: { tags, summary: 'Whoever raised the tension withdraws it while it is open, saying why', params: inTension, body: closingWordInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.withdrawTension(request.act, request.params.tensionId, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/tensions/:tensionId/task-done',
    { schema: { tags, summary: 'The owner of the task a tension became marks it done', params: inTension, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.markTensionTaskDone(request.act, request.params.tensionId);
      return reply.status(204).send();
    },
  );
};
