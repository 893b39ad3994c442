import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Badge, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { useLiveChanges, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { proposalDetailAnswer } from '../../../decisions/contract';
import { statusTone } from './ProposalsPage';
import { PhaseSteps } from './PhaseSteps';
import { RoundTable } from './RoundTable';
import { ProposalThread } from '../discussions/ProposalThread';
import { formatDate as inWords, PARTNERSHIP_TIME_ZONE } from '../../../common/dates';
import { formatEuros } from '../../money';
import { CircleJoinPart } from '../circles/CircleJoinPart';

export default function ProposalPage() {
  const { t, i18n } = useTranslation();
  const { proposalId } = useParams();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const instantFormat = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: PARTNERSHIP_TIME_ZONE });
  const formatInstant = (iso: string) => inWords(instantFormat, new Date(iso));
  const query = usePartnershipQuery<Answer<typeof proposalDetailAnswer>>(`/proposals/${proposalId}`);
  useLiveChanges('proposals', proposalId!, query.data?.status === 'open');
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const proposal = query.data;
  const open = proposal.status === 'open';
  return (
    <article>
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/propositions`}>{t('decision.list.title')}</Link>
      </p>
      <PageTitle title={proposal.wording}>{proposal.wording}</PageTitle>
      <p>
        <Badge tone={statusTone(proposal.status)}>{t(`decision.status.${proposal.status}`)}</Badge> {proposal.routing}
      </p>
      <p className="muted small">
        {t('decision.detail.by', { initiator: proposal.initiator.fullName, facilitator: proposal.facilitator.fullName, date: formatDate(proposal.createdAt) })} ·{' '}
        {t(`charter.participation.${proposal.participationLevel}`)}
      </p>
      {proposal.amends && (
        <p>
          <Link to={`/p/${partnershipId}/chartes/${proposal.amends.charterId}/versions/${proposal.amends.versionId}`}>
            {t('decision.detail.amends', { number: proposal.amends.number })}
          </Link>
        </p>
      )}
      {proposal.fundSpendingCents !== null && (
        <p>
          <strong>{t('decision.detail.fundSpending', { amount: formatEuros(proposal.fundSpendingCents, i18n.language) })}</strong>
        </p>
      )}
      {proposal.circleJoinId !== null && <CircleJoinPart joinId={proposal.circleJoinId} />}
      {proposal.context && <p className="message-body">{proposal.context}</p>}
      {open ? (
        <p className="notice notice-warn">
          {t('decision.detail.phase', { phase: t(`decision.phase.${proposal.phase}`), round: proposal.round })}
          {proposal.roundDeadline && <> {t('decision.detail.deadline', { when: formatInstant(proposal.roundDeadline) })}</>}
        </p>
      ) : (
        <div className="notice notice-ok" role="status">
          <p>
            <strong>{t(`decision.status.${proposal.status}`)}</strong>
            {proposal.decidedAt && <> — {formatDate(proposal.decidedAt)}</>}
          </p>
          {proposal.outcomeStatement && <p>{proposal.outcomeStatement}</p>}
          {proposal.reviewOn && <p>{t('decision.detail.reviewOn', { date: formatDate(proposal.reviewOn) })}</p>}
          {proposal.informed.length > 0 && (
            <p>{t('decision.detail.informed', { bodies: proposal.informed.map((note) => `${note.body.name} (${t('decision.detail.recipients', { count: note.recipients })})`).join(', ') })}</p>
          )}
        </div>
      )}
      <PhaseSteps proposal={proposal} />

      {proposal.lastClosing && (
        <p className="notice" role="status">
          {t('decision.closing.last', { round: proposal.lastClosing.round })} {proposal.lastClosing.why}
        </p>
      )}

      <RoundTable proposal={proposal} />

      <ProposalThread proposalId={proposal.id} open={open} />

      {proposal.history.length > 0 && (
        <>
          <h2>{t('decision.history.title')}</h2>
          <ul className="plain-list">
            {proposal.history.map((entry, index) => (
              <li key={index}>
                {t('decision.history.line', { body: entry.body, round: entry.round, name: entry.fullName, stance: t(`decision.stanceLabel.${entry.stance}`) })}
                {entry.reason && <> — {t('decision.quoted', { text: entry.reason })}</>}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small">
        <Link to={`/p/${partnershipId}/chartes/${proposal.charter.id}/versions/${proposal.charter.versionId}`}>{t('decision.detail.charter', { number: proposal.charter.versionNumber })}</Link>
      </p>
    </article>
  );
}
