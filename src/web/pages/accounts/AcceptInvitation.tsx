import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api';
import { Field, fieldError, FormError, Loading, LoadError, PageTitle } from '../../components/ui';
import { pageAfterSignIn } from '../../page-after-sign-in';
import { useSession } from '../../session';
import type { invitationAnswer } from '../../../accounts/contract';
import type { Answer } from '../../../common/contract';

type Invitation = Answer<typeof invitationAnswer>;

const PENDING_INVITATION = 'entente.invitation';

/**
 * The token travels in the URL fragment, which reaches no server log; it is posted, never put in
 * a URL. While the person signs in first, it waits in this tab's session storage.
 */
function takeToken(): string {
  const fromLink = location.hash.slice(1);
  if (fromLink) {
    sessionStorage.setItem(PENDING_INVITATION, fromLink);
    history.replaceState(history.state, '', location.pathname);
    return fromLink;
  }
  return sessionStorage.getItem(PENDING_INVITATION) ?? '';
}

export default function AcceptInvitation() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const session = useSession();
  // Read before takeToken clears the address bar.
  const [next] = useState(() => pageAfterSignIn(location.search));
  const [token] = useState(takeToken);
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.post<Invitation>('/auth/invitation/describe', { token }),
    enabled: token.length > 0,
  });
  const accept = useMutation({
    mutationFn: (password: string | undefined) => api.post('/auth/invitation/accept', { token, password }),
    onSuccess: async () => {
      sessionStorage.removeItem(PENDING_INVITATION);
      await client.invalidateQueries({ queryKey: ['session'] });
      navigate(next, { replace: true });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = new FormData(event.currentTarget).get('password');
    accept.mutate(typeof password === 'string' ? password : undefined);
  };
  const signedInAs = session.data?.email;
  const needsSignIn = invitation.data?.hasAccount && signedInAs !== invitation.data.email;
  return (
    <section className="narrow">
      <PageTitle title={t('invitation.title')}>{t('invitation.title')}</PageTitle>
      {!token && <p>{t('magicLink.missing')}</p>}
      {invitation.isLoading && <Loading />}
      {invitation.error && <LoadError error={invitation.error} />}
      {invitation.data && (
        <form onSubmit={onSubmit} noValidate className="card">
          <p>{t('invitation.intro', { name: invitation.data.fullName, partnership: invitation.data.partnership })}</p>
          <FormError error={accept.error} />
          {invitation.data.hasAccount ? (
            needsSignIn ? (
              <p>
                {t('invitation.existingAccount', { email: invitation.data.email })}{' '}
                <Link to={`/connexion?retour=${encodeURIComponent('/invitation')}`}>{t('invitation.signInFirst')}</Link>
              </p>
            ) : (
              <p>{t('invitation.linkToAccount', { email: invitation.data.email })}</p>
            )
          ) : (
            <Field label={t('invitation.password')} hint={t('invitation.passwordHint')} error={fieldError(accept.error, 'password')}>
              {(props) => <input {...props} name="password" type="password" autoComplete="new-password" minLength={12} required />}
            </Field>
          )}
          {!needsSignIn && (
            <button type="submit" className="button-primary" disabled={accept.isPending}>
              {t('invitation.accept')}
            </button>
          )}
        </form>
      )}
    </section>
  );
}
