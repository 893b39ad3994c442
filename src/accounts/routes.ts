import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { translator } from '../i18n/server-messages.js';
import { errorAnswer, noContent } from '../common/contract.js';
import { personalDataExportAnswer } from '../personal-data/contract.js';
import {
  acceptInvitation,
  checkPassword,
  closeAllSessions,
  closeSession,
  consumeMagicLink,
  describeInvitation,
  openSession,
  requestMagicLink,
  setLocale,
  type NewSession,
} from './acts.js';
import { useActionLink } from './person-links.js';
import { accountAtTheDoor, listDoorPeople } from '../demo/door.js';
import { listPartnershipsOfAccount } from '../partnerships/queries.js';
import { exportPersonalData } from '../personal-data/acts.js';
import {
  acceptInvitationInput,
  actionLinkInput,
  demoDoorAnswer,
  demoDoorEntryInput,
  invitationAnswer,
  linkRequestedAnswer,
  localeInput,
  magicLinkInput,
  sessionAnswer,
  signedInAnswer,
  signInInput,
  tokenInput,
} from './contract.js';
import { digest } from './secrets.js';

export const SESSION_COOKIE = 'entente_session';

const translatorMessage = (request: FastifyRequest, key: string) => translator(request.locale)(key);

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const accounts = { db: app.store.db, afterCommit: app.afterCommit };
  const endSession = (sessionToken: string) => closeSession(accounts, sessionToken);

  /** A new session id at every sign-in; the old one, if any, ends. */
  async function startSession(request: FastifyRequest, reply: FastifyReply, accountId: string) {
    if (request.sessionToken) await endSession(request.sessionToken);
    return setSessionCookie(reply, await openSession(app.store.db, accountId, app.now()));
  }

  function setSessionCookie(reply: FastifyReply, session: NewSession) {
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: app.config.secureCookies,
      path: '/',
      expires: session.expiresAt,
    });
    return { csrfToken: session.csrfToken };
  }

  app.get('/session', { schema: { tags, summary: 'The signed-in account, its partnerships and its CSRF token', response: { 200: sessionAnswer, 401: errorAnswer } } }, async (request, reply) => {
    if (!request.session) return reply.status(401).send({ error: 'unauthenticated', message: '' });
    const partnerships = await listPartnershipsOfAccount(app.store.db, request.session);
    return {
      email: request.session.email,
      locale: request.session.locale,
      csrfToken: request.session.csrfToken,
      partnerships,
    };
  });

  app.get('/export', { schema: { tags, summary: 'Everything Entente holds about the signed-in account’s people, as one JSON file (GDPR art. 15 and 20)', response: { 200: personalDataExportAnswer, 401: errorAnswer, 403: errorAnswer } } }, async (request, reply) => {
    if (!request.session) return reply.status(401).send({ error: 'unauthenticated', message: translator(request.locale)('error.signInRequired') });
    // A mail's button opens one partnership; what the account holds elsewhere needs a full sign-in.
    if (request.session.partnershipScope !== null) return reply.status(403).send({ error: 'forbidden', message: translator(request.locale)('error.fullSignInRequired') });
    const data = await exportPersonalData(app.store.db, request.session.accountId, app.now());
    return reply.header('content-disposition', 'attachment; filename="mes-donnees-entente.json"').header('cache-control', 'no-store').send(data);
  });

  app.post(
    '/sign-in',
    {
      schema: { tags, summary: 'Sign in with e-mail and password', body: signInInput, response: { 200: signedInAnswer, 401: errorAnswer } },
      config: {
        // Per client address, whatever account it tries: guessing across many accounts is slowed too.
        rateLimit: { max: app.config.signInAttemptsPerMinute, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      const accountId = await checkPassword(app.store.db, request.body.email, request.body.password);
      if (!accountId) {
        return reply.status(401).send({ error: 'sign_in_failed', message: translatorMessage(request, 'error.signInFailed') });
      }
      return startSession(request, reply, accountId);
    },
  );

  app.post('/sign-out', { schema: { tags, summary: 'End the current session', response: { 204: noContent } } }, async (request, reply) => {
    if (request.sessionToken) await endSession(request.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.post('/sign-out-everywhere', { schema: { tags, summary: 'End every session of the signed-in account, on every device', response: { 204: noContent, 403: errorAnswer } } }, async (request, reply) => {
    // Like every mutation but sign-in's, it reaches here only with a session and its CSRF token (app.ts).
    const { accountId, partnershipScope } = request.session!;
    if (partnershipScope !== null) return reply.status(403).send({ error: 'forbidden', message: translator(request.locale)('error.fullSignInRequired') });
    await closeAllSessions(accounts, accountId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.post(
    '/magic-link',
    {
      schema: {
        tags,
        summary: 'Send a one-time sign-in link by e-mail',
        body: magicLinkInput,
        response: { 202: linkRequestedAnswer },
      },
      config: { rateLimit: { max: app.config.signInAttemptsPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      // The answer leaves before the work: its time tells nobody whether the address has an account.
      const { email } = request.body;
      const { locale } = request;
      const now = app.now();
      app.mailer.inBackground(() => requestMagicLink(app.store.db, email, { baseUrl: app.config.publicUrl }, locale, now, request.body.vers));
      return reply.status(202).send({ sent: true });
    },
  );

  app.post(
    '/magic-link/consume',
    {
      schema: { tags, summary: 'Sign in with the token of a magic link', body: tokenInput, response: { 200: signedInAnswer } },
      config: { rateLimit: { max: app.config.signInAttemptsPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const accountId = await consumeMagicLink(app.store.db, request.body.token, app.now());
      return startSession(request, reply, accountId);
    },
  );

  app.post(
    '/action-link',
    {
      schema: {
        tags,
        summary: 'Open the form a mail’s button names, signed in as its addressee (once, for a short while, in that partnership only)',
        body: actionLinkInput,
        response: { 200: signedInAnswer, 204: noContent },
      },
      config: { rateLimit: { max: app.config.signInAttemptsPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const signedIn = request.session && { accountId: request.session.accountId, scoped: request.session.partnershipScope !== null };
      const outcome = await useActionLink(app.store.db, { ...request.body, signedIn }, app.now());
      if (outcome.kind === 'already-signed-in') return reply.status(204).send();
      if (request.sessionToken) await endSession(request.sessionToken);
      return setSessionCookie(reply, outcome);
    },
  );

  // The demo's door exists only when the server runs the demo outside production (AppConfig.demoDoor):
  // elsewhere these routes are not there at all, and answer 404 like any unknown address.
  if (app.config.demoDoor) {
    app.get(
      '/demo-door',
      { schema: { tags, summary: 'Demo mode only: the people of the demo partnership anyone may enter as, and what each does there', response: { 200: demoDoorAnswer } } },
      async () => listDoorPeople(app.store.db, app.now()),
    );

    app.post(
      '/demo-door/enter',
      {
        schema: {
          tags,
          summary: 'Demo mode only: sign in, without a password, as one of the demo’s door people (their own account and rights)',
          body: demoDoorEntryInput,
          response: { 200: signedInAnswer, 404: errorAnswer, 409: errorAnswer },
        },
        config: { rateLimit: { max: app.config.signInAttemptsPerMinute, timeWindow: '1 minute' } },
      },
      async (request, reply) => startSession(request, reply, await accountAtTheDoor(app.store.db, request.body.personId)),
    );
  }

  app.post(
    '/invitation/describe',
    { schema: { tags, summary: 'What an invitation is for (the token stays out of URLs and logs)', body: tokenInput, response: { 200: invitationAnswer } } },
    async (request) => describeInvitation(app.store.db, request.body.token, app.now()),
  );

  app.post(
    '/invitation/accept',
    {
      schema: {
        tags,
        summary: 'Accept an invitation: create the account (or link an existing one) and sign in',
        body: acceptInvitationInput,
        response: { 200: signedInAnswer },
      },
      config: { rateLimit: { max: app.config.signInAttemptsPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      // A session a mail's button opened proves no more than that mail: it cannot take over an account.
      const fullySignedIn = request.session?.partnershipScope === null ? request.session.accountId : undefined;
      const accountId = await acceptInvitation(app.store.db, request.body.token, request.body.password, fullySignedIn, app.now());
      return startSession(request, reply, accountId);
    },
  );

  app.post(
    '/locale',
    { schema: { tags, summary: 'Choose the language of the interface and messages', body: localeInput, response: { 204: noContent } } },
    async (request, reply) => {
      if (request.session && request.sessionToken) {
        await setLocale(accounts, { accountId: request.session.accountId, tokenDigest: digest(request.sessionToken) }, request.body.locale);
      }
      return reply.status(204).send();
    },
  );
};
