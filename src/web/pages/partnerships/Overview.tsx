import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CompositionStatus, hasRule } from '../../components/CompositionStatus';
import { Loading, LoadError, PageTitle } from '../../components/ui';
import { useOverview, usePartnershipId } from '../../hooks';
import { ToDoSection } from '../participation/ToDo';
import type { Answer } from '../../../common/contract';
import type { overviewAnswer } from '../../../partnerships/contract';

export default function Overview() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const overview = useOverview();
  if (overview.isPending) return <Loading />;
  if (overview.error) return <LoadError error={overview.error} />;
  const { partnership, organizations, bodies, roles, can, peopleCount } = overview.data;
  const base = `/p/${partnershipId}`;
  const gapCount = bodies.reduce((sum, body) => sum + body.gaps.length, 0);

  return (
    <>
      <PageTitle title={partnership.name}>{partnership.name}</PageTitle>
      {partnership.description && <p className="lead">{partnership.description}</p>}
      <p className="summary-line">
        {t('overview.counts', { organizations: organizations.length, bodies: bodies.length, people: peopleCount })}
      </p>
      {gapCount > 0 && (
        <p className="notice notice-warn">{t('overview.gapsSummary', { count: gapCount })}</p>
      )}

      <ToDoSection partnershipId={partnershipId} />
      <MoneyAtAGlance money={overview.data.money} />

      <section aria-labelledby="bodies-title">
        <div className="section-head">
          <h2 id="bodies-title">{t('overview.bodies')}</h2>
          {can.manageStructure && (
            <Link className="button-secondary" to={`${base}/instances/nouvelle`}>
              {t('overview.newBody')}
            </Link>
          )}
        </div>
        <ul className="card-list">
          {bodies.map((body) => (
            <li key={body.id} className="card">
              <h3>
                <Link to={`${base}/instances/${body.id}`}>{body.name}</Link>
              </h3>
              <p className="muted">
                {t(`bodyKind.${body.kind}`)} · {t('overview.memberCount', { count: body.memberCount })}
              </p>
              <CompositionStatus gaps={body.gaps} hasRule={hasRule(body.rule)} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="organizations-title">
        <div className="section-head">
          <h2 id="organizations-title">{t('overview.organizations')}</h2>
          {can.manageStructure && (
            <Link className="button-secondary" to={`${base}/structures/nouvelle`}>
              {t('overview.newOrganization')}
            </Link>
          )}
        </div>
        <ul className="card-list">
          {organizations.map((organization) => (
            <li key={organization.id} className="card">
              <h3>
                <Link to={`${base}/structures/${organization.id}`}>{organization.name}</Link>
              </h3>
              <p className="muted">{t(`organizationKind.${organization.kind}`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="roles-title">
        <div className="section-head">
          <h2 id="roles-title">{t('overview.roles')}</h2>
          {can.manageStructure && (
            <Link className="button-secondary" to={`${base}/roles/nouveau`}>
              {t('overview.newRole')}
            </Link>
          )}
        </div>
        <ul className="card-list">
          {roles.map((role) => (
            <li key={role.id} className="card">
              <h3>
                <Link to={`${base}/roles/${role.id}`}>{role.name}</Link>
              </h3>
              <p>
                {role.holders.length > 0 ? (
                  role.holders.map((holder, index) => (
                    <span key={holder.id}>
                      {index > 0 && ', '}
                      <Link to={`${base}/personnes/${holder.personId}`}>{holder.fullName}</Link>
                    </span>
                  ))
                ) : (
                  <span className="badge badge-warn">{t('overview.unfilled')}</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

type Money = Answer<typeof overviewAnswer>['money'];

/** « L’argent en un coup d’œil »: the common fund's balance and who is behind, what the year's project entries spent and received, and the budgets in deficit, each a link to its report. */
function MoneyAtAGlance({ money }: { money: Money }) {
  const { t, i18n } = useTranslation();
  const partnershipId = usePartnershipId();
  const format = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency: 'EUR' });
  const euros = (cents: number) => format.format(cents / 100);
  const deficit = (balance: Money['budgetsInDeficit'][number]['actualBalance']) =>
    balance.state === 'deficit' ? t('overview.money.deficit', { amount: euros(balance.amountCents ?? 0) }) : t('overview.money.noDeficit');
  return (
    <section aria-labelledby="money-title">
      <h2 id="money-title">{t('overview.money.title')}</h2>
      {money.fund && (
        <>
          <p>
            <Link to={`/p/${partnershipId}/caisse-commune`}>{t('overview.money.fund')}</Link>
            {' : '}
            {t('overview.money.fundBalance', { amount: euros(money.fund.balanceCents) })}
          </p>
          {money.fund.behind.length > 0 && (
            <div className="notice notice-warn">
              <p>{t('overview.money.behind')}</p>
              <ul>
                {money.fund.behind.map((call) => (
                  <li key={`${call.organizationId}-${call.year}`}>{t('overview.money.behindOne', { name: call.name, year: call.year, amount: euros(call.remainingCents) })}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      <dl className="details">
        <dt>{t('overview.money.spent', { year: money.year })}</dt>
        <dd>{euros(money.spentCents)}</dd>
        <dt>{t('overview.money.received', { year: money.year })}</dt>
        <dd>{euros(money.receivedCents)}</dd>
      </dl>
      <h3>{t('overview.money.inDeficit')}</h3>
      {money.budgetsInDeficit.length === 0 ? (
        <p className="muted">{t('overview.money.noneInDeficit')}</p>
      ) : (
        <ul>
          {money.budgetsInDeficit.map((budget) => (
            <li key={budget.projectId}>
              <Link to={`/p/${partnershipId}/projets/${budget.projectId}/budget/compte-rendu`}>{budget.title}</Link>
              {' : '}
              {t('overview.money.balances', { forecast: deficit(budget.forecastBalance), actual: deficit(budget.actualBalance) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
