import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DecisionRule } from '../../src/charters/rules/types.js';
import {
  agreementOf,
  checkProxy,
  checkStance,
  amending,
  closeRound,
  escalate,
  nextPhase,
  PHASES,
  routeDecision,
  stanceOpenings,
  startProcess,
  type ProcessState,
  type RoundVoices,
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
/** The round table of `members` members, the first of whom took these stances; the others are silent. */
const voices = (stances: readonly Stance[], members: number): RoundVoices => {
  const ids = Array.from({ length: members }, (_, index) => `m${index + 1}`);
  return { members: ids, stances: new Map(stances.map((stance, index) => [ids[index]!, stance])) };
};
const asAbsent = { silence: 'absent', deadlinePassed: true } as const;
const close = (state: ProcessState, stances: Stance[], members: number) => value(closeRound(state, asAbsent, voices(stances, members)));
const kindOf = (closing: { outcome: string; reason: string }) =>
  closing.outcome === 'adopted' || closing.outcome === 'rejected' ? { kind: closing.outcome } : closing.outcome === 'blocked' ? { kind: 'blocked', why: closing.reason } : { kind: closing.outcome };

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
    const state = atRound('consent');
    expect(close(state, ['object'], 1).outcome).toBe('amend');
    expect(amending(state).phase).toBe('amendment');
    const second = value(nextPhase(amending(state)));
    expect(second).toMatchObject({ phase: 'round', round: 2 });
  });

  it('refuses every move once decided', () => {
    const decided = { ...atRound('consent'), decided: true };
    expect(nextPhase(decided)).toEqual({ ok: false, refusal: 'already_decided' });
    expect(checkStance(decided, { stance: 'consent', reason: '' })).toEqual({ ok: false, refusal: 'already_decided' });
    expect(closeRound(decided, asAbsent, voices([], 1))).toEqual({ ok: false, refusal: 'already_decided' });
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
    expect(kindOf(close(atRound('consensus'), ['agree', 'agree_with_reservation', 'agree'], 3))).toEqual({ kind: 'adopted' });
  });

  it('needs every member’s voice without a quorum in the charter, and the quorum when there is one', () => {
    expect(close(atRound('consent'), ['consent', 'consent'], 3).outcome).toBe('amend');
    expect(kindOf(close(atRound('consent', { quorumPercent: 60 }), ['consent', 'consent'], 3))).toEqual({ kind: 'adopted' });
    expect(close(atRound('consent', { quorumPercent: 70 }), ['consent', 'consent'], 3).outcome).toBe('amend');
  });

  it('sends an objection to amendment, then blocks after the last round', () => {
    const state = atRound('consensus', { maxRounds: 2 });
    expect(close(state, ['agree', 'object'], 2)).toMatchObject({ outcome: 'amend', reason: 'objections' });
    const second = value(nextPhase(amending(state)));
    expect(kindOf(close(second, ['object', 'agree'], 2))).toEqual({ kind: 'blocked', why: 'objections' });
  });

  it('blocks for want of a quorum at the last round', () => {
    expect(kindOf(close(atRound('consent', { maxRounds: 1 }), [], 4))).toEqual({ kind: 'blocked', why: 'quorumNotReached' });
  });

  it('never blocks when the charter sets no number of rounds', () => {
    let state = atRound('consent', { maxRounds: null });
    for (let round = 0; round < 20; round += 1) {
      expect(close(state, ['object'], 1).outcome).toBe('amend');
      state = value(nextPhase(amending(state)));
    }
    expect(state.round).toBe(21);
  });

  it('decides a majority vote by more for than against, once the quorum is met', () => {
    const vote = atRound('majority', { quorumPercent: 50 });
    expect(close(vote, ['for', 'for', 'against', 'abstain'], 6)).toMatchObject({ outcome: 'adopted', reason: 'majorityFor' });
    expect(close(vote, ['for', 'against', 'abstain'], 6)).toMatchObject({ outcome: 'rejected', reason: 'majorityNotFor' });
    expect(close(vote, ['for', 'for'], 6)).toMatchObject({ outcome: 'amend', reason: 'quorumNotReached' });
  });

  it('needs more than half of the members to vote when the charter sets no quorum', () => {
    const vote = atRound('majority', { quorumPercent: null });
    expect(close(vote, ['for'], 10).outcome).toBe('amend');
    expect(close(vote, ['for', 'for', 'for', 'for', 'against'], 10).outcome).toBe('amend');
    expect(close(vote, ['for', 'for', 'for', 'for', 'against', 'abstain'], 10).outcome).toBe('adopted');
  });

  it('refuses to close outside the round', () => {
    expect(closeRound(startProcess(rule({ method: 'consent' })), asAbsent, voices([], 1))).toEqual({ ok: false, refusal: 'round_not_open' });
  });

  it('never counts the stance of someone who no longer sits in the body', () => {
    const closing = value(closeRound(atRound('consent'), asAbsent, { members: ['a', 'b'], stances: new Map<string, Stance>([['a', 'consent'], ['b', 'consent'], ['gone', 'object']]) }));
    expect(closing).toMatchObject({ outcome: 'adopted', reason: 'noObjection', expressed: 2, counts: { consent: 2 } });
  });
});

describe('closing a round with silent members, as the charter counts them', () => {
  const SILENCES = ['consents', 'absent', 'blocks'] as const;
  /** Five members; the stances given are the first members'; the others are silent. */
  const closeWith = (silence: (typeof SILENCES)[number], stances: Stance[], values: Partial<DecisionRule> = {}, deadlinePassed = true) =>
    value(closeRound(atRound(values.method ?? 'consent', { maxRounds: 3, ...values }), { silence, deadlinePassed }, voices(stances, 5)));

  it('names the silent members, in the order of the body, and counts who spoke', () => {
    const closing = closeWith('absent', ['consent', 'consent', 'consent']);
    expect(closing).toMatchObject({ silence: 'absent', silentCountedAs: 'absent', silent: ['m4', 'm5'], members: 5, expressed: 3, counted: 3, needed: 5 });
  });

  it.each([
    // silence, stances, quorum %, outcome, reason, counted, needed
    ['absent', ['consent', 'consent', 'consent'], null, 'amend', 'quorumNotReached', 3, 5],
    ['absent', ['consent', 'consent', 'consent'], 60, 'adopted', 'noObjection', 3, 3],
    ['absent', ['consent', 'object', 'consent'], 60, 'amend', 'objections', 3, 3],
    ['absent', ['consent', 'object'], 60, 'amend', 'quorumNotReached', 2, 3],
    ['absent', ['consent', 'consent', 'consent', 'consent', 'consent'], null, 'adopted', 'noObjection', 5, 5],
    ['consents', ['consent', 'consent', 'consent'], null, 'adopted', 'noObjection', 5, 5],
    ['consents', ['object'], null, 'amend', 'objections', 5, 5],
    ['consents', [], null, 'adopted', 'noObjection', 5, 5],
    ['consents', ['consent'], 80, 'adopted', 'noObjection', 5, 4],
    ['blocks', ['consent', 'consent', 'consent', 'consent', 'consent'], null, 'adopted', 'noObjection', 5, 5],
    ['blocks', ['consent', 'consent', 'consent', 'consent', 'object'], null, 'amend', 'objections', 5, 5],
    ['blocks', ['consent', 'consent', 'consent', 'consent'], null, 'stays_open', 'silenceBlocks', 4, 5],
    ['blocks', ['consent', 'consent', 'consent', 'consent'], 60, 'stays_open', 'silenceBlocks', 4, 3],
    ['blocks', ['object'], null, 'stays_open', 'silenceBlocks', 1, 5],
  ] as const)('%s, stances %j, quorum %s %%: %s because %s (%i counted of %i needed)', (silence, stances, quorumPercent, outcome, reason, counted, needed) => {
    expect(closeWith(silence, [...stances], { quorumPercent })).toMatchObject({ outcome, reason, counted, needed });
  });

  it('takes tacit consent only once the round’s time is up: closed before its deadline, the silent count as absent', () => {
    expect(closeWith('consents', ['consent', 'consent', 'consent'], {}, false)).toMatchObject({ outcome: 'amend', reason: 'quorumNotReached', silentCountedAs: 'absent', counted: 3 });
    expect(closeWith('consents', ['consent', 'consent', 'consent'], {}, true)).toMatchObject({ outcome: 'adopted', silentCountedAs: 'consent', counted: 5 });
  });

  it('counts tacit consent towards the quorum only, never as an expressed stance', () => {
    expect(closeWith('consents', ['consent'])).toMatchObject({ expressed: 1, counts: { consent: 1 }, silent: ['m2', 'm3', 'm4', 'm5'] });
  });

  it('keeps a round open under blocks whatever the deadline, and closes it once everyone spoke', () => {
    for (const deadlinePassed of [true, false]) expect(closeWith('blocks', ['consent'], {}, deadlinePassed).outcome).toBe('stays_open');
    expect(closeWith('blocks', ['consent', 'consent', 'consent', 'consent', 'consent'], {}, false).outcome).toBe('adopted');
  });

  it('calls a missing quorum a missing quorum, even when objections were heard too', () => {
    expect(closeWith('absent', ['object', 'object'])).toMatchObject({ outcome: 'amend', reason: 'quorumNotReached' });
  });

  it('blocks at the charter’s last round for a missing quorum under absent, and for objections under consents', () => {
    expect(closeWith('absent', ['consent'], { maxRounds: 1 })).toMatchObject({ outcome: 'blocked', reason: 'quorumNotReached' });
    expect(closeWith('consents', ['object'], { maxRounds: 1 })).toMatchObject({ outcome: 'blocked', reason: 'objections' });
    expect(closeWith('blocks', ['object'], { maxRounds: 1 })).toMatchObject({ outcome: 'stays_open', reason: 'silenceBlocks' });
  });

  it.each(SILENCES)('in a consensus under %s, silence never stands for an objection', (silence) => {
    const closing = closeWith(silence, ['agree', 'agree', 'agree', 'agree'], { method: 'consensus', quorumPercent: 50 });
    expect(closing.reason).not.toBe('objections');
  });

  it.each([
    ['absent', 'amend', 'quorumNotReached'],
    ['blocks', 'stays_open', 'silenceBlocks'],
  ] as const)('in a vote under %s, a silent majority gives %s (%s)', (silence, outcome, reason) => {
    expect(closeWith(silence, ['for', 'against'], { method: 'majority', quorumPercent: 50 })).toMatchObject({ outcome, reason });
  });

  it('in a vote, silent members taken as consenting only abstain: they fill the quorum and tip nothing', () => {
    expect(closeWith('consents', ['for', 'against'], { method: 'majority', quorumPercent: 50 })).toMatchObject({ outcome: 'rejected', reason: 'majorityNotFor', counted: 5 });
  });

  it('refuses a body without members a decision, whatever silence counts as', () => {
    for (const silence of SILENCES) {
      expect(value(closeRound(atRound('consent'), { silence, deadlinePassed: true }, { members: [], stances: new Map() }))).toMatchObject({ outcome: 'amend', reason: 'quorumNotReached' });
    }
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
