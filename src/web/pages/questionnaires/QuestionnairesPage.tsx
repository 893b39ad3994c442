import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { daysAnswer } from '../../../accompaniments/days/contract';
import type { questionnairesAnswer } from '../../../questionnaires/contract';
import { TEMPLATES, type QuestionnaireTemplate } from '../../../questionnaires/rules';
import { Badge, Field, fieldError, FormError, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';

type Questionnaires = Answer<typeof questionnairesAnswer>;
type Days = Answer<typeof daysAnswer>;

/** The web address of a space's questionnaires. */
export const questionnairesPath = (partnershipId: string, accompanimentId: string) => `/p/${partnershipId}/accompagnements/${accompanimentId}/questionnaires`;

/** A facilitator starts from one of the three templates; the cold evaluation names the day it follows. */
function FromTemplate({ accompanimentId }: { accompanimentId: string }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const [template, setTemplate] = useState<QuestionnaireTemplate>('before_day');
  const days = usePartnershipQuery<Days>(`/accompaniments/${accompanimentId}/days`);
  const start = useAct<{ template: QuestionnaireTemplate; dayId: string | null; weeksAfterDay: number | null }>('post', () => `/accompaniments/${accompanimentId}/questionnaires/from-template`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const cold = template === 'cold_evaluation';
    const dayId = cold ? String(form.get('dayId') ?? '') || null : null;
    const weeks = cold ? Number(form.get('weeksAfterDay') ?? 6) : null;
    start.mutate({ template, dayId, weeksAfterDay: weeks }, { onSuccess: (made) => void navigate(`${questionnairesPath(partnershipId, accompanimentId)}/${made.id}/modifier`) });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="from-template-title">
      <h2 id="from-template-title">{t('questionnaire.list.fromTemplate')}</h2>
      <FormError error={start.error} shown={['template', 'dayId', 'weeksAfterDay']} />
      <fieldset>
        <legend>{t('questionnaire.list.templateLegend')}</legend>
        {TEMPLATES.map((value) => (
          <label key={value} className="choice">
            <input type="radio" name="template" value={value} checked={template === value} onChange={() => setTemplate(value)} /> {t(`questionnaire.template.${value}`)}
          </label>
        ))}
      </fieldset>
      {template === 'cold_evaluation' && (
        <>
          <Field label={t('questionnaire.list.day')} hint={t('questionnaire.list.dayHint')} error={fieldError(start.error, 'dayId')}>
            {(props) => (
              <select {...props} name="dayId" defaultValue="">
                <option value="">{t('questionnaire.list.noDay')}</option>
                {(days.data?.days ?? []).map((day) => (
                  <option key={day.id} value={day.id}>
                    {day.title} ({formatDate(day.startsAt)})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('questionnaire.list.weeks')} error={fieldError(start.error, 'weeksAfterDay')}>
            {(props) => <input {...props} name="weeksAfterDay" type="number" min={1} max={52} defaultValue={6} inputMode="numeric" />}
          </Field>
        </>
      )}
      <button type="submit" className="button-primary" disabled={start.isPending}>
        {t('questionnaire.list.start')}
      </button>
    </form>
  );
}

/** A space's questionnaires: what is open to answer, what is scheduled, and for its facilitators the builder's drafts. */
export default function QuestionnairesPage() {
  const { t } = useTranslation();
  const { accompanimentId } = useParams();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const query = usePartnershipQuery<Questionnaires>(`/accompaniments/${accompanimentId}/questionnaires`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const { questionnaires, can } = query.data;
  const base = questionnairesPath(partnershipId, accompanimentId!);
  return (
    <section>
      <p className="breadcrumb">
        <Link to={`/p/${partnershipId}/accompagnements/${accompanimentId}`}>{t('questionnaire.list.space')}</Link>
      </p>
      <PageTitle title={t('questionnaire.list.title')}>{t('questionnaire.list.title')}</PageTitle>
      {questionnaires.length === 0 && <p className="muted">{t('questionnaire.list.empty')}</p>}
      <ul className="card-list">
        {questionnaires.map((questionnaire) => (
          <li key={questionnaire.id} className="card">
            <h2>
              <Link to={`${base}/${questionnaire.id}`}>{questionnaire.title}</Link>
            </h2>
            <p>
              <Badge tone={questionnaire.state === 'open' ? 'ok' : 'neutral'}>{t(`questionnaire.state.${questionnaire.state}`)}</Badge>{' '}
              {questionnaire.anonymous ? t('questionnaire.anonymous') : t('questionnaire.named')}
            </p>
            {questionnaire.state === 'scheduled' && questionnaire.opensAt && <p>{t('questionnaire.opensOn', { date: formatDate(questionnaire.opensAt) })}</p>}
            {questionnaire.closesAt && questionnaire.state !== 'closed' && questionnaire.state !== 'lapsed' && <p>{t('questionnaire.closesOn', { date: formatDate(questionnaire.closesAt) })}</p>}
            <p className="muted">{t('questionnaire.answerCount', { count: questionnaire.answerCount })}</p>
            {questionnaire.state === 'open' && (questionnaire.answeredByMe ? <p>{t('questionnaire.list.answered')}</p> : <Link to={`${base}/${questionnaire.id}#repondre-au-questionnaire`}>{t('questionnaire.list.answer')}</Link>)}
          </li>
        ))}
      </ul>
      {can.create && (
        <>
          <p>
            <Link className="button-secondary" to={`${base}/nouveau`}>
              {t('questionnaire.list.new')}
            </Link>
          </p>
          <FromTemplate accompanimentId={accompanimentId!} />
        </>
      )}
    </section>
  );
}
