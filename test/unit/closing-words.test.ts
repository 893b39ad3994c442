import { describe, expect, it } from 'vitest';
import { closingSentence } from '../../src/decisions/closing-words.js';
import { closeRound, startProcess, nextPhase, type ProcessState, type Stance } from '../../src/decisions/rules.js';
import type { SilenceRule } from '../../src/charters/rules/types.js';

function atRound(method: 'consent' | 'majority', quorumPercent: number | null, maxRounds: number | null = 3): ProcessState {
  let state = startProcess({ method, quorumPercent, maxRounds });
  while (state.phase !== 'round') {
    const next = nextPhase(state);
    if (!next.ok) throw new Error(next.refusal);
    state = next.value;
  }
  return state;
}

const NAMES: Record<string, string> = { a: 'Anne Martin', b: 'Paul Roux', c: 'Léa Petit', d: 'Omar Diallo' };

/** Members a to d; the stances are the first members'. */
function said(locale: 'fr' | 'en', silence: SilenceRule, stances: Stance[], state = atRound('consent', null)) {
  const members = Object.keys(NAMES);
  const closing = closeRound(state, { silence, deadlinePassed: true }, { members, stances: new Map(stances.map((stance, index) => [members[index]!, stance])) });
  if (!closing.ok) throw new Error(closing.refusal);
  return closingSentence(locale, { ...closing.value, silent: closing.value.silent.map((id) => ({ fullName: NAMES[id]! })) });
}

describe('why a round ends, in words', () => {
  it('names the silent members and calls a missing quorum a missing quorum', () => {
    expect(said('fr', 'absent', ['consent', 'consent'])).toBe(
      '2 membres ne se sont pas exprimés (Léa Petit, Omar Diallo) : la charte les compte absents. Quorum non atteint : 2 voix sur les 4 nécessaires. La proposition revient en amendement, puis un nouveau tour s’ouvre.',
    );
    expect(said('en', 'absent', ['consent', 'consent', 'consent'])).toBe(
      '1 member has not spoken (Omar Diallo): the charter counts them absent. Quorum not reached: 3 voices of the 4 needed. The proposal goes back to amendment, then a new round opens.',
    );
  });

  it('uses the language’s plural forms, never « membre(s) »', () => {
    expect(said('fr', 'absent', ['consent', 'consent', 'consent'])).toMatch(/^1 membre ne s’est pas exprimé \(Omar Diallo\) : la charte le compte absent\./);
    expect(said('en', 'absent', [])).toMatch(/Quorum not reached: 0 voices of the 4 needed\./);
    expect(said('en', 'absent', ['consent'])).toMatch(/Quorum not reached: 1 voice of the 4 needed\./);
    for (const locale of ['fr', 'en'] as const) expect(said(locale, 'absent', ['consent'])).not.toMatch(/\(s\)/);
  });

  it('says tacit consent, the objections and the adoption', () => {
    expect(said('fr', 'consents', ['consent'])).toBe(
      '3 membres ne se sont pas exprimés (Paul Roux, Léa Petit, Omar Diallo) : la charte les compte comme consentants. Aucune objection. La proposition est adoptée.',
    );
    expect(said('fr', 'consents', ['object', 'object'])).toContain('2 objections ont été formulées.');
    expect(said('en', 'consents', ['object'])).toContain('One objection was raised.');
  });

  it('says why a round cannot close while silence blocks it', () => {
    expect(said('fr', 'blocks', ['consent', 'consent', 'consent'])).toBe(
      '1 membre ne s’est pas encore exprimé (Omar Diallo) : la charte demande que chacun s’exprime avant de clore le tour. Le tour reste ouvert.',
    );
  });

  it('says the vote and the block at the last round', () => {
    expect(said('en', 'absent', ['for', 'for', 'against', 'abstain'], atRound('majority', 50))).toBe('2 for, 1 against: the majority is for. The proposal is adopted.');
    expect(said('fr', 'absent', ['consent'], atRound('consent', null, 1))).toMatch(/C’était le dernier tour que la charte prévoit/);
  });
});
