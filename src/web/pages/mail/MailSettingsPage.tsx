import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { mailPreferenceAnswer } from '../../../mail/contract';
import type { MailPreference } from '../../../mail/rules';
import type { Answer } from '../../../common/contract';
import { api } from '../../api';
import { LoadError, Loading, PageTitle } from '../../components/ui';
import { MailPreferenceForm } from './MailPreferenceForm';

type MailPreferenceAnswer = Answer<typeof mailPreferenceAnswer>;

/**
 * Opened from the link at the foot of every mail, without signing in: the secret rides in the
 * fragment, which no server logs, and is read once, then taken out of the address bar.
 */
export default function MailSettingsPage() {
  const { t } = useTranslation();
  const [token] = useState(() => window.location.hash.slice(1));
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);
  const current = useQuery({ queryKey: ['mail-settings', token], queryFn: () => api.post<MailPreferenceAnswer>('/mail-settings/describe', { token }), enabled: token !== '' });
  const choose = useMutation({ mutationFn: (preference: MailPreference) => api.post<MailPreferenceAnswer>('/mail-settings/preference', { token, preference }) });
  const shown = choose.data ?? current.data;
  return (
    <section className="narrow">
      <PageTitle title={t('mailPreference.title')}>{t('mailPreference.title')}</PageTitle>
      {token === '' ? (
        <p>{t('mailPreference.missing')}</p>
      ) : current.isPending ? (
        <Loading />
      ) : current.error ? (
        <LoadError error={current.error} />
      ) : (
        shown && (
          <div className="card">
            <p>{t('mailPreference.intro', { name: shown.fullName, partnership: shown.partnership })}</p>
            <MailPreferenceForm preference={shown.preference} onChoose={(preference) => choose.mutate(preference)} error={choose.error} saving={choose.isPending} />
          </div>
        )
      )}
    </section>
  );
}
