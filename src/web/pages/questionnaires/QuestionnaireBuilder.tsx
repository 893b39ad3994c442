import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { questionnaireAnswer } from '../../../questionnaires/contract';
import { hasChoices, QUESTION_KINDS, type QuestionKind } from '../../../questionnaires/rules';
import { Field, fieldError, FormError, Loading, LoadError, PageTitle } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import { parisInstant } from '../pooled-means/times';
import { questionnairesPath } from './QuestionnairesPage';
import { PARTNERSHIP_TIME_ZONE } from '../../../common/dates';

type Questionnaire = Answer<typeof questionnaireAnswer>;

interface DraftChoice {
  readonly id: string | null;
  readonly label: string;
}
interface DraftQuestion {
  /** A key for React while the question has no id of its own. */
  readonly key: string;
  readonly id: string | null;
  readonly kind: QuestionKind;
  readonly label: string;
  readonly help: string;
  readonly required: boolean;
  readonly choices: readonly DraftChoice[];
  readonly scaleMin: number;
  readonly scaleMax: number;
  readonly scaleMinLabel: string;
  readonly scaleMaxLabel: string;
}

let nextKey = 0;
const newQuestion = (kind: QuestionKind = 'short_text'): DraftQuestion => ({
  key: `new-${++nextKey}`,
  id: null,
  kind,
  label: '',
  help: '',
  required: false,
  choices: [{ id: null, label: '' }, { id: null, label: '' }],
  scaleMin: 1,
  scaleMax: 5,
  scaleMinLabel: '',
  scaleMaxLabel: '',
});

/** An instant as a `datetime-local` value, read on the clock of Paris where the partnerships live. */
function parisLocal(instant: string | null): string {
  if (instant === null) return '';
  return new Intl.DateTimeFormat('sv-SE', { timeZone: PARTNERSHIP_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' }).format(new Date(instant)).replace(' ', 'T');
}

function move<T>(items: readonly T[], from: number, to: number): T[] {
  const moved = [...items];
  const [item] = moved.splice(from, 1);
  moved.splice(to, 0, item!);
  return moved;
}

/** One question of the builder: its kind, words, whether required, and its choices or scale. */
function QuestionEditor({ question, index, count, error, onChange, onMove, onRemove }: {
  question: DraftQuestion;
  index: number;
  count: number;
  error: unknown;
  onChange: (question: DraftQuestion) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const path = `questions.${index}`;
  const set = (change: Partial<DraftQuestion>) => onChange({ ...question, ...change });
  return (
    <fieldset className="card">
      <legend>{t('questionnaire.builder.questionNumber', { number: index + 1 })}</legend>
      <Field label={t('questionnaire.builder.kind')} error={fieldError(error, `${path}.kind`)}>
        {(props) => (
          <select {...props} value={question.kind} onChange={(event) => set({ kind: event.target.value as QuestionKind })}>
            {QUESTION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`questionnaire.kind.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('questionnaire.builder.label')} error={fieldError(error, `${path}.label`)}>
        {(props) => <input {...props} value={question.label} maxLength={500} onChange={(event) => set({ label: event.target.value })} />}
      </Field>
      <Field label={t('questionnaire.builder.help')} error={fieldError(error, `${path}.help`)}>
        {(props) => <input {...props} value={question.help} maxLength={1000} onChange={(event) => set({ help: event.target.value })} />}
      </Field>
      <label className="choice">
        <input type="checkbox" checked={question.required} onChange={(event) => set({ required: event.target.checked })} /> {t('questionnaire.builder.required')}
      </label>
      {hasChoices(question.kind) && (
        <fieldset>
          <legend>{t('questionnaire.builder.choices')}</legend>
          {fieldError(error, `${path}.choices`) && <p className="field-error">{fieldError(error, `${path}.choices`)}</p>}
          {question.choices.map((choice, choiceIndex) => (
            <div key={choice.id ?? `new-${choiceIndex}`} className="inline-fields">
              <Field label={t('questionnaire.builder.choice', { number: choiceIndex + 1 })} error={fieldError(error, `${path}.choices.${choiceIndex}.label`)}>
                {(props) => (
                  <input {...props} value={choice.label} maxLength={300} onChange={(event) => set({ choices: question.choices.map((c, i) => (i === choiceIndex ? { ...c, label: event.target.value } : c)) })} />
                )}
              </Field>
              <button type="button" className="button-quiet" onClick={() => set({ choices: question.choices.filter((_, i) => i !== choiceIndex) })}>
                {t('questionnaire.builder.removeChoice', { number: choiceIndex + 1 })}
              </button>
            </div>
          ))}
          <button type="button" className="button-secondary" onClick={() => set({ choices: [...question.choices, { id: null, label: '' }] })}>
            {t('questionnaire.builder.addChoice')}
          </button>
        </fieldset>
      )}
      {question.kind === 'scale' && (
        <div className="inline-fields">
          <Field label={t('questionnaire.builder.scaleMin')} error={fieldError(error, `${path}.scaleMin`)}>
            {(props) => <input {...props} type="number" min={0} max={9} value={question.scaleMin} onChange={(event) => set({ scaleMin: Number(event.target.value) })} />}
          </Field>
          <Field label={t('questionnaire.builder.scaleMax')} error={fieldError(error, `${path}.scaleMax`)}>
            {(props) => <input {...props} type="number" min={1} max={10} value={question.scaleMax} onChange={(event) => set({ scaleMax: Number(event.target.value) })} />}
          </Field>
          <Field label={t('questionnaire.builder.scaleMinLabel')}>
            {(props) => <input {...props} value={question.scaleMinLabel} maxLength={100} onChange={(event) => set({ scaleMinLabel: event.target.value })} />}
          </Field>
          <Field label={t('questionnaire.builder.scaleMaxLabel')}>
            {(props) => <input {...props} value={question.scaleMaxLabel} maxLength={100} onChange={(event) => set({ scaleMaxLabel: event.target.value })} />}
          </Field>
        </div>
      )}
      <div className="actions">
        <button type="button" className="button-quiet" disabled={index === 0} onClick={() => onMove(index - 1)}>
          {t('questionnaire.builder.up', { number: index + 1 })}
        </button>
        <button type="button" className="button-quiet" disabled={index === count - 1} onClick={() => onMove(index + 1)}>
          {t('questionnaire.builder.down', { number: index + 1 })}
        </button>
        <button type="button" className="button-quiet" onClick={onRemove}>
          {t('questionnaire.builder.remove', { number: index + 1 })}
        </button>
      </div>
    </fieldset>
  );
}

function BuilderForm({ accompanimentId, existing }: { accompanimentId: string; existing: Questionnaire | null }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const navigate = useNavigate();
  const base = questionnairesPath(partnershipId, accompanimentId);
  const [questions, setQuestions] = useState<DraftQuestion[]>(() =>
    existing
      ? existing.questions.map((question) => ({
          key: question.id,
          id: question.id,
          kind: question.kind,
          label: question.label,
          help: question.help,
          required: question.required,
          choices: question.choices,
          scaleMin: question.scaleMin ?? 1,
          scaleMax: question.scaleMax ?? 5,
          scaleMinLabel: question.scaleMinLabel,
          scaleMaxLabel: question.scaleMaxLabel,
        }))
      : [newQuestion()],
  );
  // The pickers offer no passed instant, and no close before the opening (the server refuses them, with a message per field).
  const [opening, setOpening] = useState(() => parisLocal(existing?.opensAt ?? null));
  const now = parisLocal(new Date().toISOString());
  const save = useAct<Record<string, unknown>, { id: string } | null>(existing ? 'put' : 'post', () => (existing ? `/questionnaires/${existing.id}` : `/accompaniments/${accompanimentId}/questionnaires`));
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const instant = (name: string) => {
      const value = String(form.get(name) ?? '');
      return value === '' ? null : parisInstant(value);
    };
    const coldSchedule = existing !== null && existing.weeksAfterDay !== null && existing.day !== null;
    save.mutate(
      {
        title: String(form.get('title') ?? ''),
        intro: String(form.get('intro') ?? ''),
        anonymous: form.get('anonymous') === 'true',
        dayId: existing?.day?.id ?? null,
        weeksAfterDay: coldSchedule ? existing.weeksAfterDay : null,
        opensAt: coldSchedule ? null : instant('opensAt'),
        closesAt: instant('closesAt'),
        questions: questions.map((question) => ({
          id: question.id,
          kind: question.kind,
          label: question.label,
          help: question.help,
          required: question.required,
          choices: hasChoices(question.kind) ? question.choices : [],
          scaleMin: question.kind === 'scale' ? question.scaleMin : null,
          scaleMax: question.kind === 'scale' ? question.scaleMax : null,
          scaleMinLabel: question.scaleMinLabel,
          scaleMaxLabel: question.scaleMaxLabel,
        })),
      },
      { onSuccess: (saved) => void navigate(`${base}/${saved?.id ?? existing!.id}`) },
    );
  };
  const title = existing ? t('questionnaire.builder.editTitle', { title: existing.title }) : t('questionnaire.builder.newTitle');
  return (
    <section className="narrow">
      <p className="breadcrumb">
        <Link to={base}>{t('questionnaire.list.title')}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <form onSubmit={onSubmit} noValidate>
        <FormError error={save.error} shown={['title', 'intro', 'opensAt', 'closesAt', ...questions.flatMap((_, i) => [`questions.${i}.kind`, `questions.${i}.label`, `questions.${i}.help`, `questions.${i}.choices`, `questions.${i}.scaleMin`, `questions.${i}.scaleMax`])]} />
        <div className="card">
          <Field label={t('questionnaire.builder.title')} error={fieldError(save.error, 'title')}>
            {(props) => <input {...props} name="title" defaultValue={existing?.title ?? ''} maxLength={200} required />}
          </Field>
          <Field label={t('questionnaire.builder.intro')} error={fieldError(save.error, 'intro')}>
            {(props) => <textarea {...props} name="intro" rows={3} defaultValue={existing?.intro ?? ''} />}
          </Field>
          <fieldset>
            <legend>{t('questionnaire.builder.anonymity')}</legend>
            <label className="choice">
              <input type="radio" name="anonymous" value="false" defaultChecked={!(existing?.anonymous ?? false)} /> {t('questionnaire.builder.namedChoice')}
            </label>
            <label className="choice">
              <input type="radio" name="anonymous" value="true" defaultChecked={existing?.anonymous ?? false} /> {t('questionnaire.builder.anonymousChoice')}
            </label>
            <p className="hint">{t('questionnaire.builder.anonymityHint')}</p>
          </fieldset>
          {existing?.weeksAfterDay && existing.day ? (
            <p>{t('questionnaire.builder.afterDay', { weeks: existing.weeksAfterDay, day: existing.day.title })}</p>
          ) : (
            <Field label={t('questionnaire.builder.opensAt')} hint={t('questionnaire.builder.opensAtHint')} error={fieldError(save.error, 'opensAt')}>
              {(props) => <input {...props} name="opensAt" type="datetime-local" min={now} defaultValue={parisLocal(existing?.opensAt ?? null)} onChange={(event) => setOpening(event.target.value)} />}
            </Field>
          )}
          <Field label={t('questionnaire.builder.closesAt')} hint={t('questionnaire.builder.closesAtHint')} error={fieldError(save.error, 'closesAt')}>
            {(props) => <input {...props} name="closesAt" type="datetime-local" min={opening > now ? opening : now} defaultValue={parisLocal(existing?.closesAt ?? null)} />}
          </Field>
        </div>
        <h2>{t('questionnaire.builder.questions')}</h2>
        {fieldError(save.error, 'questions') && <p className="field-error">{fieldError(save.error, 'questions')}</p>}
        {questions.map((question, index) => (
          <QuestionEditor
            key={question.key}
            question={question}
            index={index}
            count={questions.length}
            error={save.error}
            onChange={(changed) => setQuestions(questions.map((q, i) => (i === index ? changed : q)))}
            onMove={(to) => setQuestions(move(questions, index, to))}
            onRemove={() => setQuestions(questions.filter((_, i) => i !== index))}
          />
        ))}
        <div className="actions">
          <button type="button" className="button-secondary" onClick={() => setQuestions([...questions, newQuestion()])}>
            {t('questionnaire.builder.addQuestion')}
          </button>
          <button type="submit" className="button-primary" disabled={save.isPending}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ExistingBuilder({ accompanimentId, questionnaireId }: { accompanimentId: string; questionnaireId: string }) {
  const query = usePartnershipQuery<Questionnaire>(`/questionnaires/${questionnaireId}`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  return <BuilderForm accompanimentId={accompanimentId} existing={query.data} />;
}

/** The builder: a new questionnaire (`…/questionnaires/nouveau`) or one not sent yet (`…/:questionnaireId/modifier`). */
export default function QuestionnaireBuilder() {
  const { accompanimentId, questionnaireId } = useParams();
  if (questionnaireId === undefined) return <BuilderForm accompanimentId={accompanimentId!} existing={null} />;
  return <ExistingBuilder accompanimentId={accompanimentId!} questionnaireId={questionnaireId} />;
}
