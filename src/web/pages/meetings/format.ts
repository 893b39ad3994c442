import { useTranslation } from 'react-i18next';

/** A meeting's date and time where the partnerships live, in the interface's language. */
export function useFormatInstant() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' });
  return (iso: string) => format.format(new Date(iso));
}
