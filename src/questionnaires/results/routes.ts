import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { textAnswer } from '../../common/contract.js';
import { eventStreams } from '../../server/event-stream.js';
import { withId } from '../../server/params.js';
import { answersCsv } from './csv.js';
import { questionnaireResultsAnswer } from './contract.js';
import { answersSheet, questionnaireOfGroup, questionnaireResults } from './queries.js';

const tags = ['questionnaires'];
const inQuestionnaire = withId('questionnaireId');
/** An outsider reaches the results of the spaces that name them: `accompanimentInView` checks it. */
const outsiders = { outsiders: true } as const;

/**
 * A questionnaire's results for the group, live (a stream tells the page each time an answer is
 * sent), and its answers as CSV for its facilitators.
 */
export const questionnaireResultRoutes: FastifyPluginAsyncZod = async (app) => {
  const stream = eventStreams(app);
  app.get(
    '/:partnershipId/questionnaires/:questionnaireId/results',
    {
      config: outsiders,
      schema: {
        tags,
        summary: 'A questionnaire’s results, for the space’s group (facilitators and participants): counts and percentages per choice, a scale’s distribution and mean, a ranking’s points, the texts, never a name',
        params: inQuestionnaire,
        response: { 200: questionnaireResultsAnswer },
      },
    },
    async (request) => questionnaireResults(app.store.db, request.act, request.params.questionnaireId),
  );
  app.get(
    '/:partnershipId/questionnaires/:questionnaireId/answers.csv',
    {
      schema: {
        tags,
        summary: 'Every answer sent, as CSV, for the space’s facilitators: named, a row per respondent; anonymous, no person column and rows in random order',
        params: inQuestionnaire,
        response: textAnswer('text/csv'),
      },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="reponses.csv"')
        .send(answersCsv(await answersSheet(app.store.db, request.act, request.params.questionnaireId), request.locale)),
  );
  app.get(
    '/:partnershipId/questionnaires/:questionnaireId/events',
    { config: outsiders, schema: { tags, summary: 'Server-sent events: a message each time an answer to the questionnaire is sent', params: inQuestionnaire, response: textAnswer('text/event-stream') } },
    async (request, reply) => {
      // The same refusals as the results: 404 for another partnership's, a space that does not name this outsider, a draft; 403 for a reader.
      const { questionnaire } = await questionnaireOfGroup(app.store.db, request.act, request.params.questionnaireId);
      return stream(request, reply, 'checked', questionnaire.id);
    },
  );
};
