import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { PrintersBusy } from '../../src/documents/pdf.js';
import { sendError } from '../../src/server/errors.js';

function answer(error: Error) {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const reply = {
    status: (code: number) => ((sent.status = code), reply),
    header: (name: string, value: string) => ((sent.headers[name] = value), reply),
    send: (body: unknown) => ((sent.body = body), reply),
  };
  const request = { locale: 'fr', log: { error: vi.fn() } };
  sendError(error, request as unknown as FastifyRequest, reply as unknown as FastifyReply);
  return { ...sent, logged: request.log.error.mock.calls.length };
}

describe('an error answered as busy printers', () => {
  it('is the printers’ own, with a time to try again', () => {
    const busy = answer(new PrintersBusy());
    expect(busy).toMatchObject({ status: 503, headers: { 'retry-after': '30' }, body: { error: 'busy' }, logged: 0 });
  });

  it('is no other error that happens to carry a 503: that one is a defect, logged', () => {
    const other = answer(Object.assign(new Error('upstream down'), { statusCode: 503 }));
    expect(other).toMatchObject({ status: 500, headers: {}, body: { error: 'internal' }, logged: 1 });
  });
});
