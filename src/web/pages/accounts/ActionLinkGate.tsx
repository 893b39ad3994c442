import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { FormError, Loading, PageTitle } from '../../components/ui';

const TOKEN = /^[A-Za-z0-9_-]{20,200}$/;

/** The secret of a mail's button (`#lien=…&ancre=…`), and the form it points to on the page. */
export function actionLinkToken(): { readonly token: string; readonly anchor: string | null } | undefined {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const token = fragment.get('lien');
  return token !== null && TOKEN.test(token) ? { token, anchor: fragment.get('ancre') } : undefined;
}

/**
 * A mail's button opens its form with a secret in the address's fragment, which no server logs.
 * The secret is spent as the page opens (one tap from the mail), then taken out of the address
 * bar, so it stays in neither the history nor a shared screenshot. A link that no longer works
 * says why and offers to sign in, coming back to the same page.
 */
export function ActionLinkGate({
  link,
  frame: Frame,
  children,
}: {
  link: { readonly token: string; readonly anchor: string | null };
  frame: (props: { children: ReactNode }) => ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [state, setState] = useState<{ kind: 'pending' } | { kind: 'done' } | { kind: 'failed'; error: unknown }>({ kind: 'pending' });
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const path = window.location.pathname;
    navigate({ pathname: path, search: window.location.search, hash: link.anchor ? `#${link.anchor}` : '' }, { replace: true });
    api
      .post('/auth/action-link', { token: link.token, path })
      .then(async () => {
        // Reset, not invalidated: the page asked who is signed in before the link was spent, and
        // a first question still on its way would be kept, answering « nobody » once it arrives.
        await client.resetQueries();
        setState({ kind: 'done' });
      })
      .catch((error: unknown) => setState({ kind: 'failed', error }));
  }, [client, link, navigate]);
  if (state.kind === 'done') return <>{children}</>;
  if (state.kind === 'pending') {
    return (
      <Frame>
        <Loading />
      </Frame>
    );
  }
  return (
    <Frame>
      <section className="narrow">
        <PageTitle title={t('actionLink.title')}>{t('actionLink.title')}</PageTitle>
        <FormError error={state.error} />
        <p>
          <Link className="button-primary" to={`/connexion?retour=${encodeURIComponent(window.location.pathname)}`}>
            {t('actionLink.signIn')}
          </Link>
        </p>
      </section>
    </Frame>
  );
}
