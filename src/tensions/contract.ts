import { z } from 'zod';
import { DECISION_LEVELS, PARTICIPATION_LEVELS } from '../charters/rules/enums.js';
import { calendarDate, instant } from '../common/contract.js';
import { CLOSING_WORD_MAX_LENGTH, TASK_TITLE_MAX_LENGTH, TENSION_STATUSES, TENSION_TEXT_MAX_LENGTH } from './rules.js';

/** The inputs of the tensions' acts, validated by the server and published as OpenAPI. */
const reference = { error: 'error.reference' } as const;
const choice = { error: 'error.choice' } as const;
const required = { error: 'error.required' } as const;
const tooLong = { error: 'error.tooLong' } as const;

/** What a member feels is missing or in the way. */
export const tensionInput = z.object({
  text: z.string(required).trim().min(1, required).max(TENSION_TEXT_MAX_LENGTH, tooLong),
});

/**
 * The meeting turns the tension into a proposal: its wording and where it goes by the charter's
 * matrix; the tension's words become its context.
 */
export const tensionProposalInput = z.object({
  wording: z.string(required).trim().min(1, required).max(2000, tooLong),
  level: z.enum(DECISION_LEVELS, choice),
  topic: z.string().trim().max(300, tooLong).default(''),
  participationLevel: z.enum(PARTICIPATION_LEVELS, choice).default('participation'),
});

/** The meeting turns the tension into a task: what, who among the body's members, by which day. */
export const tensionTaskInput = z.object({
  title: z.string(required).trim().min(1, required).max(TASK_TITLE_MAX_LENGTH, tooLong),
  ownerId: z.uuid(reference),
  dueOn: z.iso.date({ error: 'error.date' }),
});

/** The word the meeting closes the tension with, or the raiser withdraws it with. */
export const closingWordInput = z.object({
  word: z.string(required).trim().min(1, required).max(CLOSING_WORD_MAX_LENGTH, tooLong),
});

/** The answers of the tensions' routes: what leaves the server, and what the pages read. */
const person = z.object({ id: z.uuid(), fullName: z.string() });

export const tensionSummary = z.object({
  id: z.uuid(),
  body: z.object({ id: z.uuid(), name: z.string() }),
  text: z.string(),
  raisedBy: person.nullable(),
  raisedAt: instant,
  status: z.enum(TENSION_STATUSES),
  /** The agenda item it sits on, and its meeting. */
  agendaItem: z.object({ id: z.uuid(), meetingId: z.uuid(), meetingTitle: z.string(), startsAt: instant }).nullable(),
  proposal: z.object({ id: z.uuid(), wording: z.string() }).nullable(),
  task: z.object({ title: z.string(), owner: person, dueOn: calendarDate, doneAt: instant.nullable() }).nullable(),
  closingWord: z.string().nullable(),
  settledAt: instant.nullable(),
  settledInMeetingId: z.uuid().nullable(),
  can: z.object({ withdraw: z.boolean(), markDone: z.boolean() }),
});

/** A body's tensions still open, and the tasks they became that are under way. */
export const bodyTensionsAnswer = z.object({
  tensions: z.array(tensionSummary),
  can: z.object({ raise: z.boolean() }),
});

/** The tensions a meeting's agenda holds, and whom a task may go to. */
export const meetingTensionsAnswer = z.object({
  tensions: z.array(tensionSummary),
  /** The body's members of the meeting's day, for a task's owner. */
  members: z.array(person),
  can: z.object({ settle: z.boolean() }),
});

export const tensionAnswer = tensionSummary;
