import ical, { ICalCalendarMethod } from 'ical-generator';

export interface CalendarMeeting {
  readonly id: string;
  readonly title: string;
  readonly bodyName: string;
  readonly startsAt: Date;
  readonly durationMinutes: number;
  readonly place: string;
  readonly onlineUrl: string | null;
  readonly agendaTitles: readonly string[];
}

/** A meeting as an iCalendar event (ical-generator), for the members' calendars and invitations. */
export function meetingCalendar(meeting: CalendarMeeting): string {
  const calendar = ical({ name: meeting.bodyName, prodId: { company: 'Entente', product: 'Entente' }, method: ICalCalendarMethod.PUBLISH });
  calendar.createEvent({
    id: `${meeting.id}@entente`,
    start: meeting.startsAt,
    end: new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000),
    summary: `${meeting.bodyName} — ${meeting.title}`,
    location: meeting.place || meeting.onlineUrl || null,
    url: meeting.onlineUrl,
    description: meeting.agendaTitles.map((title, index) => `${index + 1}. ${title}`).join('\n'),
  });
  return calendar.toString();
}
