import { describe, expect, it } from 'vitest';
import { ACTION_PLAN_TOPIC, actionCounts, actionPlanTopic, draftProblems, firstDraftSubjects, isOpenAction } from '../../src/action-plans/rules.js';

describe('the topic of a proposal to adopt an action plan', () => {
  it('takes the matrix’s own spelling when a strategic row names the action plan, whatever its apostrophe or case', () => {
    expect(actionPlanTopic([{ level: 'strategic', topic: "plan d'action" }])).toBe("plan d'action");
    expect(actionPlanTopic([{ level: 'strategic', topic: 'Projets communs' }, { level: 'strategic', topic: ' Plan d’Action ' }])).toBe(' Plan d’Action ');
  });
  it('is « Plan d’action » otherwise, which the general strategic row decides', () => {
    expect(actionPlanTopic([])).toBe(ACTION_PLAN_TOPIC);
    expect(actionPlanTopic([{ level: 'operational', topic: 'Plan d’action' }, { level: 'strategic', topic: '' }])).toBe(ACTION_PLAN_TOPIC);
  });
});

describe('a new draft', () => {
  it('starts, for a first plan, from the seed charter’s five subjects in the person’s language, with no action', () => {
    const fr = firstDraftSubjects(null, 'fr');
    expect(fr.map((subject) => subject.title)).toEqual(['Financement des projets communs', 'Communication', 'Activités partagées', 'Moyens humains et logistiques', 'Partenariats extérieurs']);
    expect(fr.every((subject) => subject.actions.length === 0 && subject.carriedFrom === null)).toBe(true);
    expect(firstDraftSubjects(null, 'en')[4]!.title).toBe('External partnerships');
  });

  it('carries the plan in force’s subjects, remembering each, with their open actions only', () => {
    const inForce = [
      {
        id: 's1',
        title: 'Communication',
        description: 'Ensemble',
        actions: [
          { id: 'a1', title: 'Site commun', ownerId: 'p1', deadline: '2027-01-31', status: 'doing' as const },
          { id: 'a2', title: 'Plaquette', ownerId: 'p2', deadline: null, status: 'done' as const },
          { id: 'a3', title: 'Radio', ownerId: null, deadline: null, status: 'dropped' as const },
          { id: 'a4', title: 'Affiches', ownerId: null, deadline: null, status: 'todo' as const },
        ],
      },
    ];
    expect(firstDraftSubjects(inForce, 'fr')).toEqual([
      {
        title: 'Communication',
        description: 'Ensemble',
        carriedFrom: 's1',
        actions: [
          { title: 'Site commun', ownerId: 'p1', deadline: '2027-01-31', status: 'doing' },
          { title: 'Affiches', ownerId: null, deadline: null, status: 'todo' },
        ],
      },
    ]);
  });
});

describe('what keeps a draft back', () => {
  it('refuses two subjects of one title, case and spaces aside, naming the second', () => {
    expect(draftProblems([{ title: 'Communication' }, { title: 'Financement' }, { title: ' communication ' }], false)).toEqual([{ code: 'duplicate_subject', index: 2 }]);
  });
  it('lets an empty draft be saved but not put to a decision', () => {
    expect(draftProblems([], false)).toEqual([]);
    expect(draftProblems([], true)).toEqual([{ code: 'no_subject' }]);
  });
});

describe('actions', () => {
  it('wait on their owner while to do or under way', () => {
    expect(['todo', 'doing', 'done', 'dropped'].map((status) => isOpenAction(status as 'todo'))).toEqual([true, true, false, false]);
  });
  it('are counted by status', () => {
    expect(actionCounts([{ status: 'todo' }, { status: 'done' }, { status: 'done' }])).toEqual({ todo: 1, doing: 0, done: 2, dropped: 0 });
  });
});
