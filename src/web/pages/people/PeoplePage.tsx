import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { Loading, LoadError, PageTitle } from '../../components/ui';
import { useOverview, usePartnershipId, useSettledSearch } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { peopleListAnswer } from '../../../people/contract';

type PeopleList = Answer<typeof peopleListAnswer>;

/** People listed at once: a phone renders a few hundred rows quickly, not ten thousand. */
const SHOWN_AT_ONCE = 100;

export default function PeoplePage() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const overview = useOverview();
  const [filter, setFilter] = useState('');
  const search = useSettledSearch(filter);
  const people = useInfiniteQuery({
    queryKey: ['partnership', partnershipId, '/people', 'list', search],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(SHOWN_AT_ONCE) });
      if (search !== '') query.set('q', search);
      if (pageParam !== null) query.set('after', pageParam);
      return api.get<PeopleList>(`/partnerships/${partnershipId}/people?${query}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
    // The list under the search field stays while the next matches load, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
  if (people.isPending) return <Loading />;
  if (people.error) return <LoadError error={people.error} />;
  const shown = people.data.pages.flatMap((page) => page.people);
  const total = people.data.pages[0]?.total ?? 0;
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
        {search !== '' && total === 0 ? t('people.noMatch') : t('people.count', { count: total })}
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
      {people.hasNextPage && (
        <button type="button" className="button-secondary" disabled={people.isFetchingNextPage} onClick={() => void people.fetchNextPage()}>
          {t('people.more', { count: Math.min(SHOWN_AT_ONCE, total - shown.length) })}
        </button>
      )}
    </>
  );
}
