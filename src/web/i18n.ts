import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import fr from './locales/fr.json';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'entente.locale';

function storedLocale(): Locale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'fr';
}

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: storedLocale(),
  fallbackLng: 'fr',
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The page's language follows the interface's, for screen readers and hyphenation. */
const syncDocument = (locale: string) => {
  document.documentElement.lang = locale;
};
syncDocument(i18n.language);
i18n.on('languageChanged', (locale) => {
  syncDocument(locale);
  localStorage.setItem(STORAGE_KEY, locale);
});

export default i18n;
