import { useTranslation } from 'react-i18next';
import { PARTNERSHIP_TIME_ZONE } from '../../../common/dates';

/** A booking's span as Intl writes a range in the reader's language: « samedi 14 mars 2026, 10:00 – 18:00 ». */
export function useFormatSpan() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: PARTNERSHIP_TIME_ZONE });
  return (startsAt: string, endsAt: string) => format.formatRange(new Date(startsAt), new Date(endsAt));
}

/**
 * The instant a `datetime-local` field means, read as Paris time whatever the browser's own zone:
 * the wall time with the offset Intl gives Paris then. (Within the hour of a change of summer
 * time the offset may be the other one; a booking is not made at 2 a.m. on a Sunday in spring.)
 */
export function parisInstant(local: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return local;
  const zone = new Intl.DateTimeFormat('en', { timeZone: PARTNERSHIP_TIME_ZONE, timeZoneName: 'longOffset' }).formatToParts(new Date(`${local}:00Z`)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  return `${local}:00${zone === 'GMT' ? 'Z' : zone.slice(3)}`;
}
