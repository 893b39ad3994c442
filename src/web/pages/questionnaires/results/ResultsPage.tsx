import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../../common/contract';
import type { questionnaireResultsAnswer } from '../../../../questionnaires/results/contract';
import { Loading, LoadError, PageTitle } from '../../../components/ui';
import { useLiveChanges, usePartnershipId, usePartnershipQuery } from '../../../hooks';
import { QuestionResults } from './QuestionResults';

type Results = Answer<typeof questionnaireResultsAnswer>;

/**
 * A questionnaire's results for the group, live: the page listens to the server and redraws as
 * answers arrive. Each chart is followed by its table; texts are listed without names.
 */
export default function ResultsPage() {
  const { t } = useTranslation();
  const { accompanimentId, questionnaireId } = useParams();
  const partnershipId = usePartnershipId();
  const path = `/questionnaires/${questionnaireId}/results`;
  const query = usePartnershipQuery<Results>(path);
  useLiveChanges('questionnaires', questionnaireId!, query.isSuccess, path);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const results = query.data;
  const space = `/p/${partnershipId}/accompagnements/${accompanimentId}`;
  const title = t('questionnaireResults.title', { title: results.title });
  return (
    <article className="questionnaire-results">
      <p className="breadcrumb">
        <Link to={space}>{results.accompaniment.title}</Link> › <Link to={`${space}/questionnaires/${results.id}`}>{results.title}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <p role="status" aria-live="polite">
        <strong>{t('questionnaireResults.respondents', { count: results.respondents, asked: results.asked })}</strong>
        {results.anonymous && <> {t('questionnaireResults.anonymous')}</>}
      </p>
      <p className="muted">{t('questionnaireResults.live')}</p>
      {results.can.exportAnswers && !results.withheld && (
        <ul className="downloads">
          <li>
            <a href={`/api/v1/partnerships/${partnershipId}/questionnaires/${results.id}/answers.csv`} download>
              {t('questionnaireResults.csv')}
            </a>
          </li>
        </ul>
      )}
      {results.withheld && <p className="notice">{t('questionnaireResults.withheld')}</p>}
      {!results.withheld && results.questions.length === 0 && <p className="muted">{t('questionnaireResults.noQuestions')}</p>}
      {results.questions.map((question) => (
        <QuestionResults key={question.questionId} question={question} />
      ))}
    </article>
  );
}
