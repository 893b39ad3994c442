import { z } from 'zod';
import { calendarDate, email, instant, name } from '../common/contract.js';
import { DISPUTE_MEETING_KINDS, DISPUTE_STAGES } from './rules.js';

/**
 * The inputs and answers of a dispute (seed 000, art. 7). Everything here is read only by those
 * the dispute names (disputes/access.ts); others get one line saying that a dispute exists, when
 * the charter shows it, and nothing else.
 */
const reference = z.uuid({ error: 'error.reference' });
const text = (max: number) => z.string({ error: 'error.required' }).trim().max(max, { error: 'error.tooLong' });
const requiredText = (max: number) => text(max).min(1, { error: 'error.required' });
const moment = z.iso.datetime({ offset: true, error: 'error.dateTime' });

/** A party opens a dispute under a charter with dispute rules: what (Markdown), and with whom. The opener is a party. */
export const openDisputeInput = z.object({
  charterId: reference,
  subject: requiredText(5000),
  partyIds: z.array(reference).min(1, { error: 'dispute.field.otherParty' }).max(20, { error: 'error.tooMany' }),
});

/** A meeting of the dispute: its day and hour, a place or an online link (or both). */
export const disputeMeetingInput = z
  .object({
    startsAt: moment,
    place: text(300).default(''),
    onlineUrl: z.url({ protocol: /^https?$/, error: 'error.url' }).max(2000, { error: 'error.tooLong' }).nullable().default(null),
  })
  .refine((value) => value.place !== '' || value.onlineUrl !== null, { error: 'dispute.field.placeOrLink', path: ['place'] });

/** The notes of one round of a dispute's meeting, written again as often as needed. */
export const disputeNoteInput = z.object({ round: requiredText(40), text: text(20000) });

/**
 * How the crisis meeting ended: an agreement (its text; the dispute closes), a mediation asked of
 * whom the charter names, or the exit plan.
 */
export const crisisOutcomeInput = z.discriminatedUnion(
  'outcome',
  [
    z.object({ outcome: z.literal('agreement'), agreement: requiredText(20000) }),
    z.object({ outcome: z.literal('mediation') }),
    z.object({ outcome: z.literal('exit_plan') }),
  ],
  { error: 'error.choice' },
);

/** How the mediation ended: an agreement (the dispute closes), or a failure (the exit plan follows). */
export const mediationOutcomeInput = z.discriminatedUnion(
  'outcome',
  [z.object({ outcome: z.literal('agreement'), agreement: requiredText(20000) }), z.object({ outcome: z.literal('failure') })],
  { error: 'error.choice' },
);

/** The mediator: a person of the partnership, or someone from outside named by name and address. */
export const nameMediatorInput = z.union([z.object({ personId: reference }), z.object({ outsider: z.object({ fullName: name, email }) })], { error: 'dispute.field.mediatorChoice' });

const person = z.object({ id: z.uuid(), fullName: z.string() });
const charter = z.object({ id: z.uuid(), title: z.string() });

/** The line of a dispute whose existence the charter shows: no subject, no names. */
const disputeExistence = z.object({ id: z.uuid(), charter, openedAt: instant, closed: z.boolean() });

/** « Différends »: the viewer's disputes in full, the others they may know exist in one line; the charters they may open one under. */
export const disputesAnswer = z.object({
  disputes: z.array(
    z.object({
      id: z.uuid(),
      charter,
      subject: z.string(),
      stage: z.enum(DISPUTE_STAGES),
      openedAt: instant,
      crisisDueAt: instant,
      crisisLate: z.boolean(),
      parties: z.array(person),
    }),
  ),
  others: z.array(disputeExistence),
  can: z.object({ openUnder: z.array(charter) }),
});

const note = z.object({ round: z.string(), text: z.string(), writtenBy: person.nullable(), writtenAt: instant });

const meeting = z.object({
  id: z.uuid(),
  kind: z.enum(DISPUTE_MEETING_KINDS),
  startsAt: instant,
  place: z.string(),
  onlineUrl: z.string().nullable(),
  calledBy: person.nullable(),
  calledAt: instant,
  /** The rounds of its kind, in order (rules.ts DISPUTE_MEETING_ROUNDS). */
  rounds: z.array(z.string()),
  notes: z.array(note),
  heldAt: instant.nullable(),
  outcome: z.enum(['agreement', 'mediation', 'exit_plan', 'held']).nullable(),
  /** Whether the viewer may write its notes. */
  canWriteNotes: z.boolean(),
});

/**
 * One dispute, for those it names (its parties, its mediator, the body the charter names, the body
 * asked for a mediation). `next`: who the dispute waits on and by when. `can`: the forms this
 * viewer may use now; the exit plan's, the restorative circle's and the write-up's are
 * disputes/ending's.
 */
export const disputeAnswer = z.object({
  id: z.uuid(),
  charter,
  subject: z.string(),
  stage: z.enum(DISPUTE_STAGES),
  openedBy: person.nullable(),
  openedAt: instant,
  crisisDueAt: instant,
  crisisLate: z.boolean(),
  parties: z.array(person.extend({ consentsToPublish: z.boolean().nullable() })),
  /** The mediator once named; `outsider` when they come from outside the partnership. */
  mediator: person.extend({ outsider: z.boolean() }).nullable(),
  /** The body a mediation was asked of, whose members name the mediator. */
  mediationBody: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** The charter's words on who provides a mediation (seed 000: « un membre du Cœur de l'association »). */
  mediationProvider: z.string(),
  mediationRequestedAt: instant.nullable(),
  mediationEndedAt: instant.nullable(),
  agreement: z.string().nullable(),
  agreedAt: instant.nullable(),
  meetings: z.array(meeting),
  /** The charter's exit plan objectives (seed 000's six), and the tasks that carry them once planned. */
  exitPlanObjectives: z.array(z.string()),
  tasks: z.array(
    z.object({
      id: z.uuid(),
      position: z.number(),
      objective: z.string(),
      owner: person.nullable(),
      dueOn: calendarDate.nullable(),
      status: z.enum(['open', 'done']),
      doneAt: instant.nullable(),
      settlementId: z.uuid().nullable(),
    }),
  ),
  writeUp: z.string().nullable(),
  writeUpPublishedAt: instant.nullable(),
  closedAt: instant.nullable(),
  closedHow: z.enum(['agreement', 'exit_plan']).nullable(),
  next: z.object({
    step: z.enum(['call_crisis_meeting', 'hold_crisis_meeting', 'name_mediator', 'mediate', 'exit_plan', 'restorative_circle', 'write_up', 'none']),
    actor: z.enum(['parties', 'mediation_body', 'mediator', 'nobody']),
    deadline: instant.nullable(),
  }),
  can: z.object({
    callCrisisMeeting: z.boolean(),
    recordCrisisOutcome: z.boolean(),
    /** Whether the crisis meeting may end on a mediation: the charter names a body or says who provides one. */
    askMediation: z.boolean(),
    nameMediator: z.boolean(),
    recordMediationOutcome: z.boolean(),
  }),
  /** Whether the viewer is the outside mediator (the page shows no navigation to the rest). */
  viewerIsOutsider: z.boolean(),
});
