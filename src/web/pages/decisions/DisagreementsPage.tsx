import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { agreementRegisterAnswer } from '../../../decisions/contract';
import { Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { RegisterSearch, SettledDecision, useRegisterPages } from './Registers';

/** Where the partnership agrees and where it does not: each decision with the agreement it met, and the dissent heard on the way. */
export default function DisagreementsPage() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [params] = useSearchParams();
  const search = params.get('q') ?? '';
  const query = useRegisterPages<Answer<typeof agreementRegisterAnswer>>(`/disagreements?q=${encodeURIComponent(search)}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const entries = query.data.pages.flatMap((page) => page.entries);
  return (
    <section>
      <PageTitle title={t('disagreements.title')}>{t('disagreements.title')}</PageTitle>
      <p className="lead">{t('disagreements.intro')}</p>
      <RegisterSearch label={t('disagreements.search')} search={search} />
      {entries.length === 0 ? (
        <p role="status">{t(search === '' ? 'disagreements.none' : 'disagreements.noMatch')}</p>
      ) : (
        <p role="status">{t(query.hasNextPage ? 'disagreements.shown' : 'disagreements.count', { count: entries.length })}</p>
      )}
      <ul className="member-list">
        {entries.map((entry) => (
          <SettledDecision
            key={entry.proposalId}
            proposalId={entry.proposalId}
            wording={entry.wording}
            statement={entry.statement}
            status={entry.status}
            ending={entry.agreement === null ? t(`decision.status.${entry.status}`) : t(`disagreements.agreement.${entry.agreement}`)}
          >
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
          </SettledDecision>
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
