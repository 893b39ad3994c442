import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, LoadError, PageTitle } from '../components/ui';
import { useOverview, usePartnershipId, usePeople } from '../hooks';

export default function PeoplePage() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const people = usePeople();
  const overview = useOverview();
  const [filter, setFilter] = useState('');
  if (people.isPending) return <Loading />;
  if (people.error) return <LoadError error={people.error} />;
  const needle = filter.trim().toLocaleLowerCase();
  const shown = people.data.filter(
    (p) => !needle || p.fullName.toLocaleLowerCase().includes(needle) || p.memberships.some((m) => m.organizationName.toLocaleLowerCase().includes(needle)),
  );
  return (
    <>
      <PageTitle title={t('people.title')}>{t('people.title')}</PageTitle>
      <div className="section-head">
        <div className="field">
          <label htmlFor="people-filter">{t('people.filter')}</label>
          <input id="people-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        {(overview.data?.can.manageStructure || (overview.data?.can.manageOrganizations.length ?? 0) > 0) && (
          <Link className="button-secondary" to={`/p/${partnershipId}/personnes/nouvelle`}>
            {t('people.new')}
          </Link>
        )}
      </div>
      <p role="status" className="muted">
        {t('people.count', { count: shown.length })}
      </p>
      <ul className="member-list">
        {shown.map((person) => (
          <li key={person.id} className="member">
            <div>
              <Link to={`/p/${partnershipId}/personnes/${person.id}`} className="member-name">
                {person.fullName}
              </Link>
              <span className="muted">
                {person.memberships.map((m) => ` · ${m.organizationName} (${t(`membershipKind.${m.kind}`)})`).join('')}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
