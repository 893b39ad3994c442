import type { ProjectRules } from '../charters/rules/types.js';
import type { IsoDate } from '../common/dates.js';

// Days are counted in SQL (make_interval), as for terms: no date arithmetic here.

/**
 * The life of a common project as the partnership charter writes it (seed 001, « Naissance et vie
 * d'un projet commun »). Pure: the acts load the state, ask these rules, and write what they allow.
 */

export const PROJECT_STAGES = ['idea', 'formalized', 'presented', 'validated', 'active', 'evaluating', 'closed', 'refused'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

/** The nine steps, in the charter's order. Each is taken once, by whom the charter says. */
export const PROJECT_STEPS = ['idea', 'formalized', 'presented', 'validated', 'carriers_told', 'working_group', 'referents', 'lead_named', 'lead_confirmed'] as const;
export type ProjectStep = (typeof PROJECT_STEPS)[number];

export const PROJECT_ORIGINS = ['informal_meeting', 'board', 'team', 'body', 'public', 'other'] as const;
export type ProjectOrigin = (typeof PROJECT_ORIGINS)[number];

export const EVALUATION_OUTCOMES = ['renew', 'adjust', 'close'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

export const MEANS_KINDS = ['room', 'equipment', 'staff_time', 'volunteer_time', 'speaker', 'other'] as const;
export type MeansKind = (typeof MEANS_KINDS)[number];

/** Stages in which the project is still being born: its carriers may still rewrite it. */
const BEFORE_PRESENTATION: ReadonlySet<ProjectStage> = new Set(['idea', 'formalized']);
/** Stages of a project that is over, one way or another: nothing moves it any more. */
export const FINISHED_STAGES: ReadonlySet<ProjectStage> = new Set(['closed', 'refused']);

/** The steps this charter asks for: no referents step when it asks none, no confirmation when nobody confirms. */
export function stepsOf(rules: ProjectRules): ProjectStep[] {
  return PROJECT_STEPS.filter((step) => (step !== 'referents' || rules.referentsPerOrganization > 0) && (step !== 'lead_confirmed' || rules.leadConfirmedBy !== null));
}

/** What the acts know of a project when they ask whether a step may be taken. */
export interface ProjectState {
  readonly stage: ProjectStage;
  readonly done: ReadonlySet<ProjectStep>;
  readonly participatingOrganizationIds: readonly string[];
  /** Referents in force in the working group, by the organization they represent. */
  readonly referents: ReadonlyMap<string, number>;
  readonly leadNomineeId: string | null;
  /** Who has approved the current nominee, among those the charter asks. */
  readonly leadApprovals: ReadonlySet<string>;
}

export const PROJECT_REFUSALS = [
  'project_finished',
  'already_presented',
  'not_formalized',
  'not_presented',
  'not_validated',
  'already_told',
  'no_working_group',
  'organization_not_participating',
  'referent_already_named',
  'no_referents_asked',
  'lead_already_confirmed',
  'no_nominee',
  'no_confirmation_asked',
  'already_approved',
  'not_active',
  'evaluation_pending',
  'not_evaluating',
  'no_participating_organization',
] as const;
export type ProjectRefusal = (typeof PROJECT_REFUSALS)[number];

export type Check = { readonly ok: true } | { readonly ok: false; readonly refusal: ProjectRefusal };
const allow: Check = { ok: true };
const refuse = (refusal: ProjectRefusal): Check => ({ ok: false, refusal });
const finished = (state: ProjectState): Check | undefined => (FINISHED_STAGES.has(state.stage) ? refuse('project_finished') : undefined);

/** Steps 1 and 2: the carriers write and rewrite the idea, its needs and their analysis, until it is presented. */
export function mayRewrite(state: ProjectState): Check {
  return finished(state) ?? (BEFORE_PRESENTATION.has(state.stage) ? allow : refuse('already_presented'));
}

/** Step 3: a formalized project goes to the validating body, with the houses that would take part. */
export function mayPresent(state: ProjectState): Check {
  if (state.stage === 'idea') return refuse('not_formalized');
  const rewrite = mayRewrite(state);
  if (!rewrite.ok) return rewrite;
  return state.participatingOrganizationIds.length === 0 ? refuse('no_participating_organization') : allow;
}

/** Step 5: once validated, the validating body tells the carriers, with its recommendations. */
export function mayTellCarriers(state: ProjectState): Check {
  return finished(state) ?? (!state.done.has('validated') ? refuse('not_validated') : state.done.has('carriers_told') ? refuse('already_told') : allow);
}

/** Step 7: each participating organization names its referents into the working group. */
export function mayNameReferent(state: ProjectState, rules: ProjectRules, organizationId: string): Check {
  const blocked = finished(state);
  if (blocked) return blocked;
  if (rules.referentsPerOrganization === 0) return refuse('no_referents_asked');
  if (!state.done.has('working_group')) return refuse('no_working_group');
  if (!state.participatingOrganizationIds.includes(organizationId)) return refuse('organization_not_participating');
  return (state.referents.get(organizationId) ?? 0) >= rules.referentsPerOrganization ? refuse('referent_already_named') : allow;
}

/** Whether every participating organization has named the referents the charter asks. */
export function referentsComplete(state: Pick<ProjectState, 'participatingOrganizationIds' | 'referents'>, rules: ProjectRules): boolean {
  return state.participatingOrganizationIds.every((id) => (state.referents.get(id) ?? 0) >= rules.referentsPerOrganization);
}

/** Step 8: the body the charter names (else the validating body) names the lead, once the working group exists, until confirmed. */
export function mayNameLead(state: ProjectState): Check {
  const blocked = finished(state);
  if (blocked) return blocked;
  if (!state.done.has('working_group')) return refuse('no_working_group');
  return state.done.has('lead_confirmed') ? refuse('lead_already_confirmed') : allow;
}

/** Step 9: each of those who confirm (the co-presidents) approves the nominee. */
export function mayApproveLead(state: ProjectState, rules: ProjectRules, approverId: string): Check {
  const blocked = finished(state);
  if (blocked) return blocked;
  if (rules.leadConfirmedBy === null) return refuse('no_confirmation_asked');
  if (state.done.has('lead_confirmed')) return refuse('lead_already_confirmed');
  if (state.leadNomineeId === null || !state.done.has('lead_named')) return refuse('no_nominee');
  return state.leadApprovals.has(approverId) ? refuse('already_approved') : allow;
}

/**
 * Whether the approvals now given confirm the nominee: all of those who confirm, as the charter's
 * plural says (« les co-présidents valident »). With nobody to ask (a role nobody holds), nobody
 * can confirm: the compliance view says so rather than let the lead start unconfirmed.
 */
export function leadConfirmed(approvals: ReadonlySet<string>, confirmers: readonly string[]): boolean {
  return confirmers.length > 0 && confirmers.every((id) => approvals.has(id));
}

/** The evaluation: the working group reports on an active project, which waits for the decision to renew, adjust or close. */
export function mayReportEvaluation(state: ProjectState): Check {
  const blocked = finished(state);
  if (blocked) return blocked;
  if (state.stage === 'evaluating') return refuse('evaluation_pending');
  return state.stage === 'active' ? allow : refuse('not_active');
}

/** Where a decision on the project's presentation leaves it: validated when adopted or arbitrated, refused otherwise. */
export function stageAfterPresentation(status: 'adopted' | 'arbitrated' | 'rejected' | 'lapsed'): ProjectStage {
  return status === 'adopted' || status === 'arbitrated' ? 'validated' : 'refused';
}

/** Where a decision on an evaluation leaves the project: the proposed outcome if the body adopted it, else active as before. */
export function stageAfterEvaluation(status: 'adopted' | 'arbitrated' | 'rejected' | 'lapsed', proposed: EvaluationOutcome): ProjectStage {
  const adopted = status === 'adopted' || status === 'arbitrated';
  return adopted && proposed === 'close' ? 'closed' : 'active';
}

/** The stage a validated project reaches once its lead is in place: active. */
export function stageAfterLead(state: Pick<ProjectState, 'stage'>): ProjectStage {
  return state.stage === 'validated' ? 'active' : state.stage;
}

/** Who a step waits on, as the charter names them; the query layer gives them names. */
export type Awaited =
  | { readonly kind: 'carriers' }
  | { readonly kind: 'decision' }
  | { readonly kind: 'validating_body' }
  | { readonly kind: 'organization'; readonly organizationId: string }
  | { readonly kind: 'lead_namer' }
  | { readonly kind: 'confirmers'; readonly personIds: readonly string[] }
  | { readonly kind: 'working_group' };

export interface Expected {
  readonly step: ProjectStep | 'evaluation' | 'evaluation_decision';
  readonly from: Awaited;
}

/**
 * What the project expects next and from whom: one entry per thing that waits, since after its
 * validation several steps (telling the carriers, naming referents, naming the lead) run side by side.
 */
export function expectedNext(state: ProjectState, rules: ProjectRules, confirmers: readonly string[]): Expected[] {
  switch (state.stage) {
    case 'idea':
      return [{ step: 'formalized', from: { kind: 'carriers' } }];
    case 'formalized':
      return [{ step: 'presented', from: { kind: 'carriers' } }];
    case 'presented':
      return [{ step: 'validated', from: { kind: 'decision' } }];
    case 'closed':
    case 'refused':
      return [];
    case 'evaluating':
      return [{ step: 'evaluation_decision', from: { kind: 'decision' } }];
    case 'validated':
    case 'active': {
      const expected: Expected[] = [];
      if (!state.done.has('carriers_told')) expected.push({ step: 'carriers_told', from: { kind: 'validating_body' } });
      if (rules.referentsPerOrganization > 0) {
        for (const organizationId of state.participatingOrganizationIds) {
          if ((state.referents.get(organizationId) ?? 0) < rules.referentsPerOrganization) expected.push({ step: 'referents', from: { kind: 'organization', organizationId } });
        }
      }
      if (!state.done.has('lead_named')) expected.push({ step: 'lead_named', from: { kind: 'lead_namer' } });
      else if (rules.leadConfirmedBy !== null && !state.done.has('lead_confirmed')) {
        expected.push({ step: 'lead_confirmed', from: { kind: 'confirmers', personIds: confirmers.filter((id) => !state.leadApprovals.has(id)) } });
      }
      if (state.stage === 'active' && expected.length === 0) expected.push({ step: 'evaluation', from: { kind: 'working_group' } });
      return expected;
    }
  }
}

/** An objective as written: Entente points out the SMART letters it lacks, as a hint, never a refusal. */
export interface ObjectiveDraft {
  readonly statement: string;
  readonly metric: string;
  readonly target: string;
  readonly deadline: IsoDate | null;
  readonly ownerId: string | null;
}

export const SMART_GAPS = ['specific', 'measurable', 'in_action', 'time_bound'] as const;
export type SmartGap = (typeof SMART_GAPS)[number];

/** A statement of fewer words than this says too little to tell what will be done. */
const SPECIFIC_MIN_WORDS = 4;

export function smartGaps(objective: ObjectiveDraft): SmartGap[] {
  const gaps: SmartGap[] = [];
  if (objective.statement.trim().split(/\s+/u).filter(Boolean).length < SPECIFIC_MIN_WORDS) gaps.push('specific');
  if (objective.metric.trim() === '' || objective.target.trim() === '') gaps.push('measurable');
  if (objective.ownerId === null) gaps.push('in_action');
  if (objective.deadline === null) gaps.push('time_bound');
  return gaps;
}

/** One reading of an indicator: by organization (registrations per house) or for the whole project (null). */
export interface Measurement {
  readonly measuredOn: IsoDate;
  readonly value: number;
  readonly organizationId: string | null;
}

/**
 * Where an indicator stands: each series' latest reading (one per organization, one for the whole
 * project), added up, against its target. Readings are counts so far, so an older one is superseded.
 */
export function indicatorProgress(target: number, measurements: readonly Measurement[]): { readonly value: number | null; readonly percent: number | null } {
  const latest = new Map<string | null, Measurement>();
  for (const reading of measurements) {
    const seen = latest.get(reading.organizationId);
    if (seen === undefined || seen.measuredOn < reading.measuredOn) latest.set(reading.organizationId, reading);
  }
  if (latest.size === 0) return { value: null, percent: null };
  const value = [...latest.values()].reduce((sum, reading) => sum + reading.value, 0);
  return { value, percent: target > 0 ? Math.round((value * 100) / target) : null };
}

/** A title cut to `room` characters at most, its end marked « … », for a name or a text that has a length limit. */
export function titleWithin(title: string, room: number): string {
  if (title.length <= room) return title;
  // A character outside the basic plane takes two code units: never keep half of one.
  const cut = title.slice(0, Math.max(0, room - 1)).replace(/[\uD800-\uDBFF]$/u, '');
  return `${cut.trimEnd()}…`;
}

/**
 * The context of a proposal Entente opens for a project: its texts one after the other, cut to the
 * `max` characters a proposal's context may have, the cut then followed by `rest` (where to read on).
 */
export function contextWithin(parts: readonly string[], max: number, rest: string): string {
  const whole = parts.filter((part) => part !== '').join('\n\n');
  if (whole.length <= max) return whole;
  return `${titleWithin(whole, max - rest.length - 2)}\n\n${rest}`;
}
