import { sql, type Kysely } from 'kysely';
import { recordAct, type AfterCommit } from '../common/act.js';
import { calendarDay } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import { formatCalendarDate, translator } from '../i18n/server-messages.js';
import { membersToTell, tell } from '../participation/calls.js';
import { TERM_ENDING_NOTICE_DAYS, toDoPath } from '../participation/rules.js';

/**
 * When an active project's evaluation enters the notice its to-do shows it in, its working group
 * and its lead are mailed once (as they chose to hear), the claim on the project keeping a second
 * hour from mailing it again; the journal records it. Returns how many projects were due.
 */
export async function sendEvaluationReminders(db: Kysely<Database>, now: Date, afterCommit?: AfterCommit): Promise<number> {
  const today = calendarDay(now);
  const due = await db
    .selectFrom('project')
    .select(['id', 'partnership_id'])
    .where('stage', '=', 'active')
    .where('working_group_id', 'is not', null)
    .where(sql<boolean>`evaluation_due_on <= ${today}::date + ${TERM_ENDING_NOTICE_DAYS}::integer`)
    .where('evaluation_reminded_at', 'is', null)
    .limit(500)
    .execute();
  for (const { id, partnership_id: partnershipId } of due) {
    await recordAct({ db, partnershipId, now, actorId: null, afterCommit }, async (trx) => {
      const claimed = await trx
        .updateTable('project')
        .set({ evaluation_reminded_at: now })
        .where('id', '=', id)
        .where('stage', '=', 'active')
        .where('evaluation_reminded_at', 'is', null)
        .returning(['title', 'working_group_id', 'lead_nominee_id', 'evaluation_due_on'])
        .executeTakeFirst();
      if (!claimed) return { result: null, events: [] };
      const dueOn = claimed.evaluation_due_on!;
      const recipients = await membersToTell(trx, [claimed.working_group_id!], now, { also: claimed.lead_nominee_id === null ? [] : [claimed.lead_nominee_id] });
      await tell(trx, { partnershipId, now }, recipients, (recipient) => {
        const t = translator(recipient.locale);
        const params = { title: claimed.title, due: formatCalendarDate(recipient.locale, dueOn) };
        return {
          kind: 'call',
          subject: t('project.mail.evaluationSubject', params),
          deadline: null,
          reason: t('project.mail.reasonEvaluator', params),
          section: { paragraphs: [t('project.mail.evaluationText', params)], facts: [], action: { label: t('project.mail.evaluationAction'), path: toDoPath(partnershipId, { kind: 'project_evaluation', projectId: id }) } },
        };
      });
      return { result: null, events: [{ kind: 'project.evaluation_due', payload: { projectId: id, evaluationDueOn: dueOn } }] };
    });
  }
  return due.length;
}
