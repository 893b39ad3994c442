import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { publicResourceAnswer } from '../../../public-pages/contract';
import { publicFilePath } from '../../../public-pages/rules';
import { Loading, PageTitle } from '../../components/ui';
import { PublicLayout } from './PublicLayout';
import { BackToPublicPage, Byline, LicenceLine, MarkdownText, PublicLoadError, usePublic } from './shared';

type ResourceView = Answer<typeof publicResourceAnswer>;

/** A link leaves only for a web address, whatever was stored. */
const WEB_ADDRESS = /^https?:\/\//i;

/** One published resource: an article to read, a link to follow, or a file to download. */
export default function PublicResourcePage() {
  const { t, i18n } = useTranslation();
  const { partnershipId = '', resourceId = '' } = useParams();
  const resource = usePublic<ResourceView>(`/${partnershipId}/resources/${resourceId}`);
  const size = (bytes: number) => new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { style: 'unit', unit: bytes < 1_000_000 ? 'kilobyte' : 'megabyte', maximumFractionDigits: 1 }).format(bytes < 1_000_000 ? bytes / 1000 : bytes / 1_000_000);
  return (
    <PublicLayout partnership={resource.data?.partnership}>
      {resource.isPending ? (
        <Loading />
      ) : resource.error ? (
        <PublicLoadError error={resource.error} />
      ) : (
        <article className="public-article">
          <BackToPublicPage partnership={resource.data.partnership} />
          <PageTitle title={resource.data.title}>{resource.data.title}</PageTitle>
          <Byline author={resource.data.author} publishedAt={resource.data.publishedAt} />
          {resource.data.summary !== '' && <p className="public-lead">{resource.data.summary}</p>}
          {resource.data.body !== null && <MarkdownText source={resource.data.body} />}
          {resource.data.url !== null && WEB_ADDRESS.test(resource.data.url) && (
            <p>
              <a className="button-primary" href={resource.data.url} rel="noopener noreferrer nofollow">
                {t('publicPages.openLink')}
              </a>{' '}
              <span className="muted">{resource.data.url}</span>
            </p>
          )}
          {resource.data.file !== null && (
            <p>
              <a className="button-primary" href={publicFilePath(resource.data.partnership.id, resource.data.id)} download={resource.data.file.name}>
                {t('publicPages.download', { name: resource.data.file.name })}
              </a>{' '}
              <span className="muted">{size(resource.data.file.sizeBytes)}</span>
            </p>
          )}
          {resource.data.tags.length > 0 && (
            <p className="public-tags">
              {t('publicPages.tags')} {resource.data.tags.join(', ')}
            </p>
          )}
          <LicenceLine licence={resource.data.licence} />
        </article>
      )}
    </PublicLayout>
  );
}
