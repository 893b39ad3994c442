import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Loading, LoadError, PageTitle } from '../../components/ui';
import { usePartnershipId } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { outboxAnswer } from '../../../mail/contract';
import { formatDate, PARTNERSHIP_TIME_ZONE } from '../../../common/dates';

type OutboxView = Answer<typeof outboxAnswer>;

export default function OutboxPage() {
  const { t, i18n } = useTranslation();
  const partnershipId = usePartnershipId();
  const outbox = useInfiniteQuery({
    queryKey: ['partnership', partnershipId, 'outbox'],
    queryFn: ({ pageParam }) => api.get<OutboxView>(`/partnerships/${partnershipId}/outbox${pageParam ? `?before=${pageParam}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const locale = i18n.language === 'en' ? 'en-GB' : 'fr-FR';
  const formatTime = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: PARTNERSHIP_TIME_ZONE });
  const formatList = new Intl.ListFormat(locale, { type: 'conjunction' });
  if (outbox.isPending) return <Loading />;
  if (outbox.error) return <LoadError error={outbox.error} />;
  const deliversByEmail = outbox.data.pages[0]!.deliversByEmail;
  const messages = outbox.data.pages.flatMap((page) => page.messages);
  return (
    <>
      <PageTitle title={t('outbox.title')}>{t('outbox.title')}</PageTitle>
      <p className="hint">{deliversByEmail ? t('outbox.byEmail') : t('outbox.intro')}</p>
      {messages.length === 0 ? (
        <p className="muted">{t('outbox.empty')}</p>
      ) : (
        <ul className="card-list">
          {messages.map((message) => (
            <li key={message.id} className="card">
              <h2 className="h3">{message.subject}</h2>
              <p className="muted small">{formatDate(formatTime, new Date(message.createdAt))}</p>
              <p className="small">{t('outbox.to', { count: message.recipients.length, recipients: formatList.format(message.recipients) })}</p>
              <pre className="message-body">{message.body}</pre>
            </li>
          ))}
        </ul>
      )}
      {outbox.hasNextPage && (
        <button type="button" className="button-secondary" disabled={outbox.isFetchingNextPage} onClick={() => void outbox.fetchNextPage()}>
          {t('outbox.more')}
        </button>
      )}
    </>
  );
}
