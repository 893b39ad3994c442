import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { created, noContent } from '../common/contract.js';
import { withId } from '../server/params.js';
import * as acts from './acts.js';
import { addDeliverableInput, assignDeliverableInput, charterDeliverablesAnswer, deliverableStatusInput, editDeliverableInput } from './contract.js';
import { charterDeliverables } from './queries.js';

const inCharter = withId('charterId');
const inDeliverable = inCharter.extend({ deliverableId: z.string() });
const tags = ['deliverables'];

export const deliverableRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/charters/:charterId/deliverables',
    {
      schema: {
        tags,
        summary: 'A charter’s deliverables (owner, due day, status, overdue), the outputs its licence lists and where each stands, and what the viewer may do',
        params: inCharter,
        response: { 200: charterDeliverablesAnswer },
      },
    },
    async (request) => charterDeliverables(app.store.db, request.act.viewer, request.act.partnershipId, request.params.charterId, request.act.now),
  );
  app.post(
    '/:partnershipId/charters/:charterId/deliverables',
    {
      schema: {
        tags,
        summary: 'Add a deliverable to the charter (members of its bodies, its signatories, administrators): its owner, if named, is told',
        params: inCharter,
        body: addDeliverableInput,
        response: created,
      },
    },
    async (request, reply) => reply.status(201).send(await acts.addDeliverable(request.act, request.params.charterId, request.body)),
  );
  app.put(
    '/:partnershipId/charters/:charterId/deliverables/:deliverableId',
    {
      schema: {
        tags,
        summary: 'Change a deliverable’s title, description and due day (its managers; 409 once published or dropped)',
        params: inDeliverable,
        body: editDeliverableInput,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await acts.editDeliverable(request.act, request.params.charterId, request.params.deliverableId, request.body);
      return reply.status(204).send();
    },
  );
  app.put(
    '/:partnershipId/charters/:charterId/deliverables/:deliverableId/owner',
    {
      schema: {
        tags,
        summary: 'Give a deliverable to a person of the partnership, who is told (its managers); null leaves it to take',
        params: inDeliverable,
        body: assignDeliverableInput,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await acts.assignDeliverable(request.act, request.params.charterId, request.params.deliverableId, request.body);
      return reply.status(204).send();
    },
  );
  app.put(
    '/:partnershipId/charters/:charterId/deliverables/:deliverableId/status',
    {
      schema: {
        tags,
        summary: 'Say where a deliverable stands (its owner; dropping it or taking it up again, its managers); publishing needs a licence that allows it and the address where it was published',
        params: inDeliverable,
        body: deliverableStatusInput,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await acts.setDeliverableStatus(request.act, request.params.charterId, request.params.deliverableId, request.body);
      return reply.status(204).send();
    },
  );
};
