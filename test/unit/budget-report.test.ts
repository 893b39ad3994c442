import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/charters/print/blocks.js';
import { balanceHeadline, reportSections, type BudgetReport } from '../../src/budgets/report/blocks.js';
import { budgetReportCsv } from '../../src/budgets/report/csv.js';
import { kindOfCategory, summarizeBudget, type ForecastLine } from '../../src/budgets/rules/summary.js';

const TILLEULS = '7b0c6a2e-4f1d-4c3e-9a55-1f2e3d4c5b6a';
const RIVES = '8c1d7b3f-5a2e-4d4f-8b66-2a3f4e5d6c7b';
const key = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const line = (n: number, category: ForecastLine['category'], label: string, amountCents: number | null, more: Partial<ForecastLine> = {}): ForecastLine => ({
  lineKey: key(n),
  kind: kindOfCategory(category),
  category,
  internal: false,
  label,
  organizationId: null,
  amountCents,
  grantStatus: null,
  ...more,
});

/** A summer stay: a coach, a room lent in kind, families' fees and a city grant; the coach cost a little more, the fees came in short. */
function report(deficitGuidance = 'Cherchez un autofinancement ou des financements complémentaires avec le comité de direction.'): BudgetReport {
  const summary = summarizeBudget(
    [
      line(1, 'transport', 'Car pour le séjour', 120_000, { organizationId: TILLEULS }),
      line(2, 'premises', 'Salle des Saules', 30_000, { internal: true, organizationId: RIVES }),
      line(3, 'contribution', 'Participation des familles', 50_000, { organizationId: TILLEULS }),
      line(4, 'grant', 'Subvention de la ville', 40_000, { grantStatus: 'granted' }),
    ],
    [
      { lineKey: key(1), amountCents: 130_005, organizationId: null },
      { lineKey: key(2), amountCents: 30_000, organizationId: null },
      { lineKey: key(3), amountCents: 44_999, organizationId: null },
    ],
  );
  return {
    project: { id: key(100), title: 'Premiers départs en vacances', stage: 'active' },
    budgetId: key(101),
    version: { number: 1, validatedOn: '2026-03-02' },
    organizations: [
      { id: TILLEULS, name: 'MJC des Tilleuls' },
      { id: RIVES, name: 'Centre social des Rives' },
    ],
    summary,
    deficitGuidance,
    steeringBody: { id: key(102), name: 'Comité de pilotage' },
    lastReportedAt: null,
    can: { report: true },
  };
}

const nbsp = '\u00a0';
/** French amounts as printed: a no-break space between thousands and before the sign. */
const euros = (text: string) => text.replace(/(\d) (?=\d)/g, `$1${nbsp}`).replaceAll(' €', `${nbsp}€`);

describe('the financial report as CSV', () => {
  it('gives each line its cents as integers and in euros formatted in French, under French headers', () => {
    const csv = budgetReportCsv(report(), 'fr');
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[0]).toBe('Partie;Ligne;Catégorie;Structure;État de la subvention;Prévu (centimes);Prévu (€);Réalisé (centimes);Réalisé (€);Écart (centimes);Écart (€)');
    expect(rows[1]).toBe(euros('Charges;Car pour le séjour;Transport;MJC des Tilleuls;;120000;1 200,00 €;130005;1 300,05 €;10005;100,05 €'));
    expect(rows[2]).toBe(euros('Charges;Salle des Saules (en nature);Locaux;Centre social des Rives;;30000;300,00 €;30000;300,00 €;0;0,00 €'));
    expect(rows[3]).toBe(euros('Produits;Participation des familles;Participation des publics;MJC des Tilleuls;;50000;500,00 €;44999;449,99 €;-5001;-50,01 €'));
    expect(rows[4]).toBe(euros('Produits;Subvention de la ville;Subvention;sans structure;accordée;40000;400,00 €;0;0,00 €;-40000;-400,00 €'));
    // Totals as the summary gives them: income counts the in-kind contribution matching the room.
    expect(rows[5]).toBe(euros('Total;Total des charges;;;;150000;1 500,00 €;160005;1 600,05 €;10005;100,05 €'));
    expect(rows[6]).toBe(euros('Total;Total des produits;;;;120000;1 200,00 €;74999;749,99 €;-45001;-450,01 €'));
    expect(rows[7]).toBe(euros('Total;dont contributions en nature;;;;30000;300,00 €;30000;300,00 €;0;0,00 €'));
    expect(rows[8]).toBe(euros('Total;Solde (produits moins charges);;;;-30000;-300,00 €;-85006;-850,06 €;-55006;-550,06 €'));
    expect(rows[9]).toBe('');
    expect(rows).toHaveLength(10);
  });

  it('speaks English to an English reader, with commas between columns and quotes around euros that hold one', () => {
    const rows = budgetReportCsv(report(), 'en').slice(1).split('\r\n');
    expect(rows[0]).toBe('Part,Line,Category,Organization,Grant status,Forecast (cents),Forecast (€),Actual (cents),Actual (€),Variance (cents),Variance (€)');
    expect(rows[1]).toBe('Costs,Car pour le séjour,Transport,MJC des Tilleuls,,120000,"€1,200.00",130005,"€1,300.05",10005,€100.05');
    expect(rows[8]).toBe('Total,Balance (income less costs),,,,-30000,-€300.00,-85006,-€850.06,-55006,-€550.06');
  });

  it('quotes a label holding the delimiter or a quote, so no column slips', () => {
    const withQuotes = report();
    const lines = withQuotes.summary.lines.map((row, index) => (index === 0 ? { ...row, label: 'Car « aller; retour » "express"' } : row));
    const rows = budgetReportCsv({ ...withQuotes, summary: { ...withQuotes.summary, lines } }, 'fr').slice(1).split('\r\n');
    expect(rows[1]!.startsWith('Charges;"Car « aller; retour » ""express""";Transport;')).toBe(true);
  });
});

describe('euros from cents', () => {
  it('writes every amount of cents exactly, never rounding a cent away', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000_000, max: 100_000_000_000 }), (cents) => {
        const magnitude = Math.abs(cents);
        const expected = `${cents < 0 ? '-' : ''}€${Math.trunc(magnitude / 100).toLocaleString('en-GB')}.${String(magnitude % 100).padStart(2, '0')}`;
        expect(formatMoney('en', cents)).toBe(expected);
        expect(formatMoney('fr', cents).replace(/[^\d-]/g, '')).toBe(`${cents < 0 ? '-' : ''}${Math.trunc(magnitude / 100)}${String(magnitude % 100).padStart(2, '0')}`);
      }),
    );
    expect(formatMoney('fr', 1)).toBe(`0,01${nbsp}€`);
    expect(formatMoney('fr', -5)).toBe(`-0,05${nbsp}€`);
    expect(formatMoney('fr', 123_456_789)).toBe(euros('1 234 567,89 €'));
  });
});

describe('the report’s headline', () => {
  it('says « À l’équilibre », or the deficit or surplus in euros', () => {
    expect(balanceHeadline({ state: 'balanced' }, 'fr')).toBe('À l’équilibre');
    expect(balanceHeadline({ state: 'deficit', amountCents: 123_400 }, 'fr')).toBe(euros('Déficit de 1 234,00 €'));
    expect(balanceHeadline({ state: 'surplus', amountCents: 5 }, 'en')).toBe('Surplus of €0.05');
  });

  it('gives the charter’s guidance under a deficit, and lays the income lines so they add up to the total', () => {
    const sections = reportSections(report(), 'fr');
    const texts = sections[0]!.blocks.flatMap((block) => (block.type === 'paragraph' ? [block.text] : []));
    expect(texts).toEqual([
      euros('Prévisionnel : Déficit de 300,00 €'),
      euros('Réalisé : Déficit de 850,06 €'),
      'Ce que dit la charte en cas de déficit : Cherchez un autofinancement ou des financements complémentaires avec le comité de direction.',
    ]);
    const income = sections[2]!.blocks[0]!;
    expect(income.type === 'table' && income.rows.map((row) => row[0])).toEqual(['Participation des familles', 'Subvention de la ville', 'Contributions en nature (contrepartie des charges en nature)']);
    expect(income.type === 'table' && income.footer).toEqual(['Total des produits', '', '', euros('1 200,00 €'), euros('749,99 €'), euros('-450,01 €')]);
    const grants = sections[4]!.blocks[0]!;
    expect(grants.type === 'table' && grants.rows).toEqual([
      ['à demander', euros('0,00 €')],
      ['demandée', euros('0,00 €')],
      ['accordée', euros('400,00 €')],
      ['versée', euros('0,00 €')],
    ]);
  });

  it('says nothing of the guidance when the budget is balanced', () => {
    const balanced = report();
    const sections = reportSections({ ...balanced, summary: { ...balanced.summary, forecastBalance: { state: 'balanced' }, actualBalance: { state: 'surplus', amountCents: 100 } } }, 'fr');
    expect(sections[0]!.blocks.filter((block) => block.type === 'paragraph')).toHaveLength(2);
  });
});
