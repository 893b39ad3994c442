import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { created, createdId, noContent } from '../common/contract.js';
import { inPartnership, withId } from '../server/params.js';
import * as acts from './acts.js';
import { actionPlansAnswer, actionStatusInput, draftInput, newDraftInput, projectSubjectsAnswer, projectSubjectsInput, proposeInput } from './contract.js';
import { actionPlansPage, projectSubjects } from './queries.js';

const inPlan = withId('planId');
const inAction = inPlan.extend({ actionId: z.string() });
const inProject = withId('projectId');
const tags = ['action plans'];
/** A plan travels whole: 20 subjects of 50 actions. */
const PLAN_BODY_LIMIT = 2 * 1024 * 1024;

export const actionPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/action-plans',
    { schema: { tags, summary: 'The action plan in force, the draft being written and the plans before, with each subject’s actions and projects', params: inPartnership, response: { 200: actionPlansAnswer } } },
    async (request) => actionPlansPage(app.store.db, request.act.viewer, request.act.partnershipId),
  );
  app.post(
    '/:partnershipId/action-plans',
    {
      schema: {
        tags,
        summary: 'Start the draft of the next plan (members of a body, administrators): from the plan in force and its open actions, or the seed’s five subjects; three years from today',
        params: inPartnership,
        body: newDraftInput,
        response: created,
      },
    },
    async (request, reply) => reply.status(201).send(await acts.startDraft(request.act, request.body, request.locale)),
  );
  app.put(
    '/:partnershipId/action-plans/:planId',
    {
      bodyLimit: PLAN_BODY_LIMIT,
      schema: { tags, summary: 'Save the draft whole: title, period, subjects and their actions (409 once adopted or under decision)', params: inPlan, body: draftInput, response: { 200: createdId } },
    },
    async (request) => acts.saveDraft(request.act, request.params.planId, request.body),
  );
  app.delete(
    '/:partnershipId/action-plans/:planId',
    { schema: { tags, summary: 'Discard a draft never put to a decision', params: inPlan, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.discardDraft(request.act, request.params.planId);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/action-plans/:planId/proposal',
    {
      schema: {
        tags,
        summary: 'Put the draft to the strategic decision the matrix names (topic « Plan d’action »); the answer is the proposal, whose adoption adopts the plan',
        params: inPlan,
        body: proposeInput,
        response: created,
      },
    },
    async (request, reply) => reply.status(201).send(await acts.proposeDraft(request.act, request.params.planId, request.body, request.locale)),
  );
  app.put(
    '/:partnershipId/action-plans/:planId/actions/:actionId/status',
    { schema: { tags, summary: 'Say where an action of the plan in force stands (its owner, or an administrator)', params: inAction, body: actionStatusInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.setActionStatus(request.act, request.params.planId, request.params.actionId, request.body);
      return reply.status(204).send();
    },
  );
  app.get(
    '/:partnershipId/projects/:projectId/subjects',
    { schema: { tags, summary: 'The subjects of the plan in force, those the project serves marked', params: inProject, response: { 200: projectSubjectsAnswer } } },
    async (request) => projectSubjects(app.store.db, request.act.viewer, request.act.partnershipId, request.params.projectId),
  );
  app.put(
    '/:partnershipId/projects/:projectId/subjects',
    {
      schema: { tags, summary: 'Say which subjects of the plan in force the project serves (its carriers, its working group, administrators)', params: inProject, body: projectSubjectsInput, response: { 204: noContent } },
    },
    async (request, reply) => {
      await acts.setProjectSubjects(request.act, request.params.projectId, request.body);
      return reply.status(204).send();
    },
  );
};
