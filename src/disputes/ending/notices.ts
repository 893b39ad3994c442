import type { Transaction } from 'kysely';
import type { Database } from '../../common/database/schema.js';
import { formatCalendarDate, formatMeetingTime, translator } from '../../i18n/server-messages.js';
import { meetingCalendar } from '../../meetings/calendar.js';
import { recipientsAmong, tell, type Recipient } from '../../participation/calls.js';
import type { NoticeWriters } from '../../participation/notices.js';
import { toDoPath, type ToDoTarget } from '../../participation/rules.js';
import { endOfDay } from '../../common/database/periods.js';

type Trx = Transaction<Database>;

/** The parties and the mediator of a dispute, with an address. */
async function inDispute(trx: Trx, disputeId: string): Promise<Recipient[]> {
  const [parties, dispute] = await Promise.all([
    trx.selectFrom('dispute_party').select('person_id').where('dispute_id', '=', disputeId).execute(),
    trx.selectFrom('dispute').select('mediator_id').where('id', '=', disputeId).executeTakeFirstOrThrow(),
  ]);
  const ids = [...parties.map((party) => party.person_id), ...(dispute.mediator_id === null ? [] : [dispute.mediator_id])];
  return recipientsAmong(trx, ids);
}

/**
 * Whom a dispute's ending calls, in mails that name neither its subject nor its people (« Un
 * différend vous concerne »), each with a button to the form: a task's owner when it is given to
 * them, the parties and the mediator when the restorative circle is called (with its calendar
 * event), the other parties when the write-up is written, to say yes or no to its publication.
 */
export const disputeEndingNotices: NoticeWriters = {
  'dispute.taskAssigned': async (trx, scope, event) => {
    const ownerId = event.payload['ownerId'];
    const dueOn = event.payload['dueOn'];
    if (typeof ownerId !== 'string' || typeof dueOn !== 'string') return;
    const target: ToDoTarget = { kind: 'dispute_task', disputeId: String(event.payload['disputeId']), taskId: String(event.payload['taskId']) };
    const deadline = await endOfDay(trx, dueOn);
    await tell(trx, scope, await recipientsAmong(trx, [ownerId]), (recipient) => {
      const t = translator(recipient.locale);
      return {
        kind: 'call',
        subject: t('disputeEnding.mail.subject'),
        deadline,
        reason: t('disputeEnding.mail.reason'),
        section: { paragraphs: [t('disputeEnding.mail.taskText', { date: formatCalendarDate(recipient.locale, dueOn) })], facts: [], action: { label: t('disputeEnding.mail.taskAction'), path: toDoPath(scope.partnershipId, target) } },
      };
    });
  },
  'dispute.circleCalled': async (trx, scope, event) => {
    const disputeId = String(event.payload['disputeId']);
    const meeting = await trx.selectFrom('dispute_meeting').select(['id', 'starts_at', 'place', 'online_url']).where('id', '=', String(event.payload['meetingId'])).executeTakeFirstOrThrow();
    const fr = translator('fr');
    const calendar = meetingCalendar({
      id: meeting.id,
      title: fr('disputeEnding.mail.circleTitle'),
      bodyName: 'Entente',
      startsAt: meeting.starts_at,
      durationMinutes: 120,
      place: meeting.place,
      onlineUrl: meeting.online_url,
      agendaTitles: [],
    });
    await tell(trx, scope, await inDispute(trx, disputeId), (recipient) => {
      const t = translator(recipient.locale);
      const when = formatMeetingTime(recipient.locale, meeting.starts_at);
      return {
        kind: 'information',
        subject: t('disputeEnding.mail.subject'),
        deadline: meeting.starts_at,
        reason: t('disputeEnding.mail.reason'),
        calendar,
        section: {
          paragraphs: [t('disputeEnding.mail.circleText', { date: when })],
          facts: [...(meeting.place ? [{ label: t('participation.meeting.place'), value: meeting.place }] : []), ...(meeting.online_url ? [{ label: t('participation.meeting.online'), value: meeting.online_url }] : [])],
          action: { label: t('disputeEnding.mail.circleAction'), path: toDoPath(scope.partnershipId, { kind: 'dispute_circle', disputeId }) },
        },
      };
    });
  },
  'dispute.writeUpSaved': async (trx, scope, event) => {
    const disputeId = String(event.payload['disputeId']);
    const parties = await trx.selectFrom('dispute_party').select('person_id').where('dispute_id', '=', disputeId).execute();
    await tell(trx, scope, await recipientsAmong(trx, parties.map((party) => party.person_id)), (recipient) => {
      const t = translator(recipient.locale);
      return {
        kind: 'call',
        subject: t('disputeEnding.mail.subject'),
        deadline: null,
        reason: t('disputeEnding.mail.reason'),
        section: { paragraphs: [t('disputeEnding.mail.writeUpText')], facts: [], action: { label: t('disputeEnding.mail.writeUpAction'), path: toDoPath(scope.partnershipId, { kind: 'dispute_consent', disputeId }) } },
      };
    });
  },
};
