import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api';
import { Field, fieldError, FormError, Loading, LoadError, PageTitle } from '../components/ui';

interface Invitation {
  fullName: string;
  email: string;
  partnership: string;
  hasAccount: boolean;
}

export default function AcceptInvitation() {
  const { t } = useTranslation();
  const { token } = useParams();
  const client = useQueryClient();
  const navigate = useNavigate();
  const invitation = useQuery({ queryKey: ['invitation', token], queryFn: () => api.get<Invitation>(`/auth/invitation/${token}`) });
  const accept = useMutation({
    mutationFn: (password: string | undefined) => api.post('/auth/invitation/accept', { token, password }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['session'] });
      navigate('/', { replace: true });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = new FormData(event.currentTarget).get('password');
    accept.mutate(typeof password === 'string' ? password : undefined);
  };
  return (
    <section className="narrow">
      <PageTitle title={t('invitation.title')}>{t('invitation.title')}</PageTitle>
      {invitation.isPending && <Loading />}
      {invitation.error && <LoadError error={invitation.error} />}
      {invitation.data && (
        <form onSubmit={onSubmit} noValidate className="card">
          <p>{t('invitation.intro', { name: invitation.data.fullName, partnership: invitation.data.partnership })}</p>
          <FormError error={accept.error} />
          {invitation.data.hasAccount ? (
            <p>{t('invitation.existingAccount', { email: invitation.data.email })}</p>
          ) : (
            <Field label={t('invitation.password')} hint={t('invitation.passwordHint')} error={fieldError(accept.error, 'password')}>
              {(props) => <input {...props} name="password" type="password" autoComplete="new-password" minLength={12} required />}
            </Field>
          )}
          <button type="submit" className="button-primary" disabled={accept.isPending}>
            {t('invitation.accept')}
          </button>
        </form>
      )}
    </section>
  );
}
