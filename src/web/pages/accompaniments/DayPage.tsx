import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { dayAnswer } from '../../../accompaniments/days/contract';
import type { Answer } from '../../../common/contract';
import { Disclosure } from '../../components/Disclosure';
import { Badge, FormError, LoadError, Loading, PageTitle, useFormatDate } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery, useUnsavedChanges } from '../../hooks';
import { useFormatSpan } from '../pooled-means/times';
import { DayForm, type DayInput } from './DayForm';
import { spacePath } from './paths';

type Day = Answer<typeof dayAnswer>;

/**
 * A day of an accompaniment: when and where, its programme, and who came. Its facilitators change
 * it until it is held, then say it was held, ticking who came (and correct it afterwards).
 */
export default function DayPage() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const { dayId } = useParams();
  const formatSpan = useFormatSpan();
  const formatDate = useFormatDate();
  const query = usePartnershipQuery<Day>(`/accompaniment-days/${dayId}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const day = query.data;
  const present = day.people.filter((person) => person.present);
  return (
    <article>
      <p className="breadcrumb">
        <Link to={spacePath(partnershipId, day.accompaniment.id)}>{day.accompaniment.title}</Link>
      </p>
      <PageTitle title={`${day.title} — ${day.accompaniment.title}`}>{day.title}</PageTitle>
      <p className="lead">{formatSpan(day.startsAt, day.endsAt)}</p>
      {day.place !== '' && <p>{t('accompaniment.day.placeLine', { place: day.place })}</p>}
      <p>
        {day.heldAt === null ? (
          <Badge tone="neutral">{t('accompaniment.day.planned')}</Badge>
        ) : (
          <Badge tone="ok">{t('accompaniment.day.heldOn', { date: formatDate(day.heldAt) })}</Badge>
        )}
      </p>
      <section aria-labelledby="programme">
        <h2 id="programme">{t('accompaniment.day.programme')}</h2>
        {day.programme.length === 0 ? (
          <p>{t('accompaniment.day.noProgramme')}</p>
        ) : (
          <div className="card">
            <ol>
              {day.programme.map((item) => (
                <li key={item.id}>
                  {item.title}
                  {item.minutes !== null && <span className="muted"> ({t('accompaniment.day.minutes', { count: item.minutes })})</span>}
                </li>
              ))}
            </ol>
          </div>
        )}
      </section>
      {day.heldAt !== null && (
        <section aria-labelledby="presents">
          <h2 id="presents">{t('accompaniment.day.present', { count: present.length })}</h2>
          {present.length === 0 ? (
            <p>{t('accompaniment.day.nobodyNoted')}</p>
          ) : (
            <ul className="member-list">
              {present.map((person) => (
                <li key={person.person.id} className="member">
                  <span className="member-name">{person.person.fullName}</span>
                  {person.outsider && <Badge tone="neutral">{t('accompaniment.page.outsider')}</Badge>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {day.can.hold && <HoldForm day={day} />}
      {day.can.change && <ChangeDay day={day} />}
    </article>
  );
}

function HoldForm({ day }: { day: Day }) {
  const { t } = useTranslation();
  const unsaved = useUnsavedChanges();
  const hold = useAct<{ presentIds: string[] }>('post', () => `/accompaniment-days/${day.id}/held`);
  const [done, setDone] = useState(false);
  const held = day.heldAt !== null;
  const begun = new Date(day.startsAt).getTime() <= Date.now();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    hold.mutateAsync({ presentIds: form.getAll('present').map(String) }).then(() => {
      unsaved.saved();
      setDone(true);
    }, () => undefined);
  };
  if (!begun) return <p className="hint">{t('accompaniment.day.holdLater')}</p>;
  const form = (
    <form className="card" noValidate aria-labelledby="tenir" onChange={unsaved.changed} onSubmit={submit}>
      <h2 id="tenir">{held ? t('accompaniment.day.correctTitle') : t('accompaniment.day.holdTitle')}</h2>
      <FormError error={hold.error} shown={['presentIds']} />
      <fieldset className="plain-fieldset">
        <legend>{t('accompaniment.day.whoCame')}</legend>
        {day.people.map((person) => (
          <label key={person.person.id} className="checkbox">
            <input type="checkbox" name="present" value={person.person.id} defaultChecked={person.present} /> {person.person.fullName}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={hold.isPending}>
          {held ? t('accompaniment.day.correctSubmit') : t('accompaniment.day.holdSubmit')}
        </button>
      </div>
      <p className="muted" role="status">
        {done ? t('accompaniment.day.holdDone') : ''}
      </p>
    </form>
  );
  return held ? <Disclosure label={t('accompaniment.day.correctTitle')}>{form}</Disclosure> : form;
}

function ChangeDay({ day }: { day: Day }) {
  const { t } = useTranslation();
  const change = useAct<DayInput>('put', () => `/accompaniment-days/${day.id}`);
  // Saved, the form closes (a new key) and the page shows the day as changed.
  const [changed, setChanged] = useState(0);
  return (
    <>
      <Disclosure key={changed} label={t('accompaniment.day.change')}>
        <DayForm
          heading={t('accompaniment.day.changeTitle')}
          submitLabel={t('common.save')}
          day={day}
          pending={change.isPending}
          error={change.error}
          onSubmit={(input) => change.mutateAsync(input).then(() => setChanged(changed + 1))}
        />
      </Disclosure>
      <p className="muted" role="status">
        {changed > 0 ? t('accompaniment.day.changed') : ''}
      </p>
    </>
  );
}
