import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calendarDate, instant, noContent } from '../../src/common/contract.js';
import { answerSerializer } from '../../src/server/answer-serializer.js';

const person = z.object({
  id: z.uuid(),
  fullName: z.string(),
  email: z.string().nullable(),
  since: calendarDate,
  createdAt: instant,
  seats: z.array(z.object({ body: z.string(), endsOn: calendarDate.nullable() })),
  status: z.enum(['active', 'erased']),
  note: z.string().optional(),
});

describe('an answer written from its contract', () => {
  const write = answerSerializer(person);
  const row = {
    id: '5f0c2a5e-4b7a-4d52-9a38-3a6e2a6c1b11',
    fullName: 'Rose Lefèvre',
    email: null,
    since: '2026-01-15',
    createdAt: new Date('2026-03-10T09:00:00.000Z'),
    seats: [{ body: 'Comité de pilotage', endsOn: null, mandateToken: 'secret' }],
    status: 'active',
    passwordHash: 'scrypt$…',
  };

  it('carries only the fields the contract names, at every depth', () => {
    const written = JSON.parse(write(row));
    expect(written).not.toHaveProperty('passwordHash');
    expect(written.seats[0]).toEqual({ body: 'Comité de pilotage', endsOn: null });
  });

  it('writes instants as ISO 8601 text, calendar days and nulls as they are, and leaves out what is absent', () => {
    expect(JSON.parse(write(row))).toEqual({
      id: row.id,
      fullName: 'Rose Lefèvre',
      email: null,
      since: '2026-01-15',
      createdAt: '2026-03-10T09:00:00.000Z',
      seats: [{ body: 'Comité de pilotage', endsOn: null }],
      status: 'active',
    });
    expect(JSON.parse(write({ ...row, note: 'à relire' })).note).toBe('à relire');
  });

  it('refuses an answer that lacks a field the contract requires', () => {
    const { fullName: _left, ...withoutName } = row;
    expect(() => write(withoutName)).toThrow(/fullName/);
  });

  it('compiles the answers that say nothing', () => {
    expect(() => answerSerializer(noContent)).not.toThrow();
  });
});
