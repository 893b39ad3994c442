import { z } from 'zod';
import { instant } from '../common/contract.js';

/** The messages the server could not e-mail, newest first, when it has no SMTP; none when it has. */
export const outboxAnswer = z.object({
  deliversByEmail: z.boolean(),
  messages: z.array(z.object({ id: z.uuid(), recipient: z.string(), subject: z.string(), body: z.string(), createdAt: instant })),
});
