import { formatMeetingTime, translator } from '../i18n/server-messages.js';
import { membersToTell, tell } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';
import { toDoPath } from '../participation/rules.js';

/**
 * Whom a date poll concerns: its body's members are called to answer, before its first slot at
 * the latest; the poll's close calls the meeting, whose convocation tells them the date chosen.
 */
export const datePollNotices: NoticeWriters = {
  'date_poll.opened': async (trx, scope, event) => {
    const pollId = String(event.payload['pollId']);
    const poll = await trx
      .selectFrom('date_poll as d')
      .innerJoin('body as b', 'b.id', 'd.body_id')
      .innerJoin('person as author', 'author.id', 'd.created_by')
      .select(['d.id', 'd.title', 'd.body_id', 'b.name as body', 'd.created_by', 'author.full_name as author'])
      .where('d.id', '=', pollId)
      .executeTakeFirstOrThrow();
    const slots = await trx.selectFrom('date_poll_slot').select('starts_at').where('poll_id', '=', pollId).orderBy('starts_at').execute();
    const firstSlot = slots[0]!.starts_at;
    await tell(trx, scope, await membersToTell(trx, [poll.body_id], scope.now, { except: poll.created_by }), (recipient) => {
      const t = translator(recipient.locale);
      const params = { body: poll.body, title: poll.title, author: poll.author, count: slots.length };
      return {
        kind: 'call',
        subject: t('participation.poll.openedSubject', params),
        deadline: firstSlot,
        reason: t('participation.mail.reasonMember', params),
        section: {
          paragraphs: [t('participation.poll.openedText', params)],
          facts: [
            { label: t('participation.poll.slots'), value: new Intl.ListFormat(recipient.locale, { type: 'disjunction' }).format(slots.map((slot) => formatMeetingTime(recipient.locale, slot.starts_at))) },
            { label: t('participation.mail.deadline'), value: formatMeetingTime(recipient.locale, firstSlot) },
          ],
          action: { label: t('participation.poll.openedAction'), path: toDoPath(scope.partnershipId, { kind: 'date_poll', pollId }) },
        },
      };
    });
  },
};
