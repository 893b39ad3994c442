import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { binaryAnswer, textAnswer } from '../../common/contract.js';
import { withId } from '../../server/params.js';
import { projectConduct } from '../conduct/queries.js';
import { projectPage } from '../queries.js';
import type { ProjectSheet } from './blocks.js';
import { projectSheetMarkdown, projectSheetPrintJob } from './print.js';

const tags = ['projects'];
const inProject = withId('projectId');

/**
 * A project's sheet (purposes, objectives, indicators, mission sheet, means) to print or to keep
 * as Markdown, for anyone of the partnership, read by the project page's and the conduct's own
 * queries. A project changes as it lives: the PDF is printed afresh each time, never kept.
 */
export const projectSheetRoutes: FastifyPluginAsyncZod = async (app) => {
  const sheetOf = async (request: FastifyRequest, projectId: string): Promise<ProjectSheet> => {
    const { db, viewer, partnershipId, now } = request.act;
    const project = await projectPage(db, viewer, partnershipId, projectId, now);
    return { project, conduct: await projectConduct(db, viewer, partnershipId, project.id) };
  };
  app.get(
    '/:partnershipId/projects/:projectId/sheet.pdf',
    { schema: { tags, summary: 'The project sheet as a PDF: purposes, objectives, indicators, mission sheet, means', params: inProject, response: binaryAnswer('application/pdf') } },
    async (request, reply) => {
      const sheet = await sheetOf(request, request.params.projectId);
      const pdf = await app.printing.print(projectSheetPrintJob(sheet, request.locale, await app.printing.anchor(request.act.partnershipId, request.act.now)));
      return reply.type('application/pdf').header('content-disposition', 'attachment; filename="fiche-projet.pdf"').send(pdf);
    },
  );
  app.get(
    '/:partnershipId/projects/:projectId/sheet.md',
    { schema: { tags, summary: 'The project sheet as Markdown', params: inProject, response: textAnswer('text/markdown') } },
    async (request, reply) =>
      reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', 'attachment; filename="fiche-projet.md"')
        .send(projectSheetMarkdown(await sheetOf(request, request.params.projectId), request.locale)),
  );
};
