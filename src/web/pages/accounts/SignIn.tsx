import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import { Field, fieldError, FormError, PageTitle } from '../../components/ui';
import { DemoDoor } from './DemoDoor';

/**
 * Only paths of this site are followed after sign-in: one '/' followed by neither '/' nor '\', which
 * browsers read as the start of another site's address ('//evil.example', '/\evil.example'). Tabs,
 * line breaks and other control characters are refused too, because browsers drop them from
 * addresses: '/<tab>/evil.example' would become '//evil.example'.
 */
const safeReturn = (value: string | null): string =>
  value && /^\/(?![/\\])/.test(value) && ![...value].some((c) => c < ' ' || c === '\u007f') ? value : '/';

export default function SignIn() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [linkSentTo, setLinkSentTo] = useState<string | null>(null);

  const signIn = useMutation({
    mutationFn: (input: { email: string; password: string }) => api.post('/auth/sign-in', input),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['session'] });
      navigate(safeReturn(params.get('retour')));
    },
  });
  const magicLink = useMutation({
    mutationFn: (input: { email: string }) => {
      const next = safeReturn(params.get('retour'));
      return api.post('/auth/magic-link', next === '/' ? input : { ...input, vers: next });
    },
    onSuccess: (_data, input) => setLinkSentTo(input.email),
  });

  const onSignIn = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signIn.mutate({ email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') });
  };
  const onMagicLink = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    magicLink.mutate({ email: String(new FormData(event.currentTarget).get('email') ?? '') });
  };

  return (
    <section className="narrow">
      <PageTitle title={t('signIn.title')}>{t('signIn.title')}</PageTitle>
      <p>{t('signIn.intro')}</p>
      <DemoDoor onEntered={() => navigate(safeReturn(params.get('retour')))} />
      <form onSubmit={onSignIn} noValidate className="card">
        <h2>{t('signIn.withPassword')}</h2>
        <FormError error={signIn.error} />
        <Field label={t('signIn.email')} error={fieldError(signIn.error, 'email')}>
          {(props) => <input {...props} name="email" type="email" autoComplete="username" required />}
        </Field>
        <Field label={t('signIn.password')} error={fieldError(signIn.error, 'password')}>
          {(props) => <input {...props} name="password" type="password" autoComplete="current-password" required />}
        </Field>
        <button type="submit" className="button-primary" disabled={signIn.isPending}>
          {t('signIn.submit')}
        </button>
      </form>
      <form onSubmit={onMagicLink} noValidate className="card">
        <h2>{t('signIn.withLink')}</h2>
        <p className="hint">{t('signIn.linkHint')}</p>
        <FormError error={magicLink.error} />
        {linkSentTo ? (
          <p role="status" className="notice notice-ok">
            {t('signIn.linkSent', { email: linkSentTo })}
          </p>
        ) : (
          <>
            <Field label={t('signIn.email')} error={fieldError(magicLink.error, 'email')}>
              {(props) => <input {...props} name="email" type="email" autoComplete="email" required />}
            </Field>
            <button type="submit" className="button-secondary" disabled={magicLink.isPending}>
              {t('signIn.sendLink')}
            </button>
          </>
        )}
      </form>
    </section>
  );
}
