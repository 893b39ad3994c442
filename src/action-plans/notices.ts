import { formatCalendarDate, translator } from '../i18n/server-messages.js';
import { recipientsAmong, tell } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';
import { toDoPath } from '../participation/rules.js';

/** Whom an action plan concerns: once adopted, each owner of an action still open is told what is in their hands, and by when. */
export const actionPlanNotices: NoticeWriters = {
  'actionPlan.adopted': async (trx, scope, event) => {
    const planId = String(event.payload['planId']);
    const actions = await trx
      .selectFrom('action_plan_action as a')
      .innerJoin('action_plan_subject as s', 's.id', 'a.subject_id')
      .innerJoin('action_plan as p', 'p.id', 's.plan_id')
      .select(['a.id', 'a.title', 'a.owner_id', 'a.deadline', 's.title as subject', 'p.title as plan'])
      .where('s.plan_id', '=', planId)
      .where('a.owner_id', 'is not', null)
      .where('a.status', 'in', ['todo', 'doing'])
      .orderBy('s.position')
      .orderBy('a.position')
      .execute();
    if (actions.length === 0) return;
    const owners = [...new Set(actions.map((action) => action.owner_id!))];
    await tell(trx, scope, await recipientsAmong(trx, owners), (recipient) => {
      const t = translator(recipient.locale);
      const theirs = actions.filter((action) => action.owner_id === recipient.personId);
      return {
        kind: 'call',
        subject: t('actionPlan.mail.ownerSubject', { count: theirs.length }),
        deadline: null,
        reason: t('actionPlan.mail.ownerReason'),
        section: {
          paragraphs: [t('actionPlan.mail.ownerText', { title: actions[0]!.plan })],
          facts: theirs.map((action) => ({
            label: t('actionPlan.mail.action', { title: action.title, subject: action.subject }),
            value: action.deadline === null ? t('actionPlan.mail.noDeadline') : t('actionPlan.mail.deadline', { date: formatCalendarDate(recipient.locale, action.deadline) }),
          })),
          action: { label: t('actionPlan.mail.ownerAction'), path: toDoPath(scope.partnershipId, { kind: 'action', planId, actionId: theirs[0]!.id }) },
        },
      };
    });
  },
};
