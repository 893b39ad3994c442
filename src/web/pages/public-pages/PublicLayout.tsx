import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { publicFeedPath, publicWebPath } from '../../../public-pages/rules';
import { Loading } from '../../components/ui';
import i18n, { type Locale } from '../../i18n';

/**
 * The frame of the public pages: the partnership's name and the language, no navigation of the
 * app (a visitor has no session, and every page of it would ask them to sign in), a plain column
 * of text, and the feed's address in the page's head for feed readers.
 */
export function PublicLayout({ partnership, children }: { partnership: { id: string; name: string } | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  const other: Locale = i18n.language === 'fr' ? 'en' : 'fr';
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="site-header public-header">
        <div className="header-row">
          {partnership ? (
            <Link to={publicWebPath.page(partnership.id)} className="brand">
              {partnership.name}
            </Link>
          ) : (
            <span className="brand">Entente</span>
          )}
          <div className="header-tools">
            {/* Only the interface changes: a visitor has no account to remember the choice on. */}
            <button type="button" className="link-button" lang={other} onClick={() => void i18n.changeLanguage(other)}>
              {t('layout.switchLanguage')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="public-main">
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
      <footer className="public-footer">
        {partnership && (
          <>
            <link rel="alternate" type="application/atom+xml" title={t('publicPages.feedTitle', { name: partnership.name })} href={publicFeedPath(partnership.id)} />
            <p>
              <a href={publicFeedPath(partnership.id)}>{t('publicPages.feed')}</a>
            </p>
          </>
        )}
        <p className="muted">{t('publicPages.madeWith')}</p>
      </footer>
    </>
  );
}
