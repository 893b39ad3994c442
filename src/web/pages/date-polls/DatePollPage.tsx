import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Field, fieldError, FormError, Loading, LoadError, PageTitle } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { datePollDetailAnswer, pollClosedAnswer } from '../../../date-polls/contract';
import type { PollAnswer } from '../../../date-polls/rules';
import { useFormatInstant } from '../meetings/format';
import { TO_DO_ANCHORS } from '../../../participation/rules';

type DatePollDetail = Answer<typeof datePollDetailAnswer>;

const ANSWERS: readonly PollAnswer[] = ['yes', 'if_need_be', 'no'];

function AnswerForm({ poll }: { poll: DatePollDetail }) {
  const { t } = useTranslation();
  const formatInstant = useFormatInstant();
  const answer = useAct<{ answers: { slotId: string; answer: PollAnswer }[] }, null>('put', () => `/date-polls/${poll.id}/answers`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const answers = poll.slots.flatMap((slot) => {
      const value = data.get(`slot-${slot.id}`);
      return value ? [{ slotId: slot.id, answer: String(value) as PollAnswer }] : [];
    });
    answer.mutate({ answers });
  };
  return (
    <form id={TO_DO_ANCHORS.date_poll} onSubmit={onSubmit} noValidate className="card">
      <h2>{t('poll.answer.title')}</h2>
      <FormError error={answer.error} shown={[]} />
      {poll.slots.map((slot) => (
        <fieldset key={slot.id}>
          <legend>{formatInstant(slot.startsAt)}</legend>
          {ANSWERS.map((value) => (
            <div className="choice" key={value}>
              <input type="radio" id={`slot-${slot.id}-${value}`} name={`slot-${slot.id}`} value={value} defaultChecked={poll.ownAnswers[slot.id] === value} />
              <label htmlFor={`slot-${slot.id}-${value}`}>{t(`poll.answerLabel.${value}`)}</label>
            </div>
          ))}
        </fieldset>
      ))}
      <button type="submit" className="button-primary" disabled={answer.isPending}>
        {t('poll.answer.submit')}
      </button>
      {answer.isSuccess && <p role="status">{t('poll.answer.recorded')}</p>}
    </form>
  );
}

function CloseForm({ poll }: { poll: DatePollDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const partnershipId = usePartnershipId();
  const formatInstant = useFormatInstant();
  const close = useAct<{ slotId: string; place: string }, Answer<typeof pollClosedAnswer>>('post', () => `/date-polls/${poll.id}/close`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    // The poll's reload, which closing starts, takes this form away before mutate's own callbacks
    // would run (they die with the form); the promise outlives it.
    close.mutateAsync({ slotId: String(data.get('slotId') ?? ''), place: String(data.get('place') ?? '') }).then(
      ({ meetingId }) => navigate(`/p/${partnershipId}/reunions/${meetingId}`),
      () => undefined,
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card">
      <h2>{t('poll.close.title')}</h2>
      <p className="hint">{t('poll.close.hint')}</p>
      <FormError error={close.error} shown={['slotId', 'place']} />
      <Field label={t('poll.close.slot')} error={fieldError(close.error, 'slotId')}>
        {(props) => (
          // Keyed by the best slot, so that new answers move the suggestion.
          <select {...props} key={poll.bestSlotId ?? 'none'} name="slotId" defaultValue={poll.bestSlotId ?? poll.slots[0]?.id}>
            {poll.slots.map((slot) => (
              <option key={slot.id} value={slot.id}>
                {formatInstant(slot.startsAt)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('meeting.call.place')} error={fieldError(close.error, 'place')}>
        {(props) => <input {...props} name="place" />}
      </Field>
      <button type="submit" className="button-primary" disabled={close.isPending}>
        {t('poll.close.submit')}
      </button>
    </form>
  );
}

export default function DatePollPage() {
  const { t } = useTranslation();
  const { pollId } = useParams();
  const partnershipId = usePartnershipId();
  const formatInstant = useFormatInstant();
  const [showAnswers, setShowAnswers] = useState(false);
  const query = usePartnershipQuery<DatePollDetail>(`/date-polls/${pollId}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const poll = query.data;
  const title = t('poll.page.title', { title: poll.title });
  const namesFor = (slotId: string, value: PollAnswer) => poll.members.filter((m) => m.answers[slotId] === value).map((m) => m.fullName);
  return (
    <article>
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/instances/${poll.body.id}`}>{poll.body.name}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="muted">{t('poll.page.by', { name: poll.createdBy.fullName, minutes: poll.durationMinutes })}</p>
      {poll.meetingId && (
        <p className="notice notice-ok" role="status">
          <Link to={`/p/${partnershipId}/reunions/${poll.meetingId}`}>{t('poll.page.closed')}</Link>
        </p>
      )}
      <ul className="card-list">
        {poll.slots.map((slot) => (
          <li key={slot.id} className="card">
            <p>
              <strong>{formatInstant(slot.startsAt)}</strong>
              {slot.id === poll.bestSlotId && !poll.meetingId && <span className="badge badge-ok">{t('poll.page.best')}</span>}
            </p>
            <p>{t('poll.page.counts', { yes: slot.yes, ifNeedBe: slot.ifNeedBe, no: slot.no })}</p>
            {showAnswers &&
              ANSWERS.map((value) => {
                const names = namesFor(slot.id, value);
                return names.length > 0 ? (
                  <p key={value} className="small">
                    {t(`poll.answerLabel.${value}`)} : {names.join(', ')}
                  </p>
                ) : null;
              })}
          </li>
        ))}
      </ul>
      <p>
        <button type="button" className="button-quiet" aria-expanded={showAnswers} onClick={() => setShowAnswers(!showAnswers)}>
          {t(showAnswers ? 'poll.page.hideAnswers' : 'poll.page.showAnswers')}
        </button>
      </p>
      {poll.can.answer && <AnswerForm poll={poll} />}
      {poll.can.close && <CloseForm poll={poll} />}
    </article>
  );
}
