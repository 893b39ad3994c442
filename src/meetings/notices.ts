import type { Transaction } from 'kysely';
import { calendarDay } from '../common/dates.js';
import type { Database } from '../common/database/schema.js';
import { formatCalendarDate, formatMeetingTime, translator } from '../i18n/server-messages.js';
import { journalAnchor } from '../journal/anchor.js';
import { membersToTell, recipientsAmong, tell } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';
import { toDoPath } from '../participation/rules.js';
import { meetingCalendar } from './calendar.js';

type Trx = Transaction<Database>;

export const meetingPath = (partnershipId: string, meetingId: string) => `/p/${partnershipId}/reunions/${meetingId}`;

async function meetingFacts(trx: Trx, meetingId: string) {
  return trx
    .selectFrom('meeting as m')
    .innerJoin('body as b', 'b.id', 'm.body_id')
    .innerJoin('person as facilitator', 'facilitator.id', 'm.facilitator_id')
    .select(['m.id', 'm.body_id', 'm.title', 'm.starts_at', 'm.duration_minutes', 'm.place', 'm.online_url', 'm.minutes', 'm.review_until', 'b.name as body', 'facilitator.full_name as facilitator'])
    .where('m.id', '=', meetingId)
    .executeTakeFirstOrThrow();
}

type MeetingFacts = Awaited<ReturnType<typeof meetingFacts>>;

/** The meeting as a calendar event, which a convocation's mail carries. */
const calendarOf = (meeting: MeetingFacts) =>
  meetingCalendar({
    id: meeting.id,
    title: meeting.title,
    bodyName: meeting.body,
    startsAt: meeting.starts_at,
    durationMinutes: meeting.duration_minutes,
    place: meeting.place,
    onlineUrl: meeting.online_url,
    agendaTitles: [],
  });

/** When and where a convocation says the meeting is held, and who facilitates it. */
function convocationFacts(t: ReturnType<typeof translator>, meeting: MeetingFacts, when: string) {
  return [
    { label: t('participation.meeting.when'), value: when },
    ...(meeting.place ? [{ label: t('participation.meeting.place'), value: meeting.place }] : []),
    ...(meeting.online_url ? [{ label: t('participation.meeting.online'), value: meeting.online_url }] : []),
    { label: t('participation.mail.facilitator'), value: meeting.facilitator },
  ];
}

/**
 * Whom a meeting concerns: its body's members are convened (the meeting's page to bring an item,
 * the meeting as a calendar event), and so is each guest when invited; those present are called
 * to review its minutes by the end of the review, and the members of the body and of the body
 * above it receive the minutes published.
 */
export const meetingNotices: NoticeWriters = {
  'meeting.scheduled': async (trx, scope, event) => {
    const meeting = await meetingFacts(trx, String(event.payload['meetingId']));
    const calendar = calendarOf(meeting);
    await tell(trx, scope, await membersToTell(trx, [meeting.body_id], scope.now), (recipient) => {
      const t = translator(recipient.locale);
      const params = { body: meeting.body, title: meeting.title, when: formatMeetingTime(recipient.locale, meeting.starts_at) };
      return {
        // Convened, nobody answers: the meeting's start is the date it keeps, never one to remind of.
        kind: 'information',
        subject: t('participation.meeting.convocationSubject', params),
        deadline: meeting.starts_at,
        reason: t('participation.mail.reasonMember', params),
        calendar,
        section: {
          paragraphs: [t('participation.meeting.convocationText', params), t('participation.meeting.convocationAgenda')],
          facts: convocationFacts(t, meeting, params.when),
          action: { label: t('participation.meeting.convocationAction'), path: meetingPath(scope.partnershipId, meeting.id) },
        },
      };
    });
  },
  'meeting.guest_invited': async (trx, scope, event) => {
    const meeting = await meetingFacts(trx, String(event.payload['meetingId']));
    const guest = await trx
      .selectFrom('meeting_guest')
      .select(['person_id', 'reason'])
      .where('meeting_id', '=', meeting.id)
      .where('person_id', '=', String(event.payload['personId']))
      .executeTakeFirstOrThrow();
    const calendar = calendarOf(meeting);
    await tell(trx, scope, await recipientsAmong(trx, [guest.person_id]), (recipient) => {
      const t = translator(recipient.locale);
      const params = { body: meeting.body, title: meeting.title, when: formatMeetingTime(recipient.locale, meeting.starts_at) };
      return {
        kind: 'information',
        subject: t('participation.meeting.convocationSubject', params),
        deadline: meeting.starts_at,
        reason: t('participation.meeting.reasonGuest', params),
        calendar,
        section: {
          paragraphs: [t('participation.meeting.guestText', params), t('participation.meeting.guestAgenda')],
          facts: [...(guest.reason ? [{ label: t('participation.meeting.guestReason'), value: guest.reason }] : []), ...convocationFacts(t, meeting, params.when)],
          action: { label: t('participation.meeting.convocationAction'), path: meetingPath(scope.partnershipId, meeting.id) },
        },
      };
    });
  },
  'meeting.minutes_review_opened': async (trx, scope, event) => {
    const meeting = await meetingFacts(trx, String(event.payload['meetingId']));
    const present = await trx.selectFrom('attendance').select('person_id').where('meeting_id', '=', meeting.id).where('status', '=', 'present').execute();
    const until = meeting.review_until!;
    await tell(trx, scope, await recipientsAmong(trx, present.map((row) => row.person_id)), (recipient) => {
      const t = translator(recipient.locale);
      const params = { body: meeting.body, title: meeting.title, date: formatCalendarDate(recipient.locale, calendarDay(meeting.starts_at)) };
      return {
        kind: 'call',
        subject: t('participation.meeting.reviewSubject', params),
        deadline: until,
        reason: t('participation.meeting.reasonPresent', params),
        section: {
          paragraphs: [t('participation.meeting.reviewText', params), meeting.minutes],
          facts: [
            { label: t('participation.mail.deadline'), value: formatMeetingTime(recipient.locale, until) },
            { label: t('participation.mail.body'), value: meeting.body },
          ],
          action: { label: t('participation.meeting.reviewAction'), path: toDoPath(scope.partnershipId, { kind: 'minutes_review', meetingId: meeting.id }) },
        },
      };
    });
  },
  'meeting.minutes_published': async (trx, scope, event) => {
    const meeting = await meetingFacts(trx, String(event.payload['meetingId']));
    const informed = (event.payload['informedBodyIds'] as string[] | undefined) ?? [meeting.body_id];
    const anchor = await journalAnchor(trx, scope.partnershipId);
    await tell(trx, scope, await membersToTell(trx, informed, scope.now), (recipient) => {
      const t = translator(recipient.locale);
      const params = { body: meeting.body, title: meeting.title, date: formatCalendarDate(recipient.locale, calendarDay(meeting.starts_at)), seq: anchor.seq, hash: anchor.hash };
      return {
        kind: 'information',
        subject: t('participation.meeting.minutesSubject', params),
        deadline: null,
        reason: t('participation.meeting.reasonInformed', params),
        section: {
          paragraphs: [t('participation.meeting.minutesText', params), meeting.minutes, t('participation.meeting.minutesAnchor', params)],
          facts: [],
          action: { label: t('participation.meeting.minutesAction'), path: meetingPath(scope.partnershipId, meeting.id) },
        },
      };
    });
  },
};
