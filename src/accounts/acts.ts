import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { commitWrite, type ActContext } from '../common/act.js';
import { conflict, forbidden, invalid, notFound } from '../common/errors.js';
import { may } from '../common/permissions.js';
import { personAsTarget } from '../people/queries.js';
import { isLocale, translator, type Locale } from '../i18n/server-messages.js';
import type { Database } from '../common/database/schema.js';
import { queueMail, withPersonalLink } from '../mail/mailer.js';
import { MIN_PASSWORD_LENGTH, digest, hashPassword, newToken, verifyPassword, type ScryptCost } from './secrets.js';

const SESSION_DAYS = 30;
const INVITATION_DAYS = 7;
const MAGIC_LINK_MINUTES = 30;
const addMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

export interface NewSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/** A full sign-in lasts 30 days; a session a mail's button opens reads one partnership for a few hours. */
export async function openSession(
  db: Kysely<Database>,
  accountId: string,
  now: Date,
  scope?: { readonly partnershipId: string; readonly hours: number },
): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = addMinutes(now, scope ? scope.hours * 60 : SESSION_DAYS * 24 * 60);
  await db
    .insertInto('session')
    .values({ id_hash: digest(token), account_id: accountId, csrf_token: csrfToken, expires_at: expiresAt, partnership_scope: scope?.partnershipId ?? null })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** Where accounts are written, and what follows each write (server/after-commit.ts). */
export type AccountContext = Pick<ActContext, 'db' | 'afterCommit'>;

export async function closeSession(ctx: AccountContext, token: string): Promise<void> {
  const tokenDigest = digest(token);
  await ctx.db.deleteFrom('session').where('id_hash', '=', tokenDigest).execute();
  await ctx.afterCommit?.({ partnershipId: null, events: [], mailQueued: false, sessions: { ended: [tokenDigest] } });
}

/** Ends every session of the account (a lost phone, a shared computer). */
export async function closeAllSessions(ctx: AccountContext, accountId: string): Promise<void> {
  const closed = await ctx.db.deleteFrom('session').where('account_id', '=', accountId).returning('id_hash').execute();
  await ctx.afterCommit?.({ partnershipId: null, events: [], mailQueued: false, sessions: { ended: closed.map((session) => session.id_hash) } });
}

export async function checkPassword(db: Kysely<Database>, email: string, password: string): Promise<string | undefined> {
  const account = await db.selectFrom('account').select(['id', 'password_hash']).where('email', '=', email.toLowerCase()).executeTakeFirst();
  const matches = await verifyPassword(password, account?.password_hash);
  return matches ? account?.id : undefined;
}

/** The account's language; the session it was chosen in reads it again at its next request. */
export async function setLocale(ctx: AccountContext, session: { readonly accountId: string; readonly tokenDigest: string }, locale: Locale): Promise<void> {
  await ctx.db.updateTable('account').set({ locale }).where('id', '=', session.accountId).execute();
  await ctx.afterCommit?.({ partnershipId: null, events: [], mailQueued: false, sessions: { changed: [session.tokenDigest] } });
}

export interface Link {
  readonly baseUrl: string;
}

/** Sends a person an invitation to create their account; their e-mail address is where it goes. */
export async function invitePerson(ctx: ActContext, personId: string, link: Link, locale: Locale): Promise<{ readonly expiresAt: Date }> {
  const { partnershipId, viewer, now } = ctx;
  return commitWrite(ctx, async (trx) => {
    const person = await trx
      .selectFrom('person as p')
      .innerJoin('partnership as pa', 'pa.id', 'p.partnership_id')
      .select(['p.id', 'p.full_name', 'p.email', 'p.account_id', 'pa.name as partnership'])
      .where('p.id', '=', personId)
      .where('p.partnership_id', '=', partnershipId)
      .executeTakeFirst();
    if (!person) throw notFound();
    if (!may.managePerson(viewer, await personAsTarget(trx, personId))) throw forbidden();
    if (!person.email) throw conflict('error.noEmail');
    if (person.account_id) throw conflict('error.alreadyHasAccount');
    const token = newToken();
    const tokenHash = digest(token);
    const expiresAt = addMinutes(now, INVITATION_DAYS * 24 * 60);
    await trx.insertInto('invitation').values({ token_hash: tokenHash, person_id: personId, email: person.email, expires_at: expiresAt }).execute();
    const t = translator(locale);
    const params = { name: person.full_name, partnership: person.partnership };
    // The token travels in the fragment, which browsers send to no server and which no log records.
    const { body, personalBody } = withPersonalLink(t, 'mail.invitationBody', params, `${link.baseUrl}/invitation#${token}`);
    await queueMail(trx, {
      partnershipId,
      recipient: person.email,
      subject: t('mail.invitationSubject', params),
      body,
      personal: { body: personalBody, invitationTokenHash: tokenHash },
    });
    return { expiresAt };
  });
}

/**
 * An invitation holds while it is unused, unexpired, and its person still has the address it was
 * sent to: changing someone's address must not redirect an invitation already sent.
 */
async function openInvitation(db: Kysely<Database>, token: string, now: Date, lock: boolean) {
  let query = db
    .selectFrom('invitation as i')
    .innerJoin('person as p', 'p.id', 'i.person_id')
    .innerJoin('partnership as pa', 'pa.id', 'p.partnership_id')
    .select(['i.token_hash', 'i.email', 'p.id as person_id', 'p.full_name', 'p.account_id', 'pa.name as partnership'])
    .where('i.token_hash', '=', digest(token))
    .where('i.accepted_at', 'is', null)
    .where('i.expires_at', '>', now)
    .whereRef('p.email', '=', 'i.email')
    .where('p.account_id', 'is', null);
  if (lock) query = query.forUpdate('i');
  const invitation = await query.executeTakeFirst();
  if (!invitation) throw conflict('error.linkExpired');
  const account = await db.selectFrom('account').select('id').where('email', '=', invitation.email).executeTakeFirst();
  return { ...invitation, existingAccountId: account?.id };
}

export async function describeInvitation(db: Kysely<Database>, token: string, now: Date) {
  const invitation = await openInvitation(db, token, now, false);
  return {
    fullName: invitation.full_name,
    email: invitation.email,
    partnership: invitation.partnership,
    hasAccount: invitation.existingAccountId !== undefined,
  };
}

/**
 * Accepting creates the account with the chosen password. When the address already has an
 * account, the person is linked to it only if that account is the one signed in: the link alone
 * must never open someone's existing account.
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  token: string,
  password: string | undefined,
  signedInAccountId: string | undefined,
  now: Date,
): Promise<string> {
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) throw invalid('password', 'error.passwordTooShort');
  const passwordHash = password === undefined ? undefined : await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const invitation = await openInvitation(trx, token, now, true);
    let accountId = invitation.existingAccountId;
    if (accountId !== undefined && accountId !== signedInAccountId) throw conflict('error.signInToAccept');
    if (accountId === undefined) {
      if (!passwordHash) throw invalid('password', 'error.passwordTooShort');
      accountId = randomUUID();
      await trx.insertInto('account').values({ id: accountId, email: invitation.email, password_hash: passwordHash }).execute();
    }
    await trx.updateTable('person').set({ account_id: accountId }).where('id', '=', invitation.person_id).execute();
    await trx.updateTable('invitation').set({ accepted_at: now }).where('token_hash', '=', invitation.token_hash).execute();
    // The person's other invitations are void now: their links need be kept for nobody.
    await trx
      .deleteFrom('outbox_personal_body')
      .where('invitation_token_hash', 'in', trx.selectFrom('invitation').select('token_hash').where('person_id', '=', invitation.person_id))
      .execute();
    return accountId;
  });
}

/**
 * Always answers the same way, so the form tells nobody which addresses have an account. The link
 * reaches its addressee alone: by e-mail, or without SMTP through the server log. The message, its
 * link left out, shows on the Messages page only when the account belongs to a single partnership:
 * the administrators of one partnership need not know who signs in to another. Says which
 * partnership the mail is filed under, to deliver it; nothing when the address has no account.
 */
export async function requestMagicLink(db: Kysely<Database>, email: string, link: Link, locale: Locale, now: Date, next?: string): Promise<{ readonly mailFor: string | null } | undefined> {
  const account = await db.selectFrom('account').select(['id', 'email', 'locale']).where('email', '=', email.toLowerCase()).executeTakeFirst();
  if (!account) return undefined;
  const partnerships = await db.selectFrom('person').select('partnership_id').where('account_id', '=', account.id).execute();
  const mailFor = partnerships.length === 1 ? partnerships[0]!.partnership_id : null;
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('magic_link')
      .values({ token_hash: digest(token), account_id: account.id, expires_at: addMinutes(now, MAGIC_LINK_MINUTES) })
      .execute();
    const t = translator(isLocale(account.locale) ? account.locale : locale);
    const { body, personalBody } = withPersonalLink(t, 'mail.magicLinkBody', {}, `${link.baseUrl}/connexion/lien${next === undefined ? '' : `?vers=${encodeURIComponent(next)}`}#${token}`);
    await queueMail(trx, {
      partnershipId: mailFor,
      recipient: account.email,
      subject: t('mail.magicLinkSubject'),
      body,
      personal: { body: personalBody },
    });
  });
  return { mailFor };
}

export async function consumeMagicLink(db: Kysely<Database>, token: string, now: Date): Promise<string> {
  const used = await db
    .updateTable('magic_link')
    .set({ used_at: now })
    .where('token_hash', '=', digest(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('account_id')
    .executeTakeFirst();
  if (!used) throw conflict('error.linkExpired');
  return used.account_id;
}

/**
 * Forgets the credentials that can open nothing any more: sessions, sign-in links, invitations and
 * a person's links past their expiry, with the text of an invitation's mail kept for the Messages
 * page (migration 019, by cascade). Every check already refuses them as it refuses an unknown one;
 * kept, they were addresses and digests held for no one. Answers how many were forgotten.
 */
export async function forgetExpiredCredentials(db: Kysely<Database>, now: Date): Promise<number> {
  const forgotten = await db.transaction().execute((trx) =>
    Promise.all([
      trx.deleteFrom('session').where('expires_at', '<=', now).executeTakeFirst(),
      trx.deleteFrom('magic_link').where('expires_at', '<=', now).executeTakeFirst(),
      trx.deleteFrom('invitation').where('expires_at', '<=', now).executeTakeFirst(),
      trx.deleteFrom('person_link').where('expires_at', '<=', now).executeTakeFirst(),
    ]),
  );
  return forgotten.reduce((sum, deleted) => sum + Number(deleted.numDeletedRows), 0);
}

/** `cost` is for tests alone, whose accounts need not resist an attacker (see test/support/test-app.ts). */
export async function createAccountWithPassword(db: Kysely<Database>, email: string, password: string, cost?: ScryptCost): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) throw invalid('password', 'error.passwordTooShort');
  const id = randomUUID();
  await db.insertInto('account').values({ id, email: email.toLowerCase(), password_hash: await hashPassword(password, cost) }).execute();
  return id;
}

/**
 * A link, for a mail asking its reader to answer something, to that page of Entente. Someone with an
 * account gets the page's plain address and signs in as usual on the way (the sign-in page brings
 * them back): a mail written at someone else's request must not hold a key to the reader's account,
 * which may open other partnerships. Someone without one gets an invitation to create it (whose
 * digest the mail names, as invitePerson's does), lasting as long as an invitation, since such a
 * mail may be read days later.
 */
export async function linkToPage(
  trx: Transaction<Database>,
  person: { readonly id: string; readonly email: string; readonly accountId: string | null },
  path: string,
  link: Link,
  now: Date,
): Promise<{ readonly url: string; readonly invitationTokenHash?: string }> {
  if (person.accountId !== null) return { url: `${link.baseUrl}${path}` };
  const token = newToken();
  const tokenHash = digest(token);
  const expiresAt = addMinutes(now, INVITATION_DAYS * 24 * 60);
  await trx.insertInto('invitation').values({ token_hash: tokenHash, person_id: person.id, email: person.email, expires_at: expiresAt }).execute();
  return { url: `${link.baseUrl}/invitation?vers=${encodeURIComponent(path)}#${token}`, invitationTokenHash: tokenHash };
}
