import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { proposalListAnswer } from '../../../decisions/contract';
import type { ProposalStatus } from '../../../decisions/rules';
import { NewProposal } from './NewProposal';

export const statusTone = (status: ProposalStatus) => (status === 'open' ? 'neutral' : status === 'lapsed' || status === 'rejected' ? 'warn' : 'ok');

export default function ProposalsPage() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const list = usePartnershipQuery<Answer<typeof proposalListAnswer>>('/proposals');
  if (list.isPending) return <Loading />;
  if (list.error) return <LoadError error={list.error} />;
  return (
    <section>
      <PageTitle title={t('decision.list.title')}>{t('decision.list.title')}</PageTitle>
      <p className="lead">{t('decision.list.intro')}</p>
      <p>
        <Link to={`/p/${partnershipId}/desaccords`}>{t('disagreements.title')}</Link>
      </p>
      {list.data.length === 0 ? (
        <p>{t('decision.list.none')}</p>
      ) : (
        <ul className="member-list">
          {list.data.map((proposal) => (
            <li key={proposal.id} className="member">
              <div>
                <Link className="member-name" to={`/p/${partnershipId}/propositions/${proposal.id}`}>
                  {proposal.wording}
                </Link>
                <p className="muted small">
                  {proposal.body.name} · {formatDate(proposal.createdAt)}
                </p>
              </div>
              <Badge tone={statusTone(proposal.status)}>{t(`decision.status.${proposal.status}`)}</Badge>
            </li>
          ))}
        </ul>
      )}
      <NewProposal />
    </section>
  );
}
