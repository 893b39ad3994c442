import { useTranslation } from 'react-i18next';
import type { Answer } from '../../../common/contract';
import type { expectedAnswer } from '../../../projects/contract';
import { useFormatDate } from '../../components/ui';

export type ExpectedItem = Answer<typeof expectedAnswer>;

/**
 * Whom a step waits on, in plain words: the carriers, a body's decision, a house's referent,
 * the people still to approve a nomination… named as the server names them.
 */
export function useAwaitedName() {
  const { t } = useTranslation();
  return ({ from }: ExpectedItem): string => {
    const body = from.body?.name ?? t('project.expected.someBody');
    switch (from.kind) {
      case 'carriers':
        return t('project.expected.from.carriers');
      case 'decision':
        return t('project.expected.from.decision', { body });
      case 'organization':
        return t('project.expected.from.organization', { organization: from.organization?.name ?? '' });
      case 'confirmers':
        return from.people.length > 0 ? from.people.map((person) => person.fullName).join(', ') : t('project.expected.from.nobodyToConfirm');
      case 'validating_body':
      case 'lead_namer':
      case 'working_group':
        return body;
    }
  };
}

/** « Attend Centre social du Moulin depuis le 3 mars 2026 », one line of the portfolio. */
export function useWaitingLine() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const awaited = useAwaitedName();
  return (item: ExpectedItem) => t('project.expected.waitsFor', { what: t(`project.expected.step.${item.step}`), who: awaited(item), date: formatDate(item.since) });
}
