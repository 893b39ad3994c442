import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge, useFormatDate } from '../../components/ui';
import { usePartnershipId } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { tensionSummary } from '../../../tensions/contract';

export type Tension = Answer<typeof tensionSummary>;

/** What a tension says and what became of it, as the body's page, the meeting's agenda (`onItsAgenda`: no link to itself) and its own page show it. */
export function TensionFacts({ tension, onItsAgenda = false }: { tension: Tension; onItsAgenda?: boolean }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  return (
    <>
      <p>{tension.text}</p>
      <p className="muted small">
        <Badge tone={tension.status === 'open' ? 'warn' : 'neutral'}>{t(`tension.status.${tension.status}`)}</Badge>{' '}
        {tension.raisedBy && t('tension.raisedBy', { name: tension.raisedBy.fullName, date: formatDate(tension.raisedAt) })}
      </p>
      {tension.status === 'open' && !onItsAgenda && (
        <p className="small">
          {tension.agendaItem ? (
            <Link to={`/p/${partnershipId}/reunions/${tension.agendaItem.meetingId}`}>{t('tension.onAgenda', { meeting: tension.agendaItem.meetingTitle, date: formatDate(tension.agendaItem.startsAt) })}</Link>
          ) : (
            t('tension.waiting')
          )}
        </p>
      )}
      {tension.proposal && (
        <p className="small">
          <Link to={`/p/${partnershipId}/propositions/${tension.proposal.id}`}>{tension.proposal.wording}</Link>
        </p>
      )}
      {tension.task && (
        <p className="small">
          {t('tension.taskOf', { name: tension.task.owner.fullName, date: formatDate(tension.task.dueOn), title: tension.task.title })}
          {tension.task.doneAt && <> ({t('tension.taskDone', { date: formatDate(tension.task.doneAt) })})</>}
        </p>
      )}
      {tension.closingWord && <p className="small">{t('tension.closingWord', { word: tension.closingWord })}</p>}
    </>
  );
}
