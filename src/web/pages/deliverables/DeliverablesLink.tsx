import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { charterDeliverablesAnswer } from '../../../deliverables/contract';

type Page = Answer<typeof charterDeliverablesAnswer>;

/** On a charter's page: the way to its deliverables, with how many are still to deliver. */
export function CharterDeliverablesLink({ charterId }: { charterId: string }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const page = usePartnershipQuery<Page>(`/charters/${charterId}/deliverables`);
  if (!page.data) return null;
  const open = page.data.deliverables.filter((d) => d.status === 'planned' || d.status === 'in_progress').length;
  const late = page.data.deliverables.filter((d) => d.overdue).length;
  return (
    <section className="card" aria-labelledby="charter-deliverables">
      <h2 id="charter-deliverables">{t('deliverable.title')}</h2>
      <p className="muted">{t('deliverable.linkHint')}</p>
      <p>
        <Link to={`/p/${partnershipId}/chartes/${charterId}/livrables`}>{t('deliverable.linkLabel', { count: page.data.deliverables.length })}</Link>
        {open > 0 && <> — {t('deliverable.openCount', { count: open })}</>}
        {late > 0 && <> — {t('deliverable.lateCount', { count: late })}</>}
      </p>
    </section>
  );
}
