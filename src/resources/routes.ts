import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { binaryAnswer, created, noContent } from '../common/contract.js';
import { withId } from '../server/params.js';
import * as acts from './acts.js';
import { resourceAnswer, resourceChangeInput, resourceInput, resourcesAnswer, resourcesQuery } from './contract.js';
import { sendDocument } from './download.js';
import { documentOf, resourcePage, resourcesPage } from './queries.js';
import { DOCUMENT_MAX_BYTES } from './rules.js';

const inAccompaniment = withId('accompanimentId');
const inResource = withId('resourceId');
const tags = ['resources'];
/** An outsider reaches the resources of the spaces that name them: `accompanimentInView` checks it. */
const outsiders = { outsiders: true } as const;
/** A resource's body carries a document in base64 (4 characters for 3 bytes), with room for its other fields. */
const RESOURCE_BODY_LIMIT = Math.ceil(DOCUMENT_MAX_BYTES / 3) * 4 + 64 * 1024;

export const resourceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/accompaniments/:accompanimentId/resources',
    {
      config: outsiders,
      schema: {
        tags,
        summary: 'The resources of a space the viewer sees, searched in French (accents ignored) and by tag, with the charter’s outputs to publish',
        params: inAccompaniment,
        querystring: resourcesQuery,
        response: { 200: resourcesAnswer },
      },
    },
    async (request) => resourcesPage(app.store.db, request.act, request.params.accompanimentId, request.query),
  );
  app.post(
    '/:partnershipId/accompaniments/:accompanimentId/resources',
    {
      config: outsiders,
      bodyLimit: RESOURCE_BODY_LIMIT,
      schema: {
        tags,
        summary: 'A member shares a document (10 MB at most, in base64, its type checked against its content), a link or a short article, under a licence',
        params: inAccompaniment,
        body: resourceInput,
        response: created,
      },
    },
    async (request, reply) => reply.status(201).send(await acts.addResource(request.act, request.params.accompanimentId, request.body)),
  );
  app.get(
    '/:partnershipId/resources/:resourceId',
    { config: outsiders, schema: { tags, summary: 'A resource, with an article’s text', params: inResource, response: { 200: resourceAnswer } } },
    async (request) => resourcePage(app.store.db, request.act, request.params.resourceId),
  );
  app.put(
    '/:partnershipId/resources/:resourceId',
    { config: outsiders, schema: { tags, summary: 'Its author or a facilitator changes a resource', params: inResource, body: resourceChangeInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.changeResource(request.act, request.params.resourceId, request.body);
      return reply.status(204).send();
    },
  );
  app.delete(
    '/:partnershipId/resources/:resourceId',
    { config: outsiders, schema: { tags, summary: 'Its author or a facilitator removes a resource', params: inResource, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.removeResource(request.act, request.params.resourceId);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/resources/:resourceId/publish',
    { config: outsiders, schema: { tags, summary: 'A facilitator publishes a resource under an open licence, not confidential, on the public pages', params: inResource, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.publishResource(request.act, request.params.resourceId);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/resources/:resourceId/unpublish',
    { config: outsiders, schema: { tags, summary: 'A facilitator takes a resource back from the public pages', params: inResource, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.unpublishResource(request.act, request.params.resourceId);
      return reply.status(204).send();
    },
  );
  app.get(
    '/:partnershipId/resources/:resourceId/document',
    { config: outsiders, schema: { tags, summary: 'Download a shared document (always as an attachment)', params: inResource, response: binaryAnswer('application/octet-stream') } },
    async (request, reply) => sendDocument(reply, await documentOf(app.store.db, request.act, request.params.resourceId)),
  );
};
