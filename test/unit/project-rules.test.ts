import { describe, expect, it } from 'vitest';
import type { ProjectRules } from '../../src/charters/rules/types.js';
import {
  contextWithin,
  titleWithin,
  expectedNext,
  indicatorProgress,
  leadConfirmed,
  mayApproveLead,
  mayNameLead,
  mayNameReferent,
  mayPresent,
  mayReportEvaluation,
  mayRewrite,
  mayTellCarriers,
  PROJECT_STAGES,
  referentsComplete,
  smartGaps,
  stageAfterEvaluation,
  stageAfterLead,
  stageAfterPresentation,
  stepsOf,
  type ProjectStage,
  type ProjectState,
  type ProjectStep,
} from '../../src/projects/rules.js';

/** Seed 001's rules: the steering committee validates, one referent per house, the directors name the lead and the co-presidents confirm. */
const rules: ProjectRules = {
  presentation: { level: 'strategic', topic: 'Projets communs' },
  referentsPerOrganization: 1,
  leadNamedBy: 'directors',
  leadConfirmedBy: { kind: 'role', roleId: 'co-presidents' },
  evaluation: { level: 'strategic', topic: 'Projets communs', everyMonths: 12 },
  waitingDays: 30,
};
const noConfirmation: ProjectRules = { ...rules, leadConfirmedBy: null };
const noReferents: ProjectRules = { ...rules, referentsPerOrganization: 0 };

const state = (values: Partial<Omit<ProjectState, 'done'>> & { done?: readonly ProjectStep[] } = {}): ProjectState => ({
  stage: 'idea',
  participatingOrganizationIds: ['tilleuls', 'moulin'],
  referents: new Map(),
  leadNomineeId: null,
  leadApprovals: new Set(),
  ...values,
  done: new Set(values.done ?? ['idea']),
});
const refusal = (check: { ok: boolean; refusal?: string }) => (check.ok ? 'ok' : check.refusal);

const UNTIL_VALIDATED: ProjectStep[] = ['idea', 'formalized', 'presented', 'validated', 'working_group'];
const validated = (values: Parameters<typeof state>[0] = {}) => state({ stage: 'validated', done: UNTIL_VALIDATED, ...values });

describe('the steps a charter asks for', () => {
  it('are the nine of seed 001, in order, when it asks for referents and a confirmation', () => {
    expect(stepsOf(rules)).toEqual(['idea', 'formalized', 'presented', 'validated', 'carriers_told', 'working_group', 'referents', 'lead_named', 'lead_confirmed']);
  });
  it('leave out the confirmation when nobody confirms, and the referents when none are asked', () => {
    expect(stepsOf(noConfirmation)).not.toContain('lead_confirmed');
    expect(stepsOf(noReferents)).not.toContain('referents');
    expect(stepsOf({ ...noReferents, leadConfirmedBy: null })).toHaveLength(7);
  });
});

describe('steps 1 and 2: writing the idea', () => {
  it.each<[ProjectStage, string]>([
    ['idea', 'ok'],
    ['formalized', 'ok'],
    ['presented', 'already_presented'],
    ['validated', 'already_presented'],
    ['active', 'already_presented'],
    ['evaluating', 'already_presented'],
    ['closed', 'project_finished'],
    ['refused', 'project_finished'],
  ])('in stage %s: %s', (stage, expected) => expect(refusal(mayRewrite(state({ stage })))).toBe(expected));
});

describe('step 3: the presentation', () => {
  it('waits for the formalization', () => expect(refusal(mayPresent(state()))).toBe('not_formalized'));
  it('asks for at least one participating house', () => expect(refusal(mayPresent(state({ stage: 'formalized', participatingOrganizationIds: [] })))).toBe('no_participating_organization'));
  it('presents a formalized project once', () => {
    expect(refusal(mayPresent(state({ stage: 'formalized' })))).toBe('ok');
    expect(refusal(mayPresent(state({ stage: 'presented' })))).toBe('already_presented');
  });
  it('never moves a finished project', () => {
    expect(refusal(mayPresent(state({ stage: 'refused' })))).toBe('project_finished');
    expect(refusal(mayPresent(state({ stage: 'closed' })))).toBe('project_finished');
  });
});

describe('step 4: the decision on the presentation', () => {
  it('validates when adopted or arbitrated, refuses when rejected or lapsed', () => {
    expect(stageAfterPresentation('adopted')).toBe('validated');
    expect(stageAfterPresentation('arbitrated')).toBe('validated');
    expect(stageAfterPresentation('rejected')).toBe('refused');
    expect(stageAfterPresentation('lapsed')).toBe('refused');
  });
});

describe('step 5: telling the carriers', () => {
  it('waits for the validation', () => expect(refusal(mayTellCarriers(state({ stage: 'presented', done: ['idea', 'formalized', 'presented'] })))).toBe('not_validated'));
  it('tells them once, while validated or active', () => {
    expect(refusal(mayTellCarriers(validated()))).toBe('ok');
    expect(refusal(mayTellCarriers(validated({ stage: 'active' })))).toBe('ok');
    expect(refusal(mayTellCarriers(validated({ done: [...UNTIL_VALIDATED, 'carriers_told'] })))).toBe('already_told');
  });
  it('says nothing more to a closed project', () => expect(refusal(mayTellCarriers(validated({ stage: 'closed' })))).toBe('project_finished'));
});

describe('step 7: the referents', () => {
  it('are named once the working group exists, for a participating house, up to the charter’s count', () => {
    expect(refusal(mayNameReferent(state({ stage: 'presented' }), rules, 'tilleuls'))).toBe('no_working_group');
    expect(refusal(mayNameReferent(validated(), rules, 'ailleurs'))).toBe('organization_not_participating');
    expect(refusal(mayNameReferent(validated(), rules, 'tilleuls'))).toBe('ok');
    expect(refusal(mayNameReferent(validated({ referents: new Map([['tilleuls', 1]]) }), rules, 'tilleuls'))).toBe('referent_already_named');
    expect(refusal(mayNameReferent(validated({ referents: new Map([['tilleuls', 1]]) }), { ...rules, referentsPerOrganization: 2 }, 'tilleuls'))).toBe('ok');
  });
  it('are not asked when the charter asks none', () => expect(refusal(mayNameReferent(validated(), noReferents, 'tilleuls'))).toBe('no_referents_asked'));
  it('are not named for a finished project', () => expect(refusal(mayNameReferent(validated({ stage: 'refused' }), rules, 'tilleuls'))).toBe('project_finished'));
  it('are complete when every participating house has its count', () => {
    expect(referentsComplete(validated({ referents: new Map([['tilleuls', 1]]) }), rules)).toBe(false);
    expect(referentsComplete(validated({ referents: new Map([['tilleuls', 1], ['moulin', 1]]) }), rules)).toBe(true);
    expect(referentsComplete(validated(), noReferents)).toBe(true);
  });
});

describe('step 8: naming the lead', () => {
  it('waits for the working group, and may be named again until confirmed', () => {
    expect(refusal(mayNameLead(state({ stage: 'presented' })))).toBe('no_working_group');
    expect(refusal(mayNameLead(validated()))).toBe('ok');
    expect(refusal(mayNameLead(validated({ done: [...UNTIL_VALIDATED, 'lead_named'], leadNomineeId: 'ines' })))).toBe('ok');
    expect(refusal(mayNameLead(validated({ stage: 'active', done: [...UNTIL_VALIDATED, 'lead_named', 'lead_confirmed'] })))).toBe('lead_already_confirmed');
    expect(refusal(mayNameLead(validated({ stage: 'closed' })))).toBe('project_finished');
  });
  it('makes a validated project active once the lead is in place, and leaves any other stage', () => {
    expect(stageAfterLead({ stage: 'validated' })).toBe('active');
    expect(stageAfterLead({ stage: 'active' })).toBe('active');
  });
});

describe('step 9: confirming the lead', () => {
  const named = validated({ done: [...UNTIL_VALIDATED, 'lead_named'], leadNomineeId: 'ines' });
  it('needs a nominee, a confirmation asked, and one approval per confirmer', () => {
    expect(refusal(mayApproveLead(validated(), rules, 'helene'))).toBe('no_nominee');
    expect(refusal(mayApproveLead(named, noConfirmation, 'helene'))).toBe('no_confirmation_asked');
    expect(refusal(mayApproveLead(named, rules, 'helene'))).toBe('ok');
    expect(refusal(mayApproveLead({ ...named, leadApprovals: new Set(['helene']) }, rules, 'helene'))).toBe('already_approved');
    expect(refusal(mayApproveLead({ ...named, done: new Set([...named.done, 'lead_confirmed']) }, rules, 'helene'))).toBe('lead_already_confirmed');
    expect(refusal(mayApproveLead({ ...named, stage: 'refused' }, rules, 'helene'))).toBe('project_finished');
  });
  it('confirms once every confirmer approved, never with nobody to confirm', () => {
    expect(leadConfirmed(new Set(['helene']), ['helene', 'jacques'])).toBe(false);
    expect(leadConfirmed(new Set(['helene', 'jacques']), ['helene', 'jacques'])).toBe(true);
    expect(leadConfirmed(new Set(['helene', 'jacques', 'ancien']), ['helene', 'jacques'])).toBe(true);
    expect(leadConfirmed(new Set(), [])).toBe(false);
  });
});

describe('the evaluation', () => {
  it('is reported by an active project only, once at a time', () => {
    expect(refusal(mayReportEvaluation(validated({ stage: 'active' })))).toBe('ok');
    expect(refusal(mayReportEvaluation(validated()))).toBe('not_active');
    expect(refusal(mayReportEvaluation(validated({ stage: 'evaluating' })))).toBe('evaluation_pending');
    expect(refusal(mayReportEvaluation(validated({ stage: 'closed' })))).toBe('project_finished');
  });
  it('leaves the project as the decision says: closed only when the closing is adopted', () => {
    expect(stageAfterEvaluation('adopted', 'renew')).toBe('active');
    expect(stageAfterEvaluation('adopted', 'adjust')).toBe('active');
    expect(stageAfterEvaluation('adopted', 'close')).toBe('closed');
    expect(stageAfterEvaluation('arbitrated', 'close')).toBe('closed');
    expect(stageAfterEvaluation('rejected', 'close')).toBe('active');
    expect(stageAfterEvaluation('lapsed', 'close')).toBe('active');
  });
});

describe('what a project expects next', () => {
  it('asks the carriers, then the decision, before validation', () => {
    expect(expectedNext(state(), rules, [])).toEqual([{ step: 'formalized', from: { kind: 'carriers' } }]);
    expect(expectedNext(state({ stage: 'formalized' }), rules, [])).toEqual([{ step: 'presented', from: { kind: 'carriers' } }]);
    expect(expectedNext(state({ stage: 'presented' }), rules, [])).toEqual([{ step: 'validated', from: { kind: 'decision' } }]);
    expect(expectedNext(state({ stage: 'evaluating' }), rules, [])).toEqual([{ step: 'evaluation_decision', from: { kind: 'decision' } }]);
  });
  it('runs steps 5, 7 and 8 side by side once validated', () => {
    expect(expectedNext(validated({ referents: new Map([['moulin', 1]]) }), rules, ['helene'])).toEqual([
      { step: 'carriers_told', from: { kind: 'validating_body' } },
      { step: 'referents', from: { kind: 'organization', organizationId: 'tilleuls' } },
      { step: 'lead_named', from: { kind: 'lead_namer' } },
    ]);
  });
  it('waits on the confirmers who have not approved yet', () => {
    const named = validated({ done: [...UNTIL_VALIDATED, 'carriers_told', 'referents', 'lead_named'], referents: new Map([['tilleuls', 1], ['moulin', 1]]), leadNomineeId: 'ines', leadApprovals: new Set(['helene']) });
    expect(expectedNext(named, rules, ['helene', 'jacques'])).toEqual([{ step: 'lead_confirmed', from: { kind: 'confirmers', personIds: ['jacques'] } }]);
    expect(expectedNext(named, noConfirmation, ['helene', 'jacques'])).toEqual([]);
  });
  it('asks an active project with nothing else waiting for its evaluation, and nothing of a finished one', () => {
    const done = validated({ stage: 'active', done: [...UNTIL_VALIDATED, 'carriers_told', 'referents', 'lead_named', 'lead_confirmed'], referents: new Map([['tilleuls', 1], ['moulin', 1]]) });
    expect(expectedNext(done, rules, [])).toEqual([{ step: 'evaluation', from: { kind: 'working_group' } }]);
    for (const stage of ['closed', 'refused'] as const) expect(expectedNext(state({ stage }), rules, [])).toEqual([]);
  });
  it('answers something for every stage', () => {
    for (const stage of PROJECT_STAGES) expect(Array.isArray(expectedNext(state({ stage }), rules, []))).toBe(true);
  });
});

describe('objectives and indicators', () => {
  it('point out the SMART letters an objective lacks', () => {
    expect(smartGaps({ statement: 'Fête', metric: '', target: '', deadline: null, ownerId: null })).toEqual(['specific', 'measurable', 'in_action', 'time_bound']);
    expect(smartGaps({ statement: 'Accueillir cent familles à la fête', metric: 'familles', target: '100', deadline: '2026-06-30', ownerId: 'ines' })).toEqual([]);
  });
  it('add up each house’s latest reading against the target', () => {
    expect(indicatorProgress(100, [])).toEqual({ value: null, percent: null });
    expect(
      indicatorProgress(100, [
        { measuredOn: '2026-03-01', value: 20, organizationId: 'tilleuls' },
        { measuredOn: '2026-04-01', value: 40, organizationId: 'tilleuls' },
        { measuredOn: '2026-04-01', value: 30, organizationId: 'moulin' },
      ]),
    ).toEqual({ value: 70, percent: 70 });
    expect(indicatorProgress(0, [{ measuredOn: '2026-03-01', value: 5, organizationId: null }])).toEqual({ value: 5, percent: null });
  });
});

describe('texts cut to their limits', () => {
  it('cuts a title to its room, marked « … », never halving a character', () => {
    expect(titleWithin('Fête des voisins', 16)).toBe('Fête des voisins');
    expect(titleWithin('Fête des voisins', 10)).toBe('Fête des…');
    expect(titleWithin('Fête 🎉 ici', 7)).toBe('Fête…');
  });

  it('joins a proposal’s context and, past its length, cuts it and says where the rest is', () => {
    expect(contextWithin(['Résumé', '', 'Besoins'], 100, 'Suite : /p')).toBe('Résumé\n\nBesoins');
    const cut = contextWithin(['a'.repeat(60), 'b'.repeat(60)], 100, 'Suite : /p');
    expect(cut.length).toBe(100);
    expect(cut.endsWith('…\n\nSuite : /p')).toBe(true);
  });
});
