import type { Transaction } from 'kysely';
import type { Database } from '../common/database/schema.js';
import { formatMeetingTime, translator } from '../i18n/server-messages.js';
import { recipientsAmong, tell, type Recipient } from '../participation/calls.js';
import type { NoticeWriters } from '../participation/notices.js';
import { toDoPath } from '../participation/rules.js';
import { lendingDirectorIds } from './directors.js';

type Trx = Transaction<Database>;
type Scope = { readonly partnershipId: string; readonly now: Date };

/** A booking with the words its mails need: the mean, its lender, the project. */
async function bookingOf(trx: Trx, bookingId: string) {
  return trx
    .selectFrom('pooled_mean_booking as b')
    .innerJoin('pooled_mean as m', 'm.id', 'b.mean_id')
    .innerJoin('organization as o', 'o.id', 'm.organization_id')
    .innerJoin('project as p', 'p.id', 'b.project_id')
    .select(['b.id', 'b.starts_at', 'b.ends_at', 'b.purpose', 'b.requested_by', 'b.decided_by', 'b.decline_reason', 'b.project_id', 'm.label', 'm.organization_id', 'o.name as organization_name', 'p.title as project_title'])
    .where('b.id', '=', bookingId)
    .executeTakeFirstOrThrow();
}

type Booking = Awaited<ReturnType<typeof bookingOf>>;

function facts(recipient: Recipient, booking: Booking) {
  const t = translator(recipient.locale);
  return [
    { label: t('pooledMean.mail.mean'), value: `${booking.label} (${booking.organization_name})` },
    { label: t('pooledMean.mail.project'), value: booking.project_title },
    { label: t('pooledMean.mail.from'), value: formatMeetingTime(recipient.locale, booking.starts_at) },
    { label: t('pooledMean.mail.to'), value: formatMeetingTime(recipient.locale, booking.ends_at) },
    ...(booking.purpose === '' ? [] : [{ label: t('pooledMean.mail.purpose'), value: booking.purpose }]),
  ];
}

const paramsOf = (booking: Booking) => ({ mean: booking.label, organization: booking.organization_name, project: booking.project_title });

/**
 * Whom a booking concerns: its lenders are told beforehand, with the form where they may decline
 * it (their to-do « Réservation à examiner » until it starts); the booker hears a decline; the
 * lenders hear that a booking was given back. Nobody is told of their own act.
 */
export const pooledMeanNotices: NoticeWriters = {
  'pooledMean.booked': async (trx, scope, event) => {
    const booking = await bookingOf(trx, String(event.payload['bookingId']));
    await tellLenders(trx, scope, booking, booking.requested_by, 'booked');
  },
  'pooledMean.cancelled': async (trx, scope, event) => {
    const booking = await bookingOf(trx, String(event.payload['bookingId']));
    await tellLenders(trx, scope, booking, booking.decided_by, 'cancelled');
  },
  'pooledMean.declined': async (trx, scope, event) => {
    const booking = await bookingOf(trx, String(event.payload['bookingId']));
    if (booking.requested_by === null || booking.requested_by === booking.decided_by) return;
    const path = `/p/${scope.partnershipId}/moyens/reservations/${booking.id}`;
    await tell(trx, scope, await recipientsAmong(trx, [booking.requested_by]), (recipient) => {
      const t = translator(recipient.locale);
      return {
        kind: 'information',
        subject: t('pooledMean.mail.declinedSubject', paramsOf(booking)),
        deadline: null,
        reason: t('pooledMean.mail.reasonBooker'),
        section: {
          paragraphs: [t('pooledMean.mail.declinedText', paramsOf(booking))],
          facts: [...facts(recipient, booking), { label: t('pooledMean.mail.reason'), value: booking.decline_reason }],
          action: { label: t('pooledMean.mail.open'), path },
        },
      };
    });
  },
};

async function tellLenders(trx: Trx, scope: Scope, booking: Booking, actorId: string | null, what: 'booked' | 'cancelled'): Promise<void> {
  const directors = await lendingDirectorIds(trx, scope.partnershipId, booking.organization_id, scope.now, actorId);
  const path = toDoPath(scope.partnershipId, { kind: 'pooled_mean_booking', bookingId: booking.id });
  await tell(trx, scope, await recipientsAmong(trx, directors), (recipient) => {
    const t = translator(recipient.locale);
    // A booking waits on its lenders until it starts (they may decline till then): a call with that deadline, so the
    // « deadlines only » preference still mails it and the day-before reminder comes; a cancellation only informs.
    return {
      kind: what === 'booked' ? 'call' : 'information',
      subject: t(`pooledMean.mail.${what}Subject`, paramsOf(booking)),
      deadline: what === 'booked' ? booking.starts_at : null,
      reason: t('pooledMean.mail.reasonLender', paramsOf(booking)),
      section: {
        paragraphs: [t(`pooledMean.mail.${what}Text`, paramsOf(booking))],
        facts: facts(recipient, booking),
        action: { label: t(what === 'booked' ? 'pooledMean.mail.examine' : 'pooledMean.mail.open'), path },
      },
    };
  });
}
