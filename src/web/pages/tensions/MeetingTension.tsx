import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ItemSelect } from '../../components/ItemSelect';
import { Field, fieldError, FormError, todayIso } from '../../components/ui';
import { orNull, useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { meetingTensionsAnswer } from '../../../tensions/contract';
import { DECISION_LEVELS } from '../../../charters/rules/enums';
import { TensionFacts, type Tension } from './TensionSummary';

type MeetingTensions = Answer<typeof meetingTensionsAnswer>;

/** The tensions a meeting's agenda holds, by agenda item, for the meeting page to show on each. */
export function useMeetingTensions(meetingId: string) {
  const query = usePartnershipQuery<MeetingTensions>(`/meetings/${meetingId}/tensions`);
  return query.data;
}

type Outcome = 'proposal' | 'task' | 'close';

function ProposalForm({ tension }: { tension: Tension }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const [created, setCreated] = useState<string | null>(null);
  const propose = useAct<Record<string, unknown>>('post', () => `/tensions/${tension.id}/proposal`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    propose.mutate({ wording: String(data.get('wording') ?? ''), level: String(data.get('level') ?? ''), topic: String(data.get('topic') ?? '') }, { onSuccess: ({ id }) => setCreated(id) });
  };
  if (created) return <Link to={`/p/${partnershipId}/propositions/${created}`}>{t('tension.proposalLink')}</Link>;
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError error={propose.error} />
      <Field label={t('tension.meeting.wording')} hint={t('tension.meeting.wordingHint')} error={fieldError(propose.error, 'wording')}>
        {(props) => <textarea {...props} name="wording" rows={2} />}
      </Field>
      <Field label={t('tension.meeting.level')} error={fieldError(propose.error, 'level')}>
        {(props) => <ItemSelect {...props} name="level" items={DECISION_LEVELS.map((level) => ({ id: level, label: t(`charter.level.${level}`) }))} defaultValue="operational" />}
      </Field>
      <Field label={t('tension.meeting.topic')} error={fieldError(propose.error, 'topic')}>
        {(props) => <input {...props} name="topic" />}
      </Field>
      <button type="submit" className="button-primary" disabled={propose.isPending}>
        {t('tension.meeting.propose')}
      </button>
    </form>
  );
}

function TaskForm({ tension, members }: { tension: Tension; members: MeetingTensions['members'] }) {
  const { t } = useTranslation();
  const task = useAct<Record<string, unknown>, null>('post', () => `/tensions/${tension.id}/task`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    task.mutate({ title: String(data.get('title') ?? ''), ownerId: orNull(data.get('ownerId')) ?? '', dueOn: String(data.get('dueOn') ?? '') });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError error={task.error} />
      <Field label={t('tension.meeting.taskTitle')} error={fieldError(task.error, 'title')}>
        {(props) => <input {...props} name="title" />}
      </Field>
      <Field label={t('tension.meeting.owner')} error={fieldError(task.error, 'ownerId')}>
        {(props) => <ItemSelect {...props} name="ownerId" items={members.map((m) => ({ id: m.id, label: m.fullName }))} />}
      </Field>
      <Field label={t('tension.meeting.dueOn')} error={fieldError(task.error, 'dueOn')}>
        {(props) => <input {...props} name="dueOn" type="date" min={todayIso()} />}
      </Field>
      <button type="submit" className="button-primary" disabled={task.isPending}>
        {t('tension.meeting.assign')}
      </button>
    </form>
  );
}

function CloseForm({ tension }: { tension: Tension }) {
  const { t } = useTranslation();
  const close = useAct<{ word: string }, null>('post', () => `/tensions/${tension.id}/close`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    close.mutate({ word: String(new FormData(event.currentTarget).get('word') ?? '') });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError error={close.error} />
      <Field label={t('tension.meeting.word')} error={fieldError(close.error, 'word')}>
        {(props) => <textarea {...props} name="word" rows={2} />}
      </Field>
      <button type="submit" className="button-primary" disabled={close.isPending}>
        {t('tension.meeting.close')}
      </button>
    </form>
  );
}

/**
 * A tension on the meeting's agenda: its words and, for whoever runs the meeting while it is
 * open, its three outcomes (a proposal, a task, closing it with a word).
 */
export function TensionOnAgenda({ tension, tensions }: { tension: Tension; tensions: MeetingTensions }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const name = `outcome-${tension.id}`;
  return (
    <div>
      <TensionFacts tension={tension} onItsAgenda />
      {tensions.can.settle && tension.status === 'open' && (
        <>
          <fieldset>
            <legend>{t('tension.meeting.choose')}</legend>
            {(
              [
                ['proposal', 'asProposal'],
                ['task', 'asTask'],
                ['close', 'asClosed'],
              ] as const
            ).map(([value, label]) => (
              <div className="choice" key={value}>
                <input type="radio" id={`${name}-${value}`} name={name} value={value} checked={outcome === value} onChange={() => setOutcome(value)} />
                <label htmlFor={`${name}-${value}`}>{t(`tension.meeting.${label}`)}</label>
              </div>
            ))}
          </fieldset>
          {outcome === 'proposal' && <ProposalForm tension={tension} />}
          {outcome === 'task' && <TaskForm tension={tension} members={tensions.members} />}
          {outcome === 'close' && <CloseForm tension={tension} />}
        </>
      )}
    </div>
  );
}
