import { randomUUID } from 'node:crypto';
import type { TFunction } from 'i18next';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Transporter } from 'nodemailer';
import { noteMailQueued } from '../common/act.js';
import { calendarDay } from '../common/dates.js';
import { formatCalendarDate, isLocale, translator, type Locale } from '../i18n/server-messages.js';
import { heldOn } from '../common/database/periods.js';
import type { Database } from '../common/database/schema.js';
import { renderMail, type MailContent, type MailSecrets } from './compose.js';
import { mailContent, mailSecrets } from './contract.js';

export interface OutgoingMail {
  readonly partnershipId: string | null;
  readonly recipient: string;
  readonly subject: string;
  /** What anyone who may read the outbox reads; for a mail with a link that opens an account, without that link. */
  readonly body: string;
  /** An iCalendar event the recipient's mail client offers to add to their calendar. */
  readonly calendar?: string | undefined;
  /** For its addressee alone (a dispute's): left out of the « Messages » page and of backups. */
  readonly confidential?: boolean | undefined;
  /** The mail as data, rendered as text and HTML at delivery; `body` is then its text as others read it. */
  readonly content?: MailContent | undefined;
  /**
   * The text its addressee receives when it carries a link that opens an account: kept apart from
   * the message (no backup, export or page reads it) only until the mail is delivered. An
   * invitation names its digest: while it is open, those who may invite the person may read it.
   */
  readonly personal?:
    | { readonly body: string; readonly invitationTokenHash?: string }
    | { readonly body?: undefined; readonly tokens: MailSecrets }
    | undefined;
}

/**
 * Mail is queued in the same transaction as the act that causes it (a transactional outbox),
 * then delivered after commit: by SMTP when SMTP_URL is set, otherwise written to the server log
 * and kept for the administrators' outbox page.
 */
export async function queueMail(trx: Transaction<Database>, mail: OutgoingMail): Promise<void> {
  noteMailQueued(trx);
  const id = randomUUID();
  await trx
    .insertInto('outbox_message')
    .values({
      id,
      partnership_id: mail.partnershipId,
      recipient: mail.recipient,
      subject: mail.subject,
      body: mail.body,
      calendar: mail.calendar ?? null,
      confidential: mail.confidential ?? false,
      content: mail.content === undefined ? null : JSON.stringify(mail.content),
    })
    .execute();
  if (mail.personal) {
    const personal = mail.personal;
    await trx
      .insertInto('outbox_personal_body')
      .values({
        message_id: id,
        body: personal.body ?? null,
        invitation_token_hash: 'invitationTokenHash' in personal ? (personal.invitationTokenHash ?? null) : null,
        tokens: 'tokens' in personal ? JSON.stringify(personal.tokens) : null,
      })
      .execute();
  }
}

/**
 * A mail's body with a link that opens an account, and the same body as others may read it: the
 * link replaced by a note that it went to the addressee alone.
 */
export function withPersonalLink(t: TFunction, bodyKey: string, params: Record<string, string>, link: string) {
  return { body: t(bodyKey, { ...params, link: t('mail.linkForAddresseeOnly') }), personalBody: t(bodyKey, { ...params, link }) };
}

export interface MailLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * How long an instance holds a message it is sending: longer than one send can last (nodemailer
 * gives up on an SMTP server that takes 2 minutes to connect or stays silent for 10), so no other
 * instance takes a message still on its way. A message held by an instance that died waits this long.
 */
const CLAIM_LEASE = '15 minutes';

/** Messages one round sends at most: an act's flush does not carry a whole backlog. */
const ROUND_SIZE = 100;

export class MailDispatcher {
  #flushing: Promise<void> = Promise.resolve();
  /** Names this dispatcher's claims, so that it gives back its own only. */
  readonly #claimant = randomUUID();

  /** Without a transport (no SMTP_URL), messages go to the server log. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: MailLog,
    private readonly transport: Transporter | undefined,
    /** The public address links in mails start with: only known here, at delivery. */
    private readonly baseUrl: string,
    private readonly from = 'Entente <no-reply@entente.local>',
  ) {}

  /** Retries what failed, every minute, for as long as the server runs. */
  startRetrying(intervalMs = 60_000): () => void {
    const timer = setInterval(() => void this.flush(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** True when messages leave by e-mail, so the outbox page must not show them. */
  get deliversByEmail(): boolean {
    return this.transport !== undefined;
  }

  /**
   * Runs work that queues mail after whatever delivery is under way, then delivers what it queued,
   * as an act's flush does (the work names the partnership its mail is filed under, if it queued
   * any): a request for a sign-in link answers before its work, whether or not the address has an account.
   */
  inBackground(work: () => Promise<{ readonly mailFor: string | null } | void>): void {
    this.#flushing = this.#flushing
      .then(work)
      .then((queued) => queued && this.#deliverPending(queued.mailFor))
      .catch((error: unknown) => this.log.error({ err: error }, 'mail not queued or not delivered'));
  }

  /** Resolves once the deliveries under way are done, without starting one. */
  idle(): Promise<void> {
    return this.#flushing;
  }

  /**
   * Delivers what is pending, or what one partnership's act just queued: its mail does not wait
   * behind others' (a backlog that keeps failing elsewhere is the retry loop's). Calls made while
   * a delivery runs wait for it, then run once more.
   */
  flush(partnershipId?: string | null): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#deliverPending(partnershipId)).catch((error: unknown) => {
      this.log.error({ err: error }, 'mail delivery failed; messages stay queued');
    });
    return this.#flushing;
  }

  /**
   * Sends, one at a time, what no other instance is sending: each message is claimed before it
   * leaves, so two instances (or an act's flush and another instance's retry) never both send it.
   * A message that fails is given back at once for the next round, and not tried again in this one.
   */
  async #deliverPending(partnershipId?: string | null): Promise<void> {
    const failed: string[] = [];
    for (let tried = 0; tried < ROUND_SIZE; tried += 1) {
      const message = await this.#claimNext(partnershipId, failed);
      if (!message) return;
      try {
        const rendered = message.content === null ? undefined : renderMail(mailContent.parse(message.content), this.baseUrl, message.tokens === null ? undefined : mailSecrets.parse(message.tokens));
        const text = rendered?.text ?? message.body;
        if (this.transport) {
          await this.transport.sendMail({
            from: this.from,
            to: message.recipient,
            subject: message.subject,
            text,
            ...(rendered && { html: rendered.html }),
            ...(rendered?.listUnsubscribe && { list: { unsubscribe: { url: rendered.listUnsubscribe.url, comment: 'Unsubscribe' } }, headers: { 'List-Unsubscribe-Post': rendered.listUnsubscribe.post } }),
            ...(message.calendar ? { icalEvent: { filename: 'reunion.ics', method: 'PUBLISH', content: message.calendar } } : {}),
          });
        } else {
          this.log.info({ to: message.recipient, subject: message.subject, body: text }, 'mail (no SMTP_URL: not sent, logged here)');
        }
      } catch (error) {
        // One refused message must not hold back the others; it stays queued for the next round.
        this.log.error({ err: error, messageId: message.id }, 'mail delivery failed; will retry');
        failed.push(message.id);
        await this.db
          .updateTable('outbox_message')
          .set({ claimed_until: null, claimed_by: null })
          .where('id', '=', message.id)
          .where('claimed_by', '=', this.#claimant)
          .where('sent_at', 'is', null)
          .execute();
        continue;
      }
      // Without SMTP, an invitation's text stays for those who may invite the person to pass on.
      const keepPersonalBody = !this.transport && message.invitation_token_hash !== null;
      try {
        await this.db.transaction().execute(async (trx) => {
          await trx.updateTable('outbox_message').set({ sent_at: new Date() }).where('id', '=', message.id).execute();
          if (!keepPersonalBody) await trx.deleteFrom('outbox_personal_body').where('message_id', '=', message.id).execute();
        });
      } catch (error) {
        // Sent but not noted: the claim is kept, so the message leaves again only once its lease has expired.
        this.log.error({ err: error, messageId: message.id }, 'mail sent but not noted as sent; it will leave again when its claim expires');
        failed.push(message.id);
      }
    }
  }

  /**
   * The oldest message waiting that no live instance holds, claimed for CLAIM_LEASE by the
   * database's clock, with what its delivery needs. A message another instance is claiming at
   * this moment is locked, so it is passed over (SKIP LOCKED) rather than waited for.
   */
  #claimNext(partnershipId: string | null | undefined, passedOver: readonly string[]) {
    return this.db
      .with('claimed', (db) =>
        db
          .updateTable('outbox_message')
          .set({ claimed_until: sql<Date>`now() + ${CLAIM_LEASE}::interval`, claimed_by: this.#claimant })
          .where('id', '=', (eb) =>
            eb
              .selectFrom('outbox_message as waiting')
              .select('waiting.id')
              .where('waiting.sent_at', 'is', null)
              .where((claim) => claim.or([claim('waiting.claimed_until', 'is', null), claim('waiting.claimed_until', '<', sql<Date>`now()`)]))
              .$if(partnershipId !== undefined, (query) => query.where('waiting.partnership_id', partnershipId === null ? 'is' : '=', partnershipId!))
              .$if(passedOver.length > 0, (query) => query.where('waiting.id', 'not in', passedOver))
              .orderBy('waiting.created_at')
              .limit(1)
              .forUpdate()
              .skipLocked(),
          )
          .returning(['id', 'recipient', 'subject', 'calendar', 'content', 'body']),
      )
      .selectFrom('claimed as m')
      .leftJoin('outbox_personal_body as p', 'p.message_id', 'm.id')
      .select((eb) => ['m.id', 'm.recipient', 'm.subject', 'm.calendar', 'm.content', 'p.tokens', eb.fn.coalesce('p.body', 'm.body').as('body'), 'p.invitation_token_hash'])
      .executeTakeFirst();
  }
}

/**
 * The members of these bodies on that day who can be written to: one per address, with the
 * language of their account and (for one sitting in several) one of the bodies they sit in.
 */
export async function bodyRecipients(
  db: Transaction<Database> | Kysely<Database>,
  bodyIds: readonly string[],
  day: string,
): Promise<{ readonly email: string; readonly locale: Locale; readonly bodyName: string }[]> {
  if (bodyIds.length === 0) return [];
  const rows = await db
    .selectFrom('body_member as s')
    .innerJoin('person as p', 'p.id', 's.person_id')
    .innerJoin('body as b', 'b.id', 's.body_id')
    .leftJoin('account as a', 'a.id', 'p.account_id')
    .select(['p.email', 'a.locale', 'b.name as body_name'])
    .distinctOn('p.email')
    .where('s.body_id', 'in', bodyIds)
    .where(heldOn('s', day))
    .where('p.email', 'is not', null)
    .orderBy('p.email')
    .execute();
  return rows.map((row) => ({ email: row.email!, locale: isLocale(row.locale) ? row.locale : 'fr', bodyName: row.body_name }));
}

/** Tells every current member of the body who has an e-mail address about a new delegation. */
export async function informBodyOfDelegation(
  trx: Transaction<Database>,
  partnershipId: string,
  delegationId: string,
  now: Date,
): Promise<number> {
  const today = calendarDay(now);
  const delegation = await trx
    .selectFrom('delegation as d')
    .innerJoin('person as giver', 'giver.id', 'd.from_person_id')
    .innerJoin('person as receiver', 'receiver.id', 'd.to_person_id')
    .innerJoin('body as b', 'b.id', 'd.body_id')
    .select(['giver.full_name as giver', 'receiver.full_name as receiver', 'b.name as body', 'b.id as body_id', 'd.scope', 'd.starts_on', 'd.ends_on'])
    .where('d.id', '=', delegationId)
    .executeTakeFirstOrThrow();
  const members = await bodyRecipients(trx, [delegation.body_id], today);
  for (const member of members) {
    const locale = member.locale;
    const t = translator(locale);
    const startsOn = formatCalendarDate(locale, delegation.starts_on);
    const period = delegation.ends_on
      ? t('mail.periodClosed', { startsOn, endsOn: formatCalendarDate(locale, delegation.ends_on) })
      : t('mail.periodOpen', { startsOn });
    const params = { ...delegation, period };
    await queueMail(trx, {
      partnershipId,
      recipient: member.email,
      subject: t('mail.delegationSubject', params),
      body: t('mail.delegationBody', params),
    });
  }
  return members.length;
}
