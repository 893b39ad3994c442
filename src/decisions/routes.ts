import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agreementRegisterAnswer,
  amendAndReopenInput,
  amendInput,
  blockedAnswer,
  closeRoundInput,
  decideInput,
  decisionMatrixAnswer,
  decisionRecordedAnswer,
  decisionRegisterAnswer,
  phaseAnswer,
  phaseInput,
  proposalDetailAnswer,
  proposalInput,
  proposalListAnswer,
  proxyInput,
  roundClosedAnswer,
  roundClosingAnswer,
  stanceInput,
  stanceTakenAnswer,
} from './contract.js';
import { binaryAnswer, created, createdId, textAnswer } from '../common/contract.js';
import { translator, type Locale } from '../i18n/server-messages.js';
import * as acts from './acts.js';
import { registerPrintJob } from './register-pdf.js';
import { agreementRegister, decisionMatrix, decisionRegister, listProposals, parseRegisterCursor, proposalDetail, roundClosingPreview, type ProposalDetail } from './queries.js';
import { closingSentence } from './closing-words.js';
import { eventStreams } from '../server/event-stream.js';
import { inPartnership, withId } from '../server/params.js';

const inProposal = withId('proposalId');

/** « Décision opérationnelle → Comité de pilotage, par consensus (charte, art. 4) » */
function routingLine(locale: Locale, proposal: ProposalDetail): string {
  const t = translator(locale);
  const params = { level: t(`decisionLevelOne.${proposal.level}`), body: proposal.body.name, method: t(`decisionMethod.${proposal.method}`), article: proposal.charter.article ?? '' };
  const key = proposal.stage === 'arbitration' ? 'decision.routingArbitration' : proposal.charter.article === null ? 'decision.routingNoArticle' : 'decision.routing';
  return t(key, params);
}

/** Decisions per page of the register on screen, and in its printed form. */
const REGISTER_PAGE = 100;
const REGISTER_PRINTED = 500;
/** Decisions carry their dissent, so a page holds fewer of them than a body's register. */
const AGREEMENT_PAGE = 50;

export const decisionRoutes: FastifyPluginAsyncZod = async (app) => {
  const stream = eventStreams(app);

  app.get(
    '/:partnershipId/proposals',
    { schema: { tags: ['decisions'], summary: 'Proposals, newest first, optionally of one body', params: inPartnership, querystring: z.object({ bodyId: z.uuid().optional() }), response: { 200: proposalListAnswer } } },
    async (request) => listProposals(app.store.db, request.act.partnershipId, request.query.bodyId),
  );
  app.get(
    '/:partnershipId/decision-matrix',
    {
      schema: {
        tags: ['decisions'],
        summary: 'The decision matrix of the charter of a proposal’s scope (the partnership charter in force, or a project charter with the partnership’s as fallback), to show where a proposal will go before it is sent',
        params: inPartnership,
        querystring: z.object({ charterId: z.uuid().optional() }),
        response: { 200: decisionMatrixAnswer },
      },
    },
    async (request) => decisionMatrix(app.store.db, request.act.viewer, request.act.partnershipId, request.query.charterId),
  );
  app.post(
    '/:partnershipId/proposals',
    { schema: { tags: ['decisions'], summary: 'Propose a decision; the charter of its scope (a project charter, else the partnership charter in force) routes it to a body and a method', params: inPartnership, body: proposalInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.createProposal(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/proposals/:proposalId',
    { schema: { tags: ['decisions'], summary: 'A proposal: routing, phase, round table, outcome', params: inProposal, response: { 200: proposalDetailAnswer } } },
    async (request) => {
      const proposal = await proposalDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.proposalId, request.act.now);
      const lastClosing = proposal.lastClosing === null ? null : { ...proposal.lastClosing, why: closingSentence(request.locale, proposal.lastClosing) };
      return { ...proposal, lastClosing, routing: routingLine(request.locale, proposal) };
    },
  );
  app.get(
    '/:partnershipId/proposals/:proposalId/events',
    { schema: { tags: ['decisions'], summary: 'Server-sent events: a message each time the proposal changes (stance, phase, round, outcome)', params: inProposal, response: textAnswer('text/event-stream') } },
    async (request, reply) => stream(request, reply, 'proposal', request.params.proposalId),
  );
  const registerQuery = z.object({ q: z.string().max(200, { error: 'error.tooLong' }).default('') });
  const registerPage = registerQuery.extend({
    before: z.string().max(100).refine((cursor) => parseRegisterCursor(cursor) !== undefined, { error: 'error.invalid' }).optional(),
  });
  app.get(
    '/:partnershipId/bodies/:bodyId/decisions',
    { schema: { tags: ['decisions'], summary: 'A body’s decision register, searchable, newest first, 100 at a time (`before` = the previous page’s `next`)', params: withId('bodyId'), querystring: registerPage, response: { 200: decisionRegisterAnswer } } },
    async (request) => decisionRegister(app.store.db, request.act.partnershipId, request.params.bodyId, request.query.q, { limit: REGISTER_PAGE, before: request.query.before }),
  );
  app.get(
    '/:partnershipId/bodies/:bodyId/decisions.pdf',
    { schema: { tags: ['decisions'], summary: 'A body’s decision register as a PDF (its 500 latest decisions)', params: withId('bodyId'), querystring: registerQuery, response: binaryAnswer('application/pdf') } },
    async (request, reply) => {
      const register = await decisionRegister(app.store.db, request.act.partnershipId, request.params.bodyId, request.query.q, { limit: REGISTER_PRINTED });
      // A register grows with every decision, and may be searched: never kept, always printed afresh.
      const pdf = await app.printing.print(registerPrintJob(register, request.locale, await app.printing.anchor(request.act.partnershipId, request.act.now)));
      return reply.type('application/pdf').header('content-disposition', 'attachment; filename="registre-des-decisions.pdf"').send(pdf);
    },
  );
  app.get(
    '/:partnershipId/disagreements',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Register of agreements and disagreements: settled decisions with the agreement they met and the dissent heard, searchable, newest first, 50 at a time (`before` = the previous page’s `next`)',
        params: inPartnership,
        querystring: registerPage,
        response: { 200: agreementRegisterAnswer },
      },
    },
    async (request) => agreementRegister(app.store.db, request.act.partnershipId, request.query.q, { limit: AGREEMENT_PAGE, before: request.query.before }),
  );
  app.patch(
    '/:partnershipId/proposals/:proposalId',
    { schema: { tags: ['decisions'], summary: 'The facilitator amends the proposal, in the amendment phase, to integrate the objections', params: inProposal, body: amendInput, response: { 200: createdId } } },
    async (request) => acts.amendProposal(request.act, request.params.proposalId, request.body),
  );
  app.post(
    '/:partnershipId/proposals/:proposalId/amend-and-reopen',
    {
      schema: {
        tags: ['decisions'],
        summary: 'The facilitator amends the proposal, in the amendment phase, and opens the next round in the same act; the round may have a deadline',
        params: inProposal,
        body: amendAndReopenInput,
        response: { 200: phaseAnswer },
      },
    },
    async (request) => acts.amendAndReopen(request.act, request.params.proposalId, request.body),
  );
  app.post(
    '/:partnershipId/proposals/:proposalId/phase',
    { schema: { tags: ['decisions'], summary: 'The facilitator moves to the next phase; opening a round may set its deadline', params: inProposal, body: phaseInput.nullish(), response: { 200: phaseAnswer } } },
    async (request) => acts.advancePhase(request.act, request.params.proposalId, request.body ?? {}),
  );
  app.post(
    '/:partnershipId/proposals/:proposalId/stances',
    { schema: { tags: ['decisions'], summary: 'Take or change a stance in the current round (idempotent by key)', params: inProposal, body: stanceInput, response: { 200: stanceTakenAnswer } } },
    async (request) => acts.takeStance(request.act, request.params.proposalId, request.body),
  );
  app.post(
    '/:partnershipId/proposals/:proposalId/proxies',
    { schema: { tags: ['decisions'], summary: 'Give one’s voice on this proposal to a member of the same organization', params: inProposal, body: proxyInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.giveProxy(request.act, request.params.proposalId, request.body)),
  );
  app.get(
    '/:partnershipId/proposals/:proposalId/close-round',
    {
      schema: {
        tags: ['decisions'],
        summary: 'The facilitator’s preview: how the round would end if closed now, why, and who has not spoken (then confirm with POST, naming this outcome and reason)',
        params: inProposal,
        response: { 200: roundClosingAnswer },
      },
    },
    async (request) => {
      const closing = await roundClosingPreview(app.store.db, request.act.viewer, request.act.partnershipId, request.params.proposalId, request.act.now);
      return { ...closing, why: closingSentence(request.locale, closing) };
    },
  );
  app.post(
    '/:partnershipId/proposals/:proposalId/close-round',
    { schema: { tags: ['decisions'], summary: 'The facilitator closes the round: decided, amended or blocked', params: inProposal, body: closeRoundInput, response: { 200: roundClosedAnswer } } },
    async (request) => acts.closeRound(request.act, request.params.proposalId, request.body),
  );
  app.post(
    '/:partnershipId/proposals/:proposalId/blocked',
    { schema: { tags: ['decisions'], summary: 'The facilitator declares the body blocked; the charter says where the matter goes', params: inProposal, response: { 200: blockedAnswer } } },
    async (request) => acts.declareBlocked(request.act, request.params.proposalId),
  );
  app.post(
    '/:partnershipId/proposals/:proposalId/decision',
    { schema: { tags: ['decisions'], summary: 'The initiator records the decision where the charter leaves it to them', params: inProposal, body: decideInput, response: { 200: decisionRecordedAnswer } } },
    async (request) => acts.recordDecision(request.act, request.params.proposalId, request.body),
  );
};
