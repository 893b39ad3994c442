import { conflict, invalid } from './errors.js';

/** Calendar dates travel as ISO 'YYYY-MM-DD' strings, which order correctly as text. */
export type IsoDate = string;

/** Where the partnerships live: their days begin and end there, and every page shows times there. */
export const PARTNERSHIP_TIME_ZONE = 'Europe/Paris';
const isoDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARTNERSHIP_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * A date in words by Intl, with the one rule Intl leaves out: French writes the first day of a
 * month as an ordinal, « 1er septembre 2026 », where Intl gives « 1 septembre 2026 ». Dates in
 * figures (« 01/09/2026 ») and other languages are left as Intl writes them.
 */
export function formatDate(format: Intl.DateTimeFormat, date: Date): string {
  const parts = format.formatToParts(date);
  const inWords = format.resolvedOptions().locale.startsWith('fr') && parts.some((part) => part.type === 'month' && /\D/.test(part.value));
  return parts.map((part) => (inWords && part.type === 'day' && part.value === '1' ? '1er' : part.value)).join('');
}

/** A month of the year (1 to 12) as a word of the language: « janvier », "January". */
export function monthName(language: 'fr' | 'en', month: number): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));
}

/** The minute of the last day asked, and that day: see calendarDay. */
let lastMinute = Number.NaN;
let lastDay: IsoDate = '';

/**
 * The calendar day an instant falls on where the partnerships live. Intl's formatting in a time
 * zone costs microseconds and every act and session reading asks, most often within the same
 * minute: the day is kept for the minute it was asked in, as a time zone's offset is whole minutes.
 */
export function calendarDay(instant: Date): IsoDate {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDay = isoDateFormat.format(instant);
    lastMinute = minute;
  }
  return lastDay;
}

export interface Period {
  readonly startsOn: IsoDate;
  readonly endsOn: IsoDate | null;
}

/**
 * A period holds from its first day included to its end day excluded: a mandate ended today is
 * over today, which is what a person removing a delegate expects to see.
 */
export function isCurrent(period: Period, today: IsoDate): boolean {
  return period.startsOn <= today && (period.endsOn === null || period.endsOn > today);
}

/**
 * The day a running period (a seat, a role term, a delegation) ends when someone ends it: the day
 * asked, or today. An end can be brought forward, never pushed back past the one planned, nor set
 * before the period began; a period already over cannot be ended again.
 */
export function periodEnd(period: Period, asked: IsoDate | undefined, today: IsoDate): IsoDate {
  if (period.endsOn !== null && period.endsOn <= today) throw conflict('error.alreadyEnded');
  const end = asked ?? today;
  if (end < period.startsOn) throw invalid('endsOn', 'error.endBeforeStart', { startsOn: period.startsOn });
  if (period.endsOn !== null && end > period.endsOn) throw invalid('endsOn', 'error.endAfterPlannedEnd', { endsOn: period.endsOn });
  return end;
}
