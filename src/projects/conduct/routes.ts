import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { created, createdId } from '../../common/contract.js';
import { withId } from '../../server/params.js';
import * as acts from './acts.js';
import { conductAnswer, diagnosisInput, indicatorInput, meansInput, measurementInput, missionSheetInput, objectiveInput, purposeInput, purposeUpdateInput } from './contract.js';
import { projectConduct } from './queries.js';

const tags = ['projects'];
const inProject = withId('projectId');
const inItem = <K extends string>(key: K) => inProject.extend({ [key]: z.string() } as Record<K, z.ZodString>);
const done = { 200: createdId } as const;

/** The conduct of a common project: its diagnosis, purposes, objectives, indicators and measurements, means, and the lead's mission sheet. */
export const projectConductRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = '/:partnershipId/projects/:projectId';
  app.get(
    `${base}/conduct`,
    { schema: { tags, summary: 'A project’s conduct, with the SMART hints of its objectives, its indicators’ progress, and what the viewer may write', params: inProject, response: { 200: conductAnswer } } },
    async (request) => projectConduct(request.act.db, request.act.viewer, request.act.partnershipId, request.params.projectId),
  );
  app.put(
    `${base}/diagnosis`,
    { schema: { tags, summary: 'Write or refine the diagnosis of the public’s needs, with its sources', params: inProject, body: diagnosisInput, response: done } },
    async (request) => acts.writeDiagnosis(request.act, request.params.projectId, request.body),
  );
  app.post(
    `${base}/purposes`,
    { schema: { tags, summary: 'Add a purpose, last', params: inProject, body: purposeInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.addPurpose(request.act, request.params.projectId, request.body)),
  );
  app.put(
    `${base}/purposes/:purposeId`,
    { schema: { tags, summary: 'Rewrite a purpose, and move it to a position (0 first) if given', params: inItem('purposeId'), body: purposeUpdateInput, response: done } },
    async (request) => acts.updatePurpose(request.act, request.params.projectId, request.params.purposeId, request.body),
  );
  app.delete(
    `${base}/purposes/:purposeId`,
    { schema: { tags, summary: 'Remove a purpose', params: inItem('purposeId'), response: done } },
    async (request) => acts.removePurpose(request.act, request.params.projectId, request.params.purposeId),
  );
  app.post(
    `${base}/objectives`,
    { schema: { tags, summary: 'Add an objective (statement, metric, target, deadline, owner)', params: inProject, body: objectiveInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.addObjective(request.act, request.params.projectId, request.body)),
  );
  app.put(
    `${base}/objectives/:objectiveId`,
    { schema: { tags, summary: 'Rewrite an objective', params: inItem('objectiveId'), body: objectiveInput, response: done } },
    async (request) => acts.updateObjective(request.act, request.params.projectId, request.params.objectiveId, request.body),
  );
  app.delete(
    `${base}/objectives/:objectiveId`,
    { schema: { tags, summary: 'Remove an objective no indicator measures (409 otherwise)', params: inItem('objectiveId'), response: done } },
    async (request) => acts.removeObjective(request.act, request.params.projectId, request.params.objectiveId),
  );
  app.post(
    `${base}/indicators`,
    { schema: { tags, summary: 'Set an indicator of success for an objective, before the action starts (validated or active project)', params: inProject, body: indicatorInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.addIndicator(request.act, request.params.projectId, request.body)),
  );
  app.put(
    `${base}/indicators/:indicatorId`,
    { schema: { tags, summary: 'Rewrite an indicator (validated or active project)', params: inItem('indicatorId'), body: indicatorInput, response: done } },
    async (request) => acts.updateIndicator(request.act, request.params.projectId, request.params.indicatorId, request.body),
  );
  app.delete(
    `${base}/indicators/:indicatorId`,
    { schema: { tags, summary: 'Remove an indicator not yet measured (409 otherwise)', params: inItem('indicatorId'), response: done } },
    async (request) => acts.removeIndicator(request.act, request.params.projectId, request.params.indicatorId),
  );
  app.post(
    `${base}/indicators/:indicatorId/measurements`,
    { schema: { tags, summary: 'Record a dated measurement, for the whole project or one participating organization (active or evaluating project)', params: inItem('indicatorId'), body: measurementInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.recordMeasurement(request.act, request.params.projectId, request.params.indicatorId, request.body)),
  );
  app.post(
    `${base}/means`,
    { schema: { tags, summary: 'Record the means a participating organization provides; the directors’ body is sent an information note', params: inProject, body: meansInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.recordMeans(request.act, request.params.projectId, request.body)),
  );
  app.delete(
    `${base}/means/:meansId`,
    { schema: { tags, summary: 'Remove means recorded', params: inItem('meansId'), response: done } },
    async (request) => acts.removeMeans(request.act, request.params.projectId, request.params.meansId),
  );
  app.put(
    `${base}/mission-sheet`,
    { schema: { tags, summary: 'Rewrite the lead’s mission sheet, once a lead is named', params: inProject, body: missionSheetInput, response: done } },
    async (request) => acts.writeMissionSheet(request.act, request.params.projectId, request.body),
  );
};
