import type { Kysely } from 'kysely';
import { calendarDay } from '../common/dates.js';
import { formatCalendarDate, isLocale, translator } from '../i18n/server-messages.js';
import type { Database } from '../common/database/schema.js';
import { recordAct, type AfterCommit } from '../common/act.js';
import { queueMail } from '../mail/mailer.js';

/**
 * A decision taken with a review date comes back to the people who carried it when that day
 * comes: its initiator and its facilitator get a reminder, once, and the journal records it.
 * Returns how many decisions were due.
 */
export async function sendDueReviewReminders(db: Kysely<Database>, now: Date, afterCommit?: AfterCommit): Promise<number> {
  const today = calendarDay(now);
  const due = await db
    .selectFrom('proposal')
    .select(['id', 'partnership_id'])
    .where('status', '<>', 'open')
    .where('review_on', '<=', today)
    .where('review_reminded_at', 'is', null)
    .limit(500)
    .execute();
  for (const { id, partnership_id: partnershipId } of due) {
    await recordAct({ db, partnershipId, now, actorId: null, afterCommit }, async (trx) => {
      const claimed = await trx.updateTable('proposal').set({ review_reminded_at: now }).where('id', '=', id).where('review_reminded_at', 'is', null).returning('review_on').executeTakeFirst();
      if (!claimed) return { result: null, events: [] };
      const people = await trx
        .selectFrom('proposal as p')
        .innerJoin('person as m', (join) => join.on((eb) => eb.or([eb('m.id', '=', eb.ref('p.initiator_id')), eb('m.id', '=', eb.ref('p.facilitator_id'))])))
        .leftJoin('account as a', 'a.id', 'm.account_id')
        .select(['p.wording', 'm.email', 'a.locale'])
        .distinct()
        .where('p.id', '=', id)
        .where('m.email', 'is not', null)
        .execute();
      for (const person of people) {
        const locale = isLocale(person.locale) ? person.locale : 'fr';
        const t = translator(locale);
        const params = { wording: person.wording, date: formatCalendarDate(locale, claimed.review_on!) };
        await queueMail(trx, { partnershipId, recipient: person.email!, subject: t('mail.reviewSubject', params), body: t('mail.reviewBody', params) });
      }
      return { result: null, events: [{ kind: 'proposal.review_due', payload: { proposalId: id, reviewOn: claimed.review_on } }] };
    });
  }
  return due.length;
}
