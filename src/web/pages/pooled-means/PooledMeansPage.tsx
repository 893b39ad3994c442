import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { pooledMeansAnswer } from '../../../pooled-means/contract';
import { MEAN_KINDS } from '../../../pooled-means/rules';
import { EnumSelect } from '../../components/EnumSelect';
import { Badge, Field, fieldError, FormError, LoadError, Loading, PageTitle } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery, useUnsavedChanges } from '../../hooks';
import { BOOKING_FORM_ANCHOR } from './links';
import { parisInstant, useFormatSpan } from './times';

type PooledMeans = Answer<typeof pooledMeansAnswer>;
type Mean = PooledMeans['organizations'][number]['means'][number];

const text = (data: FormData, name: string) => String(data.get(name) ?? '').trim();

/**
 * What each member organization lends the partnership's projects (seeds 001 and 003), with its
 * conditions and the bookings to come; the form to book one for a project (reached from the
 * project's page with `?projet=`), and, for an organization's administrators, the form to lend.
 */
export default function PooledMeansPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const projectId = search.get('projet');
  const query = usePartnershipQuery<PooledMeans>(`/pooled-means${projectId ? `?projectId=${encodeURIComponent(projectId)}` : ''}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const data = query.data;
  const means = data.organizations.flatMap((organization) => organization.means.map((mean) => ({ ...mean, organization })));
  return (
    <article className="pooled-means-page">
      <PageTitle title={t('pooledMean.title')}>{t('pooledMean.title')}</PageTitle>
      <p className="hint">{t('pooledMean.intro')}</p>
      {data.project && <BookingForm project={data.project} means={means} />}
      {data.organizations.length === 0 && <p className="muted">{t('pooledMean.none')}</p>}
      {data.organizations.map((organization) => (
        <section key={organization.id} aria-labelledby={`lender-${organization.id}`}>
          <h2 id={`lender-${organization.id}`}>{organization.name}</h2>
          <ul className="card-list">
            {organization.means.map((mean) => (
              <MeanCard key={mean.id} mean={mean} mayWithdraw={data.can.lendFor.some((lender) => lender.id === organization.id)} />
            ))}
          </ul>
        </section>
      ))}
      {data.can.lendFor.length > 0 && <LendForm lenders={data.can.lendFor} />}
    </article>
  );
}

function MeanCard({ mean, mayWithdraw }: { mean: Mean; mayWithdraw: boolean }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatSpan = useFormatSpan();
  const withdraw = useAct<void>('post', () => `/pooled-means/${mean.id}/withdrawal`, () => undefined);
  return (
    <li className="card">
      <h3>
        {mean.label} <Badge tone="neutral">{t(`pooledMean.kind.${mean.kind}`)}</Badge>
      </h3>
      {mean.conditions && (
        <>
          <p className="muted">{t('pooledMean.conditions')}</p>
          <p className="text-block">{mean.conditions}</p>
        </>
      )}
      <h4>{t('pooledMean.upcoming')}</h4>
      {mean.upcoming.length === 0 ? (
        <p className="muted">{t('pooledMean.free')}</p>
      ) : (
        <ul>
          {mean.upcoming.map((booking) => (
            <li key={booking.id}>
              <Link to={`/p/${partnershipId}/moyens/reservations/${booking.id}`}>{formatSpan(booking.startsAt, booking.endsAt)}</Link>
              <br />
              <span className="muted">{t('pooledMean.bookedFor', { project: booking.project.title })}</span>
            </li>
          ))}
        </ul>
      )}
      {mayWithdraw && (
        <div className="actions">
          <FormError error={withdraw.error} />
          <button type="button" className="button-secondary" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
            {t('pooledMean.withdraw')}
          </button>
        </div>
      )}
    </li>
  );
}

type MeanChoice = Mean & { organization: { id: string; name: string } };

/** A project's team books a mean: the span in Paris time, what for; the lenders are told at once. */
function BookingForm({ project, means }: { project: NonNullable<PooledMeans['project']>; means: readonly MeanChoice[] }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const unsaved = useUnsavedChanges();
  const [booked, setBooked] = useState(false);
  const book = useAct<{ meanId: string; startsAt: string; endsAt: string; purpose: string }>('post', () => `/projects/${project.id}/pooled-mean-bookings`);
  const title = t('pooledMean.book.title', { project: project.title });
  return (
    <section id={BOOKING_FORM_ANCHOR} aria-labelledby="book-title">
      <h2 id="book-title">{title}</h2>
      <p>
        <Link to={`/p/${partnershipId}/projets/${project.id}`}>{t('pooledMean.book.backToProject')}</Link>
      </p>
      {!project.canBook ? (
        <p className="notice notice-warn">{t('pooledMean.book.notYours')}</p>
      ) : means.length === 0 ? (
        <p className="muted">{t('pooledMean.none')}</p>
      ) : (
        <form
          className="card"
          noValidate
          aria-labelledby="book-title"
          onChange={() => {
            unsaved.changed();
            setBooked(false);
          }}
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            const form = event.currentTarget;
            const data = new FormData(form);
            book.mutate(
              { meanId: text(data, 'meanId'), startsAt: parisInstant(text(data, 'startsAt')), endsAt: parisInstant(text(data, 'endsAt')), purpose: text(data, 'purpose') },
              {
                onSuccess: () => {
                  unsaved.saved();
                  setBooked(true);
                  form.reset();
                },
              },
            );
          }}
        >
          <FormError error={book.error} shown={['meanId', 'startsAt', 'endsAt', 'purpose']} />
          <Field label={t('pooledMean.book.mean')} error={fieldError(book.error, 'meanId')}>
            {(props) => (
              <select {...props} name="meanId" required>
                {means.map((mean) => (
                  <option key={mean.id} value={mean.id}>
                    {t('pooledMean.book.meanOption', { mean: mean.label, organization: mean.organization.name })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="field-row">
            <Field label={t('pooledMean.book.startsAt')} hint={t('pooledMean.book.parisTime')} error={fieldError(book.error, 'startsAt')}>
              {(props) => <input {...props} type="datetime-local" name="startsAt" required />}
            </Field>
            <Field label={t('pooledMean.book.endsAt')} error={fieldError(book.error, 'endsAt')}>
              {(props) => <input {...props} type="datetime-local" name="endsAt" required />}
            </Field>
          </div>
          <Field label={t('pooledMean.book.purpose')} error={fieldError(book.error, 'purpose')}>
            {(props) => <textarea {...props} name="purpose" rows={3} />}
          </Field>
          <p className="hint">{t('pooledMean.book.lendersTold')}</p>
          <div className="actions">
            <button type="submit" className="button-primary" disabled={book.isPending}>
              {t('pooledMean.book.submit')}
            </button>
          </div>
          <p className="muted" role="status">
            {booked ? t('pooledMean.book.done') : ''}
          </p>
        </form>
      )}
    </section>
  );
}

/** An organization's administrators list what it lends, with its conditions. */
function LendForm({ lenders }: { lenders: PooledMeans['can']['lendFor'] }) {
  const { t } = useTranslation();
  const unsaved = useUnsavedChanges();
  const lend = useAct<{ organizationId: string; kind: string; label: string; conditions: string }>('post', () => '/pooled-means');
  return (
    <section aria-labelledby="lend-title">
      <h2 id="lend-title">{t('pooledMean.lend.title')}</h2>
      <form
        className="card"
        noValidate
        aria-labelledby="lend-title"
        onChange={unsaved.changed}
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          const form = event.currentTarget;
          const data = new FormData(form);
          lend.mutate(
            { organizationId: text(data, 'organizationId'), kind: text(data, 'kind'), label: text(data, 'label'), conditions: text(data, 'conditions') },
            {
              onSuccess: () => {
                unsaved.saved();
                form.reset();
              },
            },
          );
        }}
      >
        <FormError error={lend.error} shown={['organizationId', 'kind', 'label', 'conditions']} />
        <Field label={t('pooledMean.lend.organization')} error={fieldError(lend.error, 'organizationId')}>
          {(props) => (
            <select {...props} name="organizationId">
              {lenders.map((lender) => (
                <option key={lender.id} value={lender.id}>
                  {lender.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('pooledMean.lend.kind')} error={fieldError(lend.error, 'kind')}>
          {(props) => <EnumSelect {...props} name="kind" values={MEAN_KINDS} labelPrefix="pooledMean.kind" />}
        </Field>
        <Field label={t('pooledMean.lend.label')} hint={t('pooledMean.lend.labelHint')} error={fieldError(lend.error, 'label')}>
          {(props) => <input {...props} name="label" required maxLength={200} />}
        </Field>
        <Field label={t('pooledMean.lend.conditions')} hint={t('pooledMean.lend.conditionsHint')} error={fieldError(lend.error, 'conditions')}>
          {(props) => <textarea {...props} name="conditions" rows={3} />}
        </Field>
        <div className="actions">
          <button type="submit" className="button-primary" disabled={lend.isPending}>
            {t('pooledMean.lend.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
