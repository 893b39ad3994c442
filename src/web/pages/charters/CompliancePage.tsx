import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, LoadError, PageTitle } from '../../components/ui';
import { usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { complianceAnswer } from '../../../charters/contract';
import type { Answer } from '../../../common/contract';

const paths = { body: 'instances', role: 'roles', charter: 'chartes', project: 'projets' } as const;

/** Where a finding's link leads: the page of the thing it names, or the fund's houses behind. */
const linkPath = (partnershipId: string, link: { kind: keyof typeof paths | 'fund'; id: string }) =>
  link.kind === 'fund' ? `/p/${partnershipId}/caisse-commune#en-retard` : `/p/${partnershipId}/${paths[link.kind]}/${link.id}`;

export default function CompliancePage() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const query = usePartnershipQuery<Answer<typeof complianceAnswer>>('/compliance');
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const { findings } = query.data;
  return (
    <section>
      <PageTitle title={t('compliance.title')}>{t('compliance.title')}</PageTitle>
      <p className="lead">{t('compliance.intro')}</p>
      {findings.length === 0 ? (
        <p className="notice notice-ok">{t('compliance.none')}</p>
      ) : (
        <>
          <p>{t('compliance.count', { count: findings.length })}</p>
          <ul className="member-list findings">
            {findings.map((finding, index) => (
              <li key={index} className="member">
                <span>{finding.message}</span>
                {finding.link && (
                  <Link to={linkPath(partnershipId, finding.link)}>
                    {t(`compliance.open.${finding.link.kind}`)}
                    <span className="visually-hidden">{t('common.nameSuffix', { name: finding.message })}</span>
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
