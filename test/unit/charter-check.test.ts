import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkCharter, findDecisionRule, postAmountCents, type CharterReferences } from '../../src/charters/rules/check.js';
import { charterFromTemplate } from '../../src/charters/rules/templates.js';
import { decisionRuleSchema, emptyRules, silenceOf, type BudgetPost, type CharterContent, type DecisionRule, type MoneyRules, type ProjectRules } from '../../src/charters/rules/types.js';
import { seed001Charter } from '../support/charter.js';

const seed = seed001Charter();
const { plenary, steering, directors, group } = seed;
const alice = randomUUID();
const house = randomUUID();
const coPresidency = randomUUID();

const references: CharterReferences = {
  bodies: new Map([
    [plenary, 'Assemblée plénière'],
    [steering, 'Comité de pilotage'],
    [directors, 'Codir'],
    [group, 'Groupe de travail'],
  ]),
  people: new Set([alice]),
  organizations: new Set([house]),
  roles: new Map([[coPresidency, 'Coprésidence']]),
  memberships: new Map([[alice, new Set([house])]]),
};

const template = () => structuredClone(seed.content);

const row = (values: Partial<DecisionRule>): DecisionRule => ({
  id: randomUUID(),
  level: 'strategic',
  topic: '',
  bodyId: plenary,
  method: 'consensus',
  quorumPercent: null,
  maxRounds: null,
  onBlock: { kind: 'lapse' },
  informBodyIds: [],
  ...values,
});

const withMatrix = (decisionMatrix: DecisionRule[]): CharterContent => {
  const content = template();
  return { ...content, rules: { ...content.rules, decisionMatrix } };
};
const everyLevel = (onBlock: DecisionRule['onBlock'] = { kind: 'lapse' }) =>
  (['strategic', 'operational', 'functional'] as const).map((level) => row({ level, bodyId: steering, onBlock }));
const codes = (content: CharterContent) => checkCharter(content, references).map((issue) => issue.code);

describe('checkCharter', () => {
  it('finds nothing to say about the partnership template linked to a complete structure', () => {
    expect(checkCharter(template(), references)).toEqual([]);
  });

  it('asks for articles when there are none', () => {
    const content = { ...template(), articles: [] };
    expect(checkCharter(content, references)).toContainEqual({ path: ['articles'], code: 'no_articles', params: {} });
  });

  it('names each decision level that no general row covers', () => {
    const content = withMatrix([row({ level: 'strategic' }), row({ level: 'operational', topic: 'Budget' })]);
    const issues = checkCharter(content, references).filter((issue) => issue.code === 'level_without_body');
    expect(issues.map((issue) => issue.params.level)).toEqual(['operational', 'functional']);
    expect(issues[0]!.path).toEqual(['rules', 'decisionMatrix']);
  });

  it('asks for the deciding body when a row has none, at that row', () => {
    const content = withMatrix([...everyLevel(), row({ level: 'operational', topic: 'Budget', bodyId: null })]);
    expect(checkCharter(content, references)).toEqual([{ path: ['rules', 'decisionMatrix', 3, 'bodyId'], code: 'body_missing', params: {} }]);
  });

  it('reports a body that is not in the structure any more', () => {
    const content = withMatrix([...everyLevel(), row({ level: 'operational', topic: 'Budget', bodyId: randomUUID() })]);
    expect(codes(content)).toEqual(['body_unknown']);
  });

  it('reports a body of the structure that the charter does not list among its bodies', () => {
    const content = withMatrix(everyLevel());
    const unlisted = { ...content, rules: { ...content.rules, bodyIds: [plenary, directors, group] } };
    const issues = checkCharter(unlisted, references);
    expect(issues.map((issue) => issue.code)).toContain('body_not_listed');
    expect(issues.find((issue) => issue.code === 'body_not_listed')!.params).toEqual({ body: 'Comité de pilotage' });
    expect(issues.find((issue) => issue.code === 'body_not_listed')!.path).toEqual(['rules', 'decisionMatrix', 0, 'bodyId']);
  });

  it('reports a listed body that no longer exists, at its place in the list', () => {
    const content = template();
    const gone = randomUUID();
    const broken = { ...content, rules: { ...content.rules, bodyIds: [...content.rules.bodyIds, gone] } };
    expect(checkCharter(broken, references)).toEqual([{ path: ['rules', 'bodyIds', 4], code: 'body_unknown', params: {} }]);
  });

  it('refuses two rows for the same level and topic, whatever their bodies: routing would never use the second', () => {
    const content = withMatrix([...everyLevel(), row({ level: 'functional', topic: 'budget', bodyId: steering }), row({ level: 'functional', topic: 'Budget', bodyId: plenary })]);
    expect(checkCharter(content, references)).toEqual([{ path: ['rules', 'decisionMatrix', 4, 'topic'], code: 'rule_duplicate', params: {} }]);
  });

  it('asks for a quorum when a body decides by majority', () => {
    const content = withMatrix([...everyLevel().slice(1), row({ level: 'strategic', method: 'majority' })]);
    expect(checkCharter(content, references)).toEqual([{ path: ['rules', 'decisionMatrix', 2, 'quorumPercent'], code: 'quorum_required', params: {} }]);
    const fixed = withMatrix([...everyLevel().slice(1), row({ level: 'strategic', method: 'majority', quorumPercent: 50 })]);
    expect(codes(fixed)).toEqual([]);
  });

  it('refuses tacit consent in a vote, at the row and at the revision rule, and accepts it in consent and consensus', () => {
    const vote = withMatrix([...everyLevel().slice(1), row({ level: 'strategic', method: 'majority', quorumPercent: 50, silence: 'consents' })]);
    expect(checkCharter(vote, references)).toEqual([{ path: ['rules', 'decisionMatrix', 2, 'silence'], code: 'silence_consents_in_vote', params: {} }]);
    for (const silence of ['absent', 'blocks'] as const) {
      expect(codes(withMatrix([...everyLevel().slice(1), row({ level: 'strategic', method: 'majority', quorumPercent: 50, silence })]))).toEqual([]);
    }
    for (const method of ['consent', 'consensus'] as const) expect(codes(withMatrix(everyLevel().map((rule) => ({ ...rule, method, silence: 'consents' }))))).toEqual([]);
    const revision = template();
    revision.rules.revision = { ...revision.rules.revision, method: 'majority', silence: 'consents' };
    expect(checkCharter(revision, references)).toEqual([{ path: ['rules', 'revision', 'silence'], code: 'silence_consents_in_vote', params: {} }]);
  });

  it('names the bodies of an escalation that turns in a circle', () => {
    const content = withMatrix([
      ...everyLevel().slice(1),
      row({ level: 'strategic', bodyId: plenary, onBlock: { kind: 'arbitration', bodyId: steering } }),
      row({ level: 'strategic', topic: 'Arbitrage du comité', bodyId: steering, onBlock: { kind: 'arbitration', bodyId: directors } }),
      row({ level: 'strategic', topic: 'Arbitrage final', bodyId: directors, onBlock: { kind: 'arbitration', bodyId: plenary } }),
    ]);
    const cycles = checkCharter(content, references).filter((issue) => issue.code === 'escalation_cycle');
    expect(cycles[0]).toEqual({
      path: ['rules', 'decisionMatrix', 2, 'onBlock', 'bodyId'],
      code: 'escalation_cycle',
      params: { chain: 'Assemblée plénière → Comité de pilotage → Codir → Assemblée plénière' },
    });
    expect(cycles).toHaveLength(3);
  });

  it('reports a body that arbitrates its own block', () => {
    const content = withMatrix([...everyLevel().slice(1), row({ level: 'strategic', bodyId: plenary, onBlock: { kind: 'arbitration', bodyId: plenary } })]);
    expect(checkCharter(content, references)[0]!.params).toEqual({ chain: 'Assemblée plénière → Assemblée plénière' });
  });

  it('reports an arbitrating body that has no rule at that level', () => {
    const content = withMatrix([...everyLevel().slice(1), row({ level: 'strategic', bodyId: plenary, onBlock: { kind: 'arbitration', bodyId: directors } })]);
    expect(checkCharter(content, references)).toEqual([
      { path: ['rules', 'decisionMatrix', 2, 'onBlock', 'bodyId'], code: 'escalation_dead_end', params: { body: 'Codir', level: 'strategic' } },
    ]);
  });

  it('accepts an escalation that ends in a lapse after two arbitrations', () => {
    const content = withMatrix([
      ...everyLevel().slice(1),
      row({ level: 'strategic', bodyId: plenary, onBlock: { kind: 'arbitration', bodyId: steering } }),
      row({ level: 'strategic', topic: 'Arbitrage du comité', bodyId: steering, onBlock: { kind: 'arbitration', bodyId: directors } }),
      row({ level: 'strategic', topic: 'Arbitrage final', bodyId: directors, onBlock: { kind: 'lapse' } }),
    ]);
    expect(codes(content)).toEqual([]);
  });

  it('requires the revision body when members of a body may ask for a revision', () => {
    const content = template();
    const revised = { ...content, rules: { ...content.rules, revision: { requestedBy: 'body_member' as const, bodyId: null, method: 'consent' as const } } };
    expect(checkCharter(revised, references)).toEqual([{ path: ['rules', 'revision', 'bodyId'], code: 'body_missing', params: {} }]);
  });

  describe('project rules', () => {
    const withProjects = (change: (projects: ProjectRules) => ProjectRules, rules: Partial<CharterContent['rules']> = {}): CharterContent => {
      const content = template();
      return { ...content, rules: { ...content.rules, ...rules, projects: change(content.rules.projects!) } };
    };

    it('accepts the template’s rules and a role of the partnership as confirmer', () => {
      expect(codes(withProjects((p) => ({ ...p, leadConfirmedBy: { kind: 'role', roleId: coPresidency } })))).toEqual([]);
    });

    it('says at the topic when a matter reaches no body: a project presented there could never be validated', () => {
      // Without its general strategic row, a topic the matrix does not name goes nowhere; the level's own issue is said too.
      const matrix = template().rules.decisionMatrix.filter((rule) => !(rule.level === 'strategic' && rule.topic === ''));
      const content = withProjects((p) => ({ ...p, presentation: { level: 'strategic', topic: 'Jardinage' } }), { decisionMatrix: matrix });
      expect(checkCharter(content, references)).toEqual([
        { path: ['rules', 'decisionMatrix'], code: 'level_without_body', params: { level: 'strategic' } },
        { path: ['rules', 'projects', 'presentation', 'topic'], code: 'project_matter_unrouted', params: { level: 'strategic' } },
        // The settlement of accounts went to that general row too.
        { path: ['rules', 'money', 'settlement', 'topic'], code: 'money_matter_unrouted', params: { level: 'strategic' } },
      ]);
    });

    it('says at the evaluation when the row it finds has no body yet', () => {
      const content = template();
      const projects = content.rules.projects!;
      const matrix = content.rules.decisionMatrix.map((rule) => (findDecisionRule([rule], projects.evaluation.level, projects.evaluation.topic) === rule && rule.topic !== '' ? { ...rule, bodyId: null } : rule));
      const issues = checkCharter({ ...content, rules: { ...content.rules, decisionMatrix: matrix } }, references).map((issue) => `${issue.path.join('.')} ${issue.code}`);
      expect(issues).toContain('rules.projects.evaluation.topic project_matter_unrouted');
      expect(issues).toContain('rules.projects.presentation.topic project_matter_unrouted');
    });

    it('checks the bodies that name and confirm a lead like any body the rules name', () => {
      const unknown = randomUUID();
      const content = withProjects((p) => ({ ...p, leadNamedBy: group, leadConfirmedBy: { kind: 'body', bodyId: unknown } }), { bodyIds: [plenary, steering, directors] });
      expect(checkCharter(content, references)).toEqual([
        { path: ['rules', 'decisionMatrix', 6, 'bodyId'], code: 'body_not_listed', params: { body: 'Groupe de travail' } },
        { path: ['rules', 'projects', 'leadNamedBy'], code: 'body_not_listed', params: { body: 'Groupe de travail' } },
        { path: ['rules', 'projects', 'leadConfirmedBy', 'bodyId'], code: 'body_unknown', params: {} },
      ]);
    });

    it('refuses a confirming role the partnership does not have', () => {
      const content = withProjects((p) => ({ ...p, leadConfirmedBy: { kind: 'role', roleId: randomUUID() } }));
      expect(checkCharter(content, references)).toEqual([{ path: ['rules', 'projects', 'leadConfirmedBy', 'roleId'], code: 'role_unknown', params: {} }]);
    });

    it('says nothing of a version written before projects were governed', () => {
      const content = template();
      delete content.rules.projects;
      expect(codes(content)).toEqual([]);
    });
  });

  describe('money rules', () => {
    const withMoney = (change: (money: MoneyRules) => MoneyRules, rules: Partial<CharterContent['rules']> = {}): CharterContent => {
      const content = template();
      return { ...content, rules: { ...content.rules, ...rules, money: change(content.rules.money!) } };
    };
    const treasury = randomUUID();
    const withTreasury: CharterReferences = { ...references, roles: new Map([...references.roles, [treasury, 'Trésorerie']]) };

    it('accepts the template’s rules and a treasurer role of the partnership', () => {
      expect(checkCharter(withMoney((m) => ({ ...m, treasurerRoleId: treasury })), withTreasury)).toEqual([]);
    });

    it('says at each money matter that reaches no body: nobody could approve a revision, a settlement or a spending', () => {
      // Without its general functional row, a topic the matrix does not name goes nowhere; the level's own issue is said too.
      const matrix = template().rules.decisionMatrix.filter((rule) => !(rule.level === 'functional' && rule.topic === ''));
      const content = withMoney(
        (m) => ({ ...m, budgetRevision: { level: 'functional', topic: 'Trésorerie des sorties' }, settlement: { level: 'functional', topic: '' }, commonFund: { ...m.commonFund!, spending: { level: 'functional', topic: 'Achats' } } }),
        { decisionMatrix: matrix },
      );
      expect(checkCharter(content, references)).toEqual([
        { path: ['rules', 'decisionMatrix'], code: 'level_without_body', params: { level: 'functional' } },
        { path: ['rules', 'money', 'budgetRevision', 'topic'], code: 'money_matter_unrouted', params: { level: 'functional' } },
        { path: ['rules', 'money', 'settlement', 'topic'], code: 'money_matter_unrouted', params: { level: 'functional' } },
        { path: ['rules', 'money', 'commonFund', 'spending', 'topic'], code: 'money_matter_unrouted', params: { level: 'functional' } },
      ]);
    });

    it('says at the spending when the common fund’s row has no body yet, and nothing of a fund there is not', () => {
      const content = template();
      const matrix = content.rules.decisionMatrix.map((rule) => (rule.topic === 'Caisse commune' ? { ...rule, bodyId: null } : rule));
      const unrouted = { ...content, rules: { ...content.rules, decisionMatrix: matrix } };
      expect(checkCharter(unrouted, references).map((issue) => `${issue.path.join('.')} ${issue.code}`)).toEqual([
        'rules.decisionMatrix.3.bodyId body_missing',
        'rules.money.commonFund.spending.topic money_matter_unrouted',
      ]);
      const withoutFund = { ...unrouted, rules: { ...unrouted.rules, money: { ...unrouted.rules.money!, commonFund: null } } };
      expect(codes(withoutFund)).toEqual(['body_missing']);
    });

    it('refuses a treasurer role the partnership does not have', () => {
      expect(checkCharter(withMoney((m) => ({ ...m, treasurerRoleId: randomUUID() })), references)).toEqual([
        { path: ['rules', 'money', 'treasurerRoleId'], code: 'role_unknown', params: {} },
      ]);
    });

    it('says nothing of a version written before money was governed', () => {
      const content = template();
      delete content.rules.money;
      expect(codes(content)).toEqual([]);
    });
  });

  describe('budget', () => {
    const withBudget = (totalCents: number | null, posts: Omit<BudgetPost, 'id' | 'label'>[]): CharterContent => {
      const content = template();
      return {
        ...content,
        rules: { ...content.rules, budget: { totalCents, posts: posts.map((post, index) => ({ id: randomUUID(), label: `Poste ${index + 1}`, ...post })) } },
      };
    };

    const invoiced = { label: 'Prestations facturées', amountCents: 712_000 };

    it('accepts posts whose amounts add up to the total, like seed 000 (712 + 5,480 + 2,080 = 8,272 €), its 10 % being of another sum', () => {
      const content = withBudget(827_200, [
        { percent: 10, amountCents: 71_200, percentOf: invoiced },
        { percent: null, amountCents: 548_000 },
        { percent: null, amountCents: 208_000 },
      ]);
      expect(codes(content)).toEqual([]);
    });

    it('says at the amount when a percent of the total and an amount disagree (10 % of 8,272 € is not 712 €)', () => {
      const content = withBudget(827_200, [
        { percent: 10, amountCents: 71_200 },
        { percent: null, amountCents: 548_000 },
        { percent: null, amountCents: 208_000 },
      ]);
      expect(checkCharter(content, references)).toEqual([
        { path: ['rules', 'budget', 'posts', 0, 'amountCents'], code: 'budget_percent_disagrees', params: { percent: 10, base: 8_272, share: 827.2, amount: 712 } },
      ]);
    });

    it('checks a percent of a named sum against that sum, not the total', () => {
      const content = withBudget(827_200, [
        { percent: 10, amountCents: 82_720, percentOf: invoiced },
        { percent: null, amountCents: 744_480 },
      ]);
      expect(checkCharter(content, references)).toEqual([
        { path: ['rules', 'budget', 'posts', 0, 'amountCents'], code: 'budget_percent_disagrees', params: { percent: 10, base: 7_120, share: 712, amount: 827.2 } },
      ]);
    });

    it('accepts a percent and an amount that agree to the cent or to the hundredth of a percent', () => {
      expect(codes(withBudget(1_000_000, [{ percent: 33.33, amountCents: 333_333 }, { percent: 66.67, amountCents: 666_667 }]))).toEqual([]);
      expect(codes(withBudget(827_200, [{ percent: 10, amountCents: 82_720 }, { percent: null, amountCents: 744_480 }]))).toEqual([]);
    });

    it('counts a post given only as a percent of a named sum as that share of it, outside the 100 % of the total', () => {
      expect(postAmountCents({ percent: 10, amountCents: null, percentOf: invoiced }, 827_200)).toBe(71_200);
      expect(codes(withBudget(827_200, [{ percent: 10, amountCents: null, percentOf: invoiced }, { percent: 100, amountCents: null }]))).toEqual(['budget_sum_mismatch']);
      expect(codes(withBudget(null, [{ percent: 10, amountCents: null, percentOf: invoiced }]))).toEqual([]);
    });

    it('says by how much the posts miss the total', () => {
      const content = withBudget(827_200, [
        { percent: null, amountCents: 71_200 },
        { percent: null, amountCents: 500_000 },
      ]);
      expect(checkCharter(content, references)).toEqual([
        { path: ['rules', 'budget', 'totalCents'], code: 'budget_sum_mismatch', params: { sum: 5_712, total: 8_272 } },
      ]);
    });

    it('accepts percent shares whose cents fall between two whole cents (50 % of 10.01 €, thirds of 10 €)', () => {
      expect(codes(withBudget(1_001, [{ percent: 50, amountCents: null }, { percent: 50, amountCents: null }]))).toEqual([]);
      expect(codes(withBudget(1_000, [{ percent: 33.33, amountCents: null }, { percent: 33.33, amountCents: null }, { percent: 33.34, amountCents: null }]))).toEqual([]);
    });

    it('counts a post given only as a percent as that share of the total', () => {
      expect(postAmountCents({ percent: 25, amountCents: null }, 10_000)).toBe(2_500);
      expect(codes(withBudget(10_000, [{ percent: 25, amountCents: null }, { percent: null, amountCents: 7_500 }]))).toEqual([]);
      expect(codes(withBudget(10_000, [{ percent: 25, amountCents: null }, { percent: null, amountCents: 7_000 }]))).toEqual(['budget_sum_mismatch']);
    });

    it('refuses percents above 100 in all, but accepts thirds that round to 100', () => {
      expect(codes(withBudget(100, [{ percent: 60, amountCents: null }, { percent: 50, amountCents: null }]))).toEqual(['budget_percent_over', 'budget_sum_mismatch']);
      expect(codes(withBudget(100, [{ percent: 33.33, amountCents: null }, { percent: 33.33, amountCents: null }, { percent: 33.34, amountCents: null }]))).toEqual([]);
    });

    it('asks for an amount or a percent on each post, and for a total when a post is only a percent', () => {
      expect(checkCharter(withBudget(100, [{ percent: null, amountCents: null }]), references)).toEqual([
        { path: ['rules', 'budget', 'posts', 0, 'amountCents'], code: 'budget_post_empty', params: {} },
      ]);
      expect(checkCharter(withBudget(null, [{ percent: 50, amountCents: null }]), references)).toEqual([
        { path: ['rules', 'budget', 'totalCents'], code: 'budget_percent_without_total', params: { post: 'Poste 1' } },
      ]);
    });
  });

  it('refuses an end date before the start date', () => {
    const content = template();
    const dated = (startsOn: string, endsOn: string) => ({ ...content, rules: { ...content.rules, duration: { startsOn, endsOn } } });
    expect(checkCharter(dated('2026-01-01', '2025-12-31'), references)).toEqual([{ path: ['rules', 'duration', 'endsOn'], code: 'duration_order', params: {} }]);
    expect(codes(dated('2026-01-01', '2026-01-01'))).toEqual([]);
  });

  it('checks that signatories name a person of the partnership and a known organization', () => {
    const content = template();
    const signatories = [
      { id: randomUUID(), personId: alice, organizationId: house, capacity: 'Présidente' },
      { id: randomUUID(), personId: null, organizationId: null, capacity: '' },
      { id: randomUUID(), personId: randomUUID(), organizationId: randomUUID(), capacity: '' },
    ];
    expect(checkCharter({ ...content, rules: { ...content.rules, signatories } }, references)).toEqual([
      { path: ['rules', 'signatories', 1, 'personId'], code: 'signatory_person_missing', params: {} },
      { path: ['rules', 'signatories', 2, 'personId'], code: 'person_unknown', params: {} },
      { path: ['rules', 'signatories', 2, 'organizationId'], code: 'organization_unknown', params: {} },
    ]);
  });

  it('refuses a signatory who would sign for an organization they do not belong to', () => {
    const content = template();
    const other = randomUUID();
    const refs = { ...references, organizations: new Set([house, other]) };
    const signatories = [{ id: randomUUID(), personId: alice, organizationId: other, capacity: 'Présidente' }];
    expect(checkCharter({ ...content, rules: { ...content.rules, signatories } }, refs)).toEqual([
      { path: ['rules', 'signatories', 0, 'organizationId'], code: 'signatory_not_member', params: {} },
    ]);
  });

  it('flags every unlinked body of a template used in a partnership without bodies', () => {
    const content = charterFromTemplate('partnership', { locale: 'en', bodies: [], newId: randomUUID });
    const issues = checkCharter(content, references);
    // Projects and money go to rows that have no body yet: said at the project and money rules too.
    expect(issues.filter((issue) => issue.code !== 'body_missing')).toEqual([
      { path: ['rules', 'projects', 'presentation', 'topic'], code: 'project_matter_unrouted', params: { level: 'strategic' } },
      { path: ['rules', 'projects', 'evaluation', 'topic'], code: 'project_matter_unrouted', params: { level: 'strategic' } },
      { path: ['rules', 'money', 'budgetRevision', 'topic'], code: 'money_matter_unrouted', params: { level: 'functional' } },
      { path: ['rules', 'money', 'settlement', 'topic'], code: 'money_matter_unrouted', params: { level: 'strategic' } },
      { path: ['rules', 'money', 'commonFund', 'spending', 'topic'], code: 'money_matter_unrouted', params: { level: 'strategic' } },
    ]);
    expect(issues.length).toBeGreaterThanOrEqual(9);
  });
});

describe('findDecisionRule', () => {
  const rules = [row({ level: 'operational', bodyId: steering }), row({ level: 'operational', topic: 'Nomination des chefs de projet', bodyId: directors })];

  it('routes a named topic to its own row, whatever the case of its letters', () => {
    expect(findDecisionRule(rules, 'operational', 'nomination des chefs de projet')!.bodyId).toBe(directors);
  });

  it('routes any other topic, or none, to the general row of the level', () => {
    expect(findDecisionRule(rules, 'operational', 'Séjours')!.bodyId).toBe(steering);
    expect(findDecisionRule(rules, 'operational', '')!.bodyId).toBe(steering);
    expect(findDecisionRule(rules, 'strategic', '')).toBeUndefined();
  });
});

describe('emptyRules', () => {
  it('starts with consent for revisions and CC BY-SA 4.0 for outputs, as both seeds do', () => {
    expect(emptyRules().revision.method).toBe('consent');
    expect(emptyRules().licence.licence).toBe('CC-BY-SA-4.0');
  });
});

describe('what a silent member counts as', () => {
  it.each(['cooperation', 'partnership'] as const)('is said by every row and the revision rule of the %s template: absent, as the seeds suggest', (id) => {
    const rules = charterFromTemplate(id, { locale: 'fr', bodies: [], newId: randomUUID }).rules;
    expect(rules.decisionMatrix.length).toBeGreaterThan(0);
    expect(rules.decisionMatrix.every((rule) => rule.silence === 'absent')).toBe(true);
    expect(rules.revision.silence).toBe('absent');
  });

  it('is absent for a rule written before charters said it', () => {
    const older: { silence?: 'blocks' } = {};
    expect(silenceOf(older)).toBe('absent');
    expect(decisionRuleSchema.parse(row({})).silence).toBeUndefined();
    expect(silenceOf(row({ silence: 'consents' }))).toBe('consents');
  });

  it('is a value of the list and nothing else', () => {
    expect(decisionRuleSchema.safeParse(row({})).success).toBe(true);
    expect(decisionRuleSchema.safeParse({ ...row({}), silence: 'consents' }).success).toBe(true);
    expect(decisionRuleSchema.safeParse({ ...row({}), silence: 'abstains' }).success).toBe(false);
  });
});

describe('the cooperation template', () => {
  it.each(['fr', 'en'] as const)('plans the exit with the six objectives of seed 000, the client and the host organization protected each in its own (%s)', (locale) => {
    const objectives = charterFromTemplate('cooperation', { locale, bodies: [], newId: randomUUID }).rules.dispute.exitPlanObjectives;
    expect(objectives).toHaveLength(6);
    const [client, host] = locale === 'fr' ? [/commanditaire/, /structure porteuse/] : [/client/, /host organization/];
    expect(objectives.filter((objective) => client.test(objective))).toHaveLength(1);
    expect(objectives.filter((objective) => host.test(objective))).toHaveLength(1);
    expect(objectives.findIndex((objective) => client.test(objective))).not.toBe(objectives.findIndex((objective) => host.test(objective)));
  });
});

describe('the money rules of the templates', () => {
  it('sends a partnership’s budget revisions to its directors by consent, its settlements to its general strategic row, and spends its 1 % by the steering committee', () => {
    const { content } = seed;
    const money = content.rules.money!;
    const matrix = content.rules.decisionMatrix;
    expect(findDecisionRule(matrix, money.budgetRevision.level, money.budgetRevision.topic)).toMatchObject({ topic: 'Gestion du budget du projet', bodyId: directors, method: 'consent', informBodyIds: [steering] });
    expect(findDecisionRule(matrix, money.settlement.level, money.settlement.topic)).toMatchObject({ level: 'strategic', topic: '', bodyId: plenary });
    expect(money.commonFund).toEqual({ contribution: { kind: 'percent', percent: 1 }, yearStartsMonth: 1, dueWithinDays: 60, spending: { level: 'strategic', topic: 'Caisse commune' } });
    expect(findDecisionRule(matrix, 'strategic', 'Caisse commune')).toMatchObject({ bodyId: steering, method: 'consent' });
    expect(money.treasurerRoleId).toBeNull();
    expect(money.deficitGuidance).toMatch(/autofinancement.*comité de direction/);
  });

  it('says the partnership’s money rules in English too, routed the same way', () => {
    const content = charterFromTemplate('partnership', { locale: 'en', bodies: [{ id: directors, kind: 'directors' }, { id: steering, kind: 'steering' }], newId: randomUUID });
    const money = content.rules.money!;
    expect(findDecisionRule(content.rules.decisionMatrix, money.budgetRevision.level, money.budgetRevision.topic)).toMatchObject({ topic: 'Managing the project budget', bodyId: directors });
    expect(findDecisionRule(content.rules.decisionMatrix, 'strategic', money.commonFund!.spending.topic)).toMatchObject({ topic: 'Common fund', bodyId: steering });
    expect(money.deficitGuidance).toMatch(/self-financing/);
  });

  it.each(['fr', 'en'] as const)('settles a cooperation’s accounts by its team’s general strategic row, with no common fund (%s)', (locale) => {
    const team = randomUUID();
    const content = charterFromTemplate('cooperation', { locale, bodies: [{ id: team, kind: 'working_group' }], newId: randomUUID });
    const money = content.rules.money!;
    expect(findDecisionRule(content.rules.decisionMatrix, money.settlement.level, money.settlement.topic)).toMatchObject({ topic: '', bodyId: team, method: 'consent' });
    expect(money.commonFund).toBeNull();
  });
});
