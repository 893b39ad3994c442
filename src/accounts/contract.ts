import { z } from 'zod';
import { LOCALES } from '../i18n/locales.js';

export const email = z.email({ error: 'error.email' }).max(254);
const token = z.string().min(20).max(200);

export const signInInput = z.object({ email, password: z.string().min(1).max(500) });
export const magicLinkInput = z.object({
  email,
  // The page to open once signed in (a mailed link's, kept by the sign-in page): a path of this site only.
  vers: z.string().max(500).regex(/^\/(?![/\\])\S*$/).optional(),
});
export const tokenInput = z.object({ token });
/** A mail's button, opened on the page it names. */
export const actionLinkInput = z.object({ token, path: z.string().max(500).regex(/^\/(?![/\\])\S*$/) });
export const acceptInvitationInput = z.object({ token, password: z.string().max(500).optional() });
export const localeInput = z.object({ locale: z.enum(LOCALES) });

/** A partnership the signed-in account takes part in, as the person it is there. */
export const accountPartnership = z.object({ id: z.uuid(), name: z.string(), personId: z.uuid(), fullName: z.string(), isAdmin: z.boolean() });

export const sessionAnswer = z.object({
  email: z.string(),
  /** The language the person chose, or null to follow the browser's. */
  locale: z.enum(LOCALES).nullable(),
  csrfToken: z.string(),
  partnerships: z.array(accountPartnership),
});

/** A session has just started: the token the page sends with every change. */
export const signedInAnswer = z.object({ csrfToken: z.string() });

export const linkRequestedAnswer = z.object({ sent: z.literal(true) });

export const invitationAnswer = z.object({ fullName: z.string(), email: z.string(), partnership: z.string(), hasAccount: z.boolean() });
