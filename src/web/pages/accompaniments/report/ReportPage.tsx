import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../../common/contract';
import type { accompanimentReportAnswer } from '../../../../accompaniments/report/contract';
import { Loading, LoadError, PageTitle, useFormatDate } from '../../../components/ui';
import { usePartnershipId, usePartnershipQuery } from '../../../hooks';
import { QuestionResults } from '../../questionnaires/results/QuestionResults';

type Report = Answer<typeof accompanimentReportAnswer>;
type Person = Report['participants']['outsiders'][number];

const MAP_KINDS = ['cooperation', 'obstacle', 'need', 'skill', 'premises', 'equipment'] as const;

function People({ people }: { people: readonly Person[] }) {
  const { t } = useTranslation();
  return (
    <ul>
      {people.map((person) => (
        <li key={person.id}>
          {person.fullName}
          {person.role === 'facilitator' && <> ({t('accompanimentReport.facilitator')})</>}
        </li>
      ))}
    </ul>
  );
}

/**
 * The final report of an accompaniment, the same as its PDF: the programme held and who came, the
 * participants by organization, each questionnaire's results, the resources, the map, the harvest
 * and the decisions of its project; the PDF to download.
 */
export default function ReportPage() {
  const { t } = useTranslation();
  const { accompanimentId } = useParams();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const query = usePartnershipQuery<Report>(`/accompaniments/${accompanimentId}/report`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const report = query.data;
  const title = t('accompanimentReport.title', { title: report.title });
  const { participants } = report;
  return (
    <article className="accompaniment-report">
      <p className="breadcrumb no-print">
        <Link to={`/p/${partnershipId}/accompagnements/${report.id}`}>{report.title}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      {report.project && <p>{t('accompanimentReport.project', { title: report.project.title })}</p>}
      {report.purpose && <p className="text-block">{report.purpose}</p>}
      <p>{t('accompanimentReport.licence', { licence: t(`charter.licence.${report.licence}`) })}</p>
      {report.archivedAt && <p className="muted">{t('accompanimentReport.archived', { date: formatDate(report.archivedAt) })}</p>}
      <ul className="downloads no-print">
        <li>
          <a className="button" href={`/api/v1/partnerships/${partnershipId}/accompaniments/${report.id}/report.pdf`} download>
            {t('accompanimentReport.pdf')}
          </a>
        </li>
      </ul>

      <h2>{t('accompanimentReport.programme')}</h2>
      {report.days.length === 0 && <p className="muted">{t('accompanimentReport.noDays')}</p>}
      {report.days.map((day) => (
        <section key={day.id}>
          <h3>{day.title}</h3>
          <p className="muted">
            {day.heldAt === null ? t('accompanimentReport.dayNotHeld', { date: formatDate(day.startsAt) }) : [formatDate(day.startsAt), day.place].filter(Boolean).join(', ')}
          </p>
          {day.items.length > 0 && (
            <ol>
              {day.items.map((item, index) => (
                <li key={index}>
                  {item.title}
                  {item.minutes !== null && <> ({t('accompanimentReport.minutes', { count: item.minutes })})</>}
                </li>
              ))}
            </ol>
          )}
          {day.heldAt !== null && <p>{day.present.length === 0 ? t('accompanimentReport.nobodyNoted') : t('accompanimentReport.present', { names: day.present.join(', ') })}</p>}
        </section>
      ))}

      <h2>{t('accompanimentReport.participants')}</h2>
      {participants.organizations.map((organization) => (
        <section key={organization.id}>
          <h3>{organization.name}</h3>
          <People people={organization.people} />
        </section>
      ))}
      {participants.withoutOrganization.length > 0 && (
        <section>
          <h3>{t('accompanimentReport.withoutOrganization')}</h3>
          <People people={participants.withoutOrganization} />
        </section>
      )}
      {participants.outsiders.length > 0 && (
        <section>
          <h3>{t('accompanimentReport.outsiders')}</h3>
          <People people={participants.outsiders} />
        </section>
      )}

      <h2>{t('accompanimentReport.questionnaires')}</h2>
      {report.questionnaires.length === 0 && <p className="muted">{t('accompanimentReport.noQuestionnaires')}</p>}
      {report.questionnaires.map((questionnaire) => (
        <section key={questionnaire.id}>
          <h3>
            {questionnaire.title}
            {questionnaire.anonymous && <> ({t('accompanimentReport.anonymous')})</>}
          </h3>
          <p className="muted">{t('questionnaireResults.respondents', { count: questionnaire.respondents, asked: questionnaire.asked })}</p>
          {questionnaire.withheld && <p>{t('questionnaireResults.withheld')}</p>}
          {questionnaire.questions.map((question) => (
            <QuestionResults key={question.questionId} question={question} headingLevel={4} />
          ))}
        </section>
      ))}

      <h2>{t('accompanimentReport.resources')}</h2>
      {report.resources.length === 0 ? (
        <p className="muted">{t('accompanimentReport.noResources')}</p>
      ) : (
        <ul>
          {report.resources.map((resource) => (
            <li key={resource.id}>
              <Link to={`/p/${partnershipId}/accompagnements/${report.id}/ressources/${resource.id}`}>{resource.title}</Link>
              <br />
              <span className="muted">
                {[t(`accompanimentReport.resourceKind.${resource.kind}`), resource.author, t(`charter.licence.${resource.licence}`), resource.confidential ? t('accompanimentReport.confidential') : null]
                  .filter(Boolean)
                  .join(', ')}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('accompanimentReport.map')}</h2>
      {report.map.length === 0 && <p className="muted">{t('accompanimentReport.noMap')}</p>}
      {MAP_KINDS.map((kind) => {
        const entries = report.map.filter((entry) => entry.kind === kind);
        if (entries.length === 0) return null;
        return (
          <section key={kind}>
            <h3>{t(`accompanimentReport.mapKind.${kind}`)}</h3>
            <ul>
              {entries.map((entry) => (
                <li key={entry.id}>
                  <strong>{entry.title}</strong>
                  {[
                    entry.status ? t(`accompanimentReport.status.${entry.status}`) : null,
                    entry.parties.length > 0 ? t('accompanimentReport.joins', { parties: entry.parties.join(', ') }) : null,
                    entry.offeredBy ? t('accompanimentReport.offeredBy', { name: entry.offeredBy }) : null,
                    entry.cooperation ? t('accompanimentReport.about', { title: entry.cooperation }) : null,
                  ]
                    .filter(Boolean)
                    .map((detail) => `, ${detail}`)
                    .join('')}
                  {entry.description && <p className="text-block muted">{entry.description}</p>}
                </li>
              ))}
            </ul>
          </section>
        );
      })}

      <h2>{t('accompanimentReport.harvest')}</h2>
      {report.harvest.length === 0 && <p className="muted">{t('accompanimentReport.noHarvest')}</p>}
      {(['nugget', 'pebble'] as const).map((kind) => {
        const items = report.harvest.filter((item) => item.kind === kind);
        if (items.length === 0) return null;
        return (
          <section key={kind}>
            <h3>{t(kind === 'nugget' ? 'accompanimentReport.nuggets' : 'accompanimentReport.pebbles')}</h3>
            <ul>
              {items.map((item) => (
                <li key={item.id}>
                  <span className="text-block">{item.text}</span>
                  {[item.author, item.day, item.projectStage].some(Boolean) && (
                    <>
                      <br />
                      <span className="muted">{[item.author, item.day, item.projectStage].filter(Boolean).join(', ')}</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}

      <h2>{t('accompanimentReport.decisions')}</h2>
      {report.project === null ? (
        <p className="muted">{t('accompanimentReport.noProject')}</p>
      ) : report.decisions.length === 0 ? (
        <p className="muted">{t('accompanimentReport.noDecisions')}</p>
      ) : (
        <ul>
          {report.decisions.map((decision) => (
            <li key={decision.id}>
              <Link to={`/p/${partnershipId}/propositions/${decision.id}`}>{decision.wording}</Link> : {t(`accompanimentReport.decisionStatus.${decision.status}`)}
              {decision.decidedAt && <>, {formatDate(decision.decidedAt)}</>}
              {decision.outcomeStatement && <p className="text-block">{decision.outcomeStatement}</p>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
