import { z } from 'zod';
import { instant } from '../common/contract.js';
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

/** The answers of the date polls' routes: what leaves the server, and what the pages read. */
const person = z.object({ id: z.uuid(), fullName: z.string() });
/** Each slot's answer, by slot id. */
const answersBySlot = z.record(z.uuid(), z.enum(POLL_ANSWERS));

export const datePollDetailAnswer = z.object({
  id: z.uuid(),
  title: z.string(),
  durationMinutes: z.int(),
  body: z.object({ id: z.uuid(), name: z.string() }),
  createdBy: person,
  /** The meeting the poll was closed on, once it is. */
  meetingId: z.uuid().nullable(),
  slots: z.array(z.object({ id: z.uuid(), startsAt: instant, yes: z.int(), ifNeedBe: z.int(), no: z.int() })),
  members: z.array(person.extend({ answers: answersBySlot })),
  ownAnswers: answersBySlot,
  bestSlotId: z.uuid().nullable(),
  can: z.object({ answer: z.boolean(), close: z.boolean() }),
});

/** The meeting called at the chosen slot. */
export const pollClosedAnswer = z.object({ meetingId: z.uuid() });
