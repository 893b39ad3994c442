import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { agreementRegisterAnswer } from '../../../decisions/contract';
import { api } from '../../api';
import { Badge, Field, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { usePartnershipId } from '../../hooks';
import { statusTone } from './ProposalsPage';

/** Where the partnership agrees and where it does not: each decision with the agreement it met, and the dissent heard on the way. */
export default function DisagreementsPage() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const [typed, setTyped] = useState(search);
  const path = `/disagreements?q=${encodeURIComponent(search)}`;
  const query = useInfiniteQuery({
    queryKey: ['partnership', partnershipId, path],
    queryFn: ({ pageParam }) => api.get<Answer<typeof agreementRegisterAnswer>>(`/partnerships/${partnershipId}${path}${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams(typed.trim() === '' ? {} : { q: typed.trim() });
  };
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const entries = query.data.pages.flatMap((page) => page.entries);
  return (
    <section>
      <PageTitle title={t('disagreements.title')}>{t('disagreements.title')}</PageTitle>
      <p className="lead">{t('disagreements.intro')}</p>
      <form role="search" onSubmit={onSubmit} className="field-row search-row">
        <Field label={t('disagreements.search')}>{(props) => <input {...props} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />}</Field>
        <div className="actions">
          <button type="submit" className="button-secondary">
            {t('register.searchSubmit')}
          </button>
        </div>
      </form>
      {entries.length === 0 ? (
        <p role="status">{t(search === '' ? 'disagreements.none' : 'disagreements.noMatch')}</p>
      ) : (
        <p role="status">{t(query.hasNextPage ? 'disagreements.shown' : 'disagreements.count', { count: entries.length })}</p>
      )}
      <ul className="member-list">
        {entries.map((entry) => (
          <li key={entry.proposalId} className="member">
            <div>
              <Link className="member-name" to={`/p/${partnershipId}/propositions/${entry.proposalId}`}>
                {entry.wording}
              </Link>
              {entry.statement && <p>{entry.statement}</p>}
              <p className="muted small">
                {entry.body} · {formatDate(entry.decidedAt)}
              </p>
              {entry.dissent.length > 0 && (
                <>
                  <p className="small">{t('disagreements.dissent')}</p>
                  <ul className="small">
                    {entry.dissent.map((heard, index) => {
                      const stance = t(`decision.stanceLabel.${heard.stance}`);
                      const said = heard.reason === '' ? stance : t('decision.stanceWithReason', { stance, reason: heard.reason });
                      return <li key={index}>{t('disagreements.heard', { name: heard.fullName, body: heard.body, round: heard.round, said })}</li>;
                    })}
                  </ul>
                </>
              )}
            </div>
            <Badge tone={statusTone(entry.status)}>{entry.agreement === null ? t(`decision.status.${entry.status}`) : t(`disagreements.agreement.${entry.agreement}`)}</Badge>
          </li>
        ))}
      </ul>
      {query.hasNextPage && (
        <button type="button" className="button-secondary" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {t('disagreements.more')}
        </button>
      )}
    </section>
  );
}
