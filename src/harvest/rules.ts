import type { Licence } from '../charters/rules/enums.js';

/**
 * The harvest of an accompaniment (« la moisson », seed 000; seed 003's « partager ce qui
 * fonctionne et ce qui ne fonctionne pas »): nuggets, what worked, and pebbles, what did not, each
 * tied to a day of the space or a stage of its project, with its author. A facilitator may ask the
 * author to publish one as an experience article; only the author's consent publishes it, under
 * the space's licence, and only an open one.
 */
export const HARVEST_KINDS = ['nugget', 'pebble'] as const;
export type HarvestKind = (typeof HARVEST_KINDS)[number];

export const PUBLICATION_STATES = ['private', 'asked', 'published'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** A licence others may reuse under: anything but « tous droits réservés ». */
export const isOpenLicence = (licence: Licence): boolean => licence !== 'all_rights_reserved';

export type HarvestRefusal = 'harvest.refusal.closedLicence' | 'harvest.refusal.noAuthor' | 'harvest.refusal.alreadyAsked' | 'harvest.refusal.alreadyPublished' | 'harvest.refusal.notAsked';

export interface HarvestItemState {
  readonly publication: PublicationState;
  readonly authorId: string | null;
}

/** Why a facilitator may not ask this item's author to publish it, else null. */
export function publicationAskRefusal(item: HarvestItemState, licence: Licence): HarvestRefusal | null {
  if (item.publication === 'published') return 'harvest.refusal.alreadyPublished';
  if (item.publication === 'asked') return 'harvest.refusal.alreadyAsked';
  if (item.authorId === null) return 'harvest.refusal.noAuthor';
  if (!isOpenLicence(licence)) return 'harvest.refusal.closedLicence';
  return null;
}

/** Why its author may not answer now (a consent is refused under a closed licence; a refusal never is), else null. */
export function publicationAnswerRefusal(item: HarvestItemState, licence: Licence, consents: boolean): HarvestRefusal | null {
  if (item.publication === 'published') return 'harvest.refusal.alreadyPublished';
  if (item.publication !== 'asked') return 'harvest.refusal.notAsked';
  if (consents && !isOpenLicence(licence)) return 'harvest.refusal.closedLicence';
  return null;
}
