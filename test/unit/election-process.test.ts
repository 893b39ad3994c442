import { describe, expect, it } from 'vitest';
import {
  abandonElection,
  checkElectionStance,
  checkNomination,
  closeConsentRound,
  nextElectionPhase,
  nominationsVisible,
  proposeCandidate,
  startElection,
  type ElectionPhase,
  type ElectionState,
} from '../../src/elections/rules.js';

const members = new Set(['ana', 'bruno', 'chloe']);
const at = (phase: ElectionPhase, round = 0, candidateId: string | null = null): ElectionState => ({ phase, round, candidateId });
const fresh = { members, previousNomineeId: null };

describe('nominations', () => {
  it('are written during the nomination phase, for a member of the body (oneself included), with a reason', () => {
    const state = startElection();
    expect(checkNomination(state, { nomineeId: 'ana', reason: 'Elle écoute tout le monde' }, fresh).ok).toBe(true);
    expect(checkNomination(state, { nomineeId: 'bruno', reason: 'Moi-même : j’ai le temps cette année' }, { members, previousNomineeId: null }).ok).toBe(true);
    expect(checkNomination(state, { nomineeId: 'zoé', reason: 'Hors du cercle' }, fresh)).toEqual({ ok: false, refusal: 'nominee_not_a_member' });
    expect(checkNomination(state, { nomineeId: 'ana', reason: '   ' }, fresh)).toEqual({ ok: false, refusal: 'reason_required' });
  });

  it('stay hidden until the facilitator reveals them, and need at least one to be revealed', () => {
    expect(nominationsVisible(startElection())).toBe(false);
    expect(nextElectionPhase(startElection(), 0)).toEqual({ ok: false, refusal: 'no_nomination_yet' });
    const revealed = nextElectionPhase(startElection(), 3);
    expect(revealed).toEqual({ ok: true, value: at('reveal') });
    expect(nominationsVisible(at('reveal'))).toBe(true);
  });

  it('may be changed in the change round only, by a member who had nominated, with a reason', () => {
    expect(checkNomination(at('reveal'), { nomineeId: 'ana', reason: 'x' }, fresh)).toEqual({ ok: false, refusal: 'not_in_this_phase' });
    expect(checkNomination(at('change'), { nomineeId: 'chloe', reason: 'Convaincu par ce qui a été dit' }, { members, previousNomineeId: 'ana' }).ok).toBe(true);
    expect(checkNomination(at('change'), { nomineeId: 'chloe', reason: 'Je n’avais rien proposé' }, fresh)).toEqual({ ok: false, refusal: 'not_in_this_phase' });
    expect(checkNomination(at('proposal'), { nomineeId: 'chloe', reason: 'Trop tard' }, { members, previousNomineeId: 'ana' })).toEqual({ ok: false, refusal: 'not_in_this_phase' });
  });
});

describe('the phases', () => {
  it('go nomination → reveal → change → proposal, then only a proposed name moves on', () => {
    expect(nextElectionPhase(at('reveal'), 3)).toEqual({ ok: true, value: at('change') });
    expect(nextElectionPhase(at('change'), 3)).toEqual({ ok: true, value: at('proposal') });
    expect(nextElectionPhase(at('proposal'), 3)).toEqual({ ok: false, refusal: 'not_in_this_phase' });
    expect(nextElectionPhase(at('consent', 1, 'ana'), 3)).toEqual({ ok: false, refusal: 'not_in_this_phase' });
  });

  it('open a consent round on the name the facilitator proposes, a member of the body', () => {
    expect(proposeCandidate(at('proposal'), 'ana', members)).toEqual({ ok: true, value: at('consent', 1, 'ana') });
    expect(proposeCandidate(at('proposal', 1, 'ana'), 'bruno', members)).toEqual({ ok: true, value: at('consent', 2, 'bruno') });
    expect(proposeCandidate(at('proposal'), 'zoé', members)).toEqual({ ok: false, refusal: 'candidate_not_a_member' });
    expect(proposeCandidate(at('change'), 'ana', members)).toEqual({ ok: false, refusal: 'not_in_this_phase' });
  });

  it('end for good once elected or abandoned', () => {
    for (const phase of ['elected', 'abandoned'] as const) {
      expect(nextElectionPhase(at(phase, 1, 'ana'), 3)).toEqual({ ok: false, refusal: 'election_over' });
      expect(proposeCandidate(at(phase, 1, 'ana'), 'ana', members)).toEqual({ ok: false, refusal: 'election_over' });
      expect(checkNomination(at(phase), { nomineeId: 'ana', reason: 'x' }, fresh)).toEqual({ ok: false, refusal: 'election_over' });
      expect(checkElectionStance(at(phase), { stance: 'consent', reason: '' })).toEqual({ ok: false, refusal: 'election_over' });
      expect(abandonElection(at(phase))).toEqual({ ok: false, refusal: 'election_over' });
    }
    expect(abandonElection(at('change'))).toEqual({ ok: true, value: at('abandoned') });
  });
});

describe('the consent round', () => {
  it('takes consent, or an objection with its reason', () => {
    const round = at('consent', 1, 'ana');
    expect(checkElectionStance(round, { stance: 'consent', reason: '' }).ok).toBe(true);
    expect(checkElectionStance(round, { stance: 'object', reason: '' })).toEqual({ ok: false, refusal: 'reason_required' });
    expect(checkElectionStance(round, { stance: 'object', reason: 'Elle part en mars' }).ok).toBe(true);
    expect(checkElectionStance(round, { stance: 'abstain', reason: '' })).toEqual({ ok: false, refusal: 'stance_not_allowed' });
    expect(checkElectionStance(at('proposal'), { stance: 'consent', reason: '' })).toEqual({ ok: false, refusal: 'not_in_this_phase' });
  });

  it('elects when every member consents', () => {
    expect(closeConsentRound(at('consent', 1, 'ana'), { members: 3, consents: 3, objections: 0 })).toEqual({ ok: true, value: at('elected', 1, 'ana') });
  });

  it('goes back to a proposal after an objection, and waits for every voice otherwise', () => {
    expect(closeConsentRound(at('consent', 1, 'ana'), { members: 3, consents: 2, objections: 1 })).toEqual({ ok: true, value: at('proposal', 1, 'ana') });
    expect(closeConsentRound(at('consent', 1, 'ana'), { members: 3, consents: 2, objections: 0 })).toEqual({ ok: false, refusal: 'voices_missing' });
    expect(closeConsentRound(at('proposal', 1, 'ana'), { members: 3, consents: 3, objections: 0 })).toEqual({ ok: false, refusal: 'not_in_this_phase' });
  });

  it('at a distance, once the deadline has passed, goes back to a proposal without every voice: silence never elects', () => {
    expect(closeConsentRound(at('consent', 1, 'ana'), { members: 3, consents: 2, objections: 0 }, true)).toEqual({ ok: true, value: at('proposal', 1, 'ana') });
    expect(closeConsentRound(at('consent', 1, 'ana'), { members: 3, consents: 3, objections: 0 }, true)).toEqual({ ok: true, value: at('elected', 1, 'ana') });
    expect(closeConsentRound(at('consent', 1, 'ana'), { members: 3, consents: 0, objections: 0 }, true)).toEqual({ ok: true, value: at('proposal', 1, 'ana') });
  });
});
