/**
 * The life of a budget's forecast, pure (no I/O, no clock). A budget has one draft at most (which
 * may be proposed) and one validated version at most; the others are superseded. Lines change only
 * in the draft. The first version is validated with its project (the decision presenting it); after
 * that, a revision is a new draft, copied from the validated one with the same line keys, which a
 * decision validates (the previous one superseded) or sends back to draft.
 */

export const VERSION_STATUSES = ['draft', 'proposed', 'validated', 'superseded'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export const BUDGET_STATUSES = ['open', 'closed'] as const;
export type BudgetStatus = (typeof BUDGET_STATUSES)[number];

/** Proofs joined to entries: PDF or images, 5 MB at most (the column's limit, migration 037). */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

export type BudgetRefusal = 'closed' | 'no_draft' | 'not_draft' | 'presented' | 'draft_exists' | 'nothing_validated' | 'validated_with_project' | 'no_line' | 'line_not_in_force';
export type BudgetCheck = { readonly ok: true } | { readonly ok: false; readonly refusal: BudgetRefusal };
const OK: BudgetCheck = { ok: true };
const refuse = (refusal: BudgetRefusal): BudgetCheck => ({ ok: false, refusal });

export interface VersionState {
  readonly id: string;
  readonly number: number;
  readonly status: VersionStatus;
}

/** The version being written or decided: the draft, or the proposed one. */
export const pendingVersion = <V extends VersionState>(versions: readonly V[]): V | null => versions.find((v) => v.status === 'draft' || v.status === 'proposed') ?? null;

/** The forecast in force, against which the actual is read: the validated version, else the draft presented. */
export const versionInForce = <V extends VersionState>(versions: readonly V[]): V | null => versions.find((v) => v.status === 'validated') ?? pendingVersion(versions);

/** No money moves on a closed budget. */
export const mayRecord = (status: BudgetStatus): BudgetCheck => (status === 'closed' ? refuse('closed') : OK);

/**
 * Lines are written in the draft only: a proposed draft waits for its decision, a validated
 * version no longer changes, and the first draft is frozen while its project is presented (the
 * presentation's decision validates it as it stands).
 */
export function mayEditLines(status: BudgetStatus, versions: readonly VersionState[], projectPresented: boolean): BudgetCheck {
  if (status === 'closed') return refuse('closed');
  if (projectPresented) return refuse('presented');
  const pending = pendingVersion(versions);
  if (pending === null) return refuse('no_draft');
  return pending.status === 'draft' ? OK : refuse('not_draft');
}

/** A revision starts from the validated version, while nothing else is being written. */
export function mayDraftRevision(status: BudgetStatus, versions: readonly VersionState[]): BudgetCheck {
  if (status === 'closed') return refuse('closed');
  if (pendingVersion(versions) !== null) return refuse('draft_exists');
  return versions.some((v) => v.status === 'validated') ? OK : refuse('nothing_validated');
}

/**
 * A draft goes to decision once something is validated; before, the first draft is the forecast
 * the project presents and is validated with it. An empty draft proposes nothing.
 */
export function mayPropose(status: BudgetStatus, versions: readonly VersionState[], lineCount: number, projectValidated: boolean): BudgetCheck {
  if (status === 'closed') return refuse('closed');
  const pending = pendingVersion(versions);
  if (pending === null) return refuse('no_draft');
  if (pending.status !== 'draft') return refuse('not_draft');
  if (!projectValidated) return refuse('validated_with_project');
  return lineCount > 0 ? OK : refuse('no_line');
}

export type DecisionStatus = 'adopted' | 'rejected' | 'arbitrated' | 'lapsed';

/** A revision's decision: adopted (or arbitrated so) validates it, anything else sends it back to draft. */
export const versionAfterDecision = (status: DecisionStatus): 'validated' | 'draft' => (status === 'adopted' || status === 'arbitrated' ? 'validated' : 'draft');

/**
 * What the validation of a version changes: it becomes validated, the version validated before
 * (if any) superseded.
 */
export function validation(versions: readonly VersionState[], versionId: string): { readonly validated: string; readonly superseded: string | null } {
  const previous = versions.find((v) => v.status === 'validated' && v.id !== versionId);
  return { validated: versionId, superseded: previous?.id ?? null };
}

/** The number of the next version. */
export const nextNumber = (versions: readonly VersionState[]): number => versions.reduce((max, v) => Math.max(max, v.number), 0) + 1;
