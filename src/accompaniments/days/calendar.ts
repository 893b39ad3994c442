import ical, { ICalCalendarMethod } from 'ical-generator';

export interface CalendarDay {
  readonly id: string;
  /** How many times the day changed: a calendar replaces its event only with a higher one. */
  readonly sequence: number;
  readonly accompanimentTitle: string;
  readonly title: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly place: string;
  readonly programme: readonly { readonly title: string; readonly minutes: number | null }[];
}

/**
 * A day of an accompaniment as an iCalendar event (ical-generator), which its convocation carries:
 * the same uid each time and a higher SEQUENCE, so a changed day replaces the one in the calendar.
 */
export function dayCalendar(day: CalendarDay, minutesLabel: (minutes: number) => string): string {
  const calendar = ical({ name: day.accompanimentTitle, prodId: { company: 'Entente', product: 'Entente' }, method: ICalCalendarMethod.PUBLISH });
  calendar.createEvent({
    id: `${day.id}@entente`,
    sequence: day.sequence,
    start: day.startsAt,
    end: day.endsAt,
    summary: `${day.accompanimentTitle} — ${day.title}`,
    location: day.place || null,
    description: day.programme.map((item, index) => `${index + 1}. ${item.title}${item.minutes === null ? '' : ` (${minutesLabel(item.minutes)})`}`).join('\n'),
  });
  return calendar.toString();
}
