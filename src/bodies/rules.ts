import { isCurrent, type IsoDate } from '../common/dates.js';
import type { CompositionRule, OrganizationRef, Seat } from '../common/structure.js';

export const COMPOSITION_GAP_CODES = ['delegates_missing', 'delegates_excess', 'referents_missing', 'too_few_members', 'too_many_members'] as const;

/** Where a body departs from its composition rule today. */
export type CompositionGap =
  | { readonly code: 'delegates_missing' | 'delegates_excess'; readonly organizationId: string; readonly actual: number; readonly expected: number }
  | { readonly code: 'referents_missing'; readonly organizationId: string; readonly actual: number; readonly expected: number }
  | { readonly code: 'too_few_members'; readonly actual: number; readonly expected: number }
  | { readonly code: 'too_many_members'; readonly actual: number; readonly expected: number };

function countBy(seats: readonly Seat[], capacity: Seat['capacity']): Map<string, number> {
  const counts = new Map<string, number>();
  for (const seat of seats) {
    if (seat.capacity !== capacity || seat.organizationId === null) continue;
    counts.set(seat.organizationId, (counts.get(seat.organizationId) ?? 0) + 1);
  }
  return counts;
}

/**
 * Compares the seats held today with the rule, for every member organization, in the
 * organizations' order. Size counts distinct people, as one person holds at most one open seat.
 */
export function checkComposition(
  rule: CompositionRule,
  seats: readonly Seat[],
  organizations: readonly OrganizationRef[],
  today: IsoDate,
): CompositionGap[] {
  const current = seats.filter((seat) => isCurrent(seat, today));
  const gaps: CompositionGap[] = [];

  if (rule.delegatesPerOrganization !== null) {
    const expected = rule.delegatesPerOrganization;
    const delegates = countBy(current, 'delegate');
    for (const organization of organizations) {
      const actual = delegates.get(organization.id) ?? 0;
      if (actual < expected) gaps.push({ code: 'delegates_missing', organizationId: organization.id, actual, expected });
      if (actual > expected) gaps.push({ code: 'delegates_excess', organizationId: organization.id, actual, expected });
    }
  }

  if (rule.minReferentsPerOrganization !== null) {
    const expected = rule.minReferentsPerOrganization;
    const referents = countBy(current, 'referent');
    for (const organization of organizations) {
      const actual = referents.get(organization.id) ?? 0;
      if (actual < expected) gaps.push({ code: 'referents_missing', organizationId: organization.id, actual, expected });
    }
  }

  const size = new Set(current.map((seat) => seat.personId)).size;
  if (rule.minSize !== null && size < rule.minSize) gaps.push({ code: 'too_few_members', actual: size, expected: rule.minSize });
  if (rule.maxSize !== null && size > rule.maxSize) gaps.push({ code: 'too_many_members', actual: size, expected: rule.maxSize });
  return gaps;
}

/**
 * The organizations the partnership's bodies are composed of: all but those that only carry a
 * project team (seed 000's association), whose every seat held today is in the team of a project
 * charter. Such an organization is no house of the partnership's bodies: it owes them no delegate
 * nor referent. An organization with no seat yet is a house still owing its delegates.
 */
export function housesOfComposition<Organization extends OrganizationRef>(
  organizations: readonly Organization[],
  currentSeats: readonly { readonly bodyId: string; readonly organizationId: string | null }[],
  projectTeamBodyIds: ReadonlySet<string>,
): Organization[] {
  const carriers = new Set<string>();
  const houses = new Set<string>();
  for (const seat of currentSeats) {
    if (seat.organizationId === null) continue;
    (projectTeamBodyIds.has(seat.bodyId) ? carriers : houses).add(seat.organizationId);
  }
  return organizations.filter((organization) => !carriers.has(organization.id) || houses.has(organization.id));
}
