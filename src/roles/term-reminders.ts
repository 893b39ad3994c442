import { sql, type Kysely } from 'kysely';
import { calendarDay } from '../common/dates.js';
import { formatCalendarDate, isLocale, translator } from '../i18n/server-messages.js';
import { heldOn } from '../common/database/periods.js';
import type { Database } from '../common/database/schema.js';
import { recordAct, type AfterCommit } from '../common/act.js';
import { queueMail } from '../mail/mailer.js';

/** How long before a term ends its holder and body are told, so an election can be held in time. */
export const TERM_REMINDER_DAYS = 30;

/**
 * A month before a role's term ends, its holder and the members of the body the role belongs to
 * are reminded, once, that the body can elect who takes over; the journal records it. Returns
 * how many terms were due.
 */
export async function sendTermEndingReminders(db: Kysely<Database>, now: Date, afterCommit?: AfterCommit): Promise<number> {
  const today = calendarDay(now);
  const due = await db
    .selectFrom('role_assignment as a')
    .innerJoin('role as r', 'r.id', 'a.role_id')
    .select(['a.id', 'r.partnership_id'])
    .where('a.ends_on', '>', today)
    .where(sql<boolean>`a.ends_on <= ${today}::date + ${TERM_REMINDER_DAYS}::integer`)
    .where('a.term_reminded_at', 'is', null)
    .limit(500)
    .execute();
  for (const { id, partnership_id: partnershipId } of due) {
    await recordAct({ db, partnershipId, now, actorId: null, afterCommit }, async (trx) => {
      const claimed = await trx
        .updateTable('role_assignment')
        .set({ term_reminded_at: now })
        .where('id', '=', id)
        .where('term_reminded_at', 'is', null)
        .returning(['role_id', 'person_id', 'ends_on'])
        .executeTakeFirst();
      if (!claimed) return { result: null, events: [] };
      const role = await trx.selectFrom('role').select(['name', 'body_id']).where('id', '=', claimed.role_id).executeTakeFirstOrThrow();
      const holder = await trx.selectFrom('person').select('full_name').where('id', '=', claimed.person_id).executeTakeFirstOrThrow();
      let recipients = trx
        .selectFrom('person as p')
        .leftJoin('account as c', 'c.id', 'p.account_id')
        .select(['p.email', 'c.locale'])
        .distinct()
        .where('p.email', 'is not', null);
      recipients =
        role.body_id === null
          ? recipients.where('p.id', '=', claimed.person_id)
          : recipients.where((eb) =>
              eb.or([
                eb('p.id', '=', claimed.person_id),
                eb.exists(eb.selectFrom('body_member as s').select('s.id').whereRef('s.person_id', '=', 'p.id').where('s.body_id', '=', role.body_id!).where(heldOn('s', today))),
              ]),
            );
      for (const person of await recipients.execute()) {
        const locale = isLocale(person.locale) ? person.locale : 'fr';
        const t = translator(locale);
        const params = { name: holder.full_name, role: role.name, date: formatCalendarDate(locale, claimed.ends_on!) };
        await queueMail(trx, { partnershipId, recipient: person.email!, subject: t('mail.termEndingSubject', params), body: t('mail.termEndingBody', params) });
      }
      return { result: null, events: [{ kind: 'role.term_ending', payload: { assignmentId: id, roleId: claimed.role_id, personId: claimed.person_id, endsOn: claimed.ends_on } }] };
    });
  }
  return due.length;
}
