import { describe, expect, it } from 'vitest';
import { moneyArticleKind, moneyRuleLines, type MoneyRuleNames } from '../../src/charters/rules/money-lines.js';
import { translator } from '../../src/i18n/server-messages.js';
import { monthName } from '../../src/common/dates.js';
import { seed001Charter } from '../support/charter.js';

const seed = seed001Charter();
const names = (bodies: Record<string, string>): MoneyRuleNames => ({
  body: (id) => (id === null ? '—' : (bodies[id] ?? '—')),
  role: (id) => (id === 'treasury' ? 'Trésorerie' : '?'),
  month: (month) => monthName('fr', month),
  money: (cents) => `${cents / 100} €`,
});
const bodies = { [seed.plenary]: 'Assemblée plénière', [seed.steering]: 'Comité de pilotage', [seed.directors]: 'Codir' };

describe('the money rules in sentences', () => {
  it('names the bodies that decide each matter, the treasurer role, the deficit guidance and the common fund of the partnership template', () => {
    const rules = { ...seed.content.rules, money: { ...seed.content.rules.money!, treasurerRoleId: 'treasury' } };
    const t = translator('fr');
    const text = moneyRuleLines(rules, names(bodies)).map((line) => t(`moneyRules.${line.key}`, line.params));
    expect(text).toEqual([
      'Révision d’un budget prévisionnel de projet : décidée par l’instance Codir, sous le sujet « Gestion du budget du projet ».',
      'Règlement des comptes, à la clôture d’un projet ou sur un plan de sortie : approuvé par l’instance Assemblée plénière.',
      'Tenue des comptes : les titulaires du rôle « Trésorerie », et chaque chef ou cheffe de projet pour le budget de son projet.',
      `En cas de déficit : ${rules.money.deficitGuidance}`,
      'Caisse commune : chaque structure membre y verse chaque année 1 % de son budget annuel déclaré.',
      'L’année de la caisse commence le 1er janvier ; chaque contribution est due 60 jours après son appel.',
      'Dépenses de la caisse commune : seulement par une décision de l’instance Comité de pilotage, sous le sujet « Caisse commune ».',
    ]);
  });

  it('says a fixed contribution, a year starting in September, no treasurer, no guidance; and that there is no fund when there is none', () => {
    const money = seed.content.rules.money!;
    const fixed = { ...money, deficitGuidance: '', commonFund: { ...money.commonFund!, contribution: { kind: 'fixed' as const, amountCents: 25_000 }, yearStartsMonth: 9, dueWithinDays: 1 } };
    const t = translator('en');
    const lines = (m: typeof money) => moneyRuleLines({ ...seed.content.rules, money: m }, { ...names(bodies), month: (month) => monthName('en', month) }).map((line) => t(`moneyRules.${line.key}`, line.params));
    expect(lines(fixed).slice(2)).toEqual([
      'Keeping the accounts: the partnership’s administrators, and each project’s lead for its budget.',
      'Common fund: each member organization pays in 250 € every year.',
      'The fund’s year starts on 1 September; each contribution is due 1 day after its call.',
      // The French template's topic, said as the charter says it.
      'Spending from the common fund: only by a decision of Comité de pilotage, under the topic “Caisse commune”.',
    ]);
    expect(lines({ ...fixed, commonFund: null }).at(-1)).toBe('No common fund.');
  });

  it('says nothing for a version written before money was governed', () => {
    const { money: _money, ...rules } = seed.content.rules;
    expect(moneyRuleLines(rules, names(bodies))).toEqual([]);
  });

  it('goes under the budget article, else under the one that says how the partnership works', () => {
    expect(moneyArticleKind([{ kind: 'purpose' }, { kind: 'management' }])).toBe('management');
    expect(moneyArticleKind([{ kind: 'management' }, { kind: 'budget' }])).toBe('budget');
  });
});
