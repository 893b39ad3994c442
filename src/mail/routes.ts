import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from '../common/contract.js';
import { mailPreferenceByLink, mailPreferenceOf, setMailPreference, setMailPreferenceByLink } from './acts.js';
import { mailPreferenceAnswer, mailPreferenceInput, mailSettingsTokenInput, outboxAnswer, outboxQuery } from './contract.js';
import { outbox } from './queries.js';
import { inPartnership } from '../server/params.js';

export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:partnershipId/outbox',
    { schema: { tags: ['journal'], summary: 'Messages the server could not e-mail (no SMTP_URL): administrators only', params: inPartnership, querystring: outboxQuery, response: { 200: outboxAnswer } } },
    async (request) => outbox(app.store.db, request.act.viewer, request.act.partnershipId, request.act.now, app.mailer.deliversByEmail, request.query.before),
  );

  app.get(
    '/:partnershipId/mail-preference',
    { schema: { tags: ['mail'], summary: 'Which messages the signed-in person receives from this partnership', params: inPartnership, response: { 200: mailPreferenceAnswer } } },
    async (request) => mailPreferenceOf(app.store.db, request.act.viewer.personId),
  );

  app.put(
    '/:partnershipId/mail-preference',
    {
      schema: { tags: ['mail'], summary: 'Choose every message, a daily digest, only what has a deadline, or none', params: inPartnership, body: mailPreferenceInput, response: { 200: mailPreferenceAnswer } },
    },
    async (request) => setMailPreference(app.store.db, request.act.viewer.personId, request.body.preference),
  );
};

/** The link every mail carries, for its addressee to choose their messages without signing in. */
export const mailSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['mail'];
  // RFC 8058: the mail client posts `List-Unsubscribe=One-Click` as a form; its body says nothing more.
  app.addContentTypeParser(['application/x-www-form-urlencoded', 'multipart/form-data'], { parseAs: 'string' }, (_request, _body, done) => done(null, undefined));

  app.post(
    '/describe',
    { schema: { tags, summary: 'The messages a mail-settings link’s person receives (the token stays out of URLs)', body: mailSettingsTokenInput, response: { 200: mailPreferenceAnswer } } },
    async (request) => mailPreferenceByLink(app.store.db, request.body.token, app.now()),
  );

  app.post(
    '/preference',
    { schema: { tags, summary: 'Choose the messages a mail-settings link’s person receives', body: mailSettingsTokenInput.extend(mailPreferenceInput.shape), response: { 200: mailPreferenceAnswer } } },
    async (request) => setMailPreferenceByLink(app.store.db, request.body.token, request.body.preference, app.now()),
  );

  app.post(
    '/unsubscribe',
    {
      schema: { tags, summary: 'One-click unsubscription from a mail client (RFC 8058)', querystring: z.object({ token: z.string().min(1).max(200) }), response: { 204: noContent } },
      // The address holds the person's settings secret: the request log must not keep it.
      logLevel: 'warn',
    },
    async (request, reply) => {
      await setMailPreferenceByLink(app.store.db, request.query.token, 'none', app.now());
      return reply.status(204).send();
    },
  );
};
