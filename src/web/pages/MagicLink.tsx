import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../api';
import { FormError, PageTitle } from '../components/ui';

/** The token travels in the URL fragment, which browsers never send to servers or log. */
export default function MagicLink() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const consume = useMutation({
    mutationFn: (token: string) => api.post('/auth/magic-link/consume', { token }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['session'] });
      navigate('/', { replace: true });
    },
  });
  const token = location.hash.slice(1);
  const { mutate } = consume;
  useEffect(() => {
    if (token) mutate(token);
  }, [token, mutate]);
  return (
    <section className="narrow">
      <PageTitle title={t('magicLink.title')}>{t('magicLink.title')}</PageTitle>
      {!token && <p>{t('magicLink.missing')}</p>}
      {consume.isPending && <p role="status">{t('magicLink.signingIn')}</p>}
      <FormError error={consume.error} />
      {(consume.isError || !token) && (
        <p>
          <Link to="/connexion">{t('magicLink.askAgain')}</Link>
        </p>
      )}
    </section>
  );
}
