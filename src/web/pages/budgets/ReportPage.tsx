import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { budgetReportAnswer } from '../../../budgets/report/contract';
import { GRANT_STATUSES } from '../../../budgets/rules/summary';
import { FormError, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import { useEuros } from '../../money';

type Report = Answer<typeof budgetReportAnswer>;
type Figures = Report['summary']['costs'];
type Balance = Report['summary']['forecastBalance'];

/** The anchor of the form « À faire pour vous » and the lead's to-do lead to. */
export const REPORT_ANCHOR = 'rendre-compte';

function useBalanceHeadline(): (balance: Balance) => string {
  const { t } = useTranslation();
  const money = useEuros();
  return (balance) => (balance.state === 'balanced' ? t('budgetReport.balance.balanced') : t(`budgetReport.balance.${balance.state}`, { amount: money(balance.amountCents ?? 0) }));
}

/**
 * A common project's financial report to the steering committee, to read on a phone or print:
 * where the budget stands (« À l’équilibre », « Déficit de … ») with what the charter says to do
 * about a deficit, costs and income line by line, forecast against actual, each organization's
 * part and the grants by status; the PDF and the CSV; and, for whoever keeps the accounts, the
 * form that reports it to the body that validated the project.
 */
export default function ReportPage() {
  const { t } = useTranslation();
  const { projectId } = useParams();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const headline = useBalanceHeadline();
  const query = usePartnershipQuery<Report>(`/projects/${projectId}/budget/report`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const report = query.data;
  const { summary, version } = report;
  const projectPath = `/p/${partnershipId}/projets/${report.project.id}`;
  const download = `/api/v1/partnerships/${partnershipId}/projects/${report.project.id}/budget/report`;
  const title = t('budgetReport.title', { title: report.project.title });
  const deficit = summary.forecastBalance.state === 'deficit' || summary.actualBalance.state === 'deficit';
  return (
    <article className="budget-report">
      <p className="breadcrumb no-print">
        <Link to={projectPath}>{report.project.title}</Link> › <Link to={`${projectPath}/budget`}>{t('budgetReport.budget')}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="muted">
        {version === null
          ? t('budgetReport.noBudget')
          : version.validatedOn === null
            ? t('budgetReport.versionDraft', { number: version.number })
            : t('budgetReport.versionValidated', { number: version.number, date: formatDate(version.validatedOn) })}
      </p>
      <div className={`notice ${deficit ? 'notice-warn' : 'notice-ok'} balance-headline`} role="status">
        <p>
          <strong>{t('budgetReport.forecastBalance', { balance: headline(summary.forecastBalance) })}</strong>
        </p>
        <p>
          <strong>{t('budgetReport.actualBalance', { balance: headline(summary.actualBalance) })}</strong>
        </p>
        {deficit && report.deficitGuidance.trim() !== '' && <p className="text-block">{t('budgetReport.deficitGuidance', { guidance: report.deficitGuidance.trim() })}</p>}
      </div>
      <ul className="downloads no-print">
        <li>
          <a href={`${download}.pdf`} download>
            {t('budgetReport.pdf')}
          </a>
        </li>
        <li>
          <a href={`${download}.csv`} download>
            {t('budgetReport.csv')}
          </a>
        </li>
        <li>
          <button type="button" className="link-button" onClick={() => window.print()}>
            {t('budgetReport.print')}
          </button>
        </li>
      </ul>
      <ReportForm report={report} />

      <Totals report={report} />
      <Lines report={report} kind="cost" />
      <Lines report={report} kind="income" />
      <Organizations report={report} />
      <Grants report={report} />
    </article>
  );
}

/** « Rendre compte au comité de pilotage », for whoever keeps the project's accounts; everyone sees when it was last done. */
function ReportForm({ report }: { report: Report }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [done, setDone] = useState(false);
  const act = useAct<void, void>('post', () => `/projects/${report.project.id}/budget/report`, () => ({}));
  const last = report.lastReportedAt === null ? t('budgetReport.report.never') : t('budgetReport.report.last', { date: formatDate(report.lastReportedAt) });
  if (!report.can.report || report.steeringBody === null) return <p className="muted">{last}</p>;
  return (
    <form
      id={REPORT_ANCHOR}
      className="card no-print"
      aria-labelledby={`${REPORT_ANCHOR}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        setDone(false);
        act.mutateAsync().then(() => setDone(true), () => undefined);
      }}
    >
      <h2 id={`${REPORT_ANCHOR}-title`} className="card-title">
        {t('budgetReport.report.title')}
      </h2>
      <p className="hint">{t('budgetReport.report.hint', { body: report.steeringBody.name })}</p>
      <p className="muted">{last}</p>
      <FormError error={act.error} />
      {done && (
        <p className="notice notice-ok" role="status">
          {t('budgetReport.report.done', { body: report.steeringBody.name })}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={act.isPending}>
          {t('budgetReport.report.submit')}
        </button>
      </div>
    </form>
  );
}

/** A table that reads as one card per row on a phone, each value under its column's name. */
/** A column header read by screen readers alone: its cells name themselves on screen, and on a phone. */
type QuietHeader = { readonly quiet: string };
const visibleLabel = (cell: string | QuietHeader) => (typeof cell === 'string' ? cell : undefined);

function MoneyTable({ caption, header, rows, footer }: { caption: string; header: readonly (string | QuietHeader)[]; rows: readonly (readonly ReactNode[])[]; footer?: readonly ReactNode[] }) {
  return (
    <div className="table-scroll">
      <table className="stack-table money-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {header.map((cell, index) => (
              <th key={index} scope="col" className={index >= header.length - 3 ? 'amount' : undefined}>
                {typeof cell === 'string' ? cell : <span className="visually-hidden">{cell.quiet}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, index) => (
                <td key={index} data-label={visibleLabel(header[index]!) || undefined} className={index >= header.length - 3 ? 'amount' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {footer && (
          <tfoot>
            <tr>
              {footer.map((cell, index) => (
                <td key={index} data-label={cell === '' ? undefined : visibleLabel(header[index]!) || undefined} className={index >= header.length - 3 ? 'amount' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

function useFigureCells(): (figures: Figures) => string[] {
  const money = useEuros();
  return (figures) => [money(figures.forecastCents), money(figures.actualCents), money(figures.varianceCents)];
}

/** The totals the summary gives, and the balance: income less costs, forecast and actual. */
function Totals({ report }: { report: Report }) {
  const { t } = useTranslation();
  const money = useEuros();
  const cells = useFigureCells();
  const { summary } = report;
  const signed = (balance: Balance) => (balance.state === 'balanced' ? 0 : balance.state === 'surplus' ? (balance.amountCents ?? 0) : -(balance.amountCents ?? 0));
  const forecast = signed(summary.forecastBalance);
  const actual = signed(summary.actualBalance);
  return (
    <section aria-labelledby="report-summary">
      <h2 id="report-summary">{t('budgetReport.summary')}</h2>
      <MoneyTable
        caption={t('budgetReport.summary')}
        header={[{ quiet: t('budgetReport.item') }, t('budgetReport.forecast'), t('budgetReport.actual'), t('budgetReport.variance')]}
        rows={[
          [t('budgetReport.totalCosts'), ...cells(summary.costs)],
          [t('budgetReport.totalIncome'), ...cells(summary.income)],
          [t('budgetReport.inKind'), ...cells(summary.inKind)],
        ]}
        footer={[t('budgetReport.balanceRow'), money(forecast), money(actual), money(actual - forecast)]}
      />
    </section>
  );
}

/** Costs or income, line by line; under income, the in-kind contribution that mirrors the in-kind costs. */
function Lines({ report, kind }: { report: Report; kind: 'cost' | 'income' }) {
  const { t } = useTranslation();
  const cells = useFigureCells();
  const organizationName = useOrganizationName(report);
  const { summary } = report;
  const lines = summary.lines.filter((line) => line.kind === kind);
  const label = (line: Report['summary']['lines'][number]) => {
    if (line.retired) return t('budgetReport.retiredMark', { label: line.label });
    if (line.unvalued) return t('budgetReport.unvaluedMark', { label: line.label });
    return line.internal ? t('budgetReport.inKindMark', { label: line.label }) : line.label;
  };
  const category = (line: Report['summary']['lines'][number]) =>
    line.grantStatus === null ? t(`budgetReport.categories.${line.category}`) : `${t(`budgetReport.categories.${line.category}`)} (${t(`budgetReport.grantStatuses.${line.grantStatus}`)})`;
  const mirrored = kind === 'income' && (summary.inKind.forecastCents !== 0 || summary.inKind.actualCents !== 0) ? [[t('budgetReport.inKindIncome'), '', '', ...cells(summary.inKind)]] : [];
  const heading = t(kind === 'cost' ? 'budgetReport.costs' : 'budgetReport.income');
  const header = [t('budgetReport.line'), t('budgetReport.category'), t('budgetReport.organization'), t('budgetReport.forecast'), t('budgetReport.actual'), t('budgetReport.variance')];
  return (
    <section aria-labelledby={`report-${kind}`}>
      <h2 id={`report-${kind}`}>{heading}</h2>
      {lines.length === 0 && mirrored.length === 0 ? (
        <p className="muted">{t('budgetReport.none')}</p>
      ) : (
        <MoneyTable
          caption={heading}
          header={header}
          rows={[...lines.map((line) => [label(line), category(line), organizationName(line.organizationId), ...cells(line)]), ...mirrored]}
          footer={[t(kind === 'cost' ? 'budgetReport.totalCosts' : 'budgetReport.totalIncome'), '', '', ...cells(kind === 'cost' ? summary.costs : summary.income)]}
        />
      )}
    </section>
  );
}

function useOrganizationName(report: Report): (organizationId: string | null) => string {
  const { t } = useTranslation();
  const names = new Map(report.organizations.map((organization) => [organization.id, organization.name]));
  return (organizationId) => (organizationId === null ? t('budgetReport.wholeProject') : (names.get(organizationId) ?? t('budgetReport.wholeProject')));
}

/** Each organization's costs, income and in-kind part, forecast against actual. */
function Organizations({ report }: { report: Report }) {
  const { t } = useTranslation();
  const cells = useFigureCells();
  const organizationName = useOrganizationName(report);
  const heading = t('budgetReport.byOrganization');
  return (
    <section aria-labelledby="report-organizations">
      <h2 id="report-organizations">{heading}</h2>
      {report.summary.organizations.length === 0 ? (
        <p className="muted">{t('budgetReport.none')}</p>
      ) : (
        <MoneyTable
          caption={heading}
          header={[t('budgetReport.organization'), { quiet: t('budgetReport.side') }, t('budgetReport.forecast'), t('budgetReport.actual'), t('budgetReport.variance')]}
          rows={report.summary.organizations.flatMap((organization) => [
            [organizationName(organization.organizationId), t('budgetReport.costsOf'), ...cells(organization.costs)],
            [organizationName(organization.organizationId), t('budgetReport.incomeOf'), ...cells(organization.income)],
            ...(organization.inKind.forecastCents === 0 && organization.inKind.actualCents === 0 ? [] : [[organizationName(organization.organizationId), t('budgetReport.inKindOf'), ...cells(organization.inKind)]]),
          ])}
        />
      )}
    </section>
  );
}

/** The forecast amounts of the grants, by where each stands. */
function Grants({ report }: { report: Report }) {
  const { t } = useTranslation();
  const money = useEuros();
  return (
    <section aria-labelledby="report-grants">
      <h2 id="report-grants">{t('budgetReport.grants')}</h2>
      <dl className="details">
        {GRANT_STATUSES.map((status) => (
          <Fragment key={status}>
            <dt>{t(`budgetReport.grantStatuses.${status}`)}</dt>
            <dd>{money(report.summary.grants[status])}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
