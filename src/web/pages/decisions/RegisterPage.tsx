import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { usePartnershipId } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { decisionRegisterAnswer } from '../../../decisions/contract';
import { RegisterSearch, SettledDecision, useRegisterPages } from './Registers';

/** A body's decision register: what it settled, how, and who took part; searchable and printable. */
export default function RegisterPage() {
  const { t } = useTranslation();
  const { bodyId } = useParams();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const [params] = useSearchParams();
  const search = params.get('q') ?? '';
  const query = useRegisterPages<Answer<typeof decisionRegisterAnswer>>(`/bodies/${bodyId}/decisions?q=${encodeURIComponent(search)}`);
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
      <RegisterSearch label={t('register.search')} search={search} />
      <p>
        <a href={`/api/v1/partnerships/${partnershipId}/bodies/${body.id}/decisions.pdf?q=${encodeURIComponent(search)}`} download>
          {t('register.pdf')}
        </a>
      </p>
      <p role="status">{t(query.hasNextPage ? 'register.shown' : 'register.count', { count: decisions.length })}</p>
      <ul className="member-list">
        {decisions.map((decision) => (
          <SettledDecision key={decision.id} proposalId={decision.id} wording={decision.wording} statement={decision.statement} status={decision.status} ending={t(`decision.status.${decision.status}`)}>
            <p className="muted small">
              {formatDate(decision.decidedAt)} · {t(`charter.method.${decision.method}`)} · {t('register.participants', { names: decision.participants.join(', ') || '—' })}
              {decision.reservations > 0 && <> · {t('register.reservations', { count: decision.reservations })}</>}
            </p>
          </SettledDecision>
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
