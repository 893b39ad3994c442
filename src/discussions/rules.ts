import type { Phase } from '../decisions/rules.js';

/**
 * A proposal's thread: what may be written in each phase of the method, by whom, and when a
 * question counts as answered. Pure: the acts load the proposal and the viewer's place, and ask.
 */

/** A clarifying question, an answer to one, a reaction to the proposal, a comment on its amendment. */
export const MESSAGE_KINDS = ['question', 'answer', 'reaction', 'comment'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The kinds that open a line of the thread, as opposed to an answer, which replies to a question. */
export type OpeningKind = Exclude<MessageKind, 'answer'>;

/**
 * What each phase invites. Clarification comes first (consensus: clarification; consent:
 * presentation, questions), and reactions once the proposal is understood (expression, objections,
 * reactions, and during the round, where an absent member may still say where they stand). The
 * amendment phase gathers comments on the rewritten proposal. Methods with a single phase before
 * deciding (majority's discussion, advice, the lead's decision) take both questions and reactions.
 */
export const OPENING_KINDS: Readonly<Record<Phase, readonly OpeningKind[]>> = {
  clarification: ['question'],
  presentation: ['question'],
  questions: ['question'],
  expression: ['reaction'],
  objections: ['reaction'],
  reactions: ['reaction'],
  round: ['reaction'],
  discussion: ['question', 'reaction'],
  advice: ['question', 'reaction'],
  decision: ['question', 'reaction'],
  amendment: ['comment'],
};

export type ThreadRefusal = 'closed' | 'not_a_participant' | 'not_facilitator' | 'kind_not_in_phase' | 'reply_not_to_question' | 'not_a_question' | 'already_answered';

export type ThreadResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: ThreadRefusal };
const ok = <T>(value: T): ThreadResult<T> => ({ ok: true, value });
const refuse = <T>(refusal: ThreadRefusal): ThreadResult<T> => ({ ok: false, refusal });

/** The proposal as the thread sees it: open or settled, and where the method stands. */
export interface ThreadState {
  readonly open: boolean;
  readonly phase: Phase;
}

/**
 * The viewer's place around the proposal. Those who may take a stance (members of the deciding
 * body) may speak, as may the proposer who brought it and the facilitator who leads it (or an
 * administrator standing in).
 */
export interface Participant {
  readonly sitsInDecidingBody: boolean;
  readonly isProposer: boolean;
  readonly facilitates: boolean;
}

export const mayPost = (who: Participant): boolean => who.sitsInDecidingBody || who.isProposer || who.facilitates;

/** The kinds of message the viewer may open now: none once the proposal is settled. */
export function openingKinds(state: ThreadState, who: Participant): readonly OpeningKind[] {
  return state.open && mayPost(who) ? OPENING_KINDS[state.phase] : [];
}

export interface PostInput {
  readonly kind: MessageKind;
  /** The message an answer replies to, as stored: null when there is none. */
  readonly replyTo: { readonly kind: MessageKind } | null;
}

/**
 * Whether the viewer may write this message now. An answer replies to a question, in any phase
 * while the proposal is open (a question asked in clarification may be answered later); any other
 * kind opens a line of the thread and must be one the phase invites.
 */
export function checkPost(state: ThreadState, who: Participant, input: PostInput): ThreadResult<MessageKind> {
  if (!mayPost(who)) return refuse('not_a_participant');
  if (!state.open) return refuse('closed');
  if (input.kind === 'answer') {
    return input.replyTo?.kind === 'question' ? ok('answer') : refuse('reply_not_to_question');
  }
  if (input.replyTo !== null) return refuse('reply_not_to_question');
  return OPENING_KINDS[state.phase].includes(input.kind) ? ok(input.kind) : refuse('kind_not_in_phase');
}

/** The facilitator marks a question answered, once, while the proposal is open. */
export function checkMarkAnswered(state: ThreadState, who: Pick<Participant, 'facilitates'>, message: { readonly kind: MessageKind; readonly answered: boolean }): ThreadResult<null> {
  if (!who.facilitates) return refuse('not_facilitator');
  if (!state.open) return refuse('closed');
  if (message.kind !== 'question') return refuse('not_a_question');
  if (message.answered) return refuse('already_answered');
  return ok(null);
}
