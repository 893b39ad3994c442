import { z } from 'zod';
import { instant } from '../common/contract.js';
import { LOCALES } from '../i18n/locales.js';
import { MAIL_PREFERENCES } from './rules.js';

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

export const mailSection = z.object({
  heading: z.string().optional(),
  paragraphs: z.array(z.string()),
  facts: z.array(z.object({ label: z.string(), value: z.string() })),
  /** A button: what it does, and the page of Entente it opens. */
  action: z.object({ label: z.string(), path: z.string() }).optional(),
});

/**
 * A mail as data, kept so in the outbox: rendered as text and HTML at delivery, where the public
 * address and the addressee's link secrets are known.
 */
export const mailContent = z.object({
  locale: z.enum(LOCALES),
  greeting: z.string(),
  sections: z.array(mailSection),
  /** Why this person receives it, in one sentence. */
  reason: z.string(),
});

/** The secrets of a mail's links, for its addressee alone: one per section with a button, in order. */
export const mailSecrets = z.object({ actionTokens: z.array(z.string()), settingsToken: z.string() });

export const mailPreferenceInput = z.object({ preference: z.enum(MAIL_PREFERENCES) });
export const mailPreferenceAnswer = z.object({ preference: z.enum(MAIL_PREFERENCES), fullName: z.string(), partnership: z.string() });
export const mailSettingsTokenInput = z.object({ token: z.string().min(1).max(200) });
