import { z } from 'zod';
import { instant } from '../common/contract.js';
import { PHASE_NAMES } from '../decisions/rules.js';
import { MESSAGE_KINDS } from './rules.js';

/** The most a message holds: a thread is for questions and reactions, not for documents. */
export const MESSAGE_MAX_LENGTH = 10000;

export const messageInput = z.object({
  kind: z.enum(MESSAGE_KINDS, { error: 'error.choice' }),
  body: z.string({ error: 'error.required' }).trim().min(1, { error: 'error.required' }).max(MESSAGE_MAX_LENGTH, { error: 'error.tooLong' }),
  /** The question an answer replies to. */
  replyTo: z.uuid({ error: 'error.reference' }).optional(),
});

const person = z.object({ id: z.uuid(), fullName: z.string() });
const opening = z.enum(MESSAGE_KINDS).exclude(['answer']);

/** A proposal's thread, oldest first, and what the viewer may write in it now. */
export const threadAnswer = z.object({
  messages: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(MESSAGE_KINDS),
      /** The method's phase and round the message was written in. */
      phase: z.enum(PHASE_NAMES),
      round: z.int(),
      replyTo: z.uuid().nullable(),
      /** Formatted text (bold, lists, links), to render as the charter's articles are; empty once its author was erased. */
      body: z.string(),
      author: person.extend({ erased: z.boolean() }),
      createdAt: instant,
      answered: z.object({ at: instant, by: person }).nullable(),
    }),
  ),
  can: z.object({
    /** The kinds of message the viewer may open in the current phase: none once the proposal is settled or if they may not speak. */
    open: z.array(opening),
    answer: z.boolean(),
    markAnswered: z.boolean(),
  }),
});
