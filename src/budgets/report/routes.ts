import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { binaryAnswer, noContent, textAnswer } from '../../common/contract.js';
import { withId } from '../../server/params.js';
import { reportBudget } from './acts.js';
import { budgetReportAnswer } from './contract.js';
import { budgetReportCsv } from './csv.js';
import { budgetReportPrintJob } from './print.js';
import { projectBudgetReport } from './queries.js';

const tags = ['budgets'];
const inProject = withId('projectId');

/**
 * A common project's financial report, for anyone of the partnership: the page's answer, a PDF
 * printed afresh each time, and a CSV; reporting it to the body that validated the project is
 * an act of whoever keeps its accounts.
 */
export const budgetReportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/projects/:projectId/budget/report',
    { schema: { tags, summary: 'A project’s financial report: forecast against actual per line and per organization, the balance, the grants by status', params: inProject, response: { 200: budgetReportAnswer } } },
    async (request) => projectBudgetReport(app.store.db, request.act.viewer, request.act.partnershipId, request.params.projectId, request.act.now),
  );
  app.get(
    '/:partnershipId/projects/:projectId/budget/report.pdf',
    { schema: { tags, summary: 'The financial report as a PDF', params: inProject, response: binaryAnswer('application/pdf') } },
    async (request, reply) => {
      const { db, viewer, partnershipId, now } = request.act;
      const report = await projectBudgetReport(db, viewer, partnershipId, request.params.projectId, now);
      const pdf = await app.printing.print(budgetReportPrintJob(report, request.locale, await app.printing.anchor(partnershipId, now)));
      return reply.type('application/pdf').header('content-disposition', 'attachment; filename="compte-rendu-financier.pdf"').send(pdf);
    },
  );
  app.get(
    '/:partnershipId/projects/:projectId/budget/report.csv',
    { schema: { tags, summary: 'The financial report as CSV: amounts in integer cents and in euros formatted in the reader’s language', params: inProject, response: textAnswer('text/csv') } },
    async (request, reply) => {
      const { db, viewer, partnershipId, now } = request.act;
      const report = await projectBudgetReport(db, viewer, partnershipId, request.params.projectId, now);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="compte-rendu-financier.csv"').send(budgetReportCsv(report, request.locale));
    },
  );
  app.post(
    '/:partnershipId/projects/:projectId/budget/report',
    { schema: { tags, summary: 'Report the project’s budget to the body that validated it, whose members are mailed a link to the report', params: inProject, response: { 204: noContent } } },
    async (request, reply) => {
      await reportBudget(request.act, request.params.projectId);
      return reply.status(204).send();
    },
  );
};
