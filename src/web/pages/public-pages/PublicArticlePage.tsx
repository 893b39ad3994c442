import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { publicArticleAnswer } from '../../../public-pages/contract';
import { Loading, PageTitle } from '../../components/ui';
import { PublicLayout } from './PublicLayout';
import { BackToPublicPage, Byline, LicenceLine, MarkdownText, PublicLoadError, usePublic } from './shared';

type ArticleView = Answer<typeof publicArticleAnswer>;

/** One experience article of the harvest, published with its author's consent. */
export default function PublicArticlePage() {
  const { t } = useTranslation();
  const { partnershipId = '', itemId = '' } = useParams();
  const article = usePublic<ArticleView>(`/${partnershipId}/experiences/${itemId}`);
  const title = article.data ? (article.data.title ?? t(`publicPages.untitled.${article.data.kind}`)) : '';
  return (
    <PublicLayout partnership={article.data?.partnership}>
      {article.isPending ? (
        <Loading />
      ) : article.error ? (
        <PublicLoadError error={article.error} />
      ) : (
        <article className="public-article">
          <BackToPublicPage partnership={article.data.partnership} />
          <p className="muted">{t(`publicPages.harvestKind.${article.data.kind}`)}</p>
          <PageTitle title={title}>{title}</PageTitle>
          <Byline author={article.data.author} publishedAt={article.data.publishedAt} />
          <MarkdownText source={article.data.text} />
          <LicenceLine licence={article.data.licence} />
        </article>
      )}
    </PublicLayout>
  );
}
