import { arbitratorRule, findDecisionRule } from '../charters/rules/check.js';
import { DECISION_METHODS } from '../charters/rules/enums.js';
import type { CharterRules, DecisionLevel, DecisionMethod, DecisionRule, SilenceRule } from '../charters/rules/types.js';

/**
 * How a body decides, as a state machine the facilitator drives: the phases of each method, the
 * stances a member may take in a round, what a closed round gives, and where a blocked matter
 * goes. Pure: the services load the state, call these functions, and store what they return.
 */

export const PHASES: Readonly<Record<DecisionMethod, readonly Phase[]>> = {
  // Seed 001: clarify, everyone speaks, objections are heard, amendments, then the round table.
  consensus: ['clarification', 'expression', 'objections', 'round'],
  // Sociocracy: presentation, clarifying questions, reactions, then the consent round.
  consent: ['presentation', 'questions', 'reactions', 'round'],
  advice: ['advice'],
  majority: ['discussion', 'round'],
  lead_decides: ['decision'],
};

export const PHASE_NAMES = ['clarification', 'expression', 'objections', 'presentation', 'questions', 'reactions', 'discussion', 'advice', 'round', 'amendment', 'decision'] as const;
export type Phase = (typeof PHASE_NAMES)[number];

export const STANCES: Readonly<Record<DecisionMethod, readonly Stance[]>> = {
  consensus: ['agree', 'agree_with_reservation', 'object'],
  consent: ['consent', 'object'],
  advice: ['advice'],
  majority: ['for', 'against', 'abstain'],
  lead_decides: [],
};

export const STANCE_VALUES = ['agree', 'agree_with_reservation', 'object', 'consent', 'advice', 'for', 'against', 'abstain'] as const;
export type Stance = (typeof STANCE_VALUES)[number];

/** Where a proposal stands: open, or settled one way. */
export const PROPOSAL_STATUSES = ['open', 'adopted', 'rejected', 'arbitrated', 'lapsed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Who decides: the body the charter routed the matter to, or, once it was blocked there, the arbitrating body. */
export const PROPOSAL_STAGES = ['decision', 'arbitration'] as const;
export type ProposalStage = (typeof PROPOSAL_STAGES)[number];

/** Stances that must say why: an objection is only heard with its reason, a reservation is kept as dissent. */
export const STANCES_WITH_REASON: ReadonlySet<Stance> = new Set(['object', 'agree_with_reservation', 'advice']);

export type Refusal =
  | 'not_in_this_phase'
  | 'stance_not_allowed'
  | 'reason_required'
  | 'not_a_member'
  | 'already_decided'
  | 'no_next_phase'
  | 'round_not_open'
  | 'proxy_other_organization'
  | 'proxy_to_self';

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: Refusal };
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const refuse = <T>(refusal: Refusal): Result<T> => ({ ok: false, refusal });

/** Where the body's decision stands. The method and rules come from the charter row that routed the matter. */
export interface ProcessState {
  readonly method: DecisionMethod;
  readonly phase: Phase;
  /** 1 for the first round; each amendment after objections opens the next. */
  readonly round: number;
  readonly maxRounds: number | null;
  readonly quorumPercent: number | null;
  readonly decided: boolean;
}

/** The state of a stored proposal, from the charter row copied onto it. */
export function processStateOf(rule: Pick<DecisionRule, 'method' | 'maxRounds' | 'quorumPercent'>, row: { readonly phase: string; readonly round: number; readonly status: string }): ProcessState {
  return { method: rule.method, phase: row.phase as Phase, round: row.round, maxRounds: rule.maxRounds, quorumPercent: rule.quorumPercent, decided: row.status !== 'open' };
}

export function startProcess(rule: Pick<DecisionRule, 'method' | 'maxRounds' | 'quorumPercent'>): ProcessState {
  return { method: rule.method, phase: PHASES[rule.method][0]!, round: 1, maxRounds: rule.maxRounds, quorumPercent: rule.quorumPercent, decided: false };
}

/** The facilitator moves to the next phase; amendment leads back to the round. */
export function nextPhase(state: ProcessState): Result<ProcessState> {
  if (state.decided) return refuse('already_decided');
  if (state.phase === 'amendment') return ok({ ...state, phase: 'round', round: state.round + 1 });
  const phases = PHASES[state.method];
  const index = phases.indexOf(state.phase);
  if (index < 0 || index === phases.length - 1) return refuse('no_next_phase');
  return ok({ ...state, phase: phases[index + 1]! });
}

export interface StanceInput {
  readonly stance: Stance;
  readonly reason: string;
}

/** Whether a member may take this stance now; the services check membership, this checks the process. */
export function checkStance(state: ProcessState, input: StanceInput): Result<StanceInput> {
  if (state.decided) return refuse('already_decided');
  const collecting = state.method === 'advice' ? state.phase === 'advice' : state.phase === 'round';
  if (!collecting) return refuse('round_not_open');
  if (!STANCES[state.method].includes(input.stance)) return refuse('stance_not_allowed');
  if (STANCES_WITH_REASON.has(input.stance) && input.reason.trim() === '') return refuse('reason_required');
  return ok(input);
}

/**
 * The "method:phase" pairs of an open proposal in which this stance would be accepted. The
 * stance service hands them to the database, which checks the proposal against them under its
 * lock, so the rule stays here and the check sees the proposal as it is at that instant.
 */
export function stanceOpenings(input: StanceInput): string[] {
  return DECISION_METHODS.flatMap((method) =>
    PHASES[method]
      .filter((phase) => checkStance({ method, phase, round: 1, maxRounds: null, quorumPercent: null, decided: false }, input).ok)
      .map((phase) => `${method}:${phase}`),
  );
}

/**
 * A member may hand their voice on one proposal to another member of the same organization;
 * both are members of the deciding body, which the services check.
 */
export function checkProxy(giver: { personId: string; organizationIds: readonly string[] }, holder: { personId: string; organizationIds: readonly string[] }): Result<null> {
  if (giver.personId === holder.personId) return refuse('proxy_to_self');
  if (!giver.organizationIds.some((id) => holder.organizationIds.includes(id))) return refuse('proxy_other_organization');
  return ok(null);
}

/** How a closed round ends: decided, back to amendment for another round, blocked, or not closed at all. */
export const CLOSING_OUTCOMES = ['adopted', 'rejected', 'amend', 'blocked', 'stays_open'] as const;
export type ClosingOutcome = (typeof CLOSING_OUTCOMES)[number];

/** Why it ends so, for the page, the journal and the mails to say. */
export const CLOSING_REASONS = ['noObjection', 'objections', 'quorumNotReached', 'majorityFor', 'majorityNotFor', 'silenceBlocks'] as const;
export type ClosingReason = (typeof CLOSING_REASONS)[number];

/** What the silent members counted as in this closing. */
export const SILENCE_COUNTS = ['consent', 'absent', 'blocking'] as const;
export type SilenceCount = (typeof SILENCE_COUNTS)[number];

/** The round table as it stands: who sits in the body, and the stance each member took (others are ignored). */
export interface RoundVoices {
  readonly members: readonly string[];
  readonly stances: ReadonlyMap<string, Stance>;
}

export interface SilenceCounting {
  /** What the charter row says a silent member counts as. */
  readonly silence: SilenceRule;
  /** Whether the round's time is up: its deadline has passed, or it has none. */
  readonly deadlinePassed: boolean;
}

export interface RoundClosing {
  readonly outcome: ClosingOutcome;
  readonly reason: ClosingReason;
  readonly silence: SilenceRule;
  readonly silentCountedAs: SilenceCount;
  /** Members who have not spoken, in the order of the members given. */
  readonly silent: readonly string[];
  readonly members: number;
  /** Members who took a stance, themselves or through a proxy. */
  readonly expressed: number;
  /** Voices the quorum counts: those expressed, and silent members taken as consenting. */
  readonly counted: number;
  /** Voices the quorum needs. */
  readonly needed: number;
  /** The stances expressed; tacit consent is not among them. */
  readonly counts: Readonly<Partial<Record<Stance, number>>>;
}

/**
 * The voices the quorum needs. Without a quorum in the charter, consensus and consent need every
 * member's voice, as a round table does, and a vote needs more than half of the members.
 */
export function quorumNeeded(state: Pick<ProcessState, 'method' | 'quorumPercent'>, members: number): number {
  const needed = state.quorumPercent === null ? (state.method === 'majority' ? Math.floor(members / 2) + 1 : members) : Math.ceil((state.quorumPercent * members) / 100);
  return Math.max(1, needed);
}

/**
 * What silence counts as now. Tacit consent comes once the round's time is up: closed before its
 * deadline, a silent member still had time to speak, and counts as absent.
 */
function silentCount({ silence, deadlinePassed }: SilenceCounting): SilenceCount {
  if (silence === 'blocks') return 'blocking';
  return silence === 'consents' && deadlinePassed ? 'consent' : 'absent';
}

/**
 * What closing the round gives, with silence counted as the charter says, and why: the quorum
 * first (a missing quorum is never called an objection), then the vote or the objections.
 * Blocked only at the charter's last round; before it, the proposal goes back to amendment.
 */
export function closeRound(state: ProcessState, counting: SilenceCounting, voices: RoundVoices): Result<RoundClosing> {
  if (state.decided) return refuse('already_decided');
  if (state.phase !== 'round') return refuse('round_not_open');
  const counts: Partial<Record<Stance, number>> = {};
  const silent: string[] = [];
  for (const member of voices.members) {
    const stance = voices.stances.get(member);
    if (stance === undefined) silent.push(member);
    else counts[stance] = (counts[stance] ?? 0) + 1;
  }
  const members = voices.members.length;
  const expressed = members - silent.length;
  const silentCountedAs = silentCount(counting);
  const counted = expressed + (silentCountedAs === 'consent' ? silent.length : 0);
  const needed = quorumNeeded(state, members);
  const closing = (outcome: ClosingOutcome, reason: ClosingReason): RoundClosing => ({
    outcome,
    reason,
    silence: counting.silence,
    silentCountedAs,
    silent,
    members,
    expressed,
    counted,
    needed,
    counts,
  });
  if (silentCountedAs === 'blocking' && silent.length > 0) return ok(closing('stays_open', 'silenceBlocks'));
  const notSettled = state.maxRounds === null || state.round < state.maxRounds ? 'amend' : 'blocked';
  if (members === 0 || counted < needed) return ok(closing(notSettled, 'quorumNotReached'));
  if (state.method === 'majority') return ok((counts.for ?? 0) > (counts.against ?? 0) ? closing('adopted', 'majorityFor') : closing('rejected', 'majorityNotFor'));
  if ((counts.object ?? 0) === 0) return ok(closing('adopted', 'noObjection'));
  return ok(closing(notSettled, 'objections'));
}

/** What a proposal keeps, and its journal entry records, of how its last round ended. */
export type ClosingRecord = RoundClosing & { readonly bodyId: string; readonly round: number };

export function closingRecord(closing: RoundClosing, bodyId: string, round: number): ClosingRecord {
  return { ...closing, bodyId, round };
}

/** The state once a round ended in an amendment: the facilitator rewrites, then opens the next round. */
export function amending(state: ProcessState): ProcessState {
  return { ...state, phase: 'amendment' };
}

/**
 * Where a blocked matter goes: the arbitrating body, deciding by the method of its own row of the
 * matrix, or nowhere. The matter stays what it was: its topic is the blocked row's, and the
 * decision is told to every body the blocked row names, to the blocked body itself (seed 001: the
 * directors tell the steering committee what bears on its choices) and to those the arbitrating
 * body's row names. That row may be about another topic when the body has no general row.
 */
export type Escalation =
  | { readonly kind: 'arbitration'; readonly bodyId: string; readonly rule: DecisionRule }
  | { readonly kind: 'lapse' };

export function escalate(rules: CharterRules, blocked: DecisionRule, level: DecisionLevel, topic: string): Escalation {
  if (blocked.onBlock.kind === 'lapse' || blocked.onBlock.bodyId === null) return { kind: 'lapse' };
  const arbitratorId = blocked.onBlock.bodyId;
  const arbitratorRow = arbitratorRule(rules.decisionMatrix, arbitratorId, level, topic);
  // The rules check refuses a charter whose arbitrating body has no row; an older version may still lack one.
  if (arbitratorRow === undefined) return { kind: 'lapse' };
  const informed = [...blocked.informBodyIds, ...(blocked.bodyId === null ? [] : [blocked.bodyId]), ...arbitratorRow.informBodyIds];
  const informBodyIds = [...new Set(informed)].filter((id) => id !== arbitratorId);
  return { kind: 'arbitration', bodyId: arbitratorId, rule: { ...arbitratorRow, topic: blocked.topic, informBodyIds } };
}

/**
 * The row of the charter in force that decides a matter, if any. The new-proposal form runs it
 * on the matrix it is shown, so the line saying where a proposal will go is the server's answer.
 */
export function routeDecision<Row extends Pick<DecisionRule, 'level' | 'topic' | 'bodyId'>>(rules: { readonly decisionMatrix: readonly Row[] }, level: DecisionLevel, topic: string): Row | undefined {
  const rule = findDecisionRule(rules.decisionMatrix, level, topic.trim());
  return rule?.bodyId ? rule : undefined;
}

/**
 * A proposal made under a project charter (its scope: the project and its team) is routed by
 * that charter's matrix; a matter the matrix has no row for goes by the partnership charter's, if
 * one is in force. Without a scope, the partnership charter alone routes. `from` says which
 * charter routed, the one the proposal keeps (its charter version).
 */
export function routeInScope<Row extends Pick<DecisionRule, 'level' | 'topic' | 'bodyId'>>(
  scope: { readonly decisionMatrix: readonly Row[] } | null,
  partnership: { readonly decisionMatrix: readonly Row[] } | null,
  level: DecisionLevel,
  topic: string,
): { readonly from: 'scope' | 'partnership'; readonly rule: Row } | undefined {
  const own = scope === null ? undefined : routeDecision(scope, level, topic);
  if (own) return { from: 'scope', rule: own };
  const general = partnership === null ? undefined : routeDecision(partnership, level, topic);
  return general && { from: 'partnership', rule: general };
}

/** Where a new proposal will go, as the form says it before it is sent. */
export type Destination =
  | { readonly kind: 'no_charter' }
  | { readonly kind: 'no_body' }
  | { readonly kind: 'body'; readonly bodyName: string; readonly method: DecisionMethod; readonly article: number | null; readonly byPartnership?: boolean };

/** The charter in force's matrix, as the server gives it to the new-proposal form. */
export interface MatrixInForce {
  readonly charter: { readonly article: number | null } | null;
  readonly decisionMatrix: readonly Pick<DecisionRule, 'level' | 'topic' | 'bodyId' | 'method'>[];
  readonly bodies: readonly { readonly id: string; readonly name: string }[];
  /** Under a project charter: the partnership charter in force, which routes what the project's matrix has no row for. */
  readonly fallback?: { readonly charter: { readonly article: number | null }; readonly decisionMatrix: MatrixInForce['decisionMatrix'] } | null;
}

export function destinationOf(inForce: MatrixInForce, level: DecisionLevel, topic: string): Destination {
  if (inForce.charter === null) return { kind: 'no_charter' };
  const fallback = inForce.fallback ?? null;
  const routed = routeInScope(inForce, fallback, level, topic);
  const body = routed && inForce.bodies.find((candidate) => candidate.id === routed.rule.bodyId);
  if (!routed || !body) return { kind: 'no_body' };
  const article = routed.from === 'scope' ? inForce.charter.article : fallback!.charter.article;
  return { kind: 'body', bodyName: body.name, method: routed.rule.method, article, ...(routed.from === 'partnership' && { byPartnership: true }) };
}

/** The topics the matrix names for a level, in the charter's order: a proposal's subject is one of them, or any other (the level's general row). */
export function matrixTopics(matrix: readonly Pick<DecisionRule, 'level' | 'topic'>[], level: DecisionLevel): string[] {
  return matrix.filter((row) => row.level === level && row.topic !== '').map((row) => row.topic);
}

/**
 * The agreement an adopted decision met, for the register of agreements and disagreements (seed
 * 003): arbitrated when another body settled it; after objections when one was heard in any round
 * (and integrated, since it passed); by majority when a vote had votes against; with reservations
 * when someone agreed with one; decided by its lead for the advice and lead methods, which seek
 * no agreement; else unanimous. A rejected or lapsed proposal met none.
 */
export const AGREEMENTS = ['unanimous', 'with_reservations', 'after_objections', 'by_majority', 'by_lead', 'arbitrated'] as const;
export type Agreement = (typeof AGREEMENTS)[number];

export function agreementOf(status: string, method: DecisionMethod, stancesHeard: readonly Stance[]): Agreement | null {
  if (status === 'arbitrated') return 'arbitrated';
  if (status !== 'adopted') return null;
  if (stancesHeard.includes('object')) return 'after_objections';
  if (stancesHeard.includes('against')) return 'by_majority';
  if (stancesHeard.includes('agree_with_reservation')) return 'with_reservations';
  return method === 'advice' || method === 'lead_decides' ? 'by_lead' : 'unanimous';
}

/** The stances the register of agreements and disagreements keeps: dissent, with its reasons. */
export const STANCES_OF_DISSENT: readonly Stance[] = ['agree_with_reservation', 'object', 'against'];
