import { z } from 'zod';
import { instant } from '../common/contract.js';
import { PROPOSAL_STATUSES } from '../decisions/rules.js';
import { AGENDA_KINDS, ATTENDANCE_STATUSES, GUEST_ATTENDANCE_STATUSES, GUEST_REASON_MAX_LENGTH, MINUTES_MAX_LENGTH, MINUTES_VERDICTS, ROUNDS } from './rules.js';

/** The inputs of the meetings' acts, validated by the server and published as OpenAPI. */
const reference = { error: 'error.reference' } as const;
const choice = { error: 'error.choice' } as const;

export const meetingInput = z.object({
  bodyId: z.uuid(reference),
  title: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(200, { error: 'error.tooLong' }),
  startsAt: z.iso.datetime({ offset: true, error: 'error.dateTime' }),
  durationMinutes: z.int({ error: 'error.integer' }).min(5, { error: 'error.atLeastOne' }).max(1440, { error: 'error.tooLarge' }).default(120),
  place: z.string().trim().max(500, { error: 'error.tooLong' }).default(''),
  onlineUrl: z.url({ protocol: /^https?$/, error: 'error.url' }).max(2000, { error: 'error.tooLong' }).nullable().default(null),
  facilitatorId: z.uuid(reference).optional(),
  secretaryId: z.uuid(reference).nullable().default(null),
});

/**
 * A meeting held before Entente knew the body, or outside it, recorded afterwards: its day, who
 * facilitated, who was there, and its minutes, which are published as they are recorded.
 */
export const pastMeetingInput = z.object({
  bodyId: z.uuid(reference),
  title: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(200, { error: 'error.tooLong' }),
  heldOn: z.iso.date({ error: 'error.date' }),
  place: z.string().trim().max(500, { error: 'error.tooLong' }).default(''),
  facilitatorId: z.uuid(reference),
  secretaryId: z.uuid(reference).nullable().default(null),
  attendeeIds: z.array(z.uuid(reference)).max(500, { error: 'error.tooMany' }).default([]),
  minutes: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(MINUTES_MAX_LENGTH, { error: 'error.meeting.minutesTooLong' }),
});

/** Facilitation rotates, and the body may hand it, or the minutes, to someone else until they are published. */
export const meetingRolesInput = z.object({
  facilitatorId: z.uuid(reference),
  secretaryId: z.uuid(reference).nullable(),
});

export const agendaItemInput = z.object({
  kind: z.enum(AGENDA_KINDS, choice),
  title: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(300, { error: 'error.tooLong' }),
  /** A decision item brings a proposal of the body into the meeting, where its round table runs. */
  proposalId: z.uuid(reference).nullable().default(null),
  minutesAllotted: z.int({ error: 'error.integer' }).min(1, { error: 'error.atLeastOne' }).max(480, { error: 'error.tooLarge' }).nullable().default(null),
});

export const agendaOrderInput = z.object({ itemIds: z.array(z.uuid(reference)).max(200, { error: 'error.tooMany' }) });

export const attendanceInput = z.object({
  personId: z.uuid(reference),
  status: z.enum(ATTENDANCE_STATUSES, choice),
  representedBy: z.uuid(reference).nullable().default(null),
});

/** Someone outside the body invited to the meeting, and why (« porteur du projet Jardins partagés »). */
export const guestInput = z.object({
  personId: z.uuid(reference),
  reason: z.string().trim().max(GUEST_REASON_MAX_LENGTH, { error: 'error.tooLong' }).default(''),
});

/** The version the text was based on: a save over someone else's newer save is refused, not lost. */
const minutesVersion = z.int({ error: 'error.integer' }).min(0, { error: 'error.negative' }).max(1_000_000, { error: 'error.tooLarge' });

export const minutesInput = z.object({ text: z.string().max(MINUTES_MAX_LENGTH, { error: 'error.meeting.minutesTooLong' }), basedOn: minutesVersion });

/** The secretary submits the minutes to the attendees until a date; the window may be moved while it is open. */
export const minutesReviewInput = z.object({ until: z.iso.datetime({ offset: true, error: 'error.dateTime' }) });

/** An attendee approves the text read, or asks for an amendment, saying which. */
export const minutesAnswerInput = z
  .object({
    verdict: z.enum(MINUTES_VERDICTS, choice),
    remark: z.string().trim().max(2000, { error: 'error.tooLong' }).default(''),
    basedOn: minutesVersion,
  })
  .refine((answer) => answer.verdict === 'approve' || answer.remark !== '', { error: 'error.meeting.amendmentNeedsText', path: ['remark'] });

/** A member's word in the opening or closing round. */
export const roundWordInput = z.object({
  word: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(280, { error: 'error.tooLong' }),
});

/** The answers of the meetings' routes: what leaves the server, and what the pages read. */
const named = z.object({ id: z.uuid(), name: z.string() });
const person = z.object({ id: z.uuid(), fullName: z.string() });

export const bodyMeetingsAnswer = z.object({
  meetings: z.array(z.object({ id: z.uuid(), title: z.string(), startsAt: instant, place: z.string(), published: z.boolean(), recordedAfterwards: z.boolean() })),
  /** The body's date polls still open, for its members to answer. */
  openPolls: z.array(z.object({ id: z.uuid(), title: z.string(), createdAt: instant })),
  nextFacilitator: person.nullable(),
  members: z.array(person),
  can: z.object({ call: z.boolean() }),
});

/** A proposal brought to the meeting, and what became of it. */
const proposalOutcome = { wording: z.string(), status: z.enum(PROPOSAL_STATUSES), outcomeStatement: z.string().nullable() };

const quorumCounts = { met: z.boolean(), present: z.int(), members: z.int(), missingOrganizations: z.array(z.string()) };

export const meetingDetailAnswer = z.object({
  id: z.uuid(),
  title: z.string(),
  body: named,
  startsAt: instant,
  durationMinutes: z.int(),
  place: z.string(),
  onlineUrl: z.string().nullable(),
  facilitator: person,
  secretary: person.nullable(),
  agenda: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(AGENDA_KINDS),
      title: z.string(),
      minutesAllotted: z.int().nullable(),
      startedAt: instant.nullable(),
      endedAt: instant.nullable(),
      minutesSpent: z.int().nullable(),
      proposedBy: z.string(),
      proposal: z.object({ id: z.uuid(), ...proposalOutcome }).nullable(),
    }),
  ),
  attendance: z.array(z.object({ personId: z.uuid(), fullName: z.string(), status: z.enum(ATTENDANCE_STATUSES).nullable(), representedBy: person.nullable() })),
  /** People outside the body invited to the meeting: apart from the members, never in the quorum. */
  guests: z.array(z.object({ personId: z.uuid(), fullName: z.string(), reason: z.string(), attendance: z.enum(GUEST_ATTENDANCE_STATUSES).nullable() })),
  quorum: z.discriminatedUnion('rule', [
    z.object({ rule: z.literal('one_delegate_per_organization'), missingOrganizationIds: z.array(z.uuid()).readonly(), ...quorumCounts }),
    z.object({ rule: z.literal('majority'), ...quorumCounts }),
  ]),
  decisions: z.array(z.object({ proposalId: z.uuid(), ...proposalOutcome })),
  stage: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('planned') }),
    z.object({ kind: z.literal('opening') }),
    z.object({ kind: z.literal('item'), itemId: z.uuid() }),
    z.object({ kind: z.literal('closing') }),
    z.object({ kind: z.literal('ended') }),
  ]),
  recordedAfterwards: z.boolean(),
  openedAt: instant.nullable(),
  endedAt: instant.nullable(),
  roundWords: z.array(z.object({ round: z.enum(ROUNDS), personId: z.uuid(), fullName: z.string(), word: z.string() })),
  minutes: z.string(),
  minutesVersion: z.int(),
  minutesPublishedAt: instant.nullable(),
  reviewUntil: instant.nullable(),
  reviews: z.array(
    z.object({ personId: z.uuid(), fullName: z.string(), verdict: z.enum(MINUTES_VERDICTS), remark: z.string(), answeredAt: instant, current: z.boolean() }),
  ),
  openProposals: z.array(z.object({ id: z.uuid(), wording: z.string() })),
  /** What the minutes still wait for before they may be published: a text, a review, or the approval of the attendees named. */
  publishWaitsFor: z.object({ reason: z.enum(['empty', 'review_first', 'review_open']), names: z.array(z.string()) }).nullable(),
  can: z.object({ addItem: z.boolean(), changeRoles: z.boolean(), run: z.boolean(), inviteGuests: z.boolean(), publish: z.boolean(), sayWord: z.boolean(), review: z.boolean() }),
});

/** The version the saved minutes now bear: the next save is based on it. */
export const minutesSavedAnswer = z.object({ version: z.int() });
