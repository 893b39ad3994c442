import { describe, expect, it } from 'vitest';
import { PROJECT_STAGES, type ProjectStage } from '../../src/projects/rules.js';
import { mayMeasure, maySetIndicators, mayWriteConduct, mayWriteMissionSheet, moveTo } from '../../src/projects/conduct/rules.js';

const allowedIn = (check: (stage: ProjectStage) => { ok: boolean }) => PROJECT_STAGES.filter((stage) => check(stage).ok);

describe('the conduct of a common project', () => {
  it('is written at every stage but once the project is closed or refused', () => {
    expect(allowedIn(mayWriteConduct)).toEqual(['idea', 'formalized', 'presented', 'validated', 'active', 'evaluating']);
    expect(mayWriteConduct('closed')).toEqual({ ok: false, refusal: 'project_finished' });
    expect(mayWriteConduct('refused')).toEqual({ ok: false, refusal: 'project_finished' });
  });

  it('sets its indicators before the action starts: once validated, and while active', () => {
    expect(allowedIn(maySetIndicators)).toEqual(['validated', 'active']);
    expect(maySetIndicators('presented')).toEqual({ ok: false, refusal: 'indicators_before_action' });
    expect(maySetIndicators('evaluating')).toEqual({ ok: false, refusal: 'indicators_before_action' });
    expect(maySetIndicators('closed')).toEqual({ ok: false, refusal: 'project_finished' });
  });

  it('measures them only while the action is under way or reported on', () => {
    expect(allowedIn(mayMeasure)).toEqual(['active', 'evaluating']);
    expect(mayMeasure('validated')).toEqual({ ok: false, refusal: 'not_under_way' });
    expect(mayMeasure('refused')).toEqual({ ok: false, refusal: 'project_finished' });
  });

  it('writes the mission sheet once a lead is named, until the project ends', () => {
    expect(mayWriteMissionSheet('validated', null)).toEqual({ ok: false, refusal: 'no_lead_named' });
    expect(mayWriteMissionSheet('validated', 'lead')).toEqual({ ok: false, refusal: 'lead_awaiting_confirmation' });
    expect(mayWriteMissionSheet('active', 'lead')).toEqual({ ok: true });
    expect(mayWriteMissionSheet('closed', 'lead')).toEqual({ ok: false, refusal: 'project_finished' });
  });
});

describe('moveTo', () => {
  it('moves an item to a place, keeping the others in their order', () => {
    expect(moveTo(['a', 'b', 'c', 'd'], 'd', 1)).toEqual(['a', 'd', 'b', 'c']);
    expect(moveTo(['a', 'b', 'c'], 'a', 2)).toEqual(['b', 'c', 'a']);
    expect(moveTo(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'b', 'c']);
  });
  it('puts an item asked beyond the end last, and before the start first', () => {
    expect(moveTo(['a', 'b', 'c'], 'a', 99)).toEqual(['b', 'c', 'a']);
    expect(moveTo(['a', 'b', 'c'], 'c', -3)).toEqual(['c', 'a', 'b']);
  });
});
