import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, fieldError, FormError } from '../../components/ui';
import { useAct, useUnsavedChanges } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { phaseAnswer, proposalDetailAnswer } from '../../../decisions/contract';

type ProposalDetail = Answer<typeof proposalDetailAnswer>;

/**
 * After objections, the facilitator rewrites the proposal and opens the next round with one
 * button: the server does both in one act, so the round never opens on the words of before.
 */
export function AmendAndReopen({ proposal }: { proposal: ProposalDetail }) {
  const { t } = useTranslation();
  const unsaved = useUnsavedChanges();
  const reopen = useAct<{ wording: string; context: string; deadline?: string }, Answer<typeof phaseAnswer>>('post', () => `/proposals/${proposal.id}/amend-and-reopen`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const local = String(data.get('deadline') ?? '');
    reopen.mutate(
      // The browser gives local wall-clock time; the server wants an instant.
      { wording: String(data.get('wording') ?? ''), context: String(data.get('context') ?? ''), ...(local !== '' && { deadline: new Date(local).toISOString() }) },
      { onSuccess: unsaved.saved },
    );
  };
  return (
    <form onSubmit={onSubmit} onChange={unsaved.changed} noValidate>
      <FormError error={reopen.error} shown={['wording', 'context', 'deadline']} />
      <Field label={t('decision.facilitate.amendWording')} hint={t('decision.facilitate.amendHint')} error={fieldError(reopen.error, 'wording')}>
        {(props) => <textarea {...props} name="wording" rows={3} defaultValue={proposal.wording} />}
      </Field>
      <Field label={t('decision.new.context')} error={fieldError(reopen.error, 'context')}>
        {(props) => <textarea {...props} name="context" rows={3} defaultValue={proposal.context} />}
      </Field>
      <Field label={t('decision.facilitate.deadline')} hint={t('decision.facilitate.deadlineHint')} error={fieldError(reopen.error, 'deadline')}>
        {(props) => <input {...props} name="deadline" type="datetime-local" />}
      </Field>
      <button type="submit" className="button-primary" disabled={reopen.isPending}>
        {t('decision.facilitate.amendAndReopen')}
      </button>
    </form>
  );
}
