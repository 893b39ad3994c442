import { FINISHED_STAGES, type ProjectStage } from '../rules.js';

/**
 * When a project's conduct may be written (issue 18, « Conduct of an active project »). Pure: the
 * acts load the project's stage and lead, ask these rules, and answer 409 with the refusal's words.
 */

export const CONDUCT_REFUSALS = ['project_finished', 'indicators_before_action', 'not_under_way', 'no_lead_named', 'objective_has_indicators', 'indicator_measured', 'lead_awaiting_confirmation'] as const;
export type ConductRefusal = (typeof CONDUCT_REFUSALS)[number];

export type ConductCheck = { readonly ok: true } | { readonly ok: false; readonly refusal: ConductRefusal };
const allow: ConductCheck = { ok: true };
const refuse = (refusal: ConductRefusal): ConductCheck => ({ ok: false, refusal });

/** A closed or refused project is a record: nothing of its conduct changes any more. */
export function mayWriteConduct(stage: ProjectStage): ConductCheck {
  return FINISHED_STAGES.has(stage) ? refuse('project_finished') : allow;
}

/**
 * Indicators are set « before the action starts » (the charter's appendix): once the project is
 * validated, and while it is active, not while its evaluation reads them against their targets.
 */
const INDICATOR_STAGES: ReadonlySet<ProjectStage> = new Set(['validated', 'active']);
export function maySetIndicators(stage: ProjectStage): ConductCheck {
  const finished = mayWriteConduct(stage);
  if (!finished.ok) return finished;
  return INDICATOR_STAGES.has(stage) ? allow : refuse('indicators_before_action');
}

/** A measurement reads the action under way: while the project is active, or reports on its period. */
const MEASURED_STAGES: ReadonlySet<ProjectStage> = new Set(['active', 'evaluating']);
export function mayMeasure(stage: ProjectStage): ConductCheck {
  const finished = mayWriteConduct(stage);
  if (!finished.ok) return finished;
  return MEASURED_STAGES.has(stage) ? allow : refuse('not_under_way');
}

/**
 * The mission sheet is the named lead's: it is rewritten once someone has been named (step 8), but
 * not while the confirmers weigh that nomination (still validated with a nominee): they approve the
 * sheet they read.
 */
export function mayWriteMissionSheet(stage: ProjectStage, leadNomineeId: string | null): ConductCheck {
  const finished = mayWriteConduct(stage);
  if (!finished.ok) return finished;
  if (leadNomineeId === null) return refuse('no_lead_named');
  return stage === 'validated' ? refuse('lead_awaiting_confirmation') : allow;
}

/**
 * Moves one item of an ordered list to a place (0 first; beyond the end, last) and returns the
 * new order, so positions stay 0, 1, 2… whatever was asked.
 */
export function moveTo<T>(order: readonly T[], item: T, place: number): T[] {
  const rest = order.filter((candidate) => candidate !== item);
  const at = Math.max(0, Math.min(place, rest.length));
  return [...rest.slice(0, at), item, ...rest.slice(at)];
}
