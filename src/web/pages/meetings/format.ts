import { useTranslation } from 'react-i18next';
import { formatDate, PARTNERSHIP_TIME_ZONE } from '../../../common/dates';

/** A meeting's date and time where the partnerships live, in the interface's language. */
export function useFormatInstant() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: PARTNERSHIP_TIME_ZONE });
  return (iso: string) => formatDate(format, new Date(iso));
}
