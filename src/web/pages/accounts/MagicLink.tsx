import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { FormError, PageTitle } from '../../components/ui';
import { pageAfterSignIn } from '../../page-after-sign-in';

/**
 * The token travels in the URL fragment, which browsers never send to servers or log. It is used
 * only when the person presses the button: link checkers in mailboxes that open pages and run their
 * scripts would otherwise spend it before the person could. The fragment is taken out of the address
 * bar as soon as it is read, so it stays in neither the history nor a shared screenshot.
 */
export default function MagicLink() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [token] = useState(() => window.location.hash.slice(1));
  const [next] = useState(() => pageAfterSignIn(window.location.search));
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }, []);
  const consume = useMutation({
    mutationFn: () => api.post('/auth/magic-link/consume', { token }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['session'] });
      navigate(next, { replace: true });
    },
  });
  return (
    <section className="narrow">
      <PageTitle title={t('magicLink.title')}>{t('magicLink.title')}</PageTitle>
      {token ? (
        <div className="card">
          <p>{t('magicLink.intro')}</p>
          <FormError error={consume.error} />
          <div role="status">{consume.isPending || consume.isSuccess ? <p>{t('magicLink.signingIn')}</p> : null}</div>
          <button type="button" className="button-primary" disabled={consume.isPending || consume.isSuccess} onClick={() => consume.mutate()}>
            {t('magicLink.submit')}
          </button>
        </div>
      ) : (
        <p>{t('magicLink.missing')}</p>
      )}
      {(consume.isError || !token) && (
        <p>
          <Link to="/connexion">{t('magicLink.askAgain')}</Link>
        </p>
      )}
    </section>
  );
}
