import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../common/contract';
import type { projectPageAnswer } from '../../../projects/contract';
import { Badge, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { usePartnershipId, usePartnershipQuery } from '../../hooks';
import { statusTone } from '../decisions/ProposalsPage';
import { ConductSections } from './ConductSections';
import { ProjectSubjectsSection } from '../action-plans/ProjectSubjects';
import { bookingFormPath } from '../pooled-means/links';
import { useAwaitedName, type ExpectedItem } from './Expected';
import { NEW_IDEA_ANCHOR, type IdeaDraft } from './NewIdea';
import { ProjectSteps } from './ProjectSteps';
import { ConfirmationForm, EvaluationForm, FormalizeForm, LeadForm, PresentForm, PROJECT_ANCHORS, ReferentForm, TellCarriersForm } from './StepForms';
import { stageTone } from './stages';

export type Project = Answer<typeof projectPageAnswer>;

/**
 * A common project on a phone or a desk: where it stands among the charter's steps, what it waits
 * for and from whom, the forms this viewer may fill now, then what the project holds (needs,
 * recommendations, mission sheet), its working group, its decisions and its evaluations.
 */
export default function ProjectPage() {
  const { t } = useTranslation();
  const { projectId } = useParams();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const query = usePartnershipQuery<Project>(`/projects/${projectId}`);
  const [done, setDone] = useState<string | null>(null);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const project = query.data;
  const base = `/p/${partnershipId}`;
  return (
    <article className="project-page">
      <p className="breadcrumb">
        <Link to={`${base}/projets`}>{t('project.list.title')}</Link>
      </p>
      <PageTitle title={project.title}>{project.title}</PageTitle>
      <p>
        <Badge tone={stageTone(project.stage)}>{t(`project.stage.${project.stage}`)}</Badge>{' '}
        <span className="muted">{t('project.since', { date: formatDate(project.stageSince) })}</span>
      </p>
      {project.summary && <p className="text-block lead">{project.summary}</p>}
      <ProjectFacts project={project} />
      <ul className="downloads no-print">
        <li>
          <a href={`/api/v1/partnerships/${partnershipId}/projects/${project.id}/sheet.pdf`} download>
            {t('projectSheet.pdf')}
          </a>
        </li>
        <li>
          <a href={`/api/v1/partnerships/${partnershipId}/projects/${project.id}/sheet.md`} download>
            {t('projectSheet.markdown')}
          </a>
        </li>
        {project.stage !== 'refused' && (
          <li>
            <Link to={`/p/${partnershipId}/projets/${project.id}/budget`}>{t('budgetPage.projectLink')}</Link>
          </li>
        )}
        {project.stage !== 'closed' && project.stage !== 'refused' && (
          <li>
            <Link to={bookingFormPath(partnershipId, project.id)}>{t('pooledMean.bookFromProject')}</Link>
          </li>
        )}
      </ul>
      {project.stage === 'refused' && (
        <div className="notice notice-warn">
          <p>
            <strong>{t('project.refused')}</strong>
          </p>
          {project.refusalReason && <p className="text-block">{project.refusalReason}</p>}
        </div>
      )}
      {project.stage === 'closed' && <p className="notice notice-ok">{t('project.closed')}</p>}

      <ProjectSteps project={project} />
      <ExpectedNow project={project} />

      {done && (
        <p className="notice notice-ok" role="status">
          {done}
        </p>
      )}
      <YourForms project={project} onDone={setDone} />

      <ProjectDocuments project={project} />
      {project.workingGroup && <ConductSections projectId={project.id} />}
      <WorkingGroup project={project} />
      <ProjectSubjectsSection projectId={project.id} />
      <ProjectDecisions project={project} />
      <ProjectMeetings project={project} />
      <Evaluations project={project} />
    </article>
  );
}

/** Where the idea came from, who carries it, which houses take part, when it is next evaluated. */
function ProjectFacts({ project }: { project: Project }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const carriers = [...project.carriers.people.map((person) => person.fullName), ...project.carriers.organizations.map((organization) => organization.name)];
  const origin = t(`project.origin.${project.origin}`);
  return (
    <dl className="details project-facts">
      <dt>{t('project.facts.origin')}</dt>
      <dd>{project.originDetail ? `${origin} — ${project.originDetail}` : origin}</dd>
      <dt>{t('project.facts.carriers')}</dt>
      <dd>{carriers.join(', ') || t('project.facts.none')}</dd>
      <dt>{t('project.facts.houses')}</dt>
      <dd>
        {project.organizations.length === 0
          ? t('project.facts.housesNotYet')
          : project.organizations.map((organization, index) => (
              <span key={organization.id}>
                {index > 0 && ', '}
                <Link to={`/p/${partnershipId}/structures/${organization.id}`}>{organization.name}</Link>
              </span>
            ))}
      </dd>
      <dt>{t('project.facts.recorded')}</dt>
      <dd>{t('project.facts.recordedBy', { name: project.createdBy.fullName, date: formatDate(project.createdAt) })}</dd>
      {project.evaluationDueOn && (
        <>
          <dt>{t('project.facts.nextEvaluation')}</dt>
          <dd>{formatDate(project.evaluationDueOn)}</dd>
        </>
      )}
    </dl>
  );
}

/** The anchor of the form answering an expected step, when this viewer may fill it. */
function formFor(project: Project, item: ExpectedItem): string | null {
  const { can } = project;
  switch (item.step) {
    case 'formalized':
      return can.formalize ? PROJECT_ANCHORS.formalize : null;
    case 'presented':
      return can.present ? PROJECT_ANCHORS.present : null;
    case 'carriers_told':
      return can.tellCarriers ? PROJECT_ANCHORS.tellCarriers : null;
    case 'referents':
      return item.from.organization && can.nameReferentFor.includes(item.from.organization.id) ? PROJECT_ANCHORS.referent : null;
    case 'lead_named':
      return can.nameLead ? PROJECT_ANCHORS.lead : null;
    case 'lead_confirmed':
      return can.approveLead || can.refuseLead ? PROJECT_ANCHORS.confirmation : null;
    case 'evaluation':
      return can.reportEvaluation ? PROJECT_ANCHORS.evaluation : null;
    default:
      return null;
  }
}

/** « Ce qui est attendu maintenant »: each thing the project waits for, from whom, since when, and the way to it. */
function ExpectedNow({ project }: { project: Project }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const awaited = useAwaitedName();
  const openProposal = project.proposals.find((proposal) => proposal.status === 'open');
  return (
    <section aria-labelledby="expected-title">
      <h2 id="expected-title">{t('project.expected.title')}</h2>
      {project.expected.length === 0 ? (
        <p>{t(project.stage === 'refused' || project.stage === 'closed' ? 'project.expected.over' : 'project.expected.nothing')}</p>
      ) : (
        <ul className="to-do-list">
          {project.expected.map((item, index) => {
            const anchor = formFor(project, item);
            const decision = (item.step === 'validated' || item.step === 'evaluation_decision') && openProposal;
            return (
              <li key={index} className="expected-item">
                <span className="expected-what">{t(`project.expected.step.${item.step}`)}</span>
                <span>{t('project.expected.fromSince', { who: awaited(item), date: formatDate(item.since) })}</span>
                {anchor && (
                  <a href={`#${anchor}`} className="expected-link">
                    {t('project.expected.yourTurn')}
                  </a>
                )}
                {decision && (
                  <Link to={`/p/${partnershipId}/propositions/${openProposal.id}`} className="expected-link">
                    {t('project.expected.seeProposal')}
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The forms of the steps this viewer may take now, each where its anchor leads. */
function YourForms({ project, onDone }: { project: Project; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const { can } = project;
  const any = can.formalize || can.present || can.tellCarriers || can.nameReferentFor.length > 0 || can.nameLead || can.approveLead || can.refuseLead || can.reportEvaluation;
  if (!any) return null;
  const props = { project, onDone };
  return (
    <section aria-labelledby="your-forms-title">
      <h2 id="your-forms-title">{t('project.forms.title')}</h2>
      {can.formalize && <FormalizeForm {...props} />}
      {can.present && <PresentForm {...props} />}
      {can.tellCarriers && <TellCarriersForm {...props} />}
      {can.nameReferentFor.length > 0 && <ReferentForm {...props} />}
      {can.nameLead && <LeadForm {...props} />}
      {(can.approveLead || can.refuseLead) && <ConfirmationForm {...props} />}
      {can.reportEvaluation && <EvaluationForm {...props} />}
    </section>
  );
}

/** A titled text of the project, kept as written (line breaks included); nothing when empty. */
function Written({ title, text }: { title: string; text: string }) {
  if (text === '') return null;
  return (
    <>
      <h3>{title}</h3>
      <p className="text-block">{text}</p>
    </>
  );
}

/** What the project holds in words: needs and analysis, the body's recommendations, the lead and their mission sheet. */
function ProjectDocuments({ project }: { project: Project }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  const { lead } = project;
  const hasMission = project.missionGoals !== '' || project.missionTime !== '' || project.missionTraining !== '';
  const written = project.needs !== '' || project.analysis !== '' || project.recommendations !== '' || project.vigilance !== '' || hasMission || lead.nominee !== null;
  if (!written) return null;
  const approvedBy = new Map(lead.approvals.map((approval) => [approval.person.id, approval.approvedAt]));
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">{t('project.documents.title')}</h2>
      {(project.needs !== '' || project.analysis !== '') && (
        <div className="card">
          <Written title={t('project.formalize.needs')} text={project.needs} />
          <Written title={t('project.formalize.analysis')} text={project.analysis} />
        </div>
      )}
      {(project.recommendations !== '' || project.vigilance !== '') && (
        <div className="card">
          <Written title={t('project.tell.recommendations')} text={project.recommendations} />
          <Written title={t('project.tell.vigilance')} text={project.vigilance} />
        </div>
      )}
      {(lead.nominee !== null || hasMission) && (
        <div className="card">
          <h3>{t('project.lead.heading')}</h3>
          {lead.nominee && (
            <p>
              {lead.nominee.fullName}
              {lead.role && (
                <>
                  {' · '}
                  <Link to={`/p/${partnershipId}/roles/${lead.role.id}`}>{t('project.lead.role', { role: lead.role.name })}</Link>
                </>
              )}
              {project.steps.some((step) => step.step === 'lead_confirmed' && step.doneAt === null) && <> · {t('project.lead.pending')}</>}
            </p>
          )}
          {lead.nominee && lead.confirmers.length > 0 && (
            <ul className="plain-list">
              {lead.confirmers.map((person) => {
                const at = approvedBy.get(person.id);
                return <li key={person.id}>{at ? t('project.lead.approvedBy', { name: person.fullName, date: formatDate(at) }) : t('project.lead.awaitedFrom', { name: person.fullName })}</li>;
              })}
            </ul>
          )}
          <Written title={t('project.mission.goals')} text={project.missionGoals} />
          <Written title={t('project.mission.time')} text={project.missionTime} />
          <Written title={t('project.mission.training')} text={project.missionTraining} />
        </div>
      )}
    </section>
  );
}

/** The working group the validation created, with the referents each participating house has named. */
function WorkingGroup({ project }: { project: Project }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const group = project.workingGroup;
  if (!group) return null;
  return (
    <section aria-labelledby="working-group-title">
      <h2 id="working-group-title">{t('project.group.title')}</h2>
      <p>
        <Link to={`/p/${partnershipId}/instances/${group.id}`}>{group.name}</Link>
      </p>
      {group.referents.length > 0 && (
        <ul className="member-list">
          {group.referents.map((entry) => (
            <li key={entry.organization.id} className="member">
              <span className="member-name">{entry.organization.name}</span>
              {entry.people.length === 0 ? (
                <Badge tone="warn">{t('project.group.noReferent')}</Badge>
              ) : (
                <span>
                  {entry.people.map((person, index) => (
                    <span key={person.id}>
                      {index > 0 && ', '}
                      <Link to={`/p/${partnershipId}/personnes/${person.id}`}>{person.fullName}</Link>
                    </span>
                  ))}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The proposals that presented and evaluated the project, each a link to its page. */
function ProjectDecisions({ project }: { project: Project }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  if (project.proposals.length === 0) return null;
  return (
    <section aria-labelledby="decisions-title">
      <h2 id="decisions-title">{t('project.decisions.title')}</h2>
      <ul className="member-list">
        {project.proposals.map((proposal) => (
          <li key={proposal.id} className="member">
            <div>
              <Link className="member-name" to={`/p/${partnershipId}/propositions/${proposal.id}`}>
                {t(`project.decisions.matter.${proposal.matter}`)}
              </Link>
              <p className="muted small">
                {proposal.body.name} · {proposal.decidedAt ? t('project.decisions.decidedOn', { date: formatDate(proposal.decidedAt) }) : t('project.decisions.openedOn', { date: formatDate(proposal.createdAt) })}
              </p>
            </div>
            <Badge tone={statusTone(proposal.status)}>{t(`decision.status.${proposal.status}`)}</Badge>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The meetings that worked on the project or heard it, latest first, each a link to its page. */
function ProjectMeetings({ project }: { project: Project }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  if (project.meetings.length === 0) return null;
  return (
    <section aria-labelledby="meetings-title">
      <h2 id="meetings-title">{t('project.meetings.title')}</h2>
      <ul className="member-list">
        {project.meetings.map((meeting) => (
          <li key={meeting.id} className="member">
            <div>
              <Link className="member-name" to={`/p/${partnershipId}/reunions/${meeting.id}`}>
                {meeting.title}
              </Link>
              <p className="muted small">{t('project.meetings.when', { body: meeting.body.name, date: formatDate(meeting.startsAt) })}</p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The working group's reports, newest first as the server sends them; new needs may start a new idea. */
function Evaluations({ project }: { project: Project }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const formatDate = useFormatDate();
  if (project.evaluations.length === 0) return null;
  return (
    <section aria-labelledby="evaluations-title">
      <h2 id="evaluations-title">{t('project.evaluations.title')}</h2>
      {project.evaluations.map((evaluation) => {
        const idea: IdeaDraft = { summary: evaluation.emergingNeeds, origin: 'body', originDetail: t('project.evaluations.ideaOrigin', { title: project.title }) };
        return (
          <div key={evaluation.id} className="card">
            <h3>{t('project.evaluations.period', { date: formatDate(evaluation.periodEndsOn) })}</h3>
            <p className="muted small">{t('project.evaluations.reportedBy', { name: evaluation.reportedBy.fullName, date: formatDate(evaluation.reportedAt) })}</p>
            <p className="text-block">{evaluation.analysis}</p>
            {evaluation.proposedOutcome && <p>{t('project.evaluations.proposed', { outcome: t(`project.outcome.${evaluation.proposedOutcome}`) })}</p>}
            <p>
              <strong>
                {evaluation.outcome
                  ? t('project.evaluations.decided', { outcome: t(`project.outcome.${evaluation.outcome}`) })
                  : evaluation.decidedAt
                    ? t('project.evaluations.notAdopted')
                    : t('project.evaluations.awaiting')}
              </strong>
              {evaluation.proposalId && (
                <>
                  {' '}
                  · <Link to={`/p/${partnershipId}/propositions/${evaluation.proposalId}`}>{t('project.evaluations.seeProposal')}</Link>
                </>
              )}
            </p>
            {evaluation.emergingNeeds && (
              <>
                <h4>{t('project.evaluate.emergingNeeds')}</h4>
                <p className="text-block">{evaluation.emergingNeeds}</p>
                <p>
                  <Link to={`/p/${partnershipId}/projets#${NEW_IDEA_ANCHOR}`} state={{ idea }}>
                    {t('project.evaluations.toIdea')}
                  </Link>
                </p>
              </>
            )}
          </div>
        );
      })}
    </section>
  );
}
