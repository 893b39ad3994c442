import { describe, expect, it } from 'vitest';
import { budgetReportCsv } from '../../src/budgets/report/csv.js';
import type { BudgetReport } from '../../src/budgets/report/blocks.js';
import { kindOfCategory, summarizeBudget } from '../../src/budgets/rules/summary.js';
import { spreadsheetText } from '../../src/common/spreadsheet-text.js';
import { fundStatementCsv } from '../../src/fund/statement.js';

const FORMULA = '=HYPERLINK(A1)';
const ORGANIZATION = '7b0c6a2e-4f1d-4c3e-9a55-1f2e3d4c5b6a';

describe('text written by a person, in a CSV cell', () => {
  it('is shown as written, never run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']) expect(spreadsheetText(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(spreadsheetText('Car pour le séjour')).toBe('Car pour le séjour');
    expect(spreadsheetText('')).toBe('');
  });

  it('in the financial report: a label « =HYPERLINK(…) » and an organization « @SUM » are text, negative euros stay amounts', () => {
    const summary = summarizeBudget(
      [{ lineKey: '00000000-0000-4000-8000-000000000001', kind: kindOfCategory('transport'), category: 'transport', internal: false, label: FORMULA, organizationId: ORGANIZATION, amountCents: 10_000, grantStatus: null }],
      [],
    );
    const report = { summary, organizations: [{ id: ORGANIZATION, name: '@SUM(A1:A9)' }] } as unknown as BudgetReport;
    const row = budgetReportCsv(report, 'fr').split('\r\n')[1]!.split(';');
    expect(row[1]).toBe(`'${FORMULA}`);
    expect(row[3]).toBe(`'@SUM(A1:A9)`);
    expect(row[10]!.startsWith('-')).toBe(true);
  });

  it('in the fund statement: a spending worded « =HYPERLINK(…) » and an organization « +33 » are text', () => {
    const csv = fundStatementCsv(
      {
        year: 2026,
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        today: '2026-06-01',
        calls: [{ organization: { id: ORGANIZATION, name: '+33 MJC' }, amountCents: 5_000, paidCents: 0, remainingCents: 5_000, dueOn: '2026-03-01', behind: true }],
        spendings: [{ proposalId: '00000000-0000-4000-8000-000000000002', wording: FORMULA, occurredOn: '2026-04-01', amountCents: 2_000 }],
        calledCents: 5_000,
        paidCents: 0,
        spentCents: 2_000,
        openingBalanceCents: 0,
        closingBalanceCents: -2_000,
      },
      'fr',
    );
    const rows = csv.split('\n').map((row) => row.split(','));
    expect(rows[1]![1]).toBe(`'+33 MJC`);
    expect(rows[2]![1]).toBe(`'${FORMULA}`);
    expect(rows[4]![3]).toBe('-2000');
  });
});
