import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Badge, Field, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { api } from '../../api';
import { usePartnershipId } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { decisionRegisterAnswer } from '../../../decisions/contract';
import { statusTone } from './ProposalsPage';

/** A body's decision register: what it settled, how, and who took part; searchable and printable. */
export default function RegisterPage() {
  const { t } = useTranslation();
  const { bodyId } = useParams();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const [typed, setTyped] = useState(search);
  const path = `/bodies/${bodyId}/decisions?q=${encodeURIComponent(search)}`;
  const query = useInfiniteQuery({
    queryKey: ['partnership', partnershipId, path],
    queryFn: ({ pageParam }) => api.get<Answer<typeof decisionRegisterAnswer>>(`/partnerships/${partnershipId}${path}${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams(typed.trim() === '' ? {} : { q: typed.trim() });
  };
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const { body } = query.data.pages[0]!;
  const decisions = query.data.pages.flatMap((page) => page.decisions);
  const title = t('register.title', { body: body.name });
  return (
    <section>
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/instances/${body.id}`}>{body.name}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <form role="search" onSubmit={onSubmit} className="field-row search-row">
        <Field label={t('register.search')}>{(props) => <input {...props} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />}</Field>
        <div className="actions">
          <button type="submit" className="button-secondary">
            {t('register.searchSubmit')}
          </button>
        </div>
      </form>
      <p>
        <a href={`/api/v1/partnerships/${partnershipId}/bodies/${body.id}/decisions.pdf?q=${encodeURIComponent(search)}`} download>
          {t('register.pdf')}
        </a>
      </p>
      <p role="status">{t(query.hasNextPage ? 'register.shown' : 'register.count', { count: decisions.length })}</p>
      <ul className="member-list">
        {decisions.map((decision) => (
          <li key={decision.id} className="member">
            <div>
              <Link className="member-name" to={`/p/${partnershipId}/propositions/${decision.id}`}>
                {decision.wording}
              </Link>
              {decision.statement && <p>{decision.statement}</p>}
              <p className="muted small">
                {formatDate(decision.decidedAt)} · {t(`charter.method.${decision.method}`)} · {t('register.participants', { names: decision.participants.join(', ') || '—' })}
                {decision.reservations > 0 && <> · {t('register.reservations', { count: decision.reservations })}</>}
              </p>
            </div>
            <Badge tone={statusTone(decision.status)}>{t(`decision.status.${decision.status}`)}</Badge>
          </li>
        ))}
      </ul>
      {query.hasNextPage && (
        <button type="button" className="button-secondary" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {t('register.more')}
        </button>
      )}
    </section>
  );
}
