import { z } from 'zod';
import { instant } from '../../common/contract.js';

/** The inputs and answers of an accompaniment's days, validated by the server and published as OpenAPI. */
const text = (max: number) => z.string({ error: 'error.required' }).trim().max(max, { error: 'error.tooLong' });
const requiredText = (max: number) => text(max).min(1, { error: 'error.required' });
const moment = z.iso.datetime({ offset: true, error: 'error.dateTime' });

/** One item of a day's programme: what, and for how long if said. */
export const programmeItemInput = z.object({
  title: requiredText(300),
  minutes: z.int({ error: 'error.integer' }).min(1, { error: 'error.atLeastOne' }).max(600, { error: 'error.tooLarge' }).nullable().default(null),
});

/** A day scheduled, or changed: its title, start and end, place, and its programme in order. */
export const dayInput = z
  .object({
    title: requiredText(200),
    startsAt: moment,
    endsAt: moment,
    place: text(300).default(''),
    programme: z.array(programmeItemInput).max(50, { error: 'error.tooMany' }).default([]),
  })
  .refine((day) => new Date(day.endsAt).getTime() > new Date(day.startsAt).getTime(), { error: 'error.endsBeforeStart', path: ['endsAt'] });

/** Who came to a day held: members of the space. */
export const dayHeldInput = z.object({
  presentIds: z.array(z.uuid({ error: 'error.reference' })).max(500, { error: 'error.tooMany' }),
});

export const daySummary = z.object({
  id: z.uuid(),
  title: z.string(),
  startsAt: instant,
  endsAt: instant,
  place: z.string(),
  heldAt: instant.nullable(),
  presentCount: z.int(),
});

/** The days of a space, in their order. */
export const daysAnswer = z.object({
  days: z.array(daySummary),
  can: z.object({ schedule: z.boolean() }),
});

/** A day's page: its programme, and the members with whether they came (once held). */
export const dayAnswer = z.object({
  id: z.uuid(),
  accompaniment: z.object({ id: z.uuid(), title: z.string(), archived: z.boolean() }),
  title: z.string(),
  startsAt: instant,
  endsAt: instant,
  place: z.string(),
  heldAt: instant.nullable(),
  programme: z.array(z.object({ id: z.uuid(), title: z.string(), minutes: z.int().nullable() })),
  /** The space's members today, and anyone noted present who has left it since. */
  people: z.array(z.object({ person: z.object({ id: z.uuid(), fullName: z.string() }), outsider: z.boolean(), member: z.boolean(), present: z.boolean() })),
  can: z.object({ change: z.boolean(), hold: z.boolean() }),
});
