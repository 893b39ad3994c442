import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, LoadError, PageTitle } from '../components/ui';
import { useOverview, usePartnershipId, usePeople } from '../hooks';

/** People listed at once: a phone renders a few hundred rows quickly, not ten thousand. */
const SHOWN_AT_ONCE = 100;

export default function PeoplePage() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const people = usePeople();
  const overview = useOverview();
  const [filter, setFilter] = useState('');
  const [limit, setLimit] = useState(SHOWN_AT_ONCE);
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
          <input
            id="people-filter"
            type="search"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setLimit(SHOWN_AT_ONCE);
            }}
          />
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
        {shown.slice(0, limit).map((person) => (
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
      {shown.length > limit && (
        <button type="button" className="button-secondary" onClick={() => setLimit(limit + SHOWN_AT_ONCE)}>
          {t('people.more', { count: Math.min(SHOWN_AT_ONCE, shown.length - limit) })}
        </button>
      )}
    </>
  );
}
