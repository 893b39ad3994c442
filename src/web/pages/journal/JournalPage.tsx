import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Loading, LoadError, PageTitle } from '../../components/ui';
import { useOverview, usePartnershipId, usePersonNames } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { journalAnswer } from '../../../journal/contract';
import { formatDate, PARTNERSHIP_TIME_ZONE } from '../../../common/dates';

type JournalEntry = Answer<typeof journalAnswer>[number];

const PAGE = 50;
const PERSON_KEYS = ['personId', 'fromPersonId', 'toPersonId'] as const;
const REFERENCE_KEYS = [...PERSON_KEYS, 'organizationId', 'bodyId', 'roleId'] as const;

/**
 * The journal stores ids only; names come from the current structure when they still exist: the
 * people its loaded entries name, and the organizations, bodies and roles of the overview.
 */
function useNames(entries: readonly JournalEntry[]) {
  const overview = useOverview();
  const personIds = entries.flatMap((entry) => [entry.actorId, ...PERSON_KEYS.map((key) => entry.payload[key])].filter((id): id is string => typeof id === 'string'));
  const people = usePersonNames(personIds);
  const names = new Map(people.names);
  for (const o of overview.data?.organizations ?? []) names.set(o.id, o.name);
  for (const b of overview.data?.bodies ?? []) names.set(b.id, b.name);
  for (const r of overview.data?.roles ?? []) names.set(r.id, r.name);
  return { names, firstNamesPending: people.isPending && people.names.size === 0, namesFetching: people.isFetching };
}

export default function JournalPage() {
  const { t, i18n } = useTranslation();
  const partnershipId = usePartnershipId();
  const overview = useOverview();
  const journal = useInfiniteQuery({
    queryKey: ['partnership', partnershipId, 'journal'],
    queryFn: ({ pageParam }) =>
      api.get<JournalEntry[]>(`/partnerships/${partnershipId}/journal?limit=${PAGE}${pageParam ? `&before=${pageParam}` : ''}`),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1]!.seq : undefined),
  });
  const formatTime = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: PARTNERSHIP_TIME_ZONE,
  });
  const entries = journal.data?.pages.flat() ?? [];
  /** The newest entry is the chain's head: the position and hash documents carry. */
  const head = entries[0];
  const { names, firstNamesPending, namesFetching } = useNames(entries);
  // The first page waits for its names; later ones, and refreshed ones, show at once.
  if (journal.isPending || firstNamesPending) return <Loading />;
  if (journal.error) return <LoadError error={journal.error} />;
  return (
    <>
      <PageTitle title={t('journal.title')}>{t('journal.title')}</PageTitle>
      <p className="hint">{t('journal.intro')}</p>
      {head && (
        <section aria-labelledby="head-title" className="card journal-head">
          <h2 id="head-title">{t('journal.head.title')}</h2>
          <p>
            {t('journal.head.position', { seq: head.seq })} <code>{head.hash}</code>
          </p>
          <p className="hint">{t('journal.head.hint')}</p>
        </section>
      )}
      {overview.data?.can.manageStructure && (
        <section aria-labelledby="backup-title" className="card">
          <h2 id="backup-title">{t('journal.backup.title')}</h2>
          <p className="hint">{t('journal.backup.hint')}</p>
          <a className="button-secondary" href={`/api/v1/partnerships/${partnershipId}/backup`} download>
            {t('journal.backup.download')}
          </a>
        </section>
      )}
      <ol className="journal" reversed>
        {entries.map((entry) => {
          const references = REFERENCE_KEYS.map((key) => entry.payload[key])
            .filter((value): value is string => typeof value === 'string')
            .map((id) => names.get(id))
            .filter(Boolean);
          return (
            <li key={entry.seq}>
              <p>
                <strong>{t(`journalKind.${entry.kind}`, { defaultValue: t('journal.otherAct') })}</strong>
                {references.length > 0 && t('journal.references', { references: references.join(', ') })}
              </p>
              <p className="muted small">
                {t('journal.entryNumber', { seq: entry.seq })} · {formatDate(formatTime, new Date(entry.recordedAt))} · {t('journal.actor')}{' '}
                {entry.actorId ? (names.get(entry.actorId) ?? (namesFetching ? '…' : t('journal.formerMember'))) : t('journal.system')} ·{' '}
                {t('journal.checkCode')}{' '}
                <span className="hash" title={entry.hash}>
                  {entry.hash.slice(0, 12)}…
                </span>
              </p>
            </li>
          );
        })}
      </ol>
      {journal.hasNextPage && (
        <button type="button" className="button-secondary" disabled={journal.isFetchingNextPage} onClick={() => void journal.fetchNextPage()}>
          {t('journal.more')}
        </button>
      )}
    </>
  );
}
