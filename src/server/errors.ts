import type { IncomingMessage } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import { PrintersBusy } from '../documents/pdf.js';
import { ActError, type FieldProblem, type UniqueConstraintMessages } from '../common/errors.js';
import { uniqueConstraints as bodyConstraints } from '../bodies/errors.js';
import { uniqueConstraints as charterConstraints } from '../charters/errors.js';
import { uniqueConstraints as decisionConstraints } from '../decisions/errors.js';
import { uniqueConstraints as electionConstraints } from '../elections/errors.js';
import { uniqueConstraints as meetingConstraints } from '../meetings/errors.js';
import { uniqueConstraints as organizationConstraints } from '../organizations/errors.js';
import { uniqueConstraints as peopleConstraints } from '../people/errors.js';
import { uniqueConstraints as roleConstraints } from '../roles/errors.js';
import { uniqueConstraints as projectConstraints } from '../projects/errors.js';
import { uniqueConstraints as actionPlanConstraints } from '../action-plans/errors.js';
import { uniqueConstraints as budgetConstraints } from '../budgets/errors.js';
import { uniqueConstraints as pooledMeanConstraints } from '../pooled-means/errors.js';
import { uniqueConstraints as circleConstraints } from '../circles/errors.js';
import { isMessageKey, translator, type Locale } from '../i18n/server-messages.js';

/** A request part that did not match its schema; translated once the user's language is known. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly schema: ZodType,
    readonly data: unknown,
  ) {
    super('invalid request');
  }
}

const zodLocales = { fr: z.locales.fr(), en: z.locales.en() } as const;

function translateIssue(locale: Locale, message: string, params?: Readonly<Record<string, string | number>>): string {
  return isMessageKey(message) ? translator(locale)(message, params) : message;
}

function fieldMessages(locale: Locale, error: RequestValidationError): Record<string, string> {
  const result = error.schema.safeParse(error.data, { error: zodLocales[locale].localeError });
  const fields: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= translateIssue(locale, issue.message, issue.code === 'too_big' ? { maximum: Number(issue.maximum) } : undefined);
  }
  return fields;
}

function problemsToFields(locale: Locale, problems: readonly FieldProblem[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const problem of problems) fields[problem.path] ??= translateIssue(locale, problem.messageKey, problem.params);
  return fields;
}

/** Unique constraints the schema declares, and what each means to a person: each capability names its own. */
const uniqueConstraintMessages: UniqueConstraintMessages = {
  ...organizationConstraints,
  ...peopleConstraints,
  ...bodyConstraints,
  ...roleConstraints,
  ...charterConstraints,
  ...decisionConstraints,
  ...electionConstraints,
  ...meetingConstraints,
  ...projectConstraints,
  ...actionPlanConstraints,
  ...budgetConstraints,
  ...pooledMeanConstraints,
  ...circleConstraints,
};

interface DatabaseError {
  readonly code: string;
  readonly constraint?: string;
}

const isDatabaseError = (error: unknown): error is DatabaseError =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((error as { code: string }).code);

export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly fields?: Record<string, string>;
}

/** Past this, the rest of a body too large is not read: the connection is cut after the answer. */
const MAX_DRAINED_BYTES = 16 * 1024 * 1024;

/**
 * Reads and drops what is left of a body too large, so that a client still sending it can read
 * the answer, where closing the connection on unread data would reset it.
 */
function drained(raw: IncomingMessage): Promise<void> {
  if (raw.complete || raw.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    let bytes = 0;
    const finish = () => {
      raw.off('data', count);
      raw.off('end', finish);
      raw.off('close', finish);
      resolve();
    };
    const count = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_DRAINED_BYTES) finish();
    };
    raw.on('data', count);
    raw.once('end', finish);
    raw.once('close', finish);
    raw.resume();
  });
}

/**
 * Every failure leaves as a clear answer in the user's language: expected failures as 4xx with
 * a message per field, and only a real defect as a 500 (logged, with no detail sent).
 */
export function sendError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply | Promise<void> {
  const locale = request.locale;
  const t = translator(locale);
  const send = (status: number, body: ErrorBody) => reply.status(status).send(body);

  if (error instanceof RequestValidationError) {
    return send(400, { error: 'invalid', message: t('error.invalid'), fields: fieldMessages(locale, error) });
  }
  if (error instanceof ActError) {
    const failure = error.failure;
    switch (failure.kind) {
      case 'not_found':
        return send(404, { error: 'not_found', message: t('error.notFound') });
      case 'forbidden':
        return send(403, { error: 'forbidden', message: t('error.forbidden') });
      case 'conflict':
        return send(409, {
          error: 'conflict',
          message: translateIssue(locale, failure.messageKey, failure.params),
          ...(failure.fields ? { fields: problemsToFields(locale, failure.fields) } : {}),
        });
      case 'invalid':
        return send(400, { error: 'invalid', message: t('error.invalid'), fields: problemsToFields(locale, failure.fields) });
    }
  }
  if (isDatabaseError(error)) {
    // 23P01: an exclusion, such as two bookings of one mean overlapping (a trigger raises it under the constraint's name).
    if (error.code === '23505' || error.code === '23P01') {
      const known = error.constraint ? uniqueConstraintMessages[error.constraint] : undefined;
      return send(409, {
        error: 'conflict',
        message: t(known?.key ?? 'error.duplicate'),
        ...(known ? { fields: { [known.field]: t(known.key) } } : {}),
      });
    }
    if (error.code === '40001' || error.code === '40P01') return send(409, { error: 'conflict', message: t('error.conflict') });
    // Class 22 (data exception: a NUL character in text, a number or date out of range, …) and
    // broken references or checks come from what the client sent, not from a defect.
    if (error.code.startsWith('22') || error.code === '23503' || error.code === '23514') {
      return send(400, { error: 'invalid', message: t('error.invalid') });
    }
  }
  if (error instanceof PrintersBusy) return reply.header('retry-after', '30').status(503).send({ error: 'busy', message: t('error.printersBusy') });
  const status = (error as FastifyError).statusCode;
  if (status === 429) return send(429, { error: 'too_many_requests', message: t('error.tooManyRequests') });
  if (status === 413) {
    const size = new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte' }).format(Math.floor((request.routeOptions.bodyLimit ?? request.server.initialConfig.bodyLimit ?? 0) / 1024));
    return drained(request.raw).then(() => {
      send(413, { error: 'too_large', message: t('error.bodyTooLarge', { size }) });
    });
  }
  if (status === 415 || status === 400) {
    return send(status, { error: 'invalid', message: t('error.invalid') });
  }
  if (status === 404) return send(404, { error: 'not_found', message: t('error.notFound') });
  request.log.error({ err: error }, 'unexpected error');
  return send(500, { error: 'internal', message: t('error.internal') });
}
