import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { created, noContent } from '../common/contract.js';
import { inPartnership, withId } from '../server/params.js';
import * as acts from './acts.js';
import { carriersToldInput, createProjectInput, evaluationInput, formalizationInput, leadInput, leadRefusalInput, portfolioAnswer, portfolioQuery, presentationInput, projectPageAnswer, referentInput } from './contract.js';
import { portfolio, projectPage } from './queries.js';

const inProject = withId('projectId');
const tags = ['projects'];

export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/projects',
    { schema: { tags, summary: 'The portfolio: every common project, 50 a page by title, with its step, whom it waits for, its next deadline and indicators', params: inPartnership, querystring: portfolioQuery, response: { 200: portfolioAnswer } } },
    async (request) => portfolio(app.store.db, request.act.partnershipId, request.query, request.act.now),
  );
  app.post(
    '/:partnershipId/projects',
    { schema: { tags, summary: 'Record the idea of a common project (step 1), its author among its carriers', params: inPartnership, body: createProjectInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.createProject(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/projects/:projectId',
    { schema: { tags, summary: 'A common project: its steps, what it waits for and from whom, its working group, lead and evaluations', params: inProject, response: { 200: projectPageAnswer } } },
    async (request) => projectPage(app.store.db, request.act.viewer, request.act.partnershipId, request.params.projectId, request.act.now),
  );
  app.put(
    '/:partnershipId/projects/:projectId/formalization',
    { schema: { tags, summary: 'Write the needs, their analysis and the participating organizations (step 2), until presented', params: inProject, body: formalizationInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.formalizeProject(request.act, request.params.projectId, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/projects/:projectId/presentation',
    { schema: { tags, summary: 'Present the project to its validating body as a proposal the matrix routes (step 3)', params: inProject, body: presentationInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.presentProject(request.act, request.params.projectId, request.body)),
  );
  app.post(
    '/:partnershipId/projects/:projectId/carriers-told',
    { schema: { tags, summary: 'Tell the carriers the body’s recommendations and points of vigilance (step 5)', params: inProject, body: carriersToldInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.tellCarriers(request.act, request.params.projectId, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/projects/:projectId/referents',
    { schema: { tags, summary: 'Name a participating organization’s referent in the working group (step 7)', params: inProject, body: referentInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.nameReferent(request.act, request.params.projectId, request.body)),
  );
  app.post(
    '/:partnershipId/projects/:projectId/lead',
    { schema: { tags, summary: 'Name the project lead with the mission sheet (step 8)', params: inProject, body: leadInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.nameLead(request.act, request.params.projectId, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/projects/:projectId/lead/approval',
    { schema: { tags, summary: 'Approve the lead’s nomination (step 9); the last approval starts the lead’s term', params: inProject, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.approveLead(request.act, request.params.projectId);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/projects/:projectId/lead/refusal',
    { schema: { tags, summary: 'Refuse the lead’s nomination with a reason: it falls, and a new lead is to be named', params: inProject, body: leadRefusalInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.refuseLead(request.act, request.params.projectId, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/projects/:projectId/evaluations',
    { schema: { tags, summary: 'Report an evaluation, put to the body the charter names to renew, adjust or close the project', params: inProject, body: evaluationInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.reportEvaluation(request.act, request.params.projectId, request.body)),
  );
};
