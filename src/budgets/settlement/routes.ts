import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { created, createdId } from '../../common/contract.js';
import { withId } from '../../server/params.js';
import * as acts from './acts.js';
import { charterBudgetAnswer, settlementOpenInput, settlementPageAnswer, settlementProposeInput, settlementSaveInput, splitPaymentInput, splitPaymentsAnswer, splitPaymentsQuery } from './contract.js';
import { charterBudgetOf, settlementPage, splitPaymentsPage } from './queries.js';

const inBudget = withId('budgetId');
const inPayment = inBudget.extend({ paymentId: z.string() });
const inSettlement = inBudget.extend({ settlementId: z.string() });
const inCharter = withId('charterId');
const tags = ['budgets'];

export const settlementRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/budgets/:budgetId/settlement',
    {
      schema: {
        tags,
        summary: 'The split of the budget between the charter’s posts: planned, owed on the money received, paid, remaining; the payments; the settlement statement',
        params: inBudget,
        response: { 200: settlementPageAnswer },
      },
    },
    async (request) => settlementPage(app.store.db, request.act.viewer, request.act.partnershipId, request.params.budgetId, request.act.now),
  );
  app.get(
    '/:partnershipId/budgets/:budgetId/split-payments',
    { schema: { tags, summary: 'A budget’s split payments, newest first, 100 a page after the cursor', params: inBudget, querystring: splitPaymentsQuery, response: { 200: splitPaymentsAnswer } } },
    async (request) => splitPaymentsPage(app.store.db, request.act.partnershipId, request.params.budgetId, request.query.after),
  );
  app.post(
    '/:partnershipId/budgets/:budgetId/split-payments',
    { schema: { tags, summary: 'Record a payment to one of the split’s posts (the book keepers; 409 once the budget is closed)', params: inBudget, body: splitPaymentInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.recordSplitPayment(request.act, request.params.budgetId, request.body)),
  );
  app.post(
    '/:partnershipId/budgets/:budgetId/split-payments/:paymentId/reversal',
    { schema: { tags, summary: 'Correct a payment by a reversing row of the opposite amount, today', params: inPayment, response: created } },
    async (request, reply) => reply.status(201).send(await acts.reverseSplitPayment(request.act, request.params.budgetId, request.params.paymentId)),
  );
  app.post(
    '/:partnershipId/budgets/:budgetId/settlements',
    { schema: { tags, summary: 'Draft the settlement statement, at closing or on an exit plan, from the budget as it stands', params: inBudget, body: settlementOpenInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.openSettlement(request.act, request.params.budgetId, request.body)),
  );
  app.put(
    '/:partnershipId/budgets/:budgetId/settlements/:settlementId',
    { schema: { tags, summary: 'Save the draft statement: its reason and the value each post delivered', params: inSettlement, body: settlementSaveInput, response: { 200: createdId } } },
    async (request) => acts.saveSettlement(request.act, request.params.budgetId, request.params.settlementId, request.body),
  );
  app.post(
    '/:partnershipId/budgets/:budgetId/settlements/:settlementId/proposal',
    {
      schema: {
        tags,
        summary: 'Put the statement to the decision the charter’s settlement matter names; its approval freezes the statement and closes the budget',
        params: inSettlement,
        body: settlementProposeInput,
        response: created,
      },
    },
    async (request, reply) => reply.status(201).send(await acts.proposeSettlement(request.act, request.params.budgetId, request.params.settlementId, request.body)),
  );
  app.get(
    '/:partnershipId/charters/:charterId/budget',
    { schema: { tags, summary: 'The budget of a project charter, if opened, and whether the viewer may open it', params: inCharter, response: { 200: charterBudgetAnswer } } },
    async (request) => charterBudgetOf(app.store.db, request.act.viewer, request.act.partnershipId, request.params.charterId, request.act.now),
  );
  app.post(
    '/:partnershipId/charters/:charterId/budget',
    { schema: { tags, summary: 'Open the budget of a project charter (the book keepers); opened already, the same budget', params: inCharter, response: created } },
    async (request, reply) => reply.status(201).send(await acts.openCharterBudget(request.act, request.params.charterId)),
  );
};
