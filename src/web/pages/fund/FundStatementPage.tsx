import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { fundStatementAnswer } from '../../../fund/contract';
import { Badge, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { usePartnershipId, usePartnershipQuery } from '../../hooks';
import { useEuros } from '../../money';
import { useFundYear, YearNavigation } from './fund-common';

type Statement = Answer<typeof fundStatementAnswer>;

/** The fund's yearly statement: calls and payments, who is behind, spendings, opening and closing balance; printable, and as CSV and PDF. */
export default function FundStatementPage() {
  const { t } = useTranslation();
  const euros = useEuros();
  const formatDate = useFormatDate();
  const partnershipId = usePartnershipId();
  const [params] = useSearchParams();
  const year = useFundYear(params);
  const query = usePartnershipQuery<Statement>(`/fund/statement${year === null ? '' : `?year=${year}`}`);
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} />;
  const statement = query.data;
  const api = `/api/v1/partnerships/${partnershipId}/fund/statement`;
  return (
    <div className="fund-statement">
      <PageTitle title={t('fund.statement.title', { year: statement.year })}>{t('fund.statement.title', { year: statement.year })}</PageTitle>
      <p className="muted">{t('fund.statement.span', { startsOn: formatDate(statement.startsOn), endsOn: formatDate(statement.endsOn) })}</p>
      <YearNavigation year={statement.year} currentYear={Math.max(statement.year, Number(statement.today.slice(0, 4)))} path={`/p/${partnershipId}/caisse-commune/bilan`} />
      <ul className="downloads">
        <li>
          <a href={`${api}.pdf?year=${statement.year}`} download>
            {t('fund.statement.pdf')}
          </a>
        </li>
        <li>
          <a href={`${api}.csv?year=${statement.year}`} download>
            {t('fund.statement.csv')}
          </a>
        </li>
        <li>
          <Link to={`/p/${partnershipId}/caisse-commune?annee=${statement.year}`}>{t('fund.statement.back')}</Link>
        </li>
      </ul>
      <h2>{t('fund.statement.calls')}</h2>
      {statement.calls.length === 0 ? (
        <p className="muted">{t('fund.statement.noCalls')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t('fund.statement.calls')} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('fund.contributions.organization')}</th>
                <th scope="col">{t('fund.contributions.called')}</th>
                <th scope="col">{t('fund.contributions.paid')}</th>
                <th scope="col">{t('fund.statement.remaining')}</th>
                <th scope="col">{t('fund.contributions.dueOn')}</th>
              </tr>
            </thead>
            <tbody>
              {statement.calls.map((call) => (
                <tr key={call.organization.id}>
                  <th scope="row">
                    {call.organization.name} {call.behind && <Badge tone="warn">{t('fund.standing.behind')}</Badge>}
                  </th>
                  <td>{euros(call.amountCents)}</td>
                  <td>{euros(call.paidCents)}</td>
                  <td>{euros(call.remainingCents)}</td>
                  <td>{formatDate(call.dueOn)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('fund.contributions.total')}</th>
                <td>{euros(statement.calledCents)}</td>
                <td>{euros(statement.calls.reduce((sum, call) => sum + call.paidCents, 0))}</td>
                <td>{euros(statement.calls.reduce((sum, call) => sum + call.remainingCents, 0))}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <h2>{t('fund.statement.spendings')}</h2>
      {statement.spendings.length === 0 ? (
        <p className="muted">{t('fund.statement.noSpendings')}</p>
      ) : (
        <ul>
          {statement.spendings.map((spending) => (
            <li key={spending.proposalId}>
              {formatDate(spending.occurredOn)} : <Link to={`/p/${partnershipId}/propositions/${spending.proposalId}`}>{spending.wording}</Link>, {euros(spending.amountCents)}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('fund.statement.balances')}</h2>
      <dl className="fund-figures">
        <div>
          <dt>{t('fund.statement.opening')}</dt>
          <dd>{euros(statement.openingBalanceCents)}</dd>
        </div>
        <div>
          <dt>{t('fund.statement.received')}</dt>
          <dd>{euros(statement.paidCents)}</dd>
        </div>
        <div>
          <dt>{t('fund.statement.spent')}</dt>
          <dd>{euros(statement.spentCents)}</dd>
        </div>
        <div>
          <dt>{t('fund.statement.closing')}</dt>
          <dd>{euros(statement.closingBalanceCents)}</dd>
        </div>
      </dl>
    </div>
  );
}
