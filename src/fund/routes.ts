import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { binaryAnswer, created, noContent, textAnswer } from '../common/contract.js';
import { inPartnership, withId } from '../server/params.js';
import * as acts from './acts.js';
import { callsInput, callsIssuedAnswer, declarationInput, fundPageAnswer, fundStatementAnswer, fundYearQuery, paymentInput, spendingInput } from './contract.js';
import { fundPage, fundStatement } from './queries.js';
import { fundStatementCsv, fundStatementPrintJob } from './statement.js';

const tags = ['fund'];

/** The common fund: read by everyone of the partnership; declared by each organization's administrators, kept by the keepers of the books, spent by decision only. */
export const fundRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/fund',
    { schema: { tags, summary: 'The common fund for a year: its rule, declarations, calls and payments, who is behind, the ledger with its balance, spending proposals', params: inPartnership, querystring: fundYearQuery, response: { 200: fundPageAnswer } } },
    async (request) => fundPage(app.store.db, request.act.viewer, request.act.partnershipId, request.query, request.act.now),
  );
  app.put(
    '/:partnershipId/fund/declarations',
    { schema: { tags, summary: 'Declare an organization’s annual budget for a fund year, until that year’s call is issued to it', params: inPartnership, body: declarationInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.declareBudget(request.act, request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/:partnershipId/fund/calls',
    { schema: { tags, summary: 'Issue the year’s calls to every organization not yet called that can be', params: inPartnership, body: callsInput, response: { 201: callsIssuedAnswer } } },
    async (request, reply) => reply.status(201).send(await acts.issueCalls(request.act, request.body)),
  );
  app.post(
    '/:partnershipId/fund/payments',
    { schema: { tags, summary: 'Record a payment on a call', params: inPartnership, body: paymentInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.recordPayment(request.act, request.body)),
  );
  app.post(
    '/:partnershipId/fund/ledger/:entryId/reversal',
    { schema: { tags, summary: 'Correct a payment by a reversing row, unless the fund has committed that money', params: withId('entryId'), response: created } },
    async (request, reply) => reply.status(201).send(await acts.reversePayment(request.act, request.params.entryId)),
  );
  app.post(
    '/:partnershipId/fund/spendings',
    { schema: { tags, summary: 'Propose a spending from the fund: a proposal carrying its amount, routed by the charter’s spending matter', params: inPartnership, body: spendingInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.proposeSpending(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/fund/statement',
    { schema: { tags, summary: 'The fund’s yearly statement: calls, payments, who is behind, spendings, opening and closing balance', params: inPartnership, querystring: fundYearQuery, response: { 200: fundStatementAnswer } } },
    async (request) => fundStatement(app.store.db, request.act.partnershipId, request.query, request.act.now),
  );
  app.get(
    '/:partnershipId/fund/statement.csv',
    { schema: { tags, summary: 'The fund’s yearly statement as CSV, amounts in integer cents', params: inPartnership, querystring: fundYearQuery, response: textAnswer('text/csv') } },
    async (request, reply) => {
      const statement = await fundStatement(app.store.db, request.act.partnershipId, request.query, request.act.now);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="caisse-commune-${statement.year}.csv"`)
        .send(fundStatementCsv(statement, request.locale));
    },
  );
  app.get(
    '/:partnershipId/fund/statement.pdf',
    { schema: { tags, summary: 'The fund’s yearly statement as a PDF', params: inPartnership, querystring: fundYearQuery, response: binaryAnswer('application/pdf') } },
    async (request, reply) => {
      const { db, partnershipId, now } = request.act;
      const statement = await fundStatement(db, partnershipId, request.query, now);
      const partnership = await db.selectFrom('partnership').select('name').where('id', '=', partnershipId).executeTakeFirstOrThrow();
      const pdf = await app.printing.print(fundStatementPrintJob(statement, partnership.name, request.locale, await app.printing.anchor(partnershipId, now)));
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="caisse-commune-${statement.year}.pdf"`).send(pdf);
    },
  );
};
