import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { created, createdId } from '../common/contract.js';
import { inPartnership, withId } from '../server/params.js';
import * as acts from './acts.js';
import { crisisOutcomeInput, disputeAnswer, disputeMeetingInput, disputeNoteInput, disputesAnswer, mediationOutcomeInput, nameMediatorInput, openDisputeInput } from './contract.js';
import { disputeOf, disputesOf } from './queries.js';

const tags = ['disputes'];
const done = { 200: createdId } as const;
/** The routes an outside mediator reaches: the dispute naming them, its notes and its outcome; each checks that it names them (access.ts). */
const outsiders = { outsiders: true } as const;

/** Disputes under a charter's dispute rules (seed 000, art. 7): confidential to those they name. */
export const disputeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/disputes',
    { schema: { tags, summary: 'The disputes the viewer is in (in full), those whose existence their charter shows (one line, no subject or names), and the charters one may open a dispute under', params: inPartnership, response: { 200: disputesAnswer } } },
    async (request) => disputesOf(request.act),
  );
  app.post(
    '/:partnershipId/disputes',
    { schema: { tags, summary: 'Open a dispute under a charter in force with dispute rules, the opener and the people named as its parties; they are called to a crisis meeting before its due day', params: inPartnership, body: openDisputeInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.openDispute(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/disputes/:disputeId',
    { config: outsiders, schema: { tags, summary: 'One dispute, for those it names (parties, mediator, the body its charter names or a mediation was asked of); 404 to anyone else', params: withId('disputeId'), response: { 200: disputeAnswer } } },
    async (request) => disputeOf(request.act, request.params.disputeId),
  );
  app.post(
    '/:partnershipId/disputes/:disputeId/crisis-meeting',
    { schema: { tags, summary: 'Call (or move) the crisis meeting (a party); the parties and the mediator are convened with its calendar event', params: withId('disputeId'), body: disputeMeetingInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.callCrisisMeeting(request.act, request.params.disputeId, request.body)),
  );
  app.post(
    '/:partnershipId/disputes/:disputeId/meetings/:meetingId/notes',
    { config: outsiders, schema: { tags, summary: 'Write the notes of one round of a dispute’s meeting before it is held (the parties; at a mediation, the mediator)', params: withId('disputeId').extend(withId('meetingId').shape), body: disputeNoteInput, response: done } },
    async (request) => acts.writeMeetingNotes(request.act, request.params.disputeId, request.params.meetingId, request.body),
  );
  app.post(
    '/:partnershipId/disputes/:disputeId/crisis-outcome',
    { schema: { tags, summary: 'Record how the crisis meeting ended (a party): an agreement closes the dispute, or a mediation is asked, or the exit plan follows', params: withId('disputeId'), body: crisisOutcomeInput, response: done } },
    async (request) => acts.recordCrisisOutcome(request.act, request.params.disputeId, request.body),
  );
  app.post(
    '/:partnershipId/disputes/:disputeId/mediator',
    { schema: { tags, summary: 'Name the mediator (the members of the body asked, else the parties): a person of the partnership, or someone from outside by name and address, who is sent a link', params: withId('disputeId'), body: nameMediatorInput, response: done } },
    async (request) => acts.nameMediator(request.act, request.params.disputeId, request.body),
  );
  app.post(
    '/:partnershipId/disputes/:disputeId/mediation-outcome',
    { config: outsiders, schema: { tags, summary: 'Record how the mediation ended (the mediator): an agreement closes the dispute, a failure leads to the exit plan', params: withId('disputeId'), body: mediationOutcomeInput, response: done } },
    async (request) => acts.recordMediationOutcome(request.act, request.params.disputeId, request.body),
  );
};
