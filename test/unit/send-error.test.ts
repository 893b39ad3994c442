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

describe('a database exclusion', () => {
  it('is the double booking the trigger raises (23P01 under the constraint’s name): a 409 saying so in the user’s language', () => {
    const overlap = answer(Object.assign(new Error('this mean is already booked at that time'), { code: '23P01', constraint: 'pooled_mean_booking_no_overlap' }));
    expect(overlap).toMatchObject({
      status: 409,
      body: { error: 'conflict', message: 'Ce moyen est déjà réservé sur ce créneau : choisissez d’autres horaires.', fields: { startsAt: 'Ce moyen est déjà réservé sur ce créneau : choisissez d’autres horaires.' } },
      logged: 0,
    });
  });
});
