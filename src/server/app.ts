import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import fastifyAccepts from '@fastify/accepts';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from 'helmet';
import nodemailer from 'nodemailer';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { isLocale, LOCALES, translator, type Locale } from '../i18n/server-messages.js';
import type { PrintingOptions } from '../documents/pdf.js';
import { MailDispatcher } from '../mail/mailer.js';
import { Printing } from '../documents/printing.js';
import { LiveEvents } from './live-events.js';
import { afterCommitOf } from './after-commit.js';
import { answerSerializer } from './answer-serializer.js';
import type { AfterCommit } from '../common/act.js';
import { digest } from '../accounts/secrets.js';
import { mailSettingsRoutes } from '../mail/routes.js';
import { findSessionAndViewer, type SessionInfo } from '../accounts/viewer.js';
import { ViewerCache } from './viewer-cache.js';
import type { Viewer } from '../common/permissions.js';
import type { Store } from '../common/database/database.js';
import { statementsSentAgainAlone, type StatementSentAgainAlone } from '../common/database/together.js';
import { RequestValidationError, sendError } from './errors.js';
import { isUuid } from './ids.js';
import { authRoutes, SESSION_COOKIE } from '../accounts/routes.js';
import { partnershipRoutes } from './partnership-scope.js';
import { systemRoutes } from './system-routes.js';
import { publicPageRoutes } from '../public-pages/routes.js';
import { inArrivalOrder } from '../common/database/pglite-dialect.js';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    session: SessionInfo | undefined;
    sessionToken: string | undefined;
    /** The signed-in person in the partnership the URL names, if any. */
    viewer: Viewer | undefined;
  }
  interface FastifyInstance {
    store: Store;
    mailer: MailDispatcher;
    viewers: ViewerCache;
    live: LiveEvents;
    printing: Printing;
    /** What follows every commit: mail sent, live events, cached rights dropped. */
    afterCommit: AfterCommit;
    config: AppConfig;
    /** The clock of the whole app; tests move it. */
    now(): Date;
  }
}

export interface AppConfig {
  /** Where links in e-mails point, without a trailing slash. */
  readonly publicUrl: string;
  readonly smtpUrl?: string | undefined;
  /** The sender of every mail (`Name <address>`); the mailer's own when absent. */
  readonly mailFrom?: string | undefined;
  /** Folder of the built web UI; the UI is not served when absent. */
  readonly webRoot?: string | undefined;
  readonly signInAttemptsPerMinute: number;
  readonly secureCookies: boolean;
  /** Believe X-Forwarded-For: only behind a reverse proxy that sets it, else anyone picks their IP. */
  readonly trustProxy?: boolean;
  readonly now?: () => Date;
  readonly logger?: FastifyServerOptions['logger'];
  /** Worker threads that print PDFs, and how many documents may wait for one. */
  readonly printing?: PrintingOptions;
  /**
   * The demo's door: the sign-in page lets anyone enter as one of five people of the demo
   * partnership, without a password (src/demo/door.ts). Off unless `serve` runs the demo outside
   * production (config.ts `demoDoorOpens`); off, its routes answer 404.
   */
  readonly demoDoor?: boolean;
}

const translatorFor = (request: { locale: Locale }) => translator(request.locale);

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes that create a session, and so come before any CSRF token exists. */
const SESSIONLESS_MUTATIONS = new Set([
  '/api/v1/auth/sign-in',
  '/api/v1/auth/magic-link',
  '/api/v1/auth/magic-link/consume',
  '/api/v1/auth/invitation/describe',
  '/api/v1/auth/invitation/accept',
  '/api/v1/auth/locale',
  '/api/v1/auth/action-link',
  '/api/v1/auth/demo-door/enter',
  '/api/v1/mail-settings/describe',
  '/api/v1/mail-settings/preference',
]);

/**
 * Mail clients unsubscribe in one click by a form POST (RFC 8058) the mail's own secret link
 * authorizes; it can do nothing else.
 */
const ONE_CLICK_UNSUBSCRIBE = '/api/v1/mail-settings/unsubscribe';

export async function buildApp(store: Store, config: AppConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logger ?? false,
    trustProxy: config.trustProxy ?? false,
    bodyLimit: 256 * 1024,
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('store', store);
  // On the embedded database, a request's queries pass before those of requests that came after it.
  if (store.kind === 'pglite') app.addHook('onRequest', (_request, _reply, done) => inArrivalOrder(done));
  app.decorate('config', config);
  app.decorate('now', config.now ?? (() => new Date()));
  app.decorate('mailer', new MailDispatcher(store.db, app.log, config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : undefined, config.publicUrl, config.mailFrom));
  const viewers = new ViewerCache(app.log);
  app.decorate('viewers', viewers);
  const live = new LiveEvents(store, app.log);
  live.onRevocation((revocation) => viewers.revoke(revocation));
  await live.start();
  app.decorate('live', live);
  app.decorate('afterCommit', afterCommitOf(app));
  const logStatementSentAgainAlone = (message: unknown) => {
    const { calls, error } = message as StatementSentAgainAlone;
    app.log.warn({ err: error, calls }, 'acts sent together failed as one statement; each was sent again alone');
  };
  statementsSentAgainAlone.subscribe(logStatementSentAgainAlone);
  app.addHook('onClose', async () => void statementsSentAgainAlone.unsubscribe(logStatementSentAgainAlone));
  // A mail handed over as a request ended is sent before the server stops, not at its next start.
  app.addHook('onClose', () => app.mailer.idle());
  app.addHook('onClose', () => live.close());
  const printing = new Printing(store.db, config.printing);
  app.decorate('printing', printing);
  app.addHook('onClose', () => printing.close());
  app.decorateRequest('locale', 'fr');
  app.decorateRequest('session', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('viewer', undefined);

  app.setValidatorCompiler(({ schema }) => (data: unknown) => {
    const result = (schema as ZodType).safeParse(data);
    return result.success ? { value: result.data } : { error: new RequestValidationError(schema as ZodType, data) };
  });
  app.setSerializerCompiler(({ schema }) => answerSerializer(schema as ZodType));
  app.setErrorHandler(sendError);
  const servesWeb = config.webRoot !== undefined && existsSync(join(config.webRoot, 'index.html'));
  app.setNotFoundHandler((request, reply) => {
    if (servesWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(Object.assign(new Error('not found'), { statusCode: 404 }), request, reply);
  });

  await app.register(fastifyAccepts);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  // @fastify/helmet 13 builds helmet's middleware again on every request, parsing the policy each
  // time (2 % of the server's time under load); built once here, it sets the same headers.
  const secureHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.secureCookies,
  });
  app.addHook('onRequest', (request, reply, done) =>
    secureHeaders(request.raw, reply.raw, (error?: unknown) => (error === undefined ? done() : done(error instanceof Error ? error : new Error(String(error))))),
  );
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Entente API',
        version: '1',
        description: 'Gouvernance partagée : la charte exécutable. Every mutation needs the x-csrf-token header of the session.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.addHook('onRequest', async (request, reply) => {
    // Decided on the route the router matched, not on the raw URL: /%61pi/… reaches /api/… too.
    const route = request.routeOptions.url;
    const apiRoute = route?.startsWith('/api/') ? route : undefined;
    const token = request.cookies[SESSION_COOKIE];
    if (token && apiRoute) {
      const named = (request.params as { partnershipId?: unknown } | undefined)?.partnershipId;
      const partnershipId = isUuid(named) ? named : undefined;
      const tokenDigest = digest(token);
      const nowMs = app.now().getTime();
      const found = await app.viewers.lookup(tokenDigest, partnershipId, nowMs, () => findSessionAndViewer(store.db, token, partnershipId, app.now()));
      request.session = found?.session;
      request.viewer = found?.viewer;
      request.sessionToken = found ? token : undefined;
    }
    const chosen = request.headers['x-entente-locale'];
    request.locale = isLocale(chosen)
      ? chosen
      : (request.session?.locale ?? ((request.language([...LOCALES]) || 'fr') as Locale));
    if (!MUTATING.has(request.method) || apiRoute === undefined) return;
    if (apiRoute === ONE_CLICK_UNSUBSCRIBE) return;
    if (SESSIONLESS_MUTATIONS.has(apiRoute)) {
      // A JSON body cannot be sent cross-site without a CORS preflight, which this server never grants.
      if (!request.headers['content-type']?.startsWith('application/json')) {
        return reply.status(415).send({ error: 'invalid', message: translatorFor(request)('error.jsonRequired') });
      }
      return;
    }
    if (!request.session) return reply.status(401).send({ error: 'unauthenticated', message: translatorFor(request)('error.signInRequired') });
    if (request.headers['x-csrf-token'] !== request.session.csrfToken) {
      return reply.status(403).send({ error: 'csrf', message: translatorFor(request)('error.csrf') });
    }
  });

  // An API answer is one person's view at one moment: no proxy or browser may keep it unless its route says so.
  app.addHook('onSend', async (request, reply) => {
    const apiRoute = request.routeOptions.url ?? request.url;
    if (apiRoute.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-store');
  });
  if (servesWeb) await serveWeb(app, config.webRoot!);
  // API answers over 1 kB leave compressed (brotli at quality 4: most of the gain for little CPU).
  // Registered after the web files, whose routes then keep their precompressed copies; event
  // streams hijack the reply, so no onSend hook ever sees them.
  await app.register(fastifyCompress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
    globalDecompression: false,
  });
  await app.register(systemRoutes, { prefix: '/api/v1' });
  await app.register(authRoutes, { prefix: '/api/v1/auth' });
  await app.register(mailSettingsRoutes, { prefix: '/api/v1/mail-settings' });
  await app.register(partnershipRoutes, { prefix: '/api/v1/partnerships' });
  // What partnerships publish under an open licence, read without a session (public-pages/).
  await app.register(publicPageRoutes, { prefix: '/api/v1/public' });
  return app;
}

const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The built UI. Vite names each file of `assets/` after its content, so a browser keeps it a year
 * without asking; `index.html` (also the answer to every client route, by the not-found handler)
 * names the current ones, so it is revalidated each time (ETag, Last-Modified). The build wrote a
 * brotli and a gzip copy of each text file (vite.config.ts): the one the browser accepts is sent.
 */
async function serveWeb(app: FastifyInstance, webRoot: string) {
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: false,
    index: 'index.html',
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders(reply, path) {
      reply.header('cache-control', relative(webRoot, path).startsWith(`assets${sep}`) ? YEAR_IMMUTABLE : 'no-cache');
      reply.header('vary', 'Accept-Encoding');
    },
  });
}
