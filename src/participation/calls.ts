import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { issuePersonLink } from '../accounts/person-links.js';
import { bodyMembersOn } from '../bodies/members.js';
import type { Database } from '../common/database/schema.js';
import { isLocale, translator, type Locale } from '../i18n/server-messages.js';
import { MAIL_SETTINGS_PAGE, renderMail, type MailContent, type MailSection } from '../mail/compose.js';
import { queueMail } from '../mail/mailer.js';
import { mailsNow, type MailPreference } from '../mail/rules.js';

/** Someone Entente may write to, as their mail preferences say. */
export interface Recipient {
  readonly personId: string;
  readonly email: string;
  readonly fullName: string;
  readonly locale: Locale;
  readonly preference: MailPreference;
}

/**
 * What is asked of one person (a `call`, by a deadline or not) or told them (`information`), in
 * their language: the section a mail shows, the same that the digest and the reminder repeat.
 */
export interface Notice {
  readonly kind: 'call' | 'information';
  readonly subject: string;
  readonly section: MailSection;
  readonly deadline: Date | null;
  /** Why this person receives it, in one sentence. */
  readonly reason: string;
  /** An iCalendar event its mail carries (a meeting's convocation), for the mail client to add. */
  readonly calendar?: string;
}

type Db = Kysely<Database> | Transaction<Database>;

/** The people among these who have an address, with their language and mail preference. */
export async function recipientsAmong(db: Db, personIds: readonly string[]): Promise<Recipient[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('person as p')
    .leftJoin('account as a', 'a.id', 'p.account_id')
    .select(['p.id', 'p.email', 'p.full_name', 'p.mail_preference', 'a.locale'])
    .where('p.id', 'in', personIds)
    .where('p.email', 'is not', null)
    .orderBy('p.full_name')
    .execute();
  return rows.map((row) => ({
    personId: row.id,
    email: row.email!,
    fullName: row.full_name,
    locale: isLocale(row.locale) ? row.locale : 'fr',
    preference: row.mail_preference as MailPreference,
  }));
}

/** The members of these bodies on that day, with the people added and without the one excepted (who acted). */
export async function membersToTell(
  trx: Transaction<Database>,
  bodyIds: readonly string[],
  now: Date,
  options: { readonly also?: readonly string[]; readonly except?: string } = {},
): Promise<Recipient[]> {
  const seated = await Promise.all(bodyIds.map(async (bodyId) => [...(await bodyMembersOn(trx, bodyId, now)).keys()]));
  const personIds = new Set([...seated.flat(), ...(options.also ?? [])]);
  if (options.except !== undefined) personIds.delete(options.except);
  return recipientsAmong(trx, [...personIds]);
}

/** Where and when people are told, and whether what they are told is for them alone (a dispute's). */
export interface NoticeScope {
  readonly partnershipId: string;
  readonly now: Date;
  readonly confidential?: boolean;
}

export const greetingFor = (recipient: Recipient) => translator(recipient.locale)('participation.mail.greeting', { name: recipient.fullName });

/**
 * Tells each person what the act asks of them or tells them, in the act's transaction: a mail
 * now, or a line of tomorrow's digest, or nothing, as each chose. Every notice is kept, so the
 * reminder before its deadline and the digest know what was asked.
 */
export async function tell(
  trx: Transaction<Database>,
  scope: NoticeScope,
  recipients: readonly Recipient[],
  noticeFor: (recipient: Recipient) => Notice,
): Promise<void> {
  for (const recipient of recipients) {
    if (recipient.preference === 'none') continue;
    const notice = noticeFor(recipient);
    if (recipient.preference === 'deadlines' && notice.deadline === null) continue;
    const sendNow = mailsNow(recipient.preference);
    await trx
      .insertInto('mail_notice')
      .values({
        id: randomUUID(),
        partnership_id: scope.partnershipId,
        person_id: recipient.personId,
        kind: notice.kind,
        target: notice.section.action ? JSON.stringify({ path: notice.section.action.path }) : null,
        deadline: notice.deadline,
        subject: notice.subject,
        section: JSON.stringify(notice.section),
        confidential: scope.confidential ?? false,
        created_at: scope.now,
        mailed_at: sendNow ? scope.now : null,
      })
      .execute();
    if (sendNow) await mailSections(trx, scope, recipient, notice.subject, [notice.section], notice.reason, notice.calendar);
  }
}

/**
 * One mail to one person with these sections, each button a link that signs them in on its
 * form, and the link to their mail preferences; the outbox keeps the links for them alone.
 */
export async function mailSections(
  trx: Transaction<Database>,
  scope: NoticeScope,
  recipient: Recipient,
  subject: string,
  sections: readonly MailSection[],
  reason: string,
  calendar?: string,
): Promise<void> {
  const content: MailContent = { locale: recipient.locale, greeting: greetingFor(recipient), sections: [...sections], reason };
  const actionTokens: string[] = [];
  for (const section of sections) {
    if (section.action) actionTokens.push(await issuePersonLink(trx, recipient, 'act', section.action.path, scope.now));
  }
  const settingsToken = await issuePersonLink(trx, recipient, 'mail-settings', MAIL_SETTINGS_PAGE, scope.now);
  await queueMail(trx, {
    partnershipId: scope.partnershipId,
    recipient: recipient.email,
    subject,
    body: renderMail(content, '').text,
    content,
    calendar,
    confidential: scope.confidential,
    personal: { tokens: { actionTokens, settingsToken } },
  });
}
