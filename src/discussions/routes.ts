import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { created, noContent } from '../common/contract.js';
import { withId } from '../server/params.js';
import * as acts from './acts.js';
import { messageInput, threadAnswer } from './contract.js';
import { proposalThread } from './queries.js';

const inProposal = withId('proposalId');
const inMessage = inProposal.extend({ messageId: z.string() });
const tags = ['discussions'];

export const discussionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/proposals/:proposalId/messages',
    { schema: { tags, summary: 'A proposal’s thread: questions and their answers, reactions, comments on an amendment, each with the phase it was written in', params: inProposal, response: { 200: threadAnswer } } },
    async (request) => proposalThread(app.store.db, request.act.viewer, request.act.partnershipId, request.params.proposalId, request.act.now),
  );
  app.post(
    '/:partnershipId/proposals/:proposalId/messages',
    {
      schema: {
        tags,
        summary: 'Write in a proposal’s thread (members of the deciding body, the proposer, the facilitator) while it is open: a kind the phase invites, or an answer to a question',
        params: inProposal,
        body: messageInput,
        response: created,
      },
    },
    async (request, reply) => reply.status(201).send(await acts.postMessage(request.act, request.params.proposalId, request.body)),
  );
  app.post(
    '/:partnershipId/proposals/:proposalId/messages/:messageId/answered',
    { schema: { tags, summary: 'The facilitator marks a question answered', params: inMessage, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.markAnswered(request.act, request.params.proposalId, request.params.messageId);
      return reply.status(204).send();
    },
  );
};
