import type { Transaction } from 'kysely';
import { bodyMembersOn } from '../bodies/members.js';
import type { Database } from '../common/database/schema.js';
import { formatMeetingTime, translator } from '../i18n/server-messages.js';
import { meetingCalendar } from '../meetings/calendar.js';
import { recipientsAmong, tell, type Recipient } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';
import { toDoPath } from '../participation/rules.js';

type Trx = Transaction<Database>;
type Scope = { readonly partnershipId: string; readonly now: Date };

/** A crisis meeting is planned for two hours in the calendar event: the charter says nothing of its length. */
const CRISIS_MEETING_MINUTES = 120;

async function disputeOf(trx: Trx, disputeId: string) {
  const dispute = await trx.selectFrom('dispute').select(['id', 'opened_by', 'crisis_due_at', 'mediator_id', 'mediator_body_id']).where('id', '=', disputeId).executeTakeFirstOrThrow();
  const parties = await trx.selectFrom('dispute_party').select('person_id').where('dispute_id', '=', disputeId).execute();
  return { ...dispute, partyIds: parties.map((party) => party.person_id) };
}

const others = (ids: readonly (string | null)[], actorId: string | null) => [...new Set(ids.filter((id): id is string => id !== null && id !== actorId))];

/** What a dispute's mail says: never its subject nor who else is in it; the button opens the dispute. */
async function tellAbout(
  trx: Trx,
  scope: Scope,
  personIds: readonly string[],
  notice: (recipient: Recipient, t: ReturnType<typeof translator>) => { subject: string; text: string; reason: string; path: string; deadline: Date | null; action?: string; facts?: { label: string; value: string }[]; calendar?: string },
) {
  await tell(trx, scope, await recipientsAmong(trx, personIds), (recipient) => {
    const t = translator(recipient.locale);
    const said = notice(recipient, t);
    return {
      kind: said.deadline === null && said.action === undefined ? 'information' : 'call',
      subject: said.subject,
      deadline: said.deadline,
      reason: said.reason,
      section: { paragraphs: [said.text], facts: said.facts ?? [], action: { label: said.action ?? t('dispute.mail.open'), path: said.path } },
      ...(said.calendar !== undefined && { calendar: said.calendar }),
    };
  });
}

/**
 * Whom each step of a dispute calls: the other parties to the crisis meeting (their to-do « Réunion
 * de crise à tenir avant le … »); the parties and the mediator to a meeting called, with its
 * calendar event; the members of the body a mediation is asked of (else the parties) to name the
 * mediator; the mediator, by a button that signs them in on the dispute alone; the parties when it
 * ends. Whoever opened the dispute or called the meeting is not told of it.
 */
export const disputeNotices: NoticeWriters = {
  'dispute.opened': async (trx, scope, event) => {
    const dispute = await disputeOf(trx, String(event.payload['disputeId']));
    const path = toDoPath(scope.partnershipId, { kind: 'dispute_crisis_meeting', disputeId: dispute.id });
    await tellAbout(trx, scope, others(dispute.partyIds, dispute.opened_by), (recipient, t) => {
      const date = formatMeetingTime(recipient.locale, dispute.crisis_due_at);
      return { subject: t('dispute.mail.crisisSubject', { date }), text: t('dispute.mail.opened', { date }), reason: t('dispute.mail.reasonParty'), path, deadline: dispute.crisis_due_at };
    });
  },
  'dispute.meetingCalled': async (trx, scope, event) => {
    const dispute = await disputeOf(trx, String(event.payload['disputeId']));
    const meeting = await trx.selectFrom('dispute_meeting').select(['id', 'starts_at', 'place', 'online_url', 'called_by']).where('id', '=', String(event.payload['meetingId'])).executeTakeFirstOrThrow();
    const path = toDoPath(scope.partnershipId, { kind: 'dispute_crisis_meeting', disputeId: dispute.id });
    await tellAbout(trx, scope, others([...dispute.partyIds, dispute.mediator_id], meeting.called_by), (recipient, t) => {
      const when = formatMeetingTime(recipient.locale, meeting.starts_at);
      // The event names no one and says nothing of the dispute: calendars are often shared.
      const calendar = meetingCalendar({
        id: meeting.id,
        title: t('dispute.mail.calendarTitle'),
        bodyName: t('dispute.mail.calendarName'),
        startsAt: meeting.starts_at,
        durationMinutes: CRISIS_MEETING_MINUTES,
        place: meeting.place,
        onlineUrl: meeting.online_url,
        agendaTitles: [],
      });
      return {
        subject: t('dispute.mail.convocationSubject', { date: when }),
        text: t('dispute.mail.convocation'),
        reason: t('dispute.mail.reasonParty'),
        path,
        deadline: dispute.crisis_due_at,
        facts: [
          { label: t('dispute.mail.when'), value: when },
          ...(meeting.place === '' ? [] : [{ label: t('dispute.mail.where'), value: meeting.place }]),
          ...(meeting.online_url === null ? [] : [{ label: t('dispute.mail.link'), value: meeting.online_url }]),
        ],
        calendar,
      };
    });
  },
  'dispute.mediationAsked': async (trx, scope, event) => {
    const dispute = await disputeOf(trx, String(event.payload['disputeId']));
    const path = toDoPath(scope.partnershipId, { kind: 'dispute_mediator', disputeId: dispute.id });
    if (dispute.mediator_body_id !== null) {
      const members = [...(await bodyMembersOn(trx, dispute.mediator_body_id, scope.now)).keys()];
      await tellAbout(trx, scope, members, (_recipient, t) => ({
        subject: t('dispute.mail.mediationAskedSubject'),
        text: t('dispute.mail.mediationAsked'),
        reason: t('dispute.mail.reasonBody'),
        path,
        deadline: null,
        action: t('dispute.mail.nameMediator'),
      }));
      return;
    }
    await tellAbout(trx, scope, dispute.partyIds, (_recipient, t) => ({
      subject: t('dispute.mail.mediationAskedSubject'),
      text: t('dispute.mail.mediationAskedOfParties'),
      reason: t('dispute.mail.reasonParty'),
      path,
      deadline: null,
      action: t('dispute.mail.nameMediator'),
    }));
  },
  'dispute.mediatorNamed': async (trx, scope, event) => {
    const dispute = await disputeOf(trx, String(event.payload['disputeId']));
    const mediatorId = String(event.payload['mediatorId']);
    await tellAbout(trx, scope, [mediatorId], (_recipient, t) => ({
      subject: t('dispute.mail.mediatorSubject'),
      text: t('dispute.mail.mediator'),
      reason: t('dispute.mail.reasonMediator'),
      path: toDoPath(scope.partnershipId, { kind: 'dispute_mediation', disputeId: dispute.id }),
      deadline: null,
      action: t('dispute.mail.open'),
    }));
    await tellAbout(trx, scope, dispute.partyIds, (_recipient, t) => ({
      subject: t('dispute.mail.subject'),
      text: t('dispute.mail.mediatorNamed'),
      reason: t('dispute.mail.reasonParty'),
      path: `/p/${scope.partnershipId}/differends/${dispute.id}`,
      deadline: null,
    }));
  },
  'dispute.agreed': async (trx, scope, event) => {
    const dispute = await disputeOf(trx, String(event.payload['disputeId']));
    await tellAbout(trx, scope, dispute.partyIds, (_recipient, t) => ({
      subject: t('dispute.mail.subject'),
      text: t('dispute.mail.agreed'),
      reason: t('dispute.mail.reasonParty'),
      path: `/p/${scope.partnershipId}/differends/${dispute.id}`,
      deadline: null,
    }));
  },
  'dispute.exitPlanned': async (trx, scope, event) => {
    const dispute = await disputeOf(trx, String(event.payload['disputeId']));
    await tellAbout(trx, scope, dispute.partyIds, (_recipient, t) => ({
      subject: t('dispute.mail.subject'),
      text: t('dispute.mail.exitPlan'),
      reason: t('dispute.mail.reasonParty'),
      path: `/p/${scope.partnershipId}/differends/${dispute.id}`,
      deadline: null,
    }));
  },
};
