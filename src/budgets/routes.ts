import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { binaryAnswer, created, noContent } from '../common/contract.js';
import { withId } from '../server/params.js';
import * as acts from './acts.js';
import { budgetPageAnswer, entriesAnswer, entriesQuery, entryInput, grantStatusInput, lineInput } from './contract.js';
import { attachmentOf, budgetPageById, entriesPage, projectBudgetPage } from './queries.js';
import { ATTACHMENT_MAX_BYTES } from './rules/versions.js';

const tags = ['budgets'];
const inProject = withId('projectId');
const inBudget = withId('budgetId');
const inLine = inBudget.extend({ lineKey: z.string() });
const inEntry = inBudget.extend({ entryId: z.string() });
const inAttachment = inBudget.extend({ attachmentId: z.string() });

/** An entry's body carries its proof in base64 (4 characters for 3 bytes), with room for its other fields. */
const ENTRY_BODY_LIMIT = Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4 + 64 * 1024;

export const budgetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/projects/:projectId/budget',
    { schema: { tags, summary: 'A project’s budget: the forecast in force against the actual, per line, per organization and in total, the draft, the versions and the latest entries', params: inProject, response: { 200: budgetPageAnswer } } },
    async (request) => projectBudgetPage(app.store.db, request.act.viewer, request.act.partnershipId, request.params.projectId, request.act.now),
  );
  app.get(
    '/:partnershipId/budgets/:budgetId',
    { schema: { tags, summary: 'A budget by its id, a project’s or a project charter’s: the same page as a project’s budget', params: inBudget, response: { 200: budgetPageAnswer } } },
    async (request) => budgetPageById(app.store.db, request.act.viewer, request.act.partnershipId, request.params.budgetId, request.act.now),
  );
  app.post(
    '/:partnershipId/budgets/:budgetId/lines',
    { schema: { tags, summary: 'Add a line to the draft forecast of a budget already started (a project charter’s is opened from its page)', params: inBudget, body: lineInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.addBudgetLine(request.act, request.params.budgetId, request.body)),
  );
  app.post(
    '/:partnershipId/projects/:projectId/budget/lines',
    { schema: { tags, summary: 'Add a line to the draft forecast; the first line starts the project’s budget', params: inProject, body: lineInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.addLine(request.act, request.params.projectId, request.body)),
  );
  app.put(
    '/:partnershipId/budgets/:budgetId/lines/:lineKey',
    { schema: { tags, summary: 'Rewrite a line of the draft forecast', params: inLine, body: lineInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.setLine(request.act, request.params.budgetId, request.params.lineKey, request.body);
      return reply.status(204).send();
    },
  );
  app.delete(
    '/:partnershipId/budgets/:budgetId/lines/:lineKey',
    { schema: { tags, summary: 'Take a line out of the draft forecast (entries on it stay)', params: inLine, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.removeLine(request.act, request.params.budgetId, request.params.lineKey);
      return reply.status(204).send();
    },
  );
  app.put(
    '/:partnershipId/budgets/:budgetId/lines/:lineKey/grant-status',
    { schema: { tags, summary: 'Say where a grant stands (to apply, applied, granted, paid), on the version in force and the draft', params: inLine, body: grantStatusInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.setGrantStatus(request.act, request.params.budgetId, request.params.lineKey, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/budgets/:budgetId/revision',
    { schema: { tags, summary: 'Start a revision: a new draft copied from the validated forecast', params: inBudget, response: created } },
    async (request, reply) => reply.status(201).send(await acts.draftRevision(request.act, request.params.budgetId)),
  );
  app.post(
    '/:partnershipId/budgets/:budgetId/proposal',
    { schema: { tags, summary: 'Put the draft revision to the body the charter’s budget revision matter names', params: inBudget, response: created } },
    async (request, reply) => reply.status(201).send(await acts.proposeRevision(request.act, request.params.budgetId)),
  );
  app.get(
    '/:partnershipId/budgets/:budgetId/entries',
    { schema: { tags, summary: 'A budget’s entries, newest first, 100 a page after the cursor', params: inBudget, querystring: entriesQuery, response: { 200: entriesAnswer } } },
    async (request) => entriesPage(app.store.db, request.act.partnershipId, request.params.budgetId, request.query.after),
  );
  app.post(
    '/:partnershipId/budgets/:budgetId/entries',
    {
      bodyLimit: ENTRY_BODY_LIMIT,
      schema: { tags, summary: 'Record an actual entry on a line, with an optional proof (PDF, PNG or JPEG, 5 MB at most, in base64)', params: inBudget, body: entryInput, response: created },
    },
    async (request, reply) => reply.status(201).send(await acts.recordEntry(request.act, request.params.budgetId, request.body)),
  );
  app.post(
    '/:partnershipId/budgets/:budgetId/entries/:entryId/reversal',
    { schema: { tags, summary: 'Correct an entry by a reversing entry of the opposite amount', params: inEntry, response: created } },
    async (request, reply) => reply.status(201).send(await acts.reverseEntry(request.act, request.params.budgetId, request.params.entryId)),
  );
  app.get(
    '/:partnershipId/budgets/:budgetId/attachments/:attachmentId',
    { schema: { tags, summary: 'Download the proof joined to an entry', params: inAttachment, response: binaryAnswer('application/octet-stream') } },
    async (request, reply) => {
      const attachment = await attachmentOf(app.store.db, request.act.partnershipId, request.params.budgetId, request.params.attachmentId);
      return reply
        .type(attachment.content_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.file_name)}`)
        .send(Buffer.from(attachment.content));
    },
  );
};
