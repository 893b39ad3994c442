import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { formatDate, PARTNERSHIP_TIME_ZONE } from '../../common/dates';

/** Sets the tab title and moves focus to the page heading, so screen readers announce the new page. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Entente`;
    heading.current?.focus();
  }, [title]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="muted">
      {t('common.loading')}
    </p>
  );
}

export function LoadError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const message = error instanceof ApiError ? error.message : t('common.unexpectedError');
  return (
    <div role="alert" className="notice notice-error">
      {message}
    </div>
  );
}

/**
 * The form's error, announced when it appears. `shown` names the fields the form marks inline; the
 * messages of any other field the server named (one the form has no input for) are listed here, so
 * none is lost. Every refused submit takes the focus to the first field in error of its form, or
 * to this message when no field is named, so a keyboard or screen reader user lands where to act.
 */
export function FormError({ error, shown }: { error: unknown; shown?: readonly string[] }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!error || !box.current) return;
    const firstInvalid = box.current.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (firstInvalid ?? box.current).focus();
  }, [error]);
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : t('common.unexpectedError');
  const others = error instanceof ApiError && shown ? Object.entries(error.fields).filter(([field]) => !shown.includes(field)) : [];
  return (
    <div role="alert" className="notice notice-error" ref={box} tabIndex={-1}>
      {message}
      {others.length > 0 && (
        <ul>
          {others.map(([field, text]) => (
            <li key={field}>{text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const fieldError = (error: unknown, name: string): string | undefined =>
  error instanceof ApiError ? error.fields[name] : undefined;

interface FieldProps {
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
  readonly children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
}

/** A label, the control, a hint and the field's error, wired together for assistive technology. */
/** The id of a Field's label, for a control inside it that needs the field's name in its own (a search box). */
export const fieldLabelId = (controlId: string) => `${controlId}-label`;

export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label id={fieldLabelId(id)} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function Badge({ tone, children }: { tone: 'ok' | 'warn' | 'neutral'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/**
 * A day in the interface's language: a calendar date ('YYYY-MM-DD') as it is, without shifting it
 * across time zones; an instant (a timestamp) as the day it fell on where the partnerships live.
 */
export function useFormatDate() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'fr-FR';
  const calendar = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const instant = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: PARTNERSHIP_TIME_ZONE });
  return (value: string) => (value.length === 10 ? formatDate(calendar, new Date(`${value}T00:00:00Z`)) : formatDate(instant, new Date(value)));
}

/** "du … au …", "depuis le …" or "à partir du …", as the period stands today. */
export function useFormatPeriod() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const today = todayIso();
  return (period: { startsOn: string; endsOn: string | null }) => {
    if (period.endsOn) return t('common.fromTo', { from: formatDate(period.startsOn), to: formatDate(period.endsOn) });
    const key = periodStatus(period, today) === 'upcoming' ? 'common.startingOn' : 'common.since';
    return t(key, { date: formatDate(period.startsOn) });
  };
}

export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: PARTNERSHIP_TIME_ZONE }).format(new Date());
}

export type PeriodStatus = 'current' | 'upcoming' | 'ended';

/**
 * Where a mandate, a role assignment or a delegation stands today. A period holds from its start
 * day included to its end day excluded, as on the server; one that ends on the day it starts never
 * holds (it was withdrawn before it began) and counts as ended.
 */
export function periodStatus(period: { startsOn: string; endsOn: string | null }, today: string): PeriodStatus {
  if (period.endsOn !== null && period.endsOn <= period.startsOn) return 'ended';
  if (period.startsOn > today) return 'upcoming';
  return period.endsOn !== null && period.endsOn <= today ? 'ended' : 'current';
}
