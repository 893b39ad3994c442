import { useTranslation } from 'react-i18next';
import { Loading, LoadError, PageTitle, useFormatDate } from '../../../components/ui';
import { usePartnershipQuery } from '../../../hooks';
import type { Answer } from '../../../../common/contract';
import type { experienceReportsAnswer } from '../../../../disputes/ending/contract';

type Reports = Answer<typeof experienceReportsAnswer>;

/** « Retours d'expérience »: what teams learnt through a dispute, published with every party's consent, with no subject, name or link. */
export default function ExperienceReportsPage() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const reports = usePartnershipQuery<Reports>('/experience-reports');
  if (reports.isPending) return <Loading />;
  if (reports.error) return <LoadError error={reports.error} />;
  return (
    <>
      <PageTitle title={t('disputeEnding.reportsTitle')}>{t('disputeEnding.reportsTitle')}</PageTitle>
      <p className="hint">{t('disputeEnding.reportsIntro')}</p>
      {reports.data.reports.length === 0 ? (
        <p>{t('disputeEnding.reportsEmpty')}</p>
      ) : (
        reports.data.reports.map((report) => (
          <article key={`${report.publishedAt}${report.text.slice(0, 20)}`} className="card" aria-label={t('disputeEnding.reportOn', { date: formatDate(report.publishedAt) })}>
            <p className="muted">{t('disputeEnding.reportOn', { date: formatDate(report.publishedAt) })}</p>
            <p className="text-block">{report.text}</p>
          </article>
        ))
      )}
    </>
  );
}
