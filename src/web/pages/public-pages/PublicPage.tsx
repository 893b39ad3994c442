import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { publicWebPath } from '../../../public-pages/rules';
import { Loading, PageTitle } from '../../components/ui';
import { PublicLayout } from './PublicLayout';
import { Byline, LicenceLine, PublicLoadError, usePublic, type PublicPageView } from './shared';

/** A partnership's public page: what it publishes under an open licence, latest first. */
export default function PublicPage() {
  const { t } = useTranslation();
  const { partnershipId = '' } = useParams();
  const page = usePublic<PublicPageView>(`/${partnershipId}`);
  return (
    <PublicLayout partnership={page.data?.partnership}>
      {page.isPending ? (
        <Loading />
      ) : page.error ? (
        <PublicLoadError error={page.error} />
      ) : (
        <>
          <PageTitle title={page.data.partnership.name}>{page.data.partnership.name}</PageTitle>
          <p className="public-lead">{t('publicPages.lead')}</p>
          {page.data.resources.length > 0 && (
            <section aria-labelledby="public-resources">
              <h2 id="public-resources">{t('publicPages.resources')}</h2>
              <ul className="public-list">
                {page.data.resources.map((resource) => (
                  <li key={resource.id} className="card">
                    <h3 className="card-title">
                      <Link to={publicWebPath.resource(page.data.partnership.id, resource.id)}>{resource.title}</Link>
                    </h3>
                    <p className="muted">{t(`publicPages.kind.${resource.kind}`)}</p>
                    {resource.summary !== '' && <p>{resource.summary}</p>}
                    <Byline author={resource.author} publishedAt={resource.publishedAt} />
                    <LicenceLine licence={resource.licence} />
                  </li>
                ))}
              </ul>
            </section>
          )}
          {page.data.articles.length > 0 && (
            <section aria-labelledby="public-articles">
              <h2 id="public-articles">{t('publicPages.articles')}</h2>
              <ul className="public-list">
                {page.data.articles.map((article) => (
                  <li key={article.id} className="card">
                    <h3 className="card-title">
                      <Link to={publicWebPath.article(page.data.partnership.id, article.id)}>{article.title ?? t(`publicPages.untitled.${article.kind}`)}</Link>
                    </h3>
                    <p className="muted">{t(`publicPages.harvestKind.${article.kind}`)}</p>
                    <Byline author={article.author} publishedAt={article.publishedAt} />
                    <LicenceLine licence={article.licence} />
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </PublicLayout>
  );
}
