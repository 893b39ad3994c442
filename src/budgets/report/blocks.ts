import type { z } from 'zod';
import { formatMoney, type RuleBlock } from '../../charters/print/blocks.js';
import { formatCalendarDate, translator, type Locale } from '../../i18n/server-messages.js';
import type { SheetSection } from '../../projects/sheet/blocks.js';
import { GRANT_STATUSES, type Balance, type BudgetSummary, type LineKind } from '../rules/summary.js';
import type { budgetReportAnswer } from './contract.js';

/** What the report prints: its page's answer, as the query gives it to the page, the figures as summarizeBudget gives them. */
export type BudgetReport = Omit<z.infer<typeof budgetReportAnswer>, 'summary'> & { readonly summary: BudgetSummary };
type ReportLine = BudgetSummary['lines'][number];

/** A balance as one number: positive for a surplus, negative for a deficit. */
export function signedBalance(balance: Balance): number {
  if (balance.state === 'balanced') return 0;
  return balance.state === 'surplus' ? balance.amountCents : -balance.amountCents;
}

/** The headline a treasurer reads first: « À l’équilibre », « Déficit de 1 234,00 € », « Excédent de … ». */
export function balanceHeadline(balance: Balance, locale: Locale): string {
  const t = translator(locale);
  return balance.state === 'balanced' ? t('budgetReport.balance.balanced') : t(`budgetReport.balance.${balance.state}`, { amount: formatMoney(locale, balance.amountCents) });
}

export const inDeficit = (report: Pick<BudgetReport, 'summary'>): boolean => report.summary.forecastBalance.state === 'deficit' || report.summary.actualBalance.state === 'deficit';

/** A line's label with what sets it apart: given in kind, unvalued, no longer in the forecast. */
export function lineLabel(line: Pick<ReportLine, 'label' | 'internal' | 'unvalued' | 'retired'>, locale: Locale): string {
  const t = translator(locale);
  if (line.retired) return t('budgetReport.retiredMark', { label: line.label });
  if (line.unvalued) return t('budgetReport.unvaluedMark', { label: line.label });
  return line.internal ? t('budgetReport.inKindMark', { label: line.label }) : line.label;
}

/** A line's category, with a grant's status. */
export function categoryLabel(line: Pick<ReportLine, 'category' | 'grantStatus'>, locale: Locale): string {
  const t = translator(locale);
  const category = t(`budgetReport.categories.${line.category}`);
  return line.grantStatus === null ? category : `${category} (${t(`budgetReport.grantStatuses.${line.grantStatus}`)})`;
}

export function organizationNames(report: Pick<BudgetReport, 'organizations'>, locale: Locale): (organizationId: string | null) => string {
  const names = new Map(report.organizations.map((organization) => [organization.id, organization.name]));
  const none = translator(locale)('budgetReport.wholeProject');
  return (organizationId) => (organizationId === null ? none : (names.get(organizationId) ?? none));
}

/** The report's title and the line under it: the version of the forecast it reads the actual against. */
export function reportHeading(report: BudgetReport, locale: Locale): { title: string; subtitle: string } {
  const t = translator(locale);
  const { version } = report;
  let subtitle = t('budgetReport.noBudget');
  if (version !== null) {
    subtitle = version.validatedOn === null ? t('budgetReport.versionDraft', { number: version.number }) : t('budgetReport.versionValidated', { number: version.number, date: formatCalendarDate(locale, version.validatedOn) });
  }
  return { title: t('budgetReport.title', { title: report.project.title }), subtitle };
}

/**
 * The report in the order a steering committee reads it: where the budget stands (and what the
 * charter says to do about a deficit), costs then income line by line, each organization's part,
 * and the grants by status. Every figure comes from the summary; nothing is added up here.
 */
export function reportSections(report: BudgetReport, locale: Locale): SheetSection[] {
  const t = translator(locale);
  const money = (cents: number) => formatMoney(locale, cents);
  const organizationName = organizationNames(report, locale);
  const { summary } = report;
  const figureCells = (figures: { forecastCents: number; actualCents: number; varianceCents: number }) => [money(figures.forecastCents), money(figures.actualCents), money(figures.varianceCents)];
  const forecastBalance = signedBalance(summary.forecastBalance);
  const actualBalance = signedBalance(summary.actualBalance);
  const guidance = inDeficit(report) && report.deficitGuidance.trim() !== '' ? [{ type: 'paragraph' as const, text: t('budgetReport.deficitGuidance', { guidance: report.deficitGuidance.trim() }) }] : [];
  const inKindRow = summary.inKind.forecastCents === 0 && summary.inKind.actualCents === 0 ? [] : [[t('budgetReport.inKindIncome'), '', '', ...figureCells(summary.inKind)]];
  const linesOf = (kind: LineKind, total: { forecastCents: number; actualCents: number; varianceCents: number }, totalLabel: string): RuleBlock[] => {
    const lines = summary.lines.filter((line) => line.kind === kind);
    // The in-kind contribution that mirrors the in-kind costs is income too, as in accounts 86/87.
    const mirrored = kind === 'income' ? inKindRow : [];
    if (lines.length === 0 && mirrored.length === 0) return [{ type: 'paragraph', text: t('budgetReport.none') }];
    return [
      {
        type: 'table',
        header: [t('budgetReport.line'), t('budgetReport.category'), t('budgetReport.organization'), t('budgetReport.forecast'), t('budgetReport.actual'), t('budgetReport.variance')],
        rows: [...lines.map((line) => [lineLabel(line, locale), categoryLabel(line, locale), organizationName(line.organizationId), ...figureCells(line)]), ...mirrored],
        footer: [totalLabel, '', '', ...figureCells(total)],
      },
    ];
  };
  return [
    {
      title: t('budgetReport.summary'),
      blocks: [
        { type: 'paragraph', text: t('budgetReport.forecastBalance', { balance: balanceHeadline(summary.forecastBalance, locale) }) },
        { type: 'paragraph', text: t('budgetReport.actualBalance', { balance: balanceHeadline(summary.actualBalance, locale) }) },
        ...guidance,
        {
          type: 'table',
          header: ['', t('budgetReport.forecast'), t('budgetReport.actual'), t('budgetReport.variance')],
          rows: [
            [t('budgetReport.totalCosts'), ...figureCells(summary.costs)],
            [t('budgetReport.totalIncome'), ...figureCells(summary.income)],
            [t('budgetReport.inKind'), ...figureCells(summary.inKind)],
          ],
          footer: [t('budgetReport.balanceRow'), money(forecastBalance), money(actualBalance), money(actualBalance - forecastBalance)],
        },
      ],
    },
    { title: t('budgetReport.costs'), blocks: linesOf('cost', summary.costs, t('budgetReport.totalCosts')) },
    { title: t('budgetReport.income'), blocks: linesOf('income', summary.income, t('budgetReport.totalIncome')) },
    {
      title: t('budgetReport.byOrganization'),
      blocks:
        summary.organizations.length === 0
          ? [{ type: 'paragraph', text: t('budgetReport.none') }]
          : [
              {
                type: 'table',
                header: [t('budgetReport.organization'), '', t('budgetReport.forecast'), t('budgetReport.actual'), t('budgetReport.variance')],
                rows: summary.organizations.flatMap((organization) => [
                  [organizationName(organization.organizationId), t('budgetReport.costsOf'), ...figureCells(organization.costs)],
                  [organizationName(organization.organizationId), t('budgetReport.incomeOf'), ...figureCells(organization.income)],
                  ...(organization.inKind.forecastCents === 0 && organization.inKind.actualCents === 0 ? [] : [[organizationName(organization.organizationId), t('budgetReport.inKindOf'), ...figureCells(organization.inKind)]]),
                ]),
              },
            ],
    },
    {
      title: t('budgetReport.grants'),
      blocks: [
        {
          type: 'table',
          header: [t('budgetReport.grantStatus'), t('budgetReport.amount')],
          rows: GRANT_STATUSES.map((status) => [t(`budgetReport.grantStatuses.${status}`), money(summary.grants[status])]),
        },
      ],
    },
  ];
}
