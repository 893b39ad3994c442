import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { toDoAnswer } from '../../../participation/contract';
import { api } from '../../api';
import { Loading, LoadError, useFormatDate } from '../../components/ui';
import { useFormatInstant } from '../meetings/format';

type ToDo = Answer<typeof toDoAnswer>;
type ToDoItem = ToDo['items'][number];

/** The id of the section on the partnership's home page, where the navigation's count leads. */
export const TO_DO_SECTION = 'a-faire';

/**
 * What the signed-in person has to do in the partnership. Every act refreshes it with the other
 * reads of the partnership (useAct); what others do (a round opened, minutes submitted) shows
 * when the person comes back to the window, since no live channel spans the whole partnership.
 */
export function useToDo(partnershipId: string) {
  return useQuery({
    queryKey: ['partnership', partnershipId, '/to-do'],
    queryFn: () => api.get<ToDo>(`/partnerships/${partnershipId}/to-do`),
    refetchOnWindowFocus: true,
  });
}

/** How a thing's deadline reads: the end of a round, the day a meeting is held, the day a term ends… */
function useDeadlineText() {
  const { t } = useTranslation();
  const formatInstant = useFormatInstant();
  const formatDate = useFormatDate();
  return (item: ToDoItem): string | null => {
    const { deadline } = item;
    if (deadline === null) return null;
    const date = deadline.kind === 'instant' ? formatInstant(deadline.at) : formatDate(deadline.on);
    return t(`toDo.due.${item.target.kind}`, { date });
  };
}

/** « À faire pour vous » on the partnership's home page: each thing a link to its form, soonest first. */
export function ToDoSection({ partnershipId }: { partnershipId: string }) {
  const { t } = useTranslation();
  const toDo = useToDo(partnershipId);
  const deadlineText = useDeadlineText();
  return (
    <section id={TO_DO_SECTION} aria-labelledby="to-do-title" className="to-do">
      <h2 id="to-do-title">{t('toDo.title')}</h2>
      {toDo.isPending ? (
        <Loading />
      ) : toDo.error ? (
        <LoadError error={toDo.error} />
      ) : toDo.data.items.length === 0 ? (
        <p className="notice notice-ok">{t('toDo.empty')}</p>
      ) : (
        <ul className="to-do-list">
          {toDo.data.items.map((item) => {
            const due = deadlineText(item);
            return (
              <li key={JSON.stringify(item.target)}>
                <Link to={item.path} className="to-do-item">
                  <span className="to-do-what">{t(`toDo.kind.${item.target.kind}`, { title: item.title })}</span>
                  {(item.bodyName !== null || due !== null) && (
                    <span className="to-do-when">{[item.bodyName, due].filter((part) => part !== null).join(' · ')}</span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The navigation's link to the list, with how many things wait: « À faire, 3 » to a screen reader. */
export function ToDoNavLink({ partnershipId }: { partnershipId: string }) {
  const { t } = useTranslation();
  const toDo = useToDo(partnershipId);
  const count = toDo.data?.count;
  return (
    <Link to={`/p/${partnershipId}#${TO_DO_SECTION}`} aria-label={count === undefined ? undefined : t('layout.toDoCount', { count })}>
      {t('layout.toDo')}
      {count !== undefined && count > 0 && (
        <span className="nav-count" aria-hidden="true">
          {count}
        </span>
      )}
    </Link>
  );
}
