import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { created, createdId, endInput } from '../common/contract.js';
import { assignmentInput, roleDetailAnswer, roleInput, rolePatch } from './contract.js';
import * as acts from './acts.js';
import { roleDetail } from './queries.js';
import { inPartnership, withId } from '../server/params.js';

export const roleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/:partnershipId/roles',
    { schema: { tags: ['roles'], summary: 'Create a role', params: inPartnership, body: roleInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.createRole(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/roles/:roleId',
    { schema: { tags: ['roles'], summary: 'A role and who held it', params: withId('roleId'), response: { 200: roleDetailAnswer } } },
    async (request) => roleDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.roleId, request.act.now),
  );
  app.patch(
    '/:partnershipId/roles/:roleId',
    { schema: { tags: ['roles'], summary: 'Change a role', params: withId('roleId'), body: rolePatch, response: { 200: createdId } } },
    async (request) => acts.updateRole(request.act, request.params.roleId, request.body),
  );
  app.post(
    '/:partnershipId/roles/:roleId/assignments',
    { schema: { tags: ['roles'], summary: 'Assign a role to a person', params: withId('roleId'), body: assignmentInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.assignRole(request.act, request.params.roleId, request.body)),
  );
  app.post(
    '/:partnershipId/roles/:roleId/assignments/:assignmentId/end',
    {
      schema: {
        tags: ['roles'],
        summary: 'End a role assignment',
        params: withId('roleId').extend({ assignmentId: z.string() }),
        body: endInput,
        response: { 200: createdId },
      },
    },
    async (request) => acts.endAssignment(request.act, request.params.roleId, request.params.assignmentId, request.body.endsOn),
  );
};
