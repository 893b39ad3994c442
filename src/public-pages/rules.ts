import type { Licence } from '../charters/rules/enums.js';

/**
 * What a partnership publishes reads without signing in only under an open licence (issue 21):
 * every licence of the charter but « all rights reserved ». The public pages name it and link to
 * its deed on creativecommons.org, in the reader's language.
 */
export type OpenLicence = Exclude<Licence, 'all_rights_reserved'>;

export const isOpenLicence = (licence: string): licence is OpenLicence => Object.hasOwn(LICENCE_DEEDS, licence);

/** Each open licence's deed, without the language the deed is read in. */
const LICENCE_DEEDS: Readonly<Record<OpenLicence, { readonly deed: string; readonly shortName: string }>> = {
  'CC-BY-SA-4.0': { deed: 'https://creativecommons.org/licenses/by-sa/4.0/', shortName: 'CC BY-SA 4.0' },
  'CC-BY-4.0': { deed: 'https://creativecommons.org/licenses/by/4.0/', shortName: 'CC BY 4.0' },
  'CC-BY-NC-SA-4.0': { deed: 'https://creativecommons.org/licenses/by-nc-sa/4.0/', shortName: 'CC BY-NC-SA 4.0' },
  'CC0-1.0': { deed: 'https://creativecommons.org/publicdomain/zero/1.0/', shortName: 'CC0 1.0' },
};

/** The licence's deed in French or English (creativecommons.org serves both). */
export const licenceDeedUrl = (licence: OpenLicence, language: 'fr' | 'en'): string => `${LICENCE_DEEDS[licence].deed}deed.${language}`;

/** The licence's name as Creative Commons writes it, the same in every language. */
export const licenceShortName = (licence: OpenLicence): string => LICENCE_DEEDS[licence].shortName;

/**
 * The public web pages, the only pages read without signing in that show a partnership's
 * content; the web app declares its routes from this list and the walk of every public address
 * (test/api/public-pages.test.ts) visits each.
 */
export const PUBLIC_WEB_ROUTES = {
  page: '/public/p/:partnershipId',
  resource: '/public/p/:partnershipId/ressources/:resourceId',
  article: '/public/p/:partnershipId/moisson/:itemId',
} as const;

export const publicWebPath = {
  page: (partnershipId: string) => `/public/p/${partnershipId}`,
  resource: (partnershipId: string, resourceId: string) => `/public/p/${partnershipId}/ressources/${resourceId}`,
  article: (partnershipId: string, itemId: string) => `/public/p/${partnershipId}/moisson/${itemId}`,
};

/** Where a published file is downloaded, for the pages and the feed. */
export const publicFilePath = (partnershipId: string, resourceId: string) => `/api/v1/public/${partnershipId}/resources/${resourceId}/file`;

/** The feed's address. */
export const publicFeedPath = (partnershipId: string) => `/api/v1/public/${partnershipId}/feed.atom`;
