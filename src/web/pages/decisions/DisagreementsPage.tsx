import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { usePartnershipId, usePartnershipQuery } from '../../hooks';
import { statusTone } from './ProposalsPage';

interface Disagreement {
  proposalId: string;
  wording: string;
  outcome: string;
  body: string;
  round: number;
  fullName: string;
  stance: string;
  reason: string;
  at: string;
}

/** Where the partnership agrees and where it does not: every reservation and objection heard, and what became of it. */
export default function DisagreementsPage() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const query = usePartnershipQuery<Disagreement[]>('/disagreements');
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  return (
    <section>
      <PageTitle title={t('disagreements.title')}>{t('disagreements.title')}</PageTitle>
      <p className="lead">{t('disagreements.intro')}</p>
      {query.data.length === 0 ? (
        <p>{t('disagreements.none')}</p>
      ) : (
        <ul className="member-list">
          {query.data.map((entry, index) => (
            <li key={index} className="member">
              <div>
                <p>
                  <strong>{entry.fullName}</strong> — {t('decision.stanceWithReason', { stance: t(`decision.stanceLabel.${entry.stance}`), reason: entry.reason })}
                </p>
                <p className="muted small">
                  <Link to={`/p/${partnershipId}/propositions/${entry.proposalId}`}>{entry.wording}</Link> · {entry.body}, {t('disagreements.round', { round: entry.round })} · {formatDate(entry.at)}
                </p>
              </div>
              <Badge tone={statusTone(entry.outcome)}>{t(`decision.status.${entry.outcome}`)}</Badge>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
