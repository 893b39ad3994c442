/**
 * A sociocratic election without candidates, as a state machine the facilitator drives (seeds 000
 * and 004): every member nominates someone, themself included, with a reason, unseen by the others;
 * the nominations are revealed and each reason heard; members may change their nomination, saying
 * why; the facilitator proposes a name; a consent round follows. An objection is heard and the
 * facilitator proposes again (the same person, the objection integrated, or another); a round with
 * every member's consent elects. Pure: the services load the state and store what these return.
 */

export const ELECTION_PHASES = ['nomination', 'reveal', 'change', 'proposal', 'consent', 'elected', 'abandoned'] as const;
export type ElectionPhase = (typeof ELECTION_PHASES)[number];

export const ELECTION_STANCES = ['consent', 'object'] as const;
export type ElectionStance = (typeof ELECTION_STANCES)[number];

export interface ElectionState {
  readonly phase: ElectionPhase;
  /** 0 until the first consent round; each proposal of a name opens the next. */
  readonly round: number;
  readonly candidateId: string | null;
}

export type ElectionRefusal =
  | 'election_over'
  | 'not_in_this_phase'
  | 'nominee_not_a_member'
  | 'reason_required'
  | 'no_nomination_yet'
  | 'candidate_not_a_member'
  | 'stance_not_allowed'
  | 'voices_missing';

export type ElectionResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: ElectionRefusal };

const ok = <T>(value: T): ElectionResult<T> => ({ ok: true, value });
const refuse = (refusal: ElectionRefusal): ElectionResult<never> => ({ ok: false, refusal });

const over = (state: ElectionState) => state.phase === 'elected' || state.phase === 'abandoned';

export function startElection(): ElectionState {
  return { phase: 'nomination', round: 0, candidateId: null };
}

/** Whether the nominations are shown: never while members are still writing theirs. */
export function nominationsVisible(state: ElectionState): boolean {
  return state.phase !== 'nomination';
}

export interface NominationInput {
  readonly nomineeId: string;
  readonly reason: string;
}

/**
 * A member nominates during the nomination phase, and may change their nomination during the
 * change phase, saying why. Only a member of the body may be nominated.
 */
export function checkNomination(
  state: ElectionState,
  input: NominationInput,
  context: { readonly members: ReadonlySet<string>; readonly previousNomineeId: string | null },
): ElectionResult<NominationInput> {
  if (over(state)) return refuse('election_over');
  if (state.phase !== 'nomination' && state.phase !== 'change') return refuse('not_in_this_phase');
  if (!context.members.has(input.nomineeId)) return refuse('nominee_not_a_member');
  if (input.reason.trim() === '') return refuse('reason_required');
  if (state.phase === 'change' && context.previousNomineeId === null) return refuse('not_in_this_phase');
  return ok(input);
}

/** The facilitator moves from nominations to their reveal, then to the change round, then to proposing a name. */
export function nextElectionPhase(state: ElectionState, nominations: number): ElectionResult<ElectionState> {
  if (over(state)) return refuse('election_over');
  switch (state.phase) {
    case 'nomination':
      return nominations === 0 ? refuse('no_nomination_yet') : ok({ ...state, phase: 'reveal' });
    case 'reveal':
      return ok({ ...state, phase: 'change' });
    case 'change':
      return ok({ ...state, phase: 'proposal' });
    default:
      return refuse('not_in_this_phase');
  }
}

/** The facilitator proposes one member, which opens a consent round on that name. */
export function proposeCandidate(state: ElectionState, candidateId: string, members: ReadonlySet<string>): ElectionResult<ElectionState> {
  if (over(state)) return refuse('election_over');
  if (state.phase !== 'proposal') return refuse('not_in_this_phase');
  if (!members.has(candidateId)) return refuse('candidate_not_a_member');
  return ok({ phase: 'consent', round: state.round + 1, candidateId });
}

export interface ElectionStanceInput {
  readonly stance: string;
  readonly reason: string;
}

export function checkElectionStance(state: ElectionState, input: ElectionStanceInput): ElectionResult<{ stance: ElectionStance; reason: string }> {
  if (over(state)) return refuse('election_over');
  if (state.phase !== 'consent') return refuse('not_in_this_phase');
  if (!(ELECTION_STANCES as readonly string[]).includes(input.stance)) return refuse('stance_not_allowed');
  if (input.stance === 'object' && input.reason.trim() === '') return refuse('reason_required');
  return ok({ stance: input.stance as ElectionStance, reason: input.reason });
}

export interface ConsentCount {
  readonly members: number;
  readonly consents: number;
  readonly objections: number;
}

/**
 * Closing the consent round: any objection sends the election back to a proposal, once heard; with
 * no objection, every member must have consented, since silence is not consent. A round held at a
 * distance has a deadline: once it has passed, missing voices no longer hold the round open, and
 * without every consent the facilitator proposes again.
 */
export function closeConsentRound(state: ElectionState, count: ConsentCount, deadlinePassed = false): ElectionResult<ElectionState> {
  if (over(state)) return refuse('election_over');
  if (state.phase !== 'consent') return refuse('not_in_this_phase');
  if (count.objections > 0) return ok({ ...state, phase: 'proposal' });
  if (count.consents < count.members) return deadlinePassed ? ok({ ...state, phase: 'proposal' }) : refuse('voices_missing');
  return ok({ ...state, phase: 'elected' });
}

/** The facilitator may end an election without a result, at any step before it elects. */
export function abandonElection(state: ElectionState): ElectionResult<ElectionState> {
  if (over(state)) return refuse('election_over');
  return ok({ ...state, phase: 'abandoned' });
}
