import type { Viewer } from '../common/permissions.js';

/**
 * An accompaniment (seed 002): a shared workspace that serves a group before, during and after a
 * day of cooperation. Who does what in it follows from one word, the viewer's reach.
 */
export const ACCOMPANIMENT_ROLES = ['facilitator', 'participant'] as const;
export type AccompanimentRole = (typeof ACCOMPANIMENT_ROLES)[number];

/**
 * - `facilitator`: runs the space (its members, days, questionnaires, archive and report); a
 *   partnership administrator stands in for one, as for a meeting;
 * - `participant`: answers, shares resources, fills the map and the harvest, sees confidential
 *   resources;
 * - `reader`: any other person of the partnership reads what is not confidential;
 * - `none`: an outsider the space does not name, who gets the same 404 as for a space that does
 *   not exist.
 */
export type AccompanimentReach = 'facilitator' | 'participant' | 'reader' | 'none';

export function accompanimentReach(viewer: Viewer, memberRole: AccompanimentRole | null): AccompanimentReach {
  if (memberRole === 'facilitator') return 'facilitator';
  if (viewer.outsider === true) return memberRole === 'participant' ? 'participant' : 'none';
  if (viewer.isPartnershipAdmin) return 'facilitator';
  return memberRole === 'participant' ? 'participant' : 'reader';
}

/** Answers, shares and writes in the space: its members (and administrators). */
export const mayContribute = (reach: AccompanimentReach): boolean => reach === 'facilitator' || reach === 'participant';

/** Runs the space. */
export const mayFacilitate = (reach: AccompanimentReach): boolean => reach === 'facilitator';

/** Confidential resources stay within the group. */
export const seesConfidential = mayContribute;

/** Once archived, the space is the group's memory: read-only for everyone. */
export function archivedRefusal(archivedAt: Date | null): 'accompaniment.refusal.archived' | null {
  return archivedAt === null ? null : 'accompaniment.refusal.archived';
}
