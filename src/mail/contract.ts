import { z } from 'zod';
import { instant } from '../common/contract.js';

/** A page of the messages after the one a previous page ended with. */
export const outboxQuery = z.object({ before: z.uuid().optional() });

/**
 * The messages the server could not e-mail, newest first, when it has no SMTP; none when it has.
 * The same subject and text queued by one act to several people is one message with its
 * recipients; its id is that of one of its copies. `next` is the `before` of the next page, if any.
 */
export const outboxAnswer = z.object({
  deliversByEmail: z.boolean(),
  messages: z.array(z.object({ id: z.uuid(), recipients: z.array(z.string()), subject: z.string(), body: z.string(), createdAt: instant })),
  next: z.uuid().nullable(),
});
