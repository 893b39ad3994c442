import type { Kysely } from 'kysely';
import { commitWrite, type AfterCommit } from '../common/act.js';
import type { Database } from '../common/database/schema.js';
import { groupRows } from '../common/group-rows.js';
import { translator } from '../i18n/server-messages.js';
import { mailSection } from '../mail/contract.js';
import { digestDue, REMINDER_HOURS_BEFORE } from '../mail/rules.js';
import { mailSections, recipientsAmong } from './calls.js';
import { toDoOf } from './queries.js';

type Db = Kysely<Database>;

/**
 * The day before a deadline, whoever it still waits on is reminded, once: what was asked, again,
 * with a fresh button. What they have done since (their to-do list no longer holds it) is not.
 * Returns how many reminders left.
 */
export async function sendDeadlineReminders(db: Db, now: Date, afterCommit?: AfterCommit, onFailure: (personId: string, error: unknown) => void = () => {}): Promise<number> {
  const horizon = new Date(now.getTime() + REMINDER_HOURS_BEFORE * 3_600_000);
  const due = await db
    .selectFrom('mail_notice as n')
    .innerJoin('person as p', 'p.id', 'n.person_id')
    .select(['n.id', 'n.partnership_id', 'n.person_id', 'p.outsider'])
    .where('n.kind', '=', 'call')
    .where('n.reminded_at', 'is', null)
    .where('n.deadline', '>', now)
    .where('n.deadline', '<=', horizon)
    .where('p.mail_preference', '!=', 'none')
    .orderBy('n.deadline')
    .limit(500)
    .execute();
  const byPerson = groupRows(due, (notice) => `${notice.partnership_id} ${notice.person_id}`);
  let sent = 0;
  for (const notices of byPerson.values()) {
    const { partnership_id: partnershipId, person_id: personId, outsider } = notices[0]!;
    // One person's failure must not keep the others' reminders waiting for the next hour.
    try {
      // Someone from outside is reminded of what their own to-do list holds: the pages opened to them.
      const awaited = new Set((await toDoOf(db, partnershipId, personId, now, outsider)).items.map((item) => item.path));
      const [recipient] = await recipientsAmong(db, [personId]);
      sent += await commitWrite({ db, partnershipId, afterCommit }, async (trx) => {
        // Claimed and marked in one statement, so two instances never remind twice.
        const claimed = await trx
          .updateTable('mail_notice')
          .set({ reminded_at: now })
          .where('id', 'in', notices.map((notice) => notice.id))
          .where('reminded_at', 'is', null)
          .returning(['subject', 'section', 'confidential'])
          .execute();
        let reminded = 0;
        for (const notice of claimed) {
          const section = mailSection.parse(notice.section);
          if (!recipient || !section.action || !awaited.has(section.action.path)) continue;
          const t = translator(recipient.locale);
          const reminder = { ...section, paragraphs: [t('participation.mail.reminderIntro'), ...section.paragraphs] };
          await mailSections(trx, { partnershipId, now, confidential: notice.confidential }, recipient, t('participation.mail.reminderSubject', { subject: notice.subject }), [reminder], t('participation.mail.reminderReason'));
          reminded += 1;
        }
        return reminded;
      });
    } catch (error) {
      onFailure(personId, error);
    }
  }
  return sent;
}

/**
 * Once a day, from the digest hour, whoever chose a daily digest gets one mail with everything
 * asked of them or told them since the last: each thing with its own button. Returns how many
 * digests left.
 */
export async function sendDigests(db: Db, now: Date, afterCommit?: AfterCommit, onFailure: (personId: string, error: unknown) => void = () => {}): Promise<number> {
  const waiting = await db
    .selectFrom('mail_notice as n')
    .innerJoin('person as p', 'p.id', 'n.person_id')
    .select(['n.partnership_id', 'n.person_id', 'p.digest_sent_at'])
    .where('n.mailed_at', 'is', null)
    .where('n.created_at', '<=', now)
    .where('p.mail_preference', '=', 'digest')
    .groupBy(['n.partnership_id', 'n.person_id', 'p.digest_sent_at'])
    .execute();
  let sent = 0;
  for (const { partnership_id: partnershipId, person_id: personId, digest_sent_at: lastDigestAt } of waiting) {
    if (!digestDue(now, lastDigestAt)) continue;
    try {
      const [recipient] = await recipientsAmong(db, [personId]);
      await commitWrite({ db, partnershipId, afterCommit }, async (trx) => {
        // Taken and marked in one statement, so two instances never send the same notice twice.
        const notices = await trx
          .updateTable('mail_notice')
          .set({ mailed_at: now })
          .where('person_id', '=', personId)
          .where('partnership_id', '=', partnershipId)
          .where('mailed_at', 'is', null)
          .where('created_at', '<=', now)
          .returning(['subject', 'section', 'deadline', 'created_at', 'confidential'])
          .execute();
        await trx.updateTable('person').set({ digest_sent_at: now }).where('id', '=', personId).execute();
        if (!recipient || notices.length === 0) return;
        const t = translator(recipient.locale);
        const ordered = notices.sort((a, b) => (a.deadline?.getTime() ?? Infinity) - (b.deadline?.getTime() ?? Infinity) || a.created_at.getTime() - b.created_at.getTime());
        const sections = ordered.map((notice) => ({ ...mailSection.parse(notice.section), heading: notice.subject }));
        // One confidential line makes the whole digest its addressee's alone.
        const confidential = notices.some((notice) => notice.confidential);
        await mailSections(trx, { partnershipId, now, confidential }, recipient, t('participation.mail.digestSubject', { count: sections.length }), sections, t('participation.mail.digestReason'));
        sent += 1;
      });
    } catch (error) {
      onFailure(personId, error);
    }
  }
  return sent;
}
