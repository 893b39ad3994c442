import type { NoticeWriters } from '../participation/notices.js';
import { recipientsAmong, tell } from '../participation/calls.js';
import { toDoPath } from '../participation/rules.js';
import { formatMeetingTime, translator } from '../i18n/server-messages.js';

/**
 * Whom a questionnaire concerns: once sent (by its facilitator, or by the clock at its opening),
 * every member of the space, outsiders included, is asked to answer, with a button that opens the
 * form signed in. The call carries the close as its deadline, so the day before it, whoever has
 * not answered is reminded by the deadline reminder (participation/digest.ts), which asks the
 * to-do list whether it still waits on them.
 */
export const questionnaireNotices: NoticeWriters = {
  'questionnaire.sent': async (trx, scope, event) => {
    const questionnaireId = String(event.payload['questionnaireId']);
    const accompanimentId = String(event.payload['accompanimentId']);
    const questionnaire = await trx
      .selectFrom('questionnaire as q')
      .innerJoin('accompaniment as a', 'a.id', 'q.accompaniment_id')
      .select(['q.title', 'q.anonymous', 'q.closes_at', 'a.title as space'])
      .where('q.id', '=', questionnaireId)
      .executeTakeFirstOrThrow();
    const members = await trx.selectFrom('accompaniment_member').select('person_id').where('accompaniment_id', '=', accompanimentId).execute();
    const path = toDoPath(scope.partnershipId, { kind: 'questionnaire', accompanimentId, questionnaireId });
    await tell(trx, scope, await recipientsAmong(trx, members.map((member) => member.person_id)), (recipient) => {
      const t = translator(recipient.locale);
      const params = { title: questionnaire.title, space: questionnaire.space };
      const paragraphs = [t('questionnaire.mail.sentText', params), t(questionnaire.anonymous ? 'questionnaire.mail.anonymous' : 'questionnaire.mail.named')];
      return {
        kind: 'call',
        subject: t('questionnaire.mail.sentSubject', params),
        deadline: questionnaire.closes_at,
        reason: t('questionnaire.mail.reason', params),
        section: {
          paragraphs,
          facts: questionnaire.closes_at === null ? [] : [{ label: t('questionnaire.mail.closes'), value: formatMeetingTime(recipient.locale, questionnaire.closes_at) }],
          action: { label: t('questionnaire.mail.answer'), path },
        },
      };
    });
  },
};
