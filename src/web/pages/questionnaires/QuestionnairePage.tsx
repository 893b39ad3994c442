import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { questionnaireAnswer } from '../../../questionnaires/contract';
import { TO_DO_ANCHORS } from '../../../participation/rules';
import { api } from '../../api';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import { questionnairesPath } from './QuestionnairesPage';

type Questionnaire = Answer<typeof questionnaireAnswer>;
type Question = Questionnaire['questions'][number];
type Value = string | string[] | number;
type Answers = Record<string, Value>;

/** How long typing must pause before a named draft is saved on the server. */
const SAVE_PAUSE_MS = 800;

/** Where an anonymous questionnaire's draft waits in this browser until it is sent: the server never holds it. */
const draftKey = (questionnaireId: string) => `entente.questionnaire-draft.${questionnaireId}`;

function readDraft(questionnaireId: string): Answers {
  try {
    return JSON.parse(window.localStorage.getItem(draftKey(questionnaireId)) ?? '{}') as Answers;
  } catch {
    return {};
  }
}

/** A ranking: the choices in order, each moved up or down by a button (no dragging needed). */
function Ranking({ question, value, onChange, error }: { question: Question; value: string[] | undefined; onChange: (value: string[]) => void; error: string | undefined }) {
  const { t } = useTranslation();
  const order = value ?? question.choices.map((choice) => choice.id);
  const labelOf = new Map(question.choices.map((choice) => [choice.id, choice.label]));
  const move = (from: number, to: number) => {
    const moved = [...order];
    const [id] = moved.splice(from, 1);
    moved.splice(to, 0, id!);
    onChange(moved);
  };
  return (
    <fieldset className={error ? 'field-invalid' : undefined} aria-describedby={error ? `${question.id}-error` : undefined}>
      <legend>
        {question.label}
        {question.required && <span aria-hidden="true"> *</span>}
      </legend>
      {question.help && <p className="hint">{question.help}</p>}
      <p className="hint">{t('questionnaire.answer.rankingHint')}</p>
      <ol className="ranking">
        {order.map((id, index) => (
          <li key={id}>
            <span>{labelOf.get(id)}</span>{' '}
            <button type="button" className="button-quiet" disabled={index === 0} onClick={() => move(index, index - 1)}>
              {t('questionnaire.answer.up', { label: labelOf.get(id) })}
            </button>
            <button type="button" className="button-quiet" disabled={index === order.length - 1} onClick={() => move(index, index + 1)}>
              {t('questionnaire.answer.down', { label: labelOf.get(id) })}
            </button>
          </li>
        ))}
      </ol>
      {value === undefined && (
        <button type="button" className="button-secondary" onClick={() => onChange(order)}>
          {t('questionnaire.answer.keepOrder')}
        </button>
      )}
      {error && (
        <p id={`${question.id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** One question, as the control its kind calls for, labelled by its words (a fieldset and legend for a group of choices). */
function QuestionField({ question, value, onChange, error }: { question: Question; value: Value | undefined; onChange: (value: Value) => void; error: string | undefined }) {
  const label = question.required ? `${question.label} *` : question.label;
  const hint = question.help || undefined;
  switch (question.kind) {
    case 'short_text':
      return <Field label={label} hint={hint} error={error}>{(props) => <input {...props} value={typeof value === 'string' ? value : ''} maxLength={300} onChange={(event) => onChange(event.target.value)} />}</Field>;
    case 'long_text':
      return <Field label={label} hint={hint} error={error}>{(props) => <textarea {...props} rows={4} value={typeof value === 'string' ? value : ''} maxLength={5000} onChange={(event) => onChange(event.target.value)} />}</Field>;
    case 'ranking':
      return <Ranking question={question} value={Array.isArray(value) ? value : undefined} onChange={onChange} error={error} />;
    case 'single_choice':
    case 'multiple_choice':
    case 'scale': {
      const many = question.kind === 'multiple_choice';
      const options =
        question.kind === 'scale'
          ? Array.from({ length: question.scaleMax! - question.scaleMin! + 1 }, (_, i) => {
              const n = question.scaleMin! + i;
              const end = n === question.scaleMin ? question.scaleMinLabel : n === question.scaleMax ? question.scaleMaxLabel : '';
              return { value: n as string | number, label: end ? `${n} (${end})` : String(n) };
            })
          : question.choices.map((choice) => ({ value: choice.id as string | number, label: choice.label }));
      const picked = (option: string | number) => (many ? Array.isArray(value) && value.includes(String(option)) : value === option);
      const toggle = (option: string | number, checked: boolean) => {
        if (!many) return onChange(option);
        const current = Array.isArray(value) ? value : [];
        onChange(checked ? [...current, String(option)] : current.filter((id) => id !== option));
      };
      return (
        <fieldset className={error ? 'field-invalid' : undefined} aria-describedby={error ? `${question.id}-error` : undefined}>
          <legend>{label}</legend>
          {hint && <p className="hint">{hint}</p>}
          <div className={question.kind === 'scale' ? 'scale-options' : undefined}>
            {options.map((option) => (
              <label key={String(option.value)} className="choice">
                <input type={many ? 'checkbox' : 'radio'} name={question.id} checked={picked(option.value)} onChange={(event) => toggle(option.value, event.target.checked)} /> {option.label}
              </label>
            ))}
          </div>
          {error && (
            <p id={`${question.id}-error`} className="field-error">
              {error}
            </p>
          )}
        </fieldset>
      );
    }
  }
}

/**
 * The form that answers: saved as one goes (named: on the server, as a draft not sent; anonymous:
 * in this browser only), then sent. An anonymous questionnaire is sent once; a named one may be
 * sent again until its close.
 */
function AnswerForm({ questionnaire }: { questionnaire: Questionnaire }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const [answers, setAnswers] = useState<Answers>(() => (questionnaire.anonymous ? readDraft(questionnaire.id) : { ...(questionnaire.myResponse?.answers ?? {}) }));
  const [saved, setSaved] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [draftError, setDraftError] = useState<unknown>(null);
  const touched = useRef(false);
  const sentAlready = questionnaire.myResponse?.submitted === true;
  const send = useAct<Answers, null>('put', () => `/questionnaires/${questionnaire.id}/response`, (input) => ({ answers: input, submit: true }));

  useEffect(() => {
    if (!touched.current) return;
    if (questionnaire.anonymous) {
      window.localStorage.setItem(draftKey(questionnaire.id), JSON.stringify(answers));
      setSaved('saved');
      return;
    }
    if (sentAlready) return;
    setSaved('saving');
    const timer = setTimeout(() => {
      api.put(`/partnerships/${partnershipId}/questionnaires/${questionnaire.id}/response`, { answers, submit: false }).then(
        () => {
          setDraftError(null);
          setSaved('saved');
        },
        (error: unknown) => {
          setDraftError(error);
          setSaved('failed');
        },
      );
    }, SAVE_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [answers, partnershipId, questionnaire.anonymous, questionnaire.id, sentAlready]);

  const change = (questionId: string, value: Value) => {
    touched.current = true;
    setAnswers((before) => ({ ...before, [questionId]: value }));
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    send.mutate(answers, { onSuccess: () => (questionnaire.anonymous ? window.localStorage.removeItem(draftKey(questionnaire.id)) : undefined) });
  };
  const error = send.error ?? draftError;
  return (
    <form id={TO_DO_ANCHORS.questionnaire} tabIndex={-1} onSubmit={onSubmit} noValidate aria-labelledby="answer-title">
      <h2 id="answer-title">{t('questionnaire.answer.title')}</h2>
      <p className="hint">{questionnaire.anonymous ? t('questionnaire.answer.anonymousHint') : t('questionnaire.answer.namedHint')}</p>
      <FormError error={error} shown={questionnaire.questions.map((question) => `answers.${question.id}`)} />
      {questionnaire.questions.map((question) => (
        <div key={question.id} className="card">
          <QuestionField question={question} value={answers[question.id]} onChange={(value) => change(question.id, value)} error={fieldError(error, `answers.${question.id}`)} />
        </div>
      ))}
      <p role="status" className="muted">
        {saved === 'saving' ? t('questionnaire.answer.saving') : saved === 'saved' ? (questionnaire.anonymous ? t('questionnaire.answer.savedHere') : t('questionnaire.answer.saved')) : ''}
      </p>
      {send.isSuccess && (
        <p role="status" className="notice">
          {t('questionnaire.answer.thanks')}
        </p>
      )}
      <button type="submit" className="button-primary" disabled={send.isPending}>
        {sentAlready ? t('questionnaire.answer.sendAgain') : t('questionnaire.answer.send')}
      </button>
    </form>
  );
}

/** What a facilitator does with the questionnaire: change it and send it before it leaves, close it while open. */
function FacilitatorActions({ questionnaire, base }: { questionnaire: Questionnaire; base: string }) {
  const { t } = useTranslation();
  const send = useAct<void, null>('post', () => `/questionnaires/${questionnaire.id}/send`, () => ({}));
  const close = useAct<void, null>('post', () => `/questionnaires/${questionnaire.id}/close`, () => ({}));
  if (!questionnaire.can.change && !questionnaire.can.send && !questionnaire.can.close) return null;
  return (
    <div className="card">
      <FormError error={send.error ?? close.error} />
      <div className="actions">
        {questionnaire.can.change && (
          <Link className="button-secondary" to={`${base}/${questionnaire.id}/modifier`}>
            {t('questionnaire.page.change')}
          </Link>
        )}
        {questionnaire.can.send && (
          <button type="button" className="button-primary" disabled={send.isPending} onClick={() => send.mutate()}>
            {t('questionnaire.page.send')}
          </button>
        )}
        {questionnaire.can.close && (
          <button type="button" className="button-secondary" disabled={close.isPending} onClick={() => close.mutate()}>
            {t('questionnaire.page.close')}
          </button>
        )}
      </div>
      {questionnaire.can.send && <p className="hint">{t('questionnaire.page.sendHint')}</p>}
      {questionnaire.can.change && questionnaire.state === 'lapsed' && <p className="hint">{t('questionnaire.page.lapsedHint')}</p>}
    </div>
  );
}

/** A questionnaire: what it asks, and the form to answer it, reached from the mail's button signed in. */
export default function QuestionnairePage() {
  const { t } = useTranslation();
  const { accompanimentId, questionnaireId } = useParams();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const query = usePartnershipQuery<Questionnaire>(`/questionnaires/${questionnaireId}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const questionnaire = query.data;
  const base = questionnairesPath(partnershipId, accompanimentId!);
  return (
    <article className="narrow">
      <p className="breadcrumb">
        <Link to={base}>{questionnaire.accompaniment.title}</Link>
      </p>
      <PageTitle title={questionnaire.title}>{questionnaire.title}</PageTitle>
      <p>
        <Badge tone={questionnaire.state === 'open' ? 'ok' : 'neutral'}>{t(`questionnaire.state.${questionnaire.state}`)}</Badge>{' '}
        {questionnaire.anonymous ? t('questionnaire.anonymous') : t('questionnaire.named')}
      </p>
      {questionnaire.state === 'scheduled' && questionnaire.opensAt && <p>{t('questionnaire.opensOn', { date: formatDate(questionnaire.opensAt) })}</p>}
      {questionnaire.closesAt && questionnaire.state !== 'closed' && questionnaire.state !== 'lapsed' && <p>{t('questionnaire.closesOn', { date: formatDate(questionnaire.closesAt) })}</p>}
      {questionnaire.intro && <p>{questionnaire.intro}</p>}
      <p className="muted">
        {t('questionnaire.answerCount', { count: questionnaire.answerCount })}
        {questionnaire.sentAt && (
          <>
            {' '}
            <Link to={`${base}/${questionnaire.id}/resultats`}>{t('questionnaire.page.results')}</Link>
          </>
        )}
      </p>
      <FacilitatorActions questionnaire={questionnaire} base={base} />
      {questionnaire.can.answer ? (
        <AnswerForm questionnaire={questionnaire} />
      ) : questionnaire.answeredByMe ? (
        <p className="notice">{t('questionnaire.answer.thanks')}</p>
      ) : questionnaire.sentAt === null ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{t('questionnaire.page.preview')}</h2>
          <ol>
            {questionnaire.questions.map((question) => (
              <li key={question.id}>
                {question.label} <span className="muted">({t(`questionnaire.kind.${question.kind}`)}{question.required ? `, ${t('questionnaire.builder.required').toLowerCase()}` : ''})</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}
