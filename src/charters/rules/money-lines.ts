import { findDecisionRule } from './check.js';
import type { ArticleKind, CharterRules, DecisionLevel } from './types.js';

/** A sentence of the money rules as a reader meets them: a catalogue key under `moneyRules.` and its values. */
export interface MoneyRuleLine {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** How the lines name what the rules reference; each reader's catalogue and language give the words. */
export interface MoneyRuleNames {
  readonly body: (id: string | null) => string;
  readonly role: (id: string) => string;
  /** A month of the year (1 to 12) as a word of the reader's language. */
  readonly month: (month: number) => string;
  readonly money: (cents: number) => string;
}

/**
 * Where a charter's money rules are read: under its budget article, else under the one that says
 * how the partnership works (the partnership template has no budget article, its projects' life
 * is told there).
 */
export function moneyArticleKind(articles: readonly { readonly kind: ArticleKind }[]): ArticleKind {
  return articles.some((article) => article.kind === 'budget') ? 'budget' : 'management';
}

/**
 * The money rules (issue 19) as sentences naming the bodies that decide and the treasurer role:
 * the same in the reading view, the Markdown and the PDF, each worded by its own catalogue.
 * Empty for a version that does not say its money rules.
 */
export function moneyRuleLines(rules: CharterRules, names: MoneyRuleNames): MoneyRuleLine[] {
  const money = rules.money;
  if (money === undefined) return [];
  const matter = (key: string, { level, topic }: { level: DecisionLevel; topic: string }): MoneyRuleLine => ({
    key: topic === '' ? `${key}AnyTopic` : key,
    params: { body: names.body(findDecisionRule(rules.decisionMatrix, level, topic)?.bodyId ?? null), topic },
  });
  const fund = money.commonFund;
  return [
    matter('budgetRevision', money.budgetRevision),
    matter('settlement', money.settlement),
    money.treasurerRoleId === null ? { key: 'keepersNoRole', params: {} } : { key: 'keepers', params: { role: names.role(money.treasurerRoleId) } },
    ...(money.deficitGuidance === '' ? [] : [{ key: 'deficit', params: { guidance: money.deficitGuidance } }]),
    ...(fund === null
      ? [{ key: 'noFund', params: {} }]
      : [
          fund.contribution.kind === 'percent'
            ? { key: 'fundPercent', params: { percent: fund.contribution.percent } }
            : { key: 'fundFixed', params: { amount: names.money(fund.contribution.amountCents) } },
          { key: 'fundYear', params: { month: names.month(fund.yearStartsMonth), count: fund.dueWithinDays } },
          matter('fundSpending', fund.spending),
        ]),
  ];
}
