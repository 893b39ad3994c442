import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import fr from './locales/fr.json';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = 'entente.locale';

function storedLocale(): Locale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'fr';
}

/**
 * French, the default, comes with the first script; the English catalogue (13 kB on the wire) is
 * fetched only by those who read English, before the language switches to it.
 */
const otherCatalogues: BackendModule = {
  type: 'backend',
  callbackApi: true,
  init() {},
  read(language, _namespace, callback) {
    if (language !== 'en') return callback(new Error(`no catalogue for ${language}`), false);
    import('./locales/en.json').then(
      (catalogue) => callback(null, catalogue.default),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/** Settles once the first language's catalogue is there: the app renders after it. */
export const i18nReady = i18n
  .use(otherCatalogues)
  .use(initReactI18next)
  .init({
    resources: { fr: { translation: fr } },
    partialBundledLanguages: true,
    lng: storedLocale(),
    fallbackLng: 'fr',
    interpolation: { escapeValue: false },
    initAsync: false,
  });

/** The page's language follows the interface's, for screen readers and hyphenation. */
const syncDocument = (locale: string) => {
  document.documentElement.lang = locale;
};
syncDocument(storedLocale());
i18n.on('languageChanged', (locale) => {
  syncDocument(locale);
  localStorage.setItem(STORAGE_KEY, locale);
});

export default i18n;
