import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { created, textAnswer } from '../common/contract.js';
import {
  candidateInput,
  consentRoundAnswer,
  electionDetailAnswer,
  electionInput,
  electionListAnswer,
  electionStanceInput,
  electionStepAnswer,
  nominationAnswer,
  nominationInput,
} from './contract.js';
import * as acts from './acts.js';
import { electionDetail, listElections } from './queries.js';
import { eventStreams } from '../server/event-stream.js';
import { inPartnership, withId } from '../server/params.js';

const inElection = withId('electionId');
const tags = ['elections'];

export const electionRoutes: FastifyPluginAsyncZod = async (app) => {
  const stream = eventStreams(app);

  app.get(
    '/:partnershipId/elections',
    { schema: { tags, summary: 'Elections, newest first, optionally of one body', params: inPartnership, querystring: z.object({ bodyId: z.uuid().optional() }), response: { 200: electionListAnswer } } },
    async (request) => listElections(app.store.db, request.act.partnershipId, request.query.bodyId),
  );
  app.post(
    '/:partnershipId/elections',
    { schema: { tags, summary: 'Open an election without candidates for a role of a body', params: inPartnership, body: electionInput, response: created } },
    async (request, reply) => {
      const opened = await acts.openElection(request.act, request.body);
      return reply.status(201).send(opened);
    },
  );
  app.get(
    '/:partnershipId/elections/:electionId',
    { schema: { tags, summary: 'An election: its step, the members, the nominations once revealed, the consent round', params: inElection, response: { 200: electionDetailAnswer } } },
    async (request) => electionDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.electionId, request.act.now),
  );
  app.get(
    '/:partnershipId/elections/:electionId/events',
    { schema: { tags, summary: 'Server-sent events: a message each time the election changes', params: inElection, response: textAnswer('text/event-stream') } },
    async (request, reply) => stream(request, reply, 'election', request.params.electionId),
  );
  app.put(
    '/:partnershipId/elections/:electionId/nomination',
    { schema: { tags, summary: 'Nominate a member (oneself included) with a reason; in the change round, change it', params: inElection, body: nominationInput, response: { 200: nominationAnswer } } },
    async (request) => acts.nominate(request.act, request.params.electionId, request.body),
  );
  app.post(
    '/:partnershipId/elections/:electionId/phase',
    { schema: { tags, summary: 'Facilitator: reveal the nominations, open the change round, then the proposal', params: inElection, response: { 200: electionStepAnswer } } },
    async (request) => acts.advanceElection(request.act, request.params.electionId),
  );
  app.post(
    '/:partnershipId/elections/:electionId/candidate',
    { schema: { tags, summary: 'Facilitator: propose a name, which opens a consent round', params: inElection, body: candidateInput, response: { 200: consentRoundAnswer } } },
    async (request) => acts.proposeName(request.act, request.params.electionId, request.body),
  );
  app.post(
    '/:partnershipId/elections/:electionId/stances',
    { schema: { tags, summary: 'Consent, or object with a reason, to the proposed name', params: inElection, body: electionStanceInput, response: { 200: consentRoundAnswer } } },
    async (request) => acts.takeElectionStance(request.act, request.params.electionId, request.body),
  );
  app.post(
    '/:partnershipId/elections/:electionId/close-round',
    { schema: { tags, summary: 'Facilitator: close the consent round; every consent elects, an objection leads to a new proposal', params: inElection, response: { 200: electionStepAnswer } } },
    async (request) => acts.closeElectionRound(request.act, request.params.electionId),
  );
  app.post(
    '/:partnershipId/elections/:electionId/abandon',
    { schema: { tags, summary: 'Facilitator: end the election without electing', params: inElection, response: { 200: electionStepAnswer } } },
    async (request) => acts.abandon(request.act, request.params.electionId),
  );
};
