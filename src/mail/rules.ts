import { PARTNERSHIP_TIME_ZONE } from '../common/dates.js';

/**
 * What each person chose to receive, and when a daily digest leaves. Pure: the clock is passed in.
 */
export const MAIL_PREFERENCES = ['each', 'digest', 'deadlines', 'none'] as const;
export type MailPreference = (typeof MAIL_PREFERENCES)[number];

/** Every message as it comes, or only what has a deadline: both leave at once; a digest waits. */
export function mailsNow(preference: MailPreference): boolean {
  return preference === 'each' || preference === 'deadlines';
}

/** The hour, where the partnerships live, from which the day's digest leaves. */
export const DIGEST_HOUR = 7;

const parisClock = new Intl.DateTimeFormat('en-CA', { timeZone: PARTNERSHIP_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });

/** The day (YYYY-MM-DD) and hour an instant falls on in Paris. */
export function parisDayAndHour(instant: Date): { readonly day: string; readonly hour: number } {
  const parts = Object.fromEntries(parisClock.formatToParts(instant).map((part) => [part.type, part.value]));
  return { day: `${parts['year']}-${parts['month']}-${parts['day']}`, hour: Number(parts['hour']) };
}

/** One digest a day, from the digest hour on, for whoever has notices waiting. */
export function digestDue(now: Date, lastDigestAt: Date | null): boolean {
  const today = parisDayAndHour(now);
  if (today.hour < DIGEST_HOUR) return false;
  return lastDigestAt === null || parisDayAndHour(lastDigestAt).day < today.day;
}

/** A reminder leaves once, within the day before the deadline. */
export const REMINDER_HOURS_BEFORE = 24;
