import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { binaryAnswer } from '../../common/contract.js';
import { withId } from '../../server/params.js';
import { accompanimentReportAnswer } from './contract.js';
import { reportPrintJob } from './print.js';
import { accompanimentReport } from './queries.js';

const tags = ['accompaniments'];
const inAccompaniment = withId('accompanimentId');
/** An outsider reads the report of the spaces that name them: `accompanimentInView` checks it. */
const outsiders = { outsiders: true } as const;

/**
 * The final report, as a page and as a PDF, for everyone the space shows itself to. The space lives
 * until it is archived, and a person's erasure changes names even after: printed afresh each time.
 */
export const accompanimentReportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/accompaniments/:accompanimentId/report',
    {
      config: outsiders,
      schema: {
        tags,
        summary: 'The final report: programme held, participants by organization, questionnaire results, resources, map, harvest, decisions of its project',
        params: inAccompaniment,
        response: { 200: accompanimentReportAnswer },
      },
    },
    async (request) => accompanimentReport(app.store.db, request.act, request.params.accompanimentId),
  );
  app.get(
    '/:partnershipId/accompaniments/:accompanimentId/report.pdf',
    { config: outsiders, schema: { tags, summary: 'The final report as a PDF, its results drawn as bar charts with their figures', params: inAccompaniment, response: binaryAnswer('application/pdf') } },
    async (request, reply) => {
      const report = await accompanimentReport(app.store.db, request.act, request.params.accompanimentId);
      const pdf = await app.printing.print(reportPrintJob(report, request.locale, await app.printing.anchor(request.act.partnershipId, request.act.now)));
      return reply.type('application/pdf').header('content-disposition', 'attachment; filename="rapport-final.pdf"').send(pdf);
    },
  );
};
