import { DECISION_LEVELS, type DecisionLevel } from './enums.js';
import type { BudgetPost, CharterContent, DecisionRule } from './types.js';

/**
 * A place in the charter where its rules do not hold together, with the field it belongs to
 * (a path into the content, as zod gives them) so that a form can show it there.
 */
export interface CharterIssue {
  readonly path: readonly (string | number)[];
  readonly code: CharterIssueCode;
  readonly params: Readonly<Record<string, string | number>>;
}

export const CHARTER_ISSUE_CODES = [
  'no_articles',
  'level_without_body',
  'body_missing',
  'body_unknown',
  'body_not_listed',
  'rule_duplicate',
  'quorum_required',
  'silence_consents_in_vote',
  'escalation_cycle',
  'escalation_dead_end',
  'budget_post_empty',
  'budget_percent_without_total',
  'budget_percent_over',
  'budget_sum_mismatch',
  'budget_percent_disagrees',
  'duration_order',
  'signatory_person_missing',
  'person_unknown',
  'organization_unknown',
  'signatory_not_member',
  'project_matter_unrouted',
  'role_unknown',
  'money_matter_unrouted',
] as const;
export type CharterIssueCode = (typeof CHARTER_ISSUE_CODES)[number];

/** What the check needs to know of the partnership: the names of what the rules may reference. */
export interface CharterReferences {
  readonly bodies: ReadonlyMap<string, string>;
  readonly people: ReadonlySet<string>;
  readonly organizations: ReadonlySet<string>;
  /** The partnership's roles by id, with their names: a project's lead may be confirmed by a role's holders. */
  readonly roles: ReadonlyMap<string, string>;
  /** The organizations each signatory belongs to. */
  readonly memberships: ReadonlyMap<string, ReadonlySet<string>>;
}

type PostShare = Pick<BudgetPost, 'percent' | 'amountCents' | 'percentOf'>;

/** The sum a post's percent is a share of: the base it names, else the budget's total. */
export function percentBaseCents(post: PostShare, totalCents: number | null): number | null {
  return post.percentOf?.amountCents ?? totalCents;
}

/**
 * The amount a post stands for: its own, or its percent of its base, in cents that may be
 * fractional (50 % of 10.01 € is 500.5 cents); round it only to show it.
 */
export function postAmountCents(post: PostShare, totalCents: number | null): number | null {
  if (post.amountCents !== null) return post.amountCents;
  const base = percentBaseCents(post, totalCents);
  if (post.percent !== null && base !== null) return (post.percent * base) / 100;
  return null;
}

/**
 * Whether a percent and an amount say the same share of a base: the amount is the share to the
 * cent, or the percent is the amount's share to the hundredth (33.33 % of 10,000 € is 3,333.33 €).
 */
function shareAgrees(percent: number, amountCents: number, baseCents: number): boolean {
  if (Math.abs((percent * baseCents) / 100 - amountCents) < 0.5) return true;
  return baseCents > 0 && Math.abs((amountCents * 100) / baseCents - percent) <= 0.005 + Number.EPSILON * 100;
}

/** The row that decides a matter of this level and topic: the one naming the topic, else the level's general row. */
export function findDecisionRule<Row extends Pick<DecisionRule, 'level' | 'topic'>>(rules: readonly Row[], level: DecisionLevel, topic: string): Row | undefined {
  const ofLevel = rules.filter((rule) => rule.level === level);
  return ofLevel.find((rule) => topic !== '' && sameTopic(rule.topic, topic)) ?? ofLevel.find((rule) => rule.topic === '');
}

/**
 * How the arbitrating body decides: its row for the same topic, else its general row for the
 * level, else its first row of the level. Undefined when it has none, which the check reports.
 */
export function arbitratorRule(rules: readonly DecisionRule[], bodyId: string, level: DecisionLevel, topic: string): DecisionRule | undefined {
  const own = rules.filter((rule) => rule.bodyId === bodyId && rule.level === level);
  return own.find((rule) => topic !== '' && sameTopic(rule.topic, topic)) ?? own.find((rule) => rule.topic === '') ?? own[0];
}

function sameTopic(a: string, b: string): boolean {
  return a.localeCompare(b, 'fr', { sensitivity: 'base' }) === 0;
}

function checkBodyReference(
  bodyId: string | null,
  path: readonly (string | number)[],
  content: CharterContent,
  references: CharterReferences,
): CharterIssue[] {
  if (bodyId === null) return [{ path, code: 'body_missing', params: {} }];
  const name = references.bodies.get(bodyId);
  if (name === undefined) return [{ path, code: 'body_unknown', params: {} }];
  if (!content.rules.bodyIds.includes(bodyId)) return [{ path, code: 'body_not_listed', params: { body: name } }];
  return [];
}

function checkEscalation(rule: DecisionRule, index: number, rules: readonly DecisionRule[], references: CharterReferences): CharterIssue[] {
  if (rule.onBlock.kind !== 'arbitration' || rule.onBlock.bodyId === null || rule.bodyId === null) return [];
  const path = ['rules', 'decisionMatrix', index, 'onBlock', 'bodyId'];
  const name = (id: string) => references.bodies.get(id) ?? '?';
  const chain = [rule.bodyId];
  let next: string = rule.onBlock.bodyId;
  for (;;) {
    if (chain.includes(next)) {
      return [{ path, code: 'escalation_cycle', params: { chain: [...chain, next].map(name).join(' → ') } }];
    }
    const step = arbitratorRule(rules, next, rule.level, rule.topic);
    if (step === undefined) return [{ path, code: 'escalation_dead_end', params: { body: name(next), level: rule.level } }];
    if (step.onBlock.kind === 'lapse' || step.onBlock.bodyId === null) return [];
    chain.push(next);
    next = step.onBlock.bodyId;
  }
}

function checkDecisionMatrix(content: CharterContent, references: CharterReferences): CharterIssue[] {
  const rules = content.rules.decisionMatrix;
  const issues: CharterIssue[] = [];
  for (const level of DECISION_LEVELS) {
    if (!rules.some((rule) => rule.level === level && rule.topic === '')) {
      issues.push({ path: ['rules', 'decisionMatrix'], code: 'level_without_body', params: { level } });
    }
  }
  rules.forEach((rule, index) => {
    const at = ['rules', 'decisionMatrix', index];
    issues.push(...checkBodyReference(rule.bodyId, [...at, 'bodyId'], content, references));
    // Routing takes the first row of a level and topic: a second one would never be used.
    const earlier = rules.slice(0, index).some((other) => other.level === rule.level && sameTopic(other.topic, rule.topic));
    if (earlier) issues.push({ path: [...at, 'topic'], code: 'rule_duplicate', params: {} });
    if (rule.method === 'majority' && rule.quorumPercent === null) issues.push({ path: [...at, 'quorumPercent'], code: 'quorum_required', params: {} });
    // A vote counts the votes cast: a silent member taken as agreeing would be a vote nobody cast.
    if (rule.method === 'majority' && rule.silence === 'consents') issues.push({ path: [...at, 'silence'], code: 'silence_consents_in_vote', params: {} });
    rule.informBodyIds.forEach((bodyId, bodyIndex) => issues.push(...checkBodyReference(bodyId, [...at, 'informBodyIds', bodyIndex], content, references)));
    if (rule.onBlock.kind === 'arbitration') {
      const referenceIssues = checkBodyReference(rule.onBlock.bodyId, [...at, 'onBlock', 'bodyId'], content, references);
      issues.push(...(referenceIssues.length > 0 ? referenceIssues : checkEscalation(rule, index, rules, references)));
    }
  });
  return issues;
}

function checkBudget(content: CharterContent): CharterIssue[] {
  const { totalCents, posts } = content.rules.budget;
  const issues: CharterIssue[] = [];
  let percentSum = 0;
  let amountSum = 0;
  let everyPostHasAmount = true;
  posts.forEach((post, index) => {
    const at = ['rules', 'budget', 'posts', index];
    if (post.percent === null && post.amountCents === null) issues.push({ path: [...at, 'amountCents'], code: 'budget_post_empty', params: {} });
    if (post.percent !== null && post.percentOf === undefined && totalCents === null) {
      issues.push({ path: ['rules', 'budget', 'totalCents'], code: 'budget_percent_without_total', params: { post: post.label } });
    }
    const base = percentBaseCents(post, totalCents);
    // A post given both a percent and an amount must say the same thing twice, not keep one silently.
    if (post.percent !== null && post.amountCents !== null && base !== null && !shareAgrees(post.percent, post.amountCents, base)) {
      issues.push({
        path: [...at, 'amountCents'],
        code: 'budget_percent_disagrees',
        params: { percent: post.percent, base: base / 100, share: Math.round((post.percent * base) / 100) / 100, amount: post.amountCents / 100 },
      });
    }
    // Only shares of the total add up to at most 100 %; a share of another base is not one of them.
    if (post.percentOf === undefined) percentSum += post.percent ?? 0;
    const amount = postAmountCents(post, totalCents);
    if (amount === null) everyPostHasAmount = false;
    else amountSum += amount;
  });
  // Percents are compared in hundredths so that 33.33 + 33.33 + 33.34 makes exactly 100.
  if (Math.round(percentSum * 100) > 100 * 100) issues.push({ path: ['rules', 'budget', 'posts'], code: 'budget_percent_over', params: { percent: round2(percentSum) } });
  if (totalCents !== null && posts.length > 0 && everyPostHasAmount && Math.round(amountSum) !== totalCents) {
    issues.push({ path: ['rules', 'budget', 'totalCents'], code: 'budget_sum_mismatch', params: { sum: Math.round(amountSum) / 100, total: totalCents / 100 } });
  }
  return issues;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function checkSignatories(content: CharterContent, references: CharterReferences): CharterIssue[] {
  const issues: CharterIssue[] = [];
  content.rules.signatories.forEach((signatory, index) => {
    const at = ['rules', 'signatories', index];
    if (signatory.personId === null) issues.push({ path: [...at, 'personId'], code: 'signatory_person_missing', params: {} });
    else if (!references.people.has(signatory.personId)) issues.push({ path: [...at, 'personId'], code: 'person_unknown', params: {} });
    if (signatory.organizationId !== null && !references.organizations.has(signatory.organizationId)) {
      issues.push({ path: [...at, 'organizationId'], code: 'organization_unknown', params: {} });
    } else if (signatory.organizationId !== null && signatory.personId !== null && references.people.has(signatory.personId)) {
      // One signs for an organization one belongs to.
      if (!references.memberships.get(signatory.personId)?.has(signatory.organizationId)) {
        issues.push({ path: [...at, 'organizationId'], code: 'signatory_not_member', params: {} });
      }
    }
  });
  return issues;
}

/**
 * The project rules of a version that says them (one that does not follows projectRulesOf, whose
 * matters are the levels' general rows the matrix check already asks for): each matter must reach
 * a body, and the bodies and role that name and confirm a lead must exist.
 */
function checkProjects(content: CharterContent, references: CharterReferences): CharterIssue[] {
  const projects = content.rules.projects;
  if (projects === undefined) return [];
  const at = ['rules', 'projects'];
  const issues: CharterIssue[] = [];
  for (const matter of ['presentation', 'evaluation'] as const) {
    const { level, topic } = projects[matter];
    // A project presented or evaluated under a matter no row decides could never be validated.
    if (findDecisionRule(content.rules.decisionMatrix, level, topic)?.bodyId == null) {
      issues.push({ path: [...at, matter, 'topic'], code: 'project_matter_unrouted', params: { level } });
    }
  }
  if (projects.leadNamedBy !== null) issues.push(...checkBodyReference(projects.leadNamedBy, [...at, 'leadNamedBy'], content, references));
  const confirmer = projects.leadConfirmedBy;
  if (confirmer?.kind === 'body') issues.push(...checkBodyReference(confirmer.bodyId, [...at, 'leadConfirmedBy', 'bodyId'], content, references));
  if (confirmer?.kind === 'role' && !references.roles.has(confirmer.roleId)) issues.push({ path: [...at, 'leadConfirmedBy', 'roleId'], code: 'role_unknown', params: {} });
  return issues;
}

/**
 * The money rules of a version that says them (one that does not follows moneyRulesOf, whose
 * matters are the levels' general rows the matrix check already asks for): a budget revision, a
 * settlement and a common fund's spending must each reach a body, and the treasurer role exist.
 */
function checkMoney(content: CharterContent, references: CharterReferences): CharterIssue[] {
  const money = content.rules.money;
  if (money === undefined) return [];
  const at = ['rules', 'money'];
  const matters: [readonly (string | number)[], { level: DecisionLevel; topic: string }][] = [
    [[...at, 'budgetRevision', 'topic'], money.budgetRevision],
    [[...at, 'settlement', 'topic'], money.settlement],
  ];
  if (money.commonFund !== null) matters.push([[...at, 'commonFund', 'spending', 'topic'], money.commonFund.spending]);
  const issues: CharterIssue[] = [];
  for (const [path, { level, topic }] of matters) {
    // Money moved under a matter no row decides could never be approved: the budget would stay a draft, the fund unspent.
    if (findDecisionRule(content.rules.decisionMatrix, level, topic)?.bodyId == null) issues.push({ path, code: 'money_matter_unrouted', params: { level } });
  }
  if (money.treasurerRoleId !== null && !references.roles.has(money.treasurerRoleId)) issues.push({ path: [...at, 'treasurerRoleId'], code: 'role_unknown', params: {} });
  return issues;
}

/**
 * Whether the rules hold together, in the order a reader meets them. An empty list means the
 * version can be adopted; each issue is worded by the catalogue under `charterCheck.<code>`.
 */
export function checkCharter(content: CharterContent, references: CharterReferences): CharterIssue[] {
  const issues: CharterIssue[] = [];
  if (content.articles.length === 0) issues.push({ path: ['articles'], code: 'no_articles', params: {} });
  content.rules.bodyIds.forEach((bodyId, index) => {
    if (!references.bodies.has(bodyId)) issues.push({ path: ['rules', 'bodyIds', index], code: 'body_unknown', params: {} });
  });
  issues.push(...checkDecisionMatrix(content, references));
  const revisionBody = content.rules.revision.bodyId;
  if (revisionBody !== null || content.rules.revision.requestedBy === 'body_member') {
    issues.push(...checkBodyReference(revisionBody, ['rules', 'revision', 'bodyId'], content, references));
  }
  if (content.rules.revision.method === 'majority' && content.rules.revision.silence === 'consents') {
    issues.push({ path: ['rules', 'revision', 'silence'], code: 'silence_consents_in_vote', params: {} });
  }
  issues.push(...checkBudget(content));
  const { startsOn, endsOn } = content.rules.duration;
  if (startsOn !== null && endsOn !== null && endsOn < startsOn) issues.push({ path: ['rules', 'duration', 'endsOn'], code: 'duration_order', params: {} });
  issues.push(...checkProjects(content, references));
  issues.push(...checkMoney(content, references));
  for (const field of ['mediationBodyId', 'confidantBodyId'] as const) {
    const bodyId = content.rules.dispute[field];
    // The body a mediation is asked of may sit outside the charter's own bodies (seed 000's carrying association).
    if (bodyId != null && !references.bodies.has(bodyId)) issues.push({ path: ['rules', 'dispute', field], code: 'body_unknown', params: {} });
  }
  issues.push(...checkSignatories(content, references));
  return issues;
}
