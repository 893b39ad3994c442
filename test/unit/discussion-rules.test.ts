import { describe, expect, it } from 'vitest';
import { PHASE_NAMES, PHASES, type Phase } from '../../src/decisions/rules.js';
import { checkMarkAnswered, checkPost, mayPost, OPENING_KINDS, openingKinds, type Participant } from '../../src/discussions/rules.js';

const member: Participant = { sitsInDecidingBody: true, isProposer: false, facilitates: false };
const proposer: Participant = { sitsInDecidingBody: false, isProposer: true, facilitates: false };
const facilitator: Participant = { sitsInDecidingBody: false, isProposer: false, facilitates: true };
const bystander: Participant = { sitsInDecidingBody: false, isProposer: false, facilitates: false };
const open = (phase: Phase) => ({ open: true, phase });
const opening = (kind: 'question' | 'reaction' | 'comment') => ({ kind, replyTo: null });
const answer = (to: 'question' | 'answer' | 'reaction' | 'comment' | null) => ({ kind: 'answer' as const, replyTo: to === null ? null : { kind: to } });

describe('who may write in a proposal’s thread', () => {
  it('lets the deciding body’s members, the proposer and the facilitator speak, and no one else', () => {
    expect([member, proposer, facilitator, bystander].map(mayPost)).toEqual([true, true, true, false]);
    expect(checkPost(open('clarification'), bystander, opening('question'))).toEqual({ ok: false, refusal: 'not_a_participant' });
    expect(openingKinds(open('clarification'), bystander)).toEqual([]);
  });

  it('closes the thread once the proposal is settled, to everyone', () => {
    const settled = { open: false, phase: 'round' as const };
    for (const who of [member, proposer, facilitator]) {
      expect(checkPost(settled, who, opening('reaction'))).toEqual({ ok: false, refusal: 'closed' });
      expect(checkPost(settled, who, answer('question'))).toEqual({ ok: false, refusal: 'closed' });
      expect(openingKinds(settled, who)).toEqual([]);
    }
  });
});

describe('what each phase invites', () => {
  it('takes clarifying questions in the clarifying phases, reactions once the proposal is understood, comments on an amendment', () => {
    expect(checkPost(open('clarification'), member, opening('question'))).toEqual({ ok: true, value: 'question' });
    expect(checkPost(open('questions'), member, opening('question'))).toEqual({ ok: true, value: 'question' });
    expect(checkPost(open('clarification'), member, opening('reaction'))).toEqual({ ok: false, refusal: 'kind_not_in_phase' });
    expect(checkPost(open('reactions'), member, opening('reaction'))).toEqual({ ok: true, value: 'reaction' });
    expect(checkPost(open('reactions'), member, opening('question'))).toEqual({ ok: false, refusal: 'kind_not_in_phase' });
    expect(checkPost(open('round'), member, opening('reaction'))).toEqual({ ok: true, value: 'reaction' });
    expect(checkPost(open('amendment'), proposer, opening('comment'))).toEqual({ ok: true, value: 'comment' });
    expect(checkPost(open('amendment'), proposer, opening('reaction'))).toEqual({ ok: false, refusal: 'kind_not_in_phase' });
    expect(openingKinds(open('discussion'), member)).toEqual(['question', 'reaction']);
  });

  it('invites something in every phase of every method, and comments only in the amendment', () => {
    for (const phase of [...new Set([...Object.values(PHASES).flat(), 'amendment' as const])]) expect(OPENING_KINDS[phase].length, phase).toBeGreaterThan(0);
    expect(PHASE_NAMES.filter((phase) => OPENING_KINDS[phase].includes('comment'))).toEqual(['amendment']);
  });

  it('takes an answer to a question in any phase while the proposal is open, and only to a question', () => {
    for (const phase of PHASE_NAMES) expect(checkPost(open(phase), proposer, answer('question')), phase).toEqual({ ok: true, value: 'answer' });
    expect(checkPost(open('clarification'), member, answer('reaction'))).toEqual({ ok: false, refusal: 'reply_not_to_question' });
    expect(checkPost(open('clarification'), member, answer('answer'))).toEqual({ ok: false, refusal: 'reply_not_to_question' });
    expect(checkPost(open('clarification'), member, answer(null))).toEqual({ ok: false, refusal: 'reply_not_to_question' });
    expect(checkPost(open('clarification'), member, { kind: 'question', replyTo: { kind: 'question' } })).toEqual({ ok: false, refusal: 'reply_not_to_question' });
  });
});

describe('marking a question answered', () => {
  const question = { kind: 'question' as const, answered: false };
  it('is the facilitator’s, once, on a question, while the proposal is open', () => {
    expect(checkMarkAnswered(open('reactions'), facilitator, question)).toEqual({ ok: true, value: null });
    expect(checkMarkAnswered(open('reactions'), member, question)).toEqual({ ok: false, refusal: 'not_facilitator' });
    expect(checkMarkAnswered(open('reactions'), proposer, question)).toEqual({ ok: false, refusal: 'not_facilitator' });
    expect(checkMarkAnswered(open('reactions'), facilitator, { kind: 'reaction', answered: false })).toEqual({ ok: false, refusal: 'not_a_question' });
    expect(checkMarkAnswered(open('reactions'), facilitator, { ...question, answered: true })).toEqual({ ok: false, refusal: 'already_answered' });
    expect(checkMarkAnswered({ open: false, phase: 'round' }, facilitator, question)).toEqual({ ok: false, refusal: 'closed' });
  });
});
