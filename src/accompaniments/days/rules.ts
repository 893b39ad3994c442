/**
 * The days of an accompaniment (seed 002): the day of cooperation the group gathers for, its
 * programme, and who came. Pure rules: the act passes the clock in.
 */

export interface DayState {
  readonly startsAt: Date;
  readonly heldAt: Date | null;
}

/** A day once held is the group's record: its time, place and programme no longer change. */
export function dayChangeRefusal(day: DayState): 'accompaniment.day.refusal.held' | null {
  return day.heldAt === null ? null : 'accompaniment.day.refusal.held';
}

/** A day is held, and who came is noted, once it has begun; who came may be corrected afterwards. */
export function dayHoldRefusal(day: DayState, now: Date): 'accompaniment.day.refusal.notBegun' | null {
  return day.startsAt.getTime() > now.getTime() ? 'accompaniment.day.refusal.notBegun' : null;
}

export interface ProgrammeItem {
  readonly title: string;
  readonly minutes: number | null;
}

/**
 * The programme as one text, whose fingerprint the journal keeps: one line per item, its minutes
 * (or nothing), a tab, its title. journal/state-proof.ts computes the same text in SQL.
 */
export const programmeText = (items: readonly ProgrammeItem[]): string => items.map((item) => `${item.minutes ?? ''}\t${item.title}`).join('\n');
