import { describe, expect, it } from 'vitest';
import { canMove, isOverdue, licenceAllowsPublishing, missingOutputs, moveIsManagers, nextStatuses, outputStates } from '../../src/deliverables/rules.js';

describe('a deliverable overdue', () => {
  it('is open after its due day, not on it', () => {
    expect(isOverdue({ status: 'planned', dueOn: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueOn: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ status: 'planned', dueOn: '2026-03-02' }, '2026-03-02')).toBe(false);
  });
  it('is never one delivered, published, dropped or without a due day', () => {
    for (const status of ['delivered', 'published', 'dropped'] as const) expect(isOverdue({ status, dueOn: '2026-01-01' }, '2026-03-02')).toBe(false);
    expect(isOverdue({ status: 'planned', dueOn: null }, '2026-03-02')).toBe(false);
  });
});

describe('the moves of a deliverable', () => {
  it('goes along its work and may step back until published', () => {
    expect(canMove('planned', 'in_progress')).toBe(true);
    expect(canMove('in_progress', 'delivered')).toBe(true);
    expect(canMove('planned', 'delivered')).toBe(true);
    expect(canMove('delivered', 'published')).toBe(true);
    expect(canMove('delivered', 'in_progress')).toBe(true);
  });
  it('publishes only what was delivered, and a published one moves no more', () => {
    expect(canMove('planned', 'published')).toBe(false);
    expect(canMove('in_progress', 'published')).toBe(false);
    for (const to of ['planned', 'in_progress', 'delivered', 'dropped'] as const) expect(canMove('published', to)).toBe(false);
    expect(nextStatuses('published')).toEqual(['published']);
  });
  it('comes back from dropped only to planned, and dropping or taking up again is the managers’', () => {
    expect(nextStatuses('dropped')).toEqual(['dropped', 'planned']);
    expect(moveIsManagers('in_progress', 'dropped')).toBe(true);
    expect(moveIsManagers('dropped', 'planned')).toBe(true);
    expect(moveIsManagers('planned', 'delivered')).toBe(false);
  });
  it('is published only under a licence that lets others reuse it', () => {
    expect(licenceAllowsPublishing('CC-BY-SA-4.0')).toBe(true);
    expect(licenceAllowsPublishing('CC0-1.0')).toBe(true);
    expect(licenceAllowsPublishing('all_rights_reserved')).toBe(false);
  });
});

describe('the outputs a licence lists', () => {
  const outputs = ['Articles de retour d’expérience', 'Données brutes', 'Cartographie des acteurs locaux'];
  it('are missing unless a deliverable carries the title, case, spaces and apostrophes aside', () => {
    expect(missingOutputs(outputs, [])).toEqual(outputs);
    expect(missingOutputs(outputs, ["articles de retour d'expérience ", 'Autre chose'])).toEqual(['Données brutes', 'Cartographie des acteurs locaux']);
    expect(missingOutputs(outputs, outputs)).toEqual([]);
  });
  it('counts an output listed twice once', () => {
    expect(missingOutputs(['Synthèse', 'synthèse'], [])).toEqual(['Synthèse']);
  });
  it('say, each, whether it is published, still due, dropped or has no deliverable', () => {
    const states = outputStates(outputs, [
      { id: 'a', title: 'Articles de retour d’expérience', status: 'published' },
      { id: 'b', title: 'Données brutes', status: 'delivered' },
    ]);
    expect(states).toEqual([
      { output: outputs[0], state: 'published', deliverableId: 'a' },
      { output: outputs[1], state: 'due', deliverableId: 'b' },
      { output: outputs[2], state: 'missing', deliverableId: null },
    ]);
    expect(outputStates(['X'], [{ id: 'x', title: 'X', status: 'dropped' }])[0]!.state).toBe('dropped');
  });
});
