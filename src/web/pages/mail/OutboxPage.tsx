import { useTranslation } from 'react-i18next';
import { Loading, LoadError, PageTitle } from '../../components/ui';
import { usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { outboxAnswer } from '../../../mail/contract';

type OutboxView = Answer<typeof outboxAnswer>;

export default function OutboxPage() {
  const { t, i18n } = useTranslation();
  const outbox = usePartnershipQuery<OutboxView>('/outbox');
  const formatTime = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  });
  if (outbox.isPending) return <Loading />;
  if (outbox.error) return <LoadError error={outbox.error} />;
  return (
    <>
      <PageTitle title={t('outbox.title')}>{t('outbox.title')}</PageTitle>
      <p className="hint">{outbox.data.deliversByEmail ? t('outbox.byEmail') : t('outbox.intro')}</p>
      {outbox.data.messages.length === 0 ? (
        <p className="muted">{t('outbox.empty')}</p>
      ) : (
        <ul className="card-list">
          {outbox.data.messages.map((message) => (
            <li key={message.id} className="card">
              <h2 className="h3">{message.subject}</h2>
              <p className="muted small">
                {t('outbox.to', { recipient: message.recipient })} · {formatTime.format(new Date(message.createdAt))}
              </p>
              <pre className="message-body">{message.body}</pre>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
