import type { IsoDate } from '../common/dates.js';

export interface HeldTerm {
  readonly personId: string;
  readonly startsOn: IsoDate;
  readonly endsOn: IsoDate | null;
}

/**
 * Which terms a new term of a role ends, and on what day, when the role is held by at most
 * `maxHolders` people at once. `terms` are those overlapping the new one, earliest-begun first.
 * The new holder's own running term ends, then the earliest-begun others, as many as needed. They
 * end the day the new term starts, but never before `today`: a backdated term must not rewrite who
 * held the role (and sat for it above) in the past. A term planned to begin after the new one
 * cannot be ended then: when such terms alone fill the role, the first is `blocking`.
 */
export function termsEndedBy<T extends HeldTerm>(
  terms: readonly T[],
  next: { readonly personId: string; readonly startsOn: IsoDate },
  maxHolders: number,
  today: IsoDate,
): { readonly endsOn: IsoDate; readonly ending: readonly T[]; readonly blocking: T | null } {
  const endsOn = next.startsOn > today ? next.startsOn : today;
  const later = terms.filter((term) => term.startsOn > next.startsOn);
  const running = terms.filter((term) => term.startsOn <= next.startsOn && (term.endsOn === null || term.endsOn > endsOn));
  const own = running.filter((term) => term.personId === next.personId);
  const others = running.filter((term) => term.personId !== next.personId);
  const excess = Math.max(0, others.length + later.length + 1 - maxHolders);
  return { endsOn, ending: [...own, ...others.slice(0, excess)], blocking: later.length + 1 > maxHolders ? later[0]! : null };
}

/**
 * The body whose members fill a role: the body above for a role it appoints (a circle's leader,
 * seed 004: `appointed_by_parent`), else the role's own body; null for a role of the partnership
 * (its administrators fill it). `may.assignRole` is asked about this body.
 */
export function appointingBodyOf(role: { readonly body_id: string | null; readonly appointed_by_parent: boolean; readonly parent_body_id: string | null }): string | null {
  return role.appointed_by_parent ? role.parent_body_id : role.body_id;
}
