import { z } from 'zod';
import { calendarDate, id, instant, isoDate } from '../../common/contract.js';
import { DISPUTE_STAGES } from '../rules.js';

/**
 * The inputs and answers of a dispute's ending (seed 000, art. 7): the exit plan's tasks, the
 * restorative circle, the write-up and its publication, the closure. Read only by those the
 * dispute names (disputes/access.ts); the published write-ups alone reach the partnership, with no
 * subject, no name and no link to their dispute.
 */
const text = (max: number) => z.string({ error: 'error.required' }).trim().max(max, { error: 'error.tooLong' });
const moment = z.iso.datetime({ offset: true, error: 'error.dateTime' });

/** A task's owner (a party or the mediator) and due day; null leaves it unset. */
export const disputeTaskInput = z.object({ ownerId: id.nullable(), dueOn: isoDate.nullable() });

/** The settlement statement a task waits for (one of the charter's budget), or null to unlink it. */
export const disputeTaskSettlementInput = z.object({ settlementId: id.nullable() });

/** The restorative circle: its day and hour, a place or an online link (or both). */
export const restorativeCircleInput = z
  .object({
    startsAt: moment,
    place: text(300).default(''),
    onlineUrl: z.url({ protocol: /^https?$/, error: 'error.url' }).max(2000, { error: 'error.tooLong' }).nullable().default(null),
  })
  .refine((value) => value.place !== '' || value.onlineUrl !== null, { error: 'disputeEnding.error.placeOrLink', path: ['place'] });

/** The write-up of the experience, without personal details. */
export const writeUpInput = z.object({ text: text(50000).min(1, { error: 'error.required' }) });

/** A party's yes or no to publishing the write-up as it stands. */
export const publishConsentInput = z.object({ consents: z.boolean({ error: 'error.choice' }) });

const person = z.object({ id: z.uuid(), fullName: z.string() });

/** The ending of one dispute as its section of the dispute page shows it, with the forms this viewer may use. */
export const disputeEndingAnswer = z.object({
  stage: z.enum(DISPUTE_STAGES),
  /** Who may own a task: the parties and the mediator. */
  owners: z.array(person),
  tasks: z.array(
    z.object({
      id: z.uuid(),
      position: z.number().int(),
      objective: z.string(),
      owner: person.nullable(),
      dueOn: calendarDate.nullable(),
      status: z.enum(['open', 'done']),
      doneAt: instant.nullable(),
      /** The statement the task waits for: done when it is approved. */
      settlement: z.object({ id: z.uuid(), status: z.string() }).nullable(),
      can: z.object({ markDone: z.boolean() }),
    }),
  ),
  /** The charter's budget, whose statements settle the accounts and refund what was not delivered; null without one. */
  budget: z.object({ id: z.uuid(), status: z.enum(['open', 'closed']) }).nullable(),
  /** The budget's statements drawn up on an exit plan, to link a task to. */
  settlements: z.array(z.object({ id: z.uuid(), status: z.string(), createdAt: instant })),
  circle: z
    .object({
      id: z.uuid(),
      startsAt: instant,
      place: z.string(),
      onlineUrl: z.string().nullable(),
      heldAt: instant.nullable(),
      rounds: z.array(z.object({ round: z.string(), text: z.string() })),
    })
    .nullable(),
  writeUp: z.string().nullable(),
  writeUpPublishedAt: instant.nullable(),
  consents: z.array(person.extend({ consentsToPublish: z.boolean().nullable() })),
  can: z.object({
    assign: z.boolean(),
    linkSettlement: z.boolean(),
    /** The viewer keeps the charter budget's books: they may draw up a statement from a task. */
    prepareSettlement: z.boolean(),
    callCircle: z.boolean(),
    writeNotes: z.boolean(),
    holdCircle: z.boolean(),
    writeUp: z.boolean(),
    consent: z.boolean(),
    close: z.boolean(),
  }),
});

/** « Retours d'expérience »: the published write-ups, newest first, with the day each was published and nothing else. */
export const experienceReportsAnswer = z.object({ reports: z.array(z.object({ publishedAt: instant, text: z.string() })) });
