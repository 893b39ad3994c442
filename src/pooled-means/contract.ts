import { z } from 'zod';
import { instant } from '../common/contract.js';
import { BOOKING_STATUSES, MEAN_KINDS } from './rules.js';

/**
 * The inputs and answers of pooled means: what each organization lends, and the bookings that
 * hold a mean for a project. Bookings are instants; pages show them in Europe/Paris.
 */
const choice = { error: 'error.choice' } as const;
const reference = z.uuid({ error: 'error.reference' });
const text = (max: number) => z.string({ error: 'error.required' }).trim().max(max, { error: 'error.tooLong' });
const requiredText = (max: number) => text(max).min(1, { error: 'error.required' });
const moment = z.iso.datetime({ offset: true, error: 'error.dateTime' });

/** A mean an organization lends, with the conditions of its loan (key, deposit, who drives…). */
export const meanInput = z.object({
  organizationId: reference,
  kind: z.enum(MEAN_KINDS, choice),
  label: requiredText(200),
  conditions: text(5000).default(''),
});

/** A project books a mean from one instant to a later one, saying what for. */
export const bookingInput = z
  .object({
    meanId: reference,
    startsAt: moment,
    endsAt: moment,
    purpose: text(2000).default(''),
  })
  .refine((value) => Date.parse(value.endsAt) > Date.parse(value.startsAt), { error: 'error.endsBeforeStart', path: ['endsAt'] });

/** The lenders decline a booking, saying why: the booker reads it. */
export const declineInput = z.object({ reason: requiredText(2000) });

const named = z.object({ id: z.uuid(), name: z.string() });
const person = z.object({ id: z.uuid(), fullName: z.string() });

const booking = z.object({
  id: z.uuid(),
  project: z.object({ id: z.uuid(), title: z.string() }),
  startsAt: instant,
  endsAt: instant,
  purpose: z.string(),
  status: z.enum(BOOKING_STATUSES),
  requestedBy: person.nullable(),
  requestedAt: instant,
  decidedBy: person.nullable(),
  decidedAt: instant.nullable(),
  declineReason: z.string(),
});

/**
 * The partnership's pooled means, by lending organization (name order), each with its conditions
 * and its live bookings still to end, soonest first. `lendFor`: the organizations whose means this
 * viewer may list and withdraw; `project`: the project named by `?projectId=`, when the viewer may book for it.
 */
export const pooledMeansAnswer = z.object({
  organizations: z.array(
    named.extend({
      means: z.array(
        z.object({
          id: z.uuid(),
          kind: z.enum(MEAN_KINDS),
          label: z.string(),
          conditions: z.string(),
          createdAt: instant,
          upcoming: z.array(booking),
        }),
      ),
    }),
  ),
  can: z.object({ lendFor: z.array(named) }),
  project: z.object({ id: z.uuid(), title: z.string(), canBook: z.boolean() }).nullable(),
});

/** One booking, for its decline form (the lenders' mail and to-do lead here) and its booker's cancel. */
export const bookingAnswer = booking.extend({
  mean: z.object({ id: z.uuid(), kind: z.enum(MEAN_KINDS), label: z.string(), conditions: z.string(), withdrawn: z.boolean(), organization: named }),
  can: z.object({ decline: z.boolean(), cancel: z.boolean() }),
});
