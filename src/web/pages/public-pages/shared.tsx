import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Answer } from '../../../common/contract';
import { renderMarkdown } from '../../../charters/rules/markdown';
import type { publicPageAnswer } from '../../../public-pages/contract';
import { licenceDeedUrl, publicWebPath, type OpenLicence } from '../../../public-pages/rules';
import { api, ApiError } from '../../api';
import { LoadError, PageTitle } from '../../components/ui';
import { PARTNERSHIP_TIME_ZONE } from '../../../common/dates';

export type PublicPageView = Answer<typeof publicPageAnswer>;

/** A public answer, asked without a session; an unpublished or unknown thing is a 404 like any other. */
export function usePublic<T>(path: string) {
  return useQuery({ queryKey: ['public', path], queryFn: () => api.get<T>(`/public${path}`) });
}

/** The licence named in the reader's language and linked to its deed. */
export function LicenceLine({ licence }: { licence: OpenLicence }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="public-licence">
      {t('publicPages.licence')}{' '}
      <a href={licenceDeedUrl(licence, i18n.language === 'en' ? 'en' : 'fr')} rel="license noopener" target="_blank">
        {t(`charter.licence.${licence}`)}
      </a>
    </p>
  );
}

/** Who wrote it and when it was published; an erased or unnamed author is not mentioned. */
export function Byline({ author, publishedAt }: { author: string | null; publishedAt: string }) {
  const { t, i18n } = useTranslation();
  const day = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeZone: PARTNERSHIP_TIME_ZONE }).format(new Date(publishedAt));
  return <p className="muted public-byline">{author === null ? t('publicPages.publishedOn', { day }) : t('publicPages.byOn', { author, day })}</p>;
}

/** What a visitor reads for an address that shows nothing: the same for unpublished and unknown. */
export function PublicLoadError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 404) {
    return (
      <section>
        <PageTitle title={t('publicPages.notFoundTitle')}>{t('publicPages.notFoundTitle')}</PageTitle>
        <p>{t('publicPages.notFound')}</p>
      </section>
    );
  }
  return <LoadError error={error} />;
}

export function BackToPublicPage({ partnership }: { partnership: { id: string; name: string } }) {
  const { t } = useTranslation();
  return (
    <p className="public-back">
      <Link to={publicWebPath.page(partnership.id)}>{t('publicPages.back', { name: partnership.name })}</Link>
    </p>
  );
}

/** Markdown written by members, rendered by the charters' closed renderer (no HTML, only web and mail links). */
export function MarkdownText({ source }: { source: string }) {
  return <div className="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
}
