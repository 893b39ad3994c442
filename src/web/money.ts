import { useTranslation } from 'react-i18next';

/**
 * Money on the web pages: cents shown as euros the way the reader's language writes them, and
 * euros typed by a person read back as cents, never guessed. Every amount field goes through
 * parseEuros, every amount shown through formatEuros.
 */

type Language = 'fr' | 'en';

const languageOf = (locale: string): Language => (locale.toLowerCase().startsWith('en') ? 'en' : 'fr');

const currency = { fr: new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }), en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }) };
const plain = {
  fr: new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }),
};

/** « 1 234,50 € » in French, « €1,234.50 » in English. */
export const formatEuros = (cents: number, locale: string): string => currency[languageOf(locale)].format(cents / 100);

/** An amount as a person would type it in an amount field: « 1234,50 », « 1234.50 ». */
export const eurosForTyping = (cents: number, locale: string): string => plain[languageOf(locale)].format(cents / 100);

/** Why what was typed is not an amount: nothing, not a number, more than cents, or thousands that could be read two ways. */
export type EurosError = 'empty' | 'notAnAmount' | 'tooManyDecimals' | 'ambiguous';
export type ParsedEuros = { readonly ok: true; readonly cents: number } | { readonly ok: false; readonly error: EurosError };

const SPACES = /[ \u00a0\u202f]/;
const DECIMAL = { fr: ',', en: '.' } as const;
/** The mark a language groups thousands with besides a space: English writes « 1,234 », French never « 1.234 ». */
const GROUPING = { fr: null, en: ',' } as const;

const refuse = (error: EurosError): ParsedEuros => ({ ok: false, error });

/** Whole euros, grouped by threes after the first group when they are grouped at all. */
function wholeEuros(text: string, separator: RegExp | null): number | EurosError {
  const groups = separator === null ? [text] : text.split(separator);
  if (!groups.every((group) => /^\d+$/.test(group))) return 'notAnAmount';
  if (groups.length > 1 && !(groups[0]!.length <= 3 && groups.slice(1).every((group) => group.length === 3))) return 'ambiguous';
  const euros = Number(groups.join(''));
  return Number.isSafeInteger(euros * 100) ? euros : 'notAnAmount';
}

/**
 * Cents from euros typed in the reader's language: « 1234,50 », « 1 234,50 », « 1234 € » in
 * French, « 1234.50 », « 1,234.50 » in English. A lone mark followed by one or two digits is read
 * as the decimal mark in either language (« 12.50 » in French, « 12,50 » in English). Refused:
 * more than two decimals (« 1,234 » in French), grouping that could be read two ways (« 1.234 » in
 * French, « 12 34 »), and anything else that is not a positive amount.
 */
export function parseEuros(text: string, locale: string): ParsedEuros {
  const language = languageOf(locale);
  const typed = text.trim().replace(/^€\s*/, '').replace(/\s*€$/, '');
  if (typed === '') return refuse('empty');
  if (!/^[\d.,  \u00a0\u202f]+$/.test(typed) || !/^\d/.test(typed) || !/\d$/.test(typed)) return refuse('notAnAmount');
  const decimal = DECIMAL[language];
  const other = decimal === ',' ? '.' : ',';
  const grouping = GROUPING[language];
  let whole = typed;
  let fraction = '';
  const lastDecimal = typed.lastIndexOf(decimal);
  if (lastDecimal >= 0) {
    whole = typed.slice(0, lastDecimal);
    fraction = typed.slice(lastDecimal + 1);
  } else if (typed.split(other).length === 2 && /^\d{1,2}$/.test(typed.slice(typed.indexOf(other) + 1))) {
    // « 12.50 » typed in French, « 12,50 » in English: two digits after a single mark are cents whatever the language.
    whole = typed.slice(0, typed.indexOf(other));
    fraction = typed.slice(typed.indexOf(other) + 1);
  } else if (typed.includes(other) && other !== grouping) {
    // « 1.234 » in French: a thousand grouped the English way, or 1 euro and 234 thousandths.
    return refuse('ambiguous');
  }
  if (!/^\d*$/.test(fraction)) return refuse('notAnAmount');
  if (fraction.length > 2) return refuse('tooManyDecimals');
  // « 1.234,50 » in French groups the German way; spaces and commas mixed in English group two ways at once.
  if (whole.includes(other) && other !== grouping) return refuse('ambiguous');
  if (SPACES.test(whole) && grouping !== null && whole.includes(grouping)) return refuse('ambiguous');
  const separator = SPACES.test(whole) ? /[ \u00a0\u202f]/ : grouping !== null && whole.includes(grouping) ? new RegExp(`\\${grouping}`) : null;
  const euros = wholeEuros(whole, separator);
  if (typeof euros === 'string') return refuse(euros);
  return { ok: true, cents: euros * 100 + Number(fraction.padEnd(2, '0')) };
}

/** formatEuros in the reader's language. */
export function useEuros(): (cents: number) => string {
  const { i18n } = useTranslation();
  return (cents) => formatEuros(cents, i18n.language);
}
