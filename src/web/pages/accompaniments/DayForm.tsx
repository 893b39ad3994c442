import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, fieldError, FormError } from '../../components/ui';
import { useUnsavedChanges } from '../../hooks';
import { parisInstant } from '../pooled-means/times';
import { PARTNERSHIP_TIME_ZONE } from '../../../common/dates';

export interface DayInput {
  readonly title: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly place: string;
  readonly programme: readonly { readonly title: string; readonly minutes: number | null }[];
}

/** What a `datetime-local` field shows of an instant: the wall time in Paris, where the partnerships live. */
function parisLocal(instant: string): string {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: PARTNERSHIP_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
  return parts.replace(' ', 'T');
}

interface Item {
  readonly key: number;
  readonly title: string;
  readonly minutes: string;
}

/**
 * A day's title, start and end (Paris time), place and programme, as one form: to schedule a day,
 * or to change one not yet held. The programme is a list of moments, each with its length if known.
 */
export function DayForm({
  heading,
  submitLabel,
  day,
  pending,
  error,
  onSubmit,
}: {
  heading: string;
  submitLabel: string;
  day?: DayInput;
  pending: boolean;
  error: unknown;
  onSubmit: (input: DayInput) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const unsaved = useUnsavedChanges();
  const [next, setNext] = useState(day?.programme.length ?? 1);
  const [items, setItems] = useState<Item[]>(() =>
    day ? day.programme.map((item, index) => ({ key: index, title: item.title, minutes: item.minutes === null ? '' : String(item.minutes) })) : [{ key: 0, title: '', minutes: '' }],
  );
  const setItem = (key: number, change: Partial<Item>) => {
    setItems(items.map((item) => (item.key === key ? { ...item, ...change } : item)));
    unsaved.changed();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    // A moment left without a title is a line the facilitator did not use.
    const programme = items
      .filter((item) => item.title.trim() !== '' || item.minutes.trim() !== '')
      .map((item) => ({ title: item.title.trim(), minutes: item.minutes.trim() === '' ? null : Number(item.minutes) }));
    onSubmit({ title: text('title'), startsAt: parisInstant(text('startsAt')), endsAt: parisInstant(text('endsAt')), place: text('place'), programme }).then(() => unsaved.saved(), () => undefined);
  };
  const fields = ['title', 'startsAt', 'endsAt', 'place', 'programme', ...items.flatMap((_, index) => [`programme.${index}.title`, `programme.${index}.minutes`])];
  return (
    <form className="card" noValidate aria-labelledby={headingId} onChange={unsaved.changed} onSubmit={submit}>
      <h2 id={headingId}>{heading}</h2>
      <FormError error={error} shown={fields} />
      <Field label={t('accompaniment.day.field.title')} hint={t('accompaniment.day.field.titleHint')} error={fieldError(error, 'title')}>
        {(props) => <input {...props} name="title" defaultValue={day?.title} required />}
      </Field>
      <div className="field-row">
        <Field label={t('accompaniment.day.field.startsAt')} hint={t('accompaniment.day.field.parisTime')} error={fieldError(error, 'startsAt')}>
          {(props) => <input {...props} type="datetime-local" name="startsAt" defaultValue={day ? parisLocal(day.startsAt) : undefined} required />}
        </Field>
        <Field label={t('accompaniment.day.field.endsAt')} error={fieldError(error, 'endsAt')}>
          {(props) => <input {...props} type="datetime-local" name="endsAt" defaultValue={day ? parisLocal(day.endsAt) : undefined} required />}
        </Field>
      </div>
      <Field label={t('accompaniment.day.field.place')} error={fieldError(error, 'place')}>
        {(props) => <input {...props} name="place" defaultValue={day?.place} />}
      </Field>
      <fieldset className="plain-fieldset">
        <legend>{t('accompaniment.day.field.programme')}</legend>
        <p className="hint">{t('accompaniment.day.field.programmeHint')}</p>
        <ol className="plain-list">
          {items.map((item, index) => (
            <li key={item.key} className="editor-row">
              <div className="field-row">
                <Field label={t('accompaniment.day.field.itemTitle', { n: index + 1 })} error={fieldError(error, `programme.${index}.title`)}>
                  {(props) => <input {...props} value={item.title} onChange={(event) => setItem(item.key, { title: event.target.value })} />}
                </Field>
                <Field label={t('accompaniment.day.field.itemMinutes')} error={fieldError(error, `programme.${index}.minutes`)}>
                  {(props) => <input {...props} type="number" inputMode="numeric" min={1} max={600} value={item.minutes} onChange={(event) => setItem(item.key, { minutes: event.target.value })} />}
                </Field>
              </div>
              <button
                type="button"
                className="button-quiet"
                onClick={() => {
                  setItems(items.filter((other) => other.key !== item.key));
                  unsaved.changed();
                }}
              >
                {t('accompaniment.day.field.removeItem', { n: index + 1 })}
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            setItems([...items, { key: next, title: '', minutes: '' }]);
            setNext(next + 1);
          }}
        >
          {t('accompaniment.day.field.addItem')}
        </button>
      </fieldset>
      <p className="hint">{t('accompaniment.day.field.convened')}</p>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
