import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { conflict } from '../common/errors.js';
import type { Database } from '../common/database/schema.js';
import { openSession } from './acts.js';
import { digest, newToken } from './secrets.js';

/** A button in a mail holds for three days: long enough to be read, short enough to be worth little if forwarded. */
export const ACTION_LINK_HOURS = 72;
/** The link to one's mail preferences is in every mail, and an old mail must still let one unsubscribe. */
const SETTINGS_LINK_DAYS = 400;
/** A session opened from a mail's button ends the same day; signing in opens the rest. */
const LINK_SESSION_HOURS = 12;

const addHours = (date: Date, hours: number) => new Date(date.getTime() + hours * 3_600_000);

export type PersonLinkPurpose = 'act' | 'mail-settings';

/**
 * A single-purpose link for one person: its secret goes in their mail only (the outbox keeps it
 * apart, for the addressee alone); its digest is stored.
 */
export async function issuePersonLink(
  trx: Transaction<Database>,
  person: { readonly personId: string; readonly email: string },
  purpose: PersonLinkPurpose,
  path: string,
  now: Date,
): Promise<string> {
  const token = newToken();
  const expiresAt = purpose === 'act' ? addHours(now, ACTION_LINK_HOURS) : addHours(now, SETTINGS_LINK_DAYS * 24);
  // The link opens a page; the anchor of the form on it is no part of what the link grants.
  const page = path.split('#', 1)[0]!;
  await trx
    .insertInto('person_link')
    .values({ token_hash: digest(token), person_id: person.personId, email: person.email, purpose, path: page, expires_at: expiresAt, created_at: now })
    .execute();
  return token;
}

/** The person a mail-settings link is for, while it holds; it may be used again. */
export async function personOfSettingsLink(db: Kysely<Database>, token: string, now: Date): Promise<string> {
  const link = await db
    .selectFrom('person_link as l')
    .innerJoin('person as p', 'p.id', 'l.person_id')
    .select('l.person_id')
    .where('l.token_hash', '=', digest(token))
    .where('l.purpose', '=', 'mail-settings')
    .where('l.expires_at', '>', now)
    .whereRef('p.email', '=', 'l.email')
    .executeTakeFirst();
  if (!link) throw conflict('error.linkExpired');
  return link.person_id;
}

export interface ActionLinkUse {
  readonly token: string;
  /** The page the link is opened on: a link opens the one form it was sent for. */
  readonly path: string;
  /** Who is signed in on this device: a full sign-in, or a session another mail's button opened. */
  readonly signedIn: { readonly accountId: string; readonly scoped: boolean } | undefined;
}

export type ActionLinkOutcome =
  | { readonly kind: 'already-signed-in' }
  | { readonly kind: 'session'; readonly token: string; readonly csrfToken: string; readonly expiresAt: Date };

/**
 * A mail's button signs its addressee in on the form it names, once. The session it opens reads
 * that partnership alone, with no administrator's rights, and ends the same day: a forwarded mail
 * hands over little. The link holds only while the person, and their account, still have the
 * address it was sent to: whoever may edit an address cannot receive another person's key. A
 * person with no account yet gets one without password (their mailbox answered for them); an
 * address that already has an account not linked to this person must sign in, as for an invitation.
 */
export async function useActionLink(db: Kysely<Database>, use: ActionLinkUse, now: Date): Promise<ActionLinkOutcome> {
  return db.transaction().execute(async (trx) => {
    const link = await trx
      .selectFrom('person_link as l')
      .innerJoin('person as p', 'p.id', 'l.person_id')
      .leftJoin('account as a', 'a.id', 'p.account_id')
      .select(['l.token_hash', 'l.path', 'l.email as sent_to', 'l.expires_at', 'l.used_at', 'p.id as person_id', 'p.partnership_id', 'p.email', 'p.account_id', 'a.email as account_email'])
      .where('l.token_hash', '=', digest(use.token))
      .where('l.purpose', '=', 'act')
      .forUpdate('l')
      .executeTakeFirst();
    const sameAddress = (address: string | null) => address !== null && address.toLowerCase() === link?.sent_to.toLowerCase();
    if (!link || link.expires_at <= now || !sameAddress(link.email) || (link.account_id !== null && !sameAddress(link.account_email))) {
      throw conflict('error.actionLink.expired');
    }
    if (link.used_at !== null) throw conflict('error.actionLink.used');
    if (link.path !== use.path) throw conflict('error.actionLink.otherPage');
    // A session another button opened gives way to this one; a full sign-in of someone else does not.
    const signedIn = use.signedIn?.scoped ? undefined : use.signedIn;
    if (signedIn !== undefined && signedIn.accountId !== link.account_id) throw conflict('error.actionLink.otherPerson');
    await trx.updateTable('person_link').set({ used_at: now }).where('token_hash', '=', link.token_hash).execute();
    if (signedIn !== undefined) return { kind: 'already-signed-in' } as const;
    let accountId = link.account_id;
    if (accountId === null) {
      const address = link.sent_to.toLowerCase();
      const existing = await trx.selectFrom('account').select('id').where('email', '=', address).executeTakeFirst();
      if (existing) throw conflict('error.signInToAccept');
      accountId = randomUUID();
      await trx.insertInto('account').values({ id: accountId, email: address, password_hash: null }).execute();
      await trx.updateTable('person').set({ account_id: accountId }).where('id', '=', link.person_id).execute();
    }
    const session = await openSession(trx, accountId, now, { partnershipId: link.partnership_id, hours: LINK_SESSION_HOURS });
    return { kind: 'session', ...session } as const;
  });
}
