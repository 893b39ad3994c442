import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { created, noContent } from '../common/contract.js';
import { withId } from '../server/params.js';
import * as acts from './acts.js';
import { questionnaireAnswer, questionnaireInput, questionnairesAnswer, responseInput, templateInput } from './contract.js';
import { questionnaireList, questionnairePage } from './queries.js';

const inAccompaniment = withId('accompanimentId');
const inQuestionnaire = withId('questionnaireId');
const tags = ['questionnaires'];
/** An outsider reaches the questionnaires of the spaces that name them: `accompanimentInView` checks it. */
const outsiders = { outsiders: true } as const;

export const questionnaireRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/accompaniments/:accompanimentId/questionnaires',
    { config: outsiders, schema: { tags, summary: 'A space’s questionnaires, newest first (drafts for its facilitators only)', params: inAccompaniment, response: { 200: questionnairesAnswer } } },
    async (request) => questionnaireList(app.store.db, request.act, request.params.accompanimentId),
  );
  app.post(
    '/:partnershipId/accompaniments/:accompanimentId/questionnaires',
    { schema: { tags, summary: 'A facilitator writes a questionnaire: its questions of six kinds, named or anonymous, its opening and close', params: inAccompaniment, body: questionnaireInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.createQuestionnaire(request.act, request.params.accompanimentId, request.body)),
  );
  app.post(
    '/:partnershipId/accompaniments/:accompanimentId/questionnaires/from-template',
    {
      schema: {
        tags,
        summary: 'A facilitator starts a questionnaire from a template (before the day, hot feedback, cold evaluation scheduled weeks after a day), in their language',
        params: inAccompaniment,
        body: templateInput,
        response: created,
      },
    },
    async (request, reply) => reply.status(201).send(await acts.createFromTemplate(request.act, request.params.accompanimentId, request.body, request.locale)),
  );
  app.get(
    '/:partnershipId/questionnaires/:questionnaireId',
    { config: outsiders, schema: { tags, summary: 'A questionnaire, its questions, the viewer’s own named response and what they may do', params: inQuestionnaire, response: { 200: questionnaireAnswer } } },
    async (request) => questionnairePage(app.store.db, request.act, request.params.questionnaireId),
  );
  app.put(
    '/:partnershipId/questionnaires/:questionnaireId',
    { schema: { tags, summary: 'A facilitator saves the builder again, until the questionnaire is sent', params: inQuestionnaire, body: questionnaireInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.changeQuestionnaire(request.act, request.params.questionnaireId, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/questionnaires/:questionnaireId/send',
    { schema: { tags, summary: 'A facilitator sends the questionnaire now: every member of the space is mailed a link to answer', params: inQuestionnaire, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.sendQuestionnaire(request.act, request.params.questionnaireId);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/questionnaires/:questionnaireId/close',
    { schema: { tags, summary: 'A facilitator closes the questionnaire now: no answer is taken from then on', params: inQuestionnaire, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.closeQuestionnaire(request.act, request.params.questionnaireId);
      return reply.status(204).send();
    },
  );
  app.put(
    '/:partnershipId/questionnaires/:questionnaireId/response',
    {
      config: outsiders,
      schema: {
        tags,
        summary: 'A member saves their answers as they go (named) or sends them (anonymous: once, naming no one)',
        params: inQuestionnaire,
        body: responseInput,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await acts.answerQuestionnaire(request.act, request.params.questionnaireId, request.body);
      return reply.status(204).send();
    },
  );
};
