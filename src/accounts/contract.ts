import { z } from 'zod';
import { LOCALES } from '../i18n/locales.js';
import { MEMBERSHIP_KINDS } from '../common/structure.js';
import { id } from '../common/contract.js';

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
/** `outsider`: the person is from outside (an outside mediator), who reads only what names them: the pages show no navigation. */
export const accountPartnership = z.object({ id: z.uuid(), name: z.string(), personId: z.uuid(), fullName: z.string(), isAdmin: z.boolean(), outsider: z.boolean() });

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

/** One of the people the demo's door lets anyone enter as, and what they do in the partnership today. */
export const demoDoorPerson = z.object({
  personId: z.uuid(),
  fullName: z.string(),
  isPartnershipAdmin: z.boolean(),
  memberships: z.array(z.object({ organization: z.string(), kind: z.enum(MEMBERSHIP_KINDS), isOrganizationAdmin: z.boolean() })),
  /** The bodies they sit in today, and the roles they hold. */
  bodies: z.array(z.string()),
  roles: z.array(z.string()),
});
export const demoDoorAnswer = z.object({ people: z.array(demoDoorPerson) });
export const demoDoorEntryInput = z.object({ personId: id });
