import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { binaryAnswer, errorAnswer, textAnswer } from '../common/contract.js';
import { notFound } from '../common/errors.js';
import { sendDocument } from '../resources/download.js';
import { isUuid } from '../server/ids.js';
import { publicArticleAnswer, publicPageAnswer, publicResourceAnswer } from './contract.js';
import { atomFeed, FEED_ENTRIES } from './feed.js';
import { publicArticle, publicFeedEntries, publicPage, publicResource, publicResourceFile } from './queries.js';

const tags = ['public'];
const inPartnership = z.object({ partnershipId: z.string() });
const inResource = inPartnership.extend({ resourceId: z.string() });
const inArticle = inPartnership.extend({ itemId: z.string() });

/**
 * Published things are the same for every reader, so proxies and browsers may keep them five
 * minutes: a thing unpublished may still be read that long from a cache. Refusals keep the API's
 * `private, no-store` (app.ts), so a 404 is never kept.
 */
const PUBLIC_CACHE = 'public, max-age=300';

/** Enough for a reader and a feed reader; a crawler walking every id is slowed down. */
const rateLimit = { max: 600, timeWindow: '1 minute' };

/**
 * The public pages' API (issue 21): no session, outside /partnerships, GET only (the app's CSRF
 * check concerns mutations; compression applies as everywhere). Every route answers 404 for what
 * is not published, exactly as for what does not exist.
 */
export const publicPageRoutes: FastifyPluginAsyncZod = async (app) => {
  // Ids are UUIDs: anything else names nothing, and gets the same 404 as an unknown id.
  app.addHook('preValidation', async (request) => {
    if (!Object.values(request.params as Record<string, unknown>).every(isUuid)) throw notFound();
  });
  app.get(
    '/:partnershipId',
    {
      schema: { tags, summary: 'A partnership’s public page: its published resources and experience articles, latest first (404 when it published nothing)', security: [], params: inPartnership, response: { 200: publicPageAnswer, 404: errorAnswer } },
      config: { rateLimit },
    },
    async (request, reply) => {
      const page = await publicPage(app.store.db, request.params.partnershipId);
      return reply.header('cache-control', PUBLIC_CACHE).send(page);
    },
  );
  app.get(
    '/:partnershipId/feed.atom',
    { schema: { tags, summary: 'The partnership’s Atom feed of what it published, each entry with its text, author when named, and licence', security: [], params: inPartnership, response: { ...textAnswer('application/atom+xml'), 404: errorAnswer } }, config: { rateLimit } },
    async (request, reply) => {
      const entries = await publicFeedEntries(app.store.db, request.params.partnershipId, FEED_ENTRIES);
      return reply.type('application/atom+xml; charset=utf-8').header('cache-control', PUBLIC_CACHE).send(atomFeed(entries, app.config.publicUrl));
    },
  );
  app.get(
    '/:partnershipId/resources/:resourceId',
    { schema: { tags, summary: 'A published resource: an article’s Markdown, a link, or a file’s name, type and size', security: [], params: inResource, response: { 200: publicResourceAnswer, 404: errorAnswer } }, config: { rateLimit } },
    async (request, reply) => {
      const resource = await publicResource(app.store.db, request.params.partnershipId, request.params.resourceId);
      return reply.header('cache-control', PUBLIC_CACHE).send(resource);
    },
  );
  app.get(
    '/:partnershipId/resources/:resourceId/file',
    { schema: { tags, summary: 'Download a published resource’s file (always as an attachment, never shown inline)', security: [], params: inResource, response: { ...binaryAnswer('application/octet-stream'), 404: errorAnswer } }, config: { rateLimit } },
    async (request, reply) => {
      const file = await publicResourceFile(app.store.db, request.params.partnershipId, request.params.resourceId);
      // Sent as the space sends it (saved, never rendered, text with its encoding), kept by caches like every public page.
      return sendDocument(reply.header('cache-control', PUBLIC_CACHE), file);
    },
  );
  app.get(
    '/:partnershipId/experiences/:itemId',
    { schema: { tags, summary: 'A published experience article of the harvest, its text in Markdown', security: [], params: inArticle, response: { 200: publicArticleAnswer, 404: errorAnswer } }, config: { rateLimit } },
    async (request, reply) => {
      const article = await publicArticle(app.store.db, request.params.partnershipId, request.params.itemId);
      return reply.header('cache-control', PUBLIC_CACHE).send(article);
    },
  );
};
