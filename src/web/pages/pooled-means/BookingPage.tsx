import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { bookingAnswer } from '../../../pooled-means/contract';
import { TO_DO_ANCHORS } from '../../../participation/rules';
import { Badge, Field, fieldError, FormError, LoadError, Loading, PageTitle } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery, useUnsavedChanges } from '../../hooks';
import { useFormatSpan } from './times';

type Booking = Answer<typeof bookingAnswer>;

const STATUS_TONE = { informed: 'ok', declined: 'warn', cancelled: 'neutral' } as const;

/**
 * One booking of a pooled mean: what, when, for which project, by whom. The lending
 * organization's directors reach it from their mail and their to-do « Réservation à examiner »,
 * and may decline it before it starts; the project's team may give it back.
 */
export default function BookingPage() {
  const { t } = useTranslation();
  const { bookingId } = useParams();
  const partnershipId = usePartnershipId();
  const formatSpan = useFormatSpan();
  const query = usePartnershipQuery<Booking>(`/pooled-mean-bookings/${bookingId}`);
  const [done, setDone] = useState<string | null>(null);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const booking = query.data;
  const base = `/p/${partnershipId}`;
  const title = t('pooledMean.booking.title', { mean: booking.mean.label });
  return (
    <article>
      <p className="breadcrumb">
        <Link to={`${base}/moyens`}>{t('pooledMean.title')}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <p>
        <Badge tone={STATUS_TONE[booking.status]}>{t(`pooledMean.status.${booking.status}`)}</Badge>
      </p>
      {done && (
        <p className="notice notice-ok" role="status">
          {done}
        </p>
      )}
      <dl className="details">
        <dt>{t('pooledMean.booking.when')}</dt>
        <dd>{formatSpan(booking.startsAt, booking.endsAt)}</dd>
        <dt>{t('pooledMean.booking.mean')}</dt>
        <dd>
          {booking.mean.label} ({t(`pooledMean.kind.${booking.mean.kind}`)}), {booking.mean.organization.name}
        </dd>
        <dt>{t('pooledMean.booking.project')}</dt>
        <dd>
          <Link to={`${base}/projets/${booking.project.id}`}>{booking.project.title}</Link>
        </dd>
        {booking.purpose && (
          <>
            <dt>{t('pooledMean.booking.purpose')}</dt>
            <dd className="text-block">{booking.purpose}</dd>
          </>
        )}
        {booking.requestedBy && (
          <>
            <dt>{t('pooledMean.booking.requestedBy')}</dt>
            <dd>{booking.requestedBy.fullName}</dd>
          </>
        )}
        {booking.mean.conditions && (
          <>
            <dt>{t('pooledMean.conditions')}</dt>
            <dd className="text-block">{booking.mean.conditions}</dd>
          </>
        )}
      </dl>
      {booking.status === 'declined' && (
        <div className="notice notice-warn">
          <p>
            <strong>{t('pooledMean.booking.declinedBy', { name: booking.decidedBy?.fullName ?? '' })}</strong>
          </p>
          <p className="text-block">{booking.declineReason}</p>
        </div>
      )}
      {booking.can.decline && <DeclineForm bookingId={booking.id} onDone={() => setDone(t('pooledMean.decline.done'))} />}
      {booking.can.cancel && <CancelButton bookingId={booking.id} onDone={() => setDone(t('pooledMean.cancel.done'))} />}
    </article>
  );
}

/** The lenders decline, saying why: the booker reads it in their mail. */
function DeclineForm({ bookingId, onDone }: { bookingId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const unsaved = useUnsavedChanges();
  const decline = useAct<{ reason: string }>('post', () => `/pooled-mean-bookings/${bookingId}/decline`);
  const id = TO_DO_ANCHORS.pooled_mean_booking;
  return (
    <form
      id={id}
      className="card"
      noValidate
      aria-labelledby={`${id}-title`}
      onChange={unsaved.changed}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
        decline.mutateAsync({ reason }).then(() => {
          unsaved.saved();
          onDone();
        }, () => undefined);
      }}
    >
      <h2 id={`${id}-title`}>{t('pooledMean.decline.title')}</h2>
      <p className="hint">{t('pooledMean.decline.hint')}</p>
      <FormError error={decline.error} shown={['reason']} />
      <Field label={t('pooledMean.decline.reason')} error={fieldError(decline.error, 'reason')}>
        {(props) => <textarea {...props} name="reason" rows={3} required />}
      </Field>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={decline.isPending}>
          {t('pooledMean.decline.submit')}
        </button>
      </div>
    </form>
  );
}

function CancelButton({ bookingId, onDone }: { bookingId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const cancel = useAct<void>('post', () => `/pooled-mean-bookings/${bookingId}/cancel`, () => undefined);
  return (
    <div className="actions">
      <FormError error={cancel.error} />
      <button type="button" className="button-secondary" disabled={cancel.isPending} onClick={() => cancel.mutateAsync().then(onDone, () => undefined)}>
        {t('pooledMean.cancel.submit')}
      </button>
    </div>
  );
}
