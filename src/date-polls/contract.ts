import { z } from 'zod';
import { POLL_ANSWERS } from './rules.js';

/** The inputs of the date polls' acts, validated by the server and published as OpenAPI. */
const reference = { error: 'error.reference' } as const;
const choice = { error: 'error.choice' } as const;

export const datePollInput = z.object({
  bodyId: z.uuid(reference),
  title: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(200, { error: 'error.tooLong' }),
  durationMinutes: z.int({ error: 'error.integer' }).min(5, { error: 'error.atLeastOne' }).max(1440, { error: 'error.tooLarge' }).default(120),
  slots: z
    .array(z.iso.datetime({ offset: true, error: 'error.dateTime' }))
    .min(2, { error: 'error.poll.twoSlots' })
    .max(20, { error: 'error.tooMany' }),
});

export const pollAnswersInput = z.object({
  answers: z.array(z.object({ slotId: z.uuid(reference), answer: z.enum(POLL_ANSWERS, choice) })).max(20, { error: 'error.tooMany' }),
});

/** Closing a poll calls the meeting at the chosen slot. */
export const closePollInput = z.object({
  slotId: z.uuid(reference),
  place: z.string().trim().max(500, { error: 'error.tooLong' }).default(''),
  onlineUrl: z.url({ protocol: /^https?$/, error: 'error.url' }).max(2000, { error: 'error.tooLong' }).nullable().default(null),
  secretaryId: z.uuid(reference).nullable().default(null),
});
