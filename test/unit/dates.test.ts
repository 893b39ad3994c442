import { describe, expect, it } from 'vitest';
import { calendarDay, formatDate, isCurrent, periodEnd } from '../../src/common/dates.js';
import { formatCalendarDate, formatMeetingTime } from '../../src/i18n/server-messages.js';
import { ActError } from '../../src/common/errors.js';

describe('calendarDay (Europe/Paris)', () => {
  const cases: readonly [instant: string, day: string, why: string][] = [
    ['2026-03-10T09:00:00Z', '2026-03-10', 'a morning in winter'],
    ['2026-03-09T22:59:59Z', '2026-03-09', 'one second before midnight in Paris (UTC+1)'],
    ['2026-03-09T23:00:00Z', '2026-03-10', 'midnight in Paris is 23:00 UTC in winter'],
    ['2026-03-09T23:30:00Z', '2026-03-10', 'still the previous day in UTC'],
    ['2026-07-14T21:59:59Z', '2026-07-14', 'one second before midnight in Paris (UTC+2)'],
    ['2026-07-14T22:00:00Z', '2026-07-15', 'midnight in Paris is 22:00 UTC in summer'],
    ['2025-12-31T22:59:59Z', '2025-12-31', 'last second of the year in Paris'],
    ['2025-12-31T23:00:00Z', '2026-01-01', 'new year in Paris before new year in UTC'],
    ['2026-03-29T00:59:59Z', '2026-03-29', 'spring change of hour'],
    ['2026-10-24T22:00:00Z', '2026-10-25', 'night of the autumn change of hour (still UTC+2)'],
    ['2026-10-25T22:59:59Z', '2026-10-25', 'after the autumn change (UTC+1 again)'],
    ['2024-02-28T23:00:00Z', '2024-02-29', 'a leap day'],
  ];
  for (const [instant, day, why] of cases) {
    it(`${instant} is ${day} (${why})`, () => expect(calendarDay(new Date(instant))).toBe(day));
  }

  it('gives each instant its own day when asked again and again around a midnight, in any order', () => {
    const asked = ['2026-03-09T22:59:00Z', '2026-03-09T22:59:59.999Z', '2026-03-09T23:00:00Z', '2026-03-09T22:59:30Z', '2026-03-09T23:00:59Z', '2026-03-10T23:00:00Z'];
    expect(asked.map((instant) => calendarDay(new Date(instant)))).toEqual(['2026-03-09', '2026-03-09', '2026-03-10', '2026-03-09', '2026-03-10', '2026-03-11']);
    expect(() => calendarDay(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('answers as YYYY-MM-DD with zero padding', () => {
    expect(calendarDay(new Date('2026-01-05T12:00:00Z'))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(calendarDay(new Date('2026-01-05T12:00:00Z'))).toBe('2026-01-05');
  });
});

describe('isCurrent', () => {
  const today = '2026-03-10';
  it('holds from the first day included', () => {
    expect(isCurrent({ startsOn: today, endsOn: null }, today)).toBe(true);
    expect(isCurrent({ startsOn: '2026-03-11', endsOn: null }, today)).toBe(false);
  });
  it('is over on its end day', () => {
    expect(isCurrent({ startsOn: '2026-01-01', endsOn: '2026-03-11' }, today)).toBe(true);
    expect(isCurrent({ startsOn: '2026-01-01', endsOn: today }, today)).toBe(false);
    expect(isCurrent({ startsOn: '2026-01-01', endsOn: '2026-03-09' }, today)).toBe(false);
  });
  it('holds for a one-day period on that day only', () => {
    expect(isCurrent({ startsOn: today, endsOn: '2026-03-11' }, today)).toBe(true);
    expect(isCurrent({ startsOn: today, endsOn: '2026-03-11' }, '2026-03-11')).toBe(false);
    expect(isCurrent({ startsOn: today, endsOn: '2026-03-11' }, '2026-03-09')).toBe(false);
  });
  it('never holds when it ends the day it starts', () => expect(isCurrent({ startsOn: today, endsOn: today }, today)).toBe(false));
  it('holds indefinitely without an end', () => expect(isCurrent({ startsOn: '1990-01-01', endsOn: null }, '2099-12-31')).toBe(true));
  it('compares across months and years as dates, not as numbers', () => {
    expect(isCurrent({ startsOn: '2025-12-31', endsOn: '2026-01-01' }, '2025-12-31')).toBe(true);
    expect(isCurrent({ startsOn: '2025-12-31', endsOn: '2026-01-01' }, '2026-01-01')).toBe(false);
    expect(isCurrent({ startsOn: '2025-09-30', endsOn: '2025-10-01' }, '2025-10-02')).toBe(false);
  });
});

describe('periodEnd', () => {
  const today = '2026-03-10';
  const failure = (end: () => unknown) => {
    try {
      end();
    } catch (error) {
      if (error instanceof ActError) return error.failure;
      throw error;
    }
    throw new Error('the period was ended');
  };
  it('ends today unless a day is asked', () => {
    expect(periodEnd({ startsOn: '2026-01-01', endsOn: null }, undefined, today)).toBe(today);
    expect(periodEnd({ startsOn: '2026-01-01', endsOn: null }, '2026-02-01', today)).toBe('2026-02-01');
  });
  it('brings a planned end forward', () => expect(periodEnd({ startsOn: '2026-01-01', endsOn: '2026-06-30' }, '2026-04-01', today)).toBe('2026-04-01'));
  it('keeps the planned end when asked again', () => expect(periodEnd({ startsOn: '2026-01-01', endsOn: '2026-06-30' }, '2026-06-30', today)).toBe('2026-06-30'));
  it('never pushes a planned end back', () =>
    expect(failure(() => periodEnd({ startsOn: '2026-01-01', endsOn: '2026-06-30' }, '2026-07-01', today))).toEqual({
      kind: 'invalid',
      fields: [{ path: 'endsOn', messageKey: 'error.endAfterPlannedEnd', params: { endsOn: '2026-06-30' } }],
    }));
  it('may end a period the day it began, never before', () => {
    expect(periodEnd({ startsOn: '2026-03-01', endsOn: null }, '2026-03-01', today)).toBe('2026-03-01');
    expect(failure(() => periodEnd({ startsOn: '2026-03-01', endsOn: null }, '2026-02-28', today))).toEqual({
      kind: 'invalid',
      fields: [{ path: 'endsOn', messageKey: 'error.endBeforeStart', params: { startsOn: '2026-03-01' } }],
    });
  });
  it('refuses to end a period over by today, even on its end day', () => {
    expect(failure(() => periodEnd({ startsOn: '2026-01-01', endsOn: today }, undefined, today))).toEqual({ kind: 'conflict', messageKey: 'error.alreadyEnded' });
    expect(failure(() => periodEnd({ startsOn: '2026-01-01', endsOn: '2026-02-01' }, '2026-01-15', today))).toEqual({ kind: 'conflict', messageKey: 'error.alreadyEnded' });
  });
  it('ends a period that has not begun yet on a day from its start', () =>
    expect(periodEnd({ startsOn: '2026-04-01', endsOn: null }, '2026-05-01', today)).toBe('2026-05-01'));
});

describe('formatDate', () => {
  const long = (locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

  it('writes the first of the month as an ordinal in French, « 1er »', () => {
    expect(formatDate(long('fr-FR'), day('2026-09-01'))).toBe('1er septembre 2026');
    expect(formatDate(new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' }), day('2026-09-01'))).toBe('1er sept. 2026');
    expect(formatDate(new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }), day('2026-09-01'))).toBe('mardi 1er septembre 2026 à 12:00');
  });

  it('leaves the other days, dates in figures and English as Intl writes them', () => {
    for (const [iso, text] of [
      ['2026-09-02', '2 septembre 2026'],
      ['2026-09-11', '11 septembre 2026'],
      ['2026-09-21', '21 septembre 2026'],
      ['2026-10-31', '31 octobre 2026'],
    ] as const)
      expect(formatDate(long('fr-FR'), day(iso))).toBe(text);
    expect(formatDate(new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'UTC' }), day('2026-09-01'))).toBe('01/09/2026');
    expect(formatDate(long('en-GB'), day('2026-09-01'))).toBe('1 September 2026');
  });

  it('is what the server’s mails write', () => {
    expect(formatCalendarDate('fr', '2026-09-01')).toBe('1er septembre 2026');
    expect(formatCalendarDate('en', '2026-09-01')).toBe('1 September 2026');
    expect(formatMeetingTime('fr', new Date('2026-09-01T16:30:00Z'))).toBe('mardi 1er septembre 2026 à 18:30');
    expect(formatMeetingTime('fr', new Date('2026-09-15T16:30:00Z'))).toBe('mardi 15 septembre 2026 à 18:30');
  });
});
