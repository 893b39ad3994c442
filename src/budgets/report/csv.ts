import { stringify } from 'csv-stringify/sync';
import { formatMoney } from '../../charters/print/blocks.js';
import { spreadsheetText } from '../../common/spreadsheet-text.js';
import { translator, type Locale } from '../../i18n/server-messages.js';
import { categoryLabel, lineLabel, organizationNames, signedBalance, type BudgetReport } from './blocks.js';

/**
 * The report as CSV for a spreadsheet: a row per line of the forecast, then the totals and the
 * balance. Each amount twice: integer cents a program reads without doubt, and euros formatted
 * by Intl in the reader's language for the eye; headers in the reader's language too.
 */
export function budgetReportCsv(report: BudgetReport, locale: Locale): string {
  const t = translator(locale);
  const organizationName = organizationNames(report, locale);
  const { summary } = report;
  const amounts = (figures: { forecastCents: number; actualCents: number; varianceCents: number }) => [
    figures.forecastCents,
    formatMoney(locale, figures.forecastCents),
    figures.actualCents,
    formatMoney(locale, figures.actualCents),
    figures.varianceCents,
    formatMoney(locale, figures.varianceCents),
  ];
  const total = t('budgetReport.csv.total');
  const forecastBalance = signedBalance(summary.forecastBalance);
  const actualBalance = signedBalance(summary.actualBalance);
  const rows = [
    ...summary.lines.map((line) => [
      t(line.kind === 'cost' ? 'budgetReport.costs' : 'budgetReport.income'),
      spreadsheetText(lineLabel(line, locale)),
      categoryLabel({ category: line.category, grantStatus: null }, locale),
      spreadsheetText(organizationName(line.organizationId)),
      line.grantStatus === null ? '' : t(`budgetReport.grantStatuses.${line.grantStatus}`),
      ...amounts(line),
    ]),
    [total, t('budgetReport.totalCosts'), '', '', '', ...amounts(summary.costs)],
    [total, t('budgetReport.totalIncome'), '', '', '', ...amounts(summary.income)],
    [total, t('budgetReport.inKind'), '', '', '', ...amounts(summary.inKind)],
    [total, t('budgetReport.balanceRow'), '', '', '', ...amounts({ forecastCents: forecastBalance, actualCents: actualBalance, varianceCents: actualBalance - forecastBalance })],
  ];
  const header = ['part', 'line', 'category', 'organization', 'grantStatus', 'forecastCents', 'forecast', 'actualCents', 'actual', 'varianceCents', 'variance'].map((column) => t(`budgetReport.csv.${column}`));
  // A spreadsheet set in French splits columns on semicolons (the comma is its decimal mark); the byte order mark tells it the text is UTF-8.
  return stringify([header, ...rows], { bom: true, delimiter: locale === 'fr' ? ';' : ',', record_delimiter: 'windows' });
}
