import type { IsoDate } from '../common/dates.js';

/**
 * A charter's deliverables (seed 000, art. 6: each member answers for the results, deliverables and
 * budget assigned to them), and the outputs its licence article lists, to publish under that
 * licence. Pure: statuses and their moves, what is overdue, which listed outputs are missing.
 */

export const DELIVERABLE_STATUSES = ['planned', 'in_progress', 'delivered', 'published', 'dropped'] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

/** A deliverable still waits on its owner while it is planned or under way. */
export const isOpenDeliverable = (status: DeliverableStatus): boolean => status === 'planned' || status === 'in_progress';

/** An owner's deliverable shows in « À faire pour vous » from this many days before its due day (and after it, until delivered). */
export const DELIVERABLE_DUE_NOTICE_DAYS = 30;

/** Still open after its due day: the due day itself is not late yet. */
export function isOverdue(deliverable: { readonly status: DeliverableStatus; readonly dueOn: IsoDate | null }, today: IsoDate): boolean {
  return isOpenDeliverable(deliverable.status) && deliverable.dueOn !== null && deliverable.dueOn < today;
}

/**
 * Where a deliverable may go from where it is. Its owner moves it along its work (planned, under
 * way, delivered, published) and may step back while it is not published; published is where a
 * deliverable ends. Dropping it, or taking a dropped one up again, is for whoever manages the
 * charter's deliverables (`managerOnly`).
 */
const MOVES: Readonly<Record<DeliverableStatus, readonly DeliverableStatus[]>> = {
  planned: ['in_progress', 'delivered', 'dropped'],
  in_progress: ['planned', 'delivered', 'dropped'],
  delivered: ['in_progress', 'published', 'dropped'],
  published: [],
  dropped: ['planned'],
};

export const canMove = (from: DeliverableStatus, to: DeliverableStatus): boolean => MOVES[from].includes(to);

/** The statuses one may choose from this one, the one it has first (a form shows them all). */
export const nextStatuses = (from: DeliverableStatus): DeliverableStatus[] => [from, ...MOVES[from]];

/** Dropping, or taking a dropped deliverable up again, changes what the team committed to: its managers decide it. */
export const moveIsManagers = (from: DeliverableStatus, to: DeliverableStatus): boolean => to === 'dropped' || from === 'dropped';

/** A licence that keeps every right forbids what « publish » means here: putting it out for others to reuse. */
export const licenceAllowsPublishing = (licence: string): boolean => licence !== 'all_rights_reserved';

/** Titles compare as people read them: case, spaces and apostrophes aside. */
export const sameTitle = (a: string, b: string): boolean => plainTitle(a) === plainTitle(b);
const plainTitle = (title: string) => title.trim().replace(/\s+/g, ' ').replace(/[’']/g, "'").toLocaleLowerCase('fr');

/** The outputs the licence lists that no deliverable of the charter carries yet (by title), once each, in the charter's order. */
export function missingOutputs(outputs: readonly string[], existingTitles: readonly string[]): string[] {
  const missing: string[] = [];
  for (const output of outputs) {
    if (existingTitles.some((title) => sameTitle(title, output)) || missing.some((title) => sameTitle(title, output))) continue;
    missing.push(output);
  }
  return missing;
}

export type OutputState = 'published' | 'due' | 'dropped' | 'missing';

/**
 * Where each output the licence lists stands: published, still due (its deliverable open or
 * delivered, not yet published), dropped, or with no deliverable at all (a version adopted before
 * deliverables existed, or one removed since).
 */
export function outputStates(
  outputs: readonly string[],
  deliverables: readonly { readonly id: string; readonly title: string; readonly status: DeliverableStatus }[],
): { readonly output: string; readonly state: OutputState; readonly deliverableId: string | null }[] {
  return outputs.map((output) => {
    const found = deliverables.find((deliverable) => sameTitle(deliverable.title, output));
    if (!found) return { output, state: 'missing', deliverableId: null };
    const state: OutputState = found.status === 'published' ? 'published' : found.status === 'dropped' ? 'dropped' : 'due';
    return { output, state, deliverableId: found.id };
  });
}
