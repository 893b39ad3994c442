import { describe, expect, it } from 'vitest';
import { mayDraftRevision, mayEditLines, mayPropose, mayRecord, nextNumber, pendingVersion, validation, versionAfterDecision, versionInForce, type VersionState } from '../../src/budgets/rules/versions.js';

const v = (id: string, number: number, status: VersionState['status']): VersionState => ({ id, number, status });

describe('a budget’s versions', () => {
  it('reads the validated version as in force, else the draft presented', () => {
    expect(versionInForce([v('a', 1, 'draft')])?.id).toBe('a');
    expect(versionInForce([v('a', 1, 'validated'), v('b', 2, 'draft')])?.id).toBe('a');
    expect(versionInForce([v('a', 1, 'superseded'), v('b', 2, 'validated'), v('c', 3, 'proposed')])?.id).toBe('b');
    expect(versionInForce([])).toBeNull();
    expect(pendingVersion([v('a', 1, 'validated'), v('b', 2, 'proposed')])?.id).toBe('b');
  });

  it('edits lines only in a draft of an open budget', () => {
    expect(mayEditLines('open', [v('a', 1, 'draft')], false)).toEqual({ ok: true });
    expect(mayEditLines('open', [v('a', 1, 'proposed')], false)).toEqual({ ok: false, refusal: 'not_draft' });
    expect(mayEditLines('open', [v('a', 1, 'validated')], false)).toEqual({ ok: false, refusal: 'no_draft' });
    expect(mayEditLines('closed', [v('a', 1, 'draft')], false)).toEqual({ ok: false, refusal: 'closed' });
    // The forecast presented with its project is what the presentation's decision validates.
    expect(mayEditLines('open', [v('a', 1, 'draft')], true)).toEqual({ ok: false, refusal: 'presented' });
  });

  it('starts a revision from the validated version, once at a time', () => {
    expect(mayDraftRevision('open', [v('a', 1, 'validated')])).toEqual({ ok: true });
    expect(mayDraftRevision('open', [v('a', 1, 'validated'), v('b', 2, 'draft')])).toEqual({ ok: false, refusal: 'draft_exists' });
    expect(mayDraftRevision('open', [v('a', 1, 'draft')])).toEqual({ ok: false, refusal: 'draft_exists' });
    expect(mayDraftRevision('open', [])).toEqual({ ok: false, refusal: 'nothing_validated' });
    expect(mayDraftRevision('closed', [v('a', 1, 'validated')])).toEqual({ ok: false, refusal: 'closed' });
  });

  it('proposes a draft with lines once the project is validated; before, it is validated with the project', () => {
    const versions = [v('a', 1, 'validated'), v('b', 2, 'draft')];
    expect(mayPropose('open', versions, 3, true)).toEqual({ ok: true });
    expect(mayPropose('open', versions, 0, true)).toEqual({ ok: false, refusal: 'no_line' });
    expect(mayPropose('open', [v('a', 1, 'draft')], 3, false)).toEqual({ ok: false, refusal: 'validated_with_project' });
    expect(mayPropose('open', [v('a', 1, 'validated'), v('b', 2, 'proposed')], 3, true)).toEqual({ ok: false, refusal: 'not_draft' });
    expect(mayPropose('open', [v('a', 1, 'validated')], 3, true)).toEqual({ ok: false, refusal: 'no_draft' });
  });

  it('validates an adopted or arbitrated revision and supersedes the one before; otherwise back to draft', () => {
    expect(versionAfterDecision('adopted')).toBe('validated');
    expect(versionAfterDecision('arbitrated')).toBe('validated');
    expect(versionAfterDecision('rejected')).toBe('draft');
    expect(versionAfterDecision('lapsed')).toBe('draft');
    expect(validation([v('a', 1, 'validated'), v('b', 2, 'proposed')], 'b')).toEqual({ validated: 'b', superseded: 'a' });
    expect(validation([v('a', 1, 'draft')], 'a')).toEqual({ validated: 'a', superseded: null });
  });

  it('numbers versions on, and refuses money on a closed budget', () => {
    expect(nextNumber([])).toBe(1);
    expect(nextNumber([v('a', 1, 'superseded'), v('b', 3, 'validated')])).toBe(4);
    expect(mayRecord('open')).toEqual({ ok: true });
    expect(mayRecord('closed')).toEqual({ ok: false, refusal: 'closed' });
  });
});
