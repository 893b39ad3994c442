import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DecisionRule } from '../../src/charters/rules/types.js';
import {
  agreementOf,
  checkProxy,
  checkStance,
  closeRound,
  escalate,
  nextPhase,
  PHASES,
  routeDecision,
  stanceOpenings,
  startProcess,
  tally,
  type ProcessState,
  type Result,
  type Stance,
} from '../../src/decisions/rules.js';
import { seed001Charter } from '../support/charter.js';

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`refused: ${result.refusal}`);
  return result.value;
};
const rule = (values: Partial<DecisionRule>): DecisionRule => ({
  id: randomUUID(),
  level: 'operational',
  topic: '',
  bodyId: randomUUID(),
  method: 'consensus',
  quorumPercent: null,
  maxRounds: 2,
  onBlock: { kind: 'lapse' },
  informBodyIds: [],
  ...values,
});
const atRound = (method: DecisionRule['method'], values: Partial<DecisionRule> = {}): ProcessState => {
  let state = startProcess(rule({ method, ...values }));
  while (state.phase !== 'round') state = value(nextPhase(state));
  return state;
};
const close = (state: ProcessState, stances: Stance[], members: number) => value(closeRound(state, tally(state, stances, members)));

describe('phases', () => {
  it.each([
    ['consensus', ['clarification', 'expression', 'objections', 'round']],
    ['consent', ['presentation', 'questions', 'reactions', 'round']],
    ['majority', ['discussion', 'round']],
  ] as const)('walks the %s phases in order, then refuses to go further', (method, phases) => {
    let state = startProcess(rule({ method }));
    const seen = [state.phase];
    for (;;) {
      const next = nextPhase(state);
      if (!next.ok) {
        expect(next.refusal).toBe('no_next_phase');
        break;
      }
      state = next.value;
      seen.push(state.phase);
    }
    expect(seen).toEqual(phases);
    expect(PHASES[method]).toEqual(phases);
  });

  it('goes from amendment back to the round, counting the round', () => {
    const amended = close(atRound('consent'), ['object'], 1);
    expect(amended.kind).toBe('amend');
    if (amended.kind !== 'amend') return;
    expect(amended.state.phase).toBe('amendment');
    const second = value(nextPhase(amended.state));
    expect(second).toMatchObject({ phase: 'round', round: 2 });
  });

  it('refuses every move once decided', () => {
    const decided = { ...atRound('consent'), decided: true };
    expect(nextPhase(decided)).toEqual({ ok: false, refusal: 'already_decided' });
    expect(checkStance(decided, { stance: 'consent', reason: '' })).toEqual({ ok: false, refusal: 'already_decided' });
    expect(closeRound(decided, tally(decided, [], 1))).toEqual({ ok: false, refusal: 'already_decided' });
  });
});

describe('stances', () => {
  it('are taken only during the round (or the advice phase)', () => {
    const start = startProcess(rule({ method: 'consent' }));
    expect(checkStance(start, { stance: 'consent', reason: '' })).toEqual({ ok: false, refusal: 'round_not_open' });
    expect(checkStance(atRound('consent'), { stance: 'consent', reason: '' }).ok).toBe(true);
    expect(checkStance(startProcess(rule({ method: 'advice' })), { stance: 'advice', reason: 'Prévoir un budget' }).ok).toBe(true);
  });

  it('must be one of the method’s stances', () => {
    expect(checkStance(atRound('consent'), { stance: 'agree', reason: '' })).toEqual({ ok: false, refusal: 'stance_not_allowed' });
    expect(checkStance(atRound('consensus'), { stance: 'for', reason: '' })).toEqual({ ok: false, refusal: 'stance_not_allowed' });
    expect(checkStance(atRound('majority'), { stance: 'object', reason: 'non' })).toEqual({ ok: false, refusal: 'stance_not_allowed' });
  });

  it('need a reason for an objection or a reservation', () => {
    expect(checkStance(atRound('consent'), { stance: 'object', reason: '  ' })).toEqual({ ok: false, refusal: 'reason_required' });
    expect(checkStance(atRound('consensus'), { stance: 'agree_with_reservation', reason: '' })).toEqual({ ok: false, refusal: 'reason_required' });
    expect(checkStance(atRound('consensus'), { stance: 'agree_with_reservation', reason: 'Le calendrier est serré' }).ok).toBe(true);
  });

  it('open in the method:phase pairs the database checks a proposal against, no more', () => {
    expect(stanceOpenings({ stance: 'consent', reason: '' })).toEqual(['consent:round']);
    expect(stanceOpenings({ stance: 'object', reason: '' })).toEqual([]);
    expect(stanceOpenings({ stance: 'object', reason: 'Le budget manque' })).toEqual(['consensus:round', 'consent:round']);
    expect(stanceOpenings({ stance: 'advice', reason: 'Voir la mairie' })).toEqual(['advice:advice']);
    expect(stanceOpenings({ stance: 'abstain', reason: '' })).toEqual(['majority:round']);
  });
});

describe('closing a round', () => {
  it('adopts a consensus with reservations and no objection when every member spoke', () => {
    expect(close(atRound('consensus'), ['agree', 'agree_with_reservation', 'agree'], 3)).toEqual({ kind: 'adopted' });
  });

  it('needs every member’s voice without a quorum in the charter, and the quorum when there is one', () => {
    expect(close(atRound('consent'), ['consent', 'consent'], 3).kind).toBe('amend');
    expect(close(atRound('consent', { quorumPercent: 60 }), ['consent', 'consent'], 3)).toEqual({ kind: 'adopted' });
    expect(close(atRound('consent', { quorumPercent: 70 }), ['consent', 'consent'], 3).kind).toBe('amend');
  });

  it('sends an objection to amendment, then blocks after the last round', () => {
    const first = close(atRound('consensus', { maxRounds: 2 }), ['agree', 'object'], 2);
    expect(first.kind).toBe('amend');
    if (first.kind !== 'amend') return;
    const second = value(nextPhase(first.state));
    expect(close(second, ['object', 'agree'], 2)).toEqual({ kind: 'blocked', why: 'objections' });
  });

  it('blocks for want of a quorum at the last round', () => {
    expect(close(atRound('consent', { maxRounds: 1 }), [], 4)).toEqual({ kind: 'blocked', why: 'no_quorum' });
  });

  it('never blocks when the charter sets no number of rounds', () => {
    let state = atRound('consent', { maxRounds: null });
    for (let round = 0; round < 20; round += 1) {
      const outcome = close(state, ['object'], 1);
      expect(outcome.kind).toBe('amend');
      if (outcome.kind === 'amend') state = value(nextPhase(outcome.state));
    }
    expect(state.round).toBe(21);
  });

  it('decides a majority vote by more for than against, once the quorum is met', () => {
    const vote = atRound('majority', { quorumPercent: 50 });
    expect(close(vote, ['for', 'for', 'against', 'abstain'], 6)).toEqual({ kind: 'adopted' });
    expect(close(vote, ['for', 'against', 'abstain'], 6)).toEqual({ kind: 'rejected' });
    expect(close(vote, ['for', 'for'], 6).kind).toBe('amend');
  });

  it('needs more than half of the members to vote when the charter sets no quorum', () => {
    const vote = atRound('majority', { quorumPercent: null });
    expect(close(vote, ['for'], 10).kind).toBe('amend');
    expect(close(vote, ['for', 'for', 'for', 'for', 'against'], 10).kind).toBe('amend');
    expect(close(vote, ['for', 'for', 'for', 'for', 'against', 'abstain'], 10)).toEqual({ kind: 'adopted' });
  });

  it('refuses to close outside the round', () => {
    expect(closeRound(startProcess(rule({ method: 'consent' })), tally(atRound('consent'), [], 1))).toEqual({ ok: false, refusal: 'round_not_open' });
  });
});

describe('proxies', () => {
  const nadia = { personId: 'nadia', organizationIds: ['tilleuls'] };
  it('go to another member of the same organization only', () => {
    expect(checkProxy(nadia, { personId: 'gerard', organizationIds: ['tilleuls', 'moulin'] }).ok).toBe(true);
    expect(checkProxy(nadia, { personId: 'samia', organizationIds: ['moulin'] })).toEqual({ ok: false, refusal: 'proxy_other_organization' });
    expect(checkProxy(nadia, nadia)).toEqual({ ok: false, refusal: 'proxy_to_self' });
  });
});

describe('routing and escalation with the partnership template (seed 001)', () => {
  const { plenary, steering, directors, group, content } = seed001Charter();
  const rules = content.rules;

  it('routes each level to its body, and a named topic to its own row', () => {
    expect(routeDecision(rules, 'strategic', '')).toMatchObject({ bodyId: plenary, method: 'consensus' });
    expect(routeDecision(rules, 'operational', 'Séjours familles')).toMatchObject({ bodyId: steering, method: 'consensus' });
    expect(routeDecision(rules, 'operational', ' nomination des chefs de projet ')).toMatchObject({ bodyId: directors });
    expect(routeDecision(rules, 'functional', '')).toMatchObject({ bodyId: group, method: 'consent' });
  });

  it('sends a blocked steering committee to the directors, whose own block lapses', () => {
    const blocked = routeDecision(rules, 'operational', '')!;
    const arbitration = escalate(rules, blocked, 'operational', '');
    expect(arbitration).toMatchObject({ kind: 'arbitration', bodyId: directors });
    if (arbitration.kind !== 'arbitration') return;
    expect(escalate(rules, arbitration.rule, 'operational', '')).toEqual({ kind: 'lapse' });
  });

  it('keeps the matter of a blocked operational decision when the directors arbitrate it, and tells the plenary as well as the steering committee', () => {
    const blocked = routeDecision(rules, 'operational', 'Séjours familles')!;
    expect(blocked.informBodyIds).toEqual([plenary]);
    const arbitration = escalate(rules, blocked, 'operational', 'Séjours familles');
    if (arbitration.kind !== 'arbitration') throw new Error('expected an arbitration');
    // The directors have no general operational row: they decide by their only one, about project leads, but on this matter.
    expect(arbitration.rule).toMatchObject({ bodyId: directors, method: 'consensus', topic: '', onBlock: { kind: 'lapse' } });
    expect([...arbitration.rule.informBodyIds].sort()).toEqual([plenary, steering].sort());
  });

  it('never sends the arbitrating body a note about its own decision', () => {
    const strategic = routeDecision(rules, 'strategic', '')!;
    const arbitration = escalate(rules, { ...strategic, informBodyIds: [steering, directors] }, 'strategic', '');
    if (arbitration.kind !== 'arbitration') throw new Error('expected an arbitration');
    expect(arbitration.rule.informBodyIds).not.toContain(directors);
    expect([...arbitration.rule.informBodyIds].sort()).toEqual([plenary, steering].sort());
  });

  it('finds no route where the charter has no row', () => {
    expect(routeDecision({ ...rules, decisionMatrix: [] }, 'strategic', '')).toBeUndefined();
  });
});

describe('agreementOf', () => {
  it('names the agreement an adopted decision met, from the dissent heard in any round', () => {
    expect(agreementOf('adopted', 'consensus', [])).toBe('unanimous');
    expect(agreementOf('adopted', 'consensus', ['agree_with_reservation'])).toBe('with_reservations');
    expect(agreementOf('adopted', 'consent', ['object', 'agree_with_reservation'])).toBe('after_objections');
    expect(agreementOf('adopted', 'majority', ['against'])).toBe('by_majority');
    expect(agreementOf('adopted', 'advice', [])).toBe('by_lead');
    expect(agreementOf('arbitrated', 'consensus', ['object'])).toBe('arbitrated');
  });

  it('finds no agreement in a rejected or lapsed proposal', () => {
    expect(agreementOf('rejected', 'majority', ['against'])).toBeNull();
    expect(agreementOf('lapsed', 'consensus', ['object'])).toBeNull();
  });
});
