import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { created, createdId } from '../../common/contract.js';
import { inPartnership, withId } from '../../server/params.js';
import * as acts from './acts.js';
import { disputeEndingAnswer, disputeTaskInput, disputeTaskSettlementInput, experienceReportsAnswer, publishConsentInput, restorativeCircleInput, writeUpInput } from './contract.js';
import { disputeEnding, experienceReports } from './queries.js';

const inDispute = withId('disputeId');
const inTask = inDispute.extend({ taskId: z.string() });
const tags = ['disputes'];
/** The routes the dispute's mediator uses: an outside mediator reaches them too, and the act checks that the dispute names them. */
const outsiders = { outsiders: true } as const;

export const disputeEndingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/disputes/:disputeId/ending',
    {
      config: outsiders,
      schema: { tags, summary: 'A dispute’s exit plan, restorative circle, write-up and consents, for those it names (404 to others)', params: inDispute, response: { 200: disputeEndingAnswer } },
    },
    async (request) => disputeEnding(app.store.db, request.act, request.params.disputeId, request.act.now),
  );
  app.put(
    '/:partnershipId/disputes/:disputeId/tasks/:taskId',
    { config: outsiders, schema: { tags, summary: 'Give an exit plan’s task its owner (a party or the mediator) and due day', params: inTask, body: disputeTaskInput, response: { 200: createdId } } },
    async (request) => acts.assignDisputeTask(request.act, request.params.disputeId, request.params.taskId, request.body),
  );
  app.post(
    '/:partnershipId/disputes/:disputeId/tasks/:taskId/done',
    { config: outsiders, schema: { tags, summary: 'The owner marks the task done (409 when it waits for a settlement statement)', params: inTask, response: created } },
    async (request, reply) => reply.status(201).send(await acts.markDisputeTaskDone(request.act, request.params.disputeId, request.params.taskId)),
  );
  app.put(
    '/:partnershipId/disputes/:disputeId/tasks/:taskId/settlement',
    {
      config: outsiders,
      schema: { tags, summary: 'Link the task to a statement of the charter’s budget drawn up on the exit plan (or unlink it): its approval does the task', params: inTask, body: disputeTaskSettlementInput, response: { 200: createdId } },
    },
    async (request) => acts.linkDisputeTaskSettlement(request.act, request.params.disputeId, request.params.taskId, request.body),
  );
  app.post(
    '/:partnershipId/disputes/:disputeId/tasks/:taskId/settlement',
    { schema: { tags, summary: 'Draw up the charter budget’s statement on the exit plan from the task and link it (the book keepers)', params: inTask, response: created } },
    async (request, reply) => reply.status(201).send(await acts.prepareDisputeTaskSettlement(request.act, request.params.disputeId, request.params.taskId)),
  );
  app.post(
    '/:partnershipId/disputes/:disputeId/restorative-circle',
    { config: outsiders, schema: { tags, summary: 'Call (or move) the restorative circle once every task has an owner and a day', params: inDispute, body: restorativeCircleInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.callRestorativeCircle(request.act, request.params.disputeId, request.body)),
  );
  app.post(
    '/:partnershipId/disputes/:disputeId/restorative-circle/held',
    { config: outsiders, schema: { tags, summary: 'The restorative circle was held through its rounds: the write-up follows', params: inDispute, response: created } },
    async (request, reply) => reply.status(201).send(await acts.holdRestorativeCircle(request.act, request.params.disputeId)),
  );
  app.put(
    '/:partnershipId/disputes/:disputeId/write-up',
    { schema: { tags, summary: 'A party writes the experience without personal details (400 naming what to remove); consents given before are taken back', params: inDispute, body: writeUpInput, response: { 200: createdId } } },
    async (request) => acts.saveWriteUp(request.act, request.params.disputeId, request.body),
  );
  app.put(
    '/:partnershipId/disputes/:disputeId/publish-consent',
    { schema: { tags, summary: 'A party says yes or no to publishing the write-up; every yes publishes it', params: inDispute, body: publishConsentInput, response: { 200: createdId } } },
    async (request) => acts.consentToPublish(request.act, request.params.disputeId, request.body),
  );
  app.post(
    '/:partnershipId/disputes/:disputeId/closure',
    { config: outsiders, schema: { tags, summary: 'Close the dispute once the write-up is written and every task done', params: inDispute, response: created } },
    async (request, reply) => reply.status(201).send(await acts.closeDispute(request.act, request.params.disputeId)),
  );
  app.get(
    '/:partnershipId/experience-reports',
    { schema: { tags, summary: 'Published write-ups of disputes (« Retours d’expérience »): text and day, no subject, no names, no link', params: inPartnership, response: { 200: experienceReportsAnswer } } },
    async (request) => experienceReports(app.store.db, request.act.partnershipId),
  );
};
