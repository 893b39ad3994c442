import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError, Loading, LoadError, PageTitle, useFormatDate } from '../../components/ui';
import { PersonPicker } from '../../components/PersonPicker';
import { useAct, useDeleteAct, usePartnershipId, usePartnershipQuery, useUnsavedChanges } from '../../hooks';
import { useSession } from '../../session';
import type { Answer } from '../../../common/contract';
import type { actionPlansAnswer } from '../../../action-plans/contract';
import { ACTION_STATUSES, actionCounts, isOpenAction, type ActionStatus } from '../../../action-plans/rules';
import { TO_DO_ANCHORS } from '../../../participation/rules';

type Page = Answer<typeof actionPlansAnswer>;
type Plan = NonNullable<Page['inForce']>;
type Action = Plan['subjects'][number]['actions'][number];

/** An action's status, changed by its owner (or an administrator) in one choice. */
function StatusForm({ planId, action }: { planId: string; action: Action }) {
  const { t } = useTranslation();
  const set = useAct<{ status: ActionStatus }, null>('put', () => `/action-plans/${planId}/actions/${action.id}/status`);
  return (
    <div className="field">
      <label htmlFor={`status-${action.id}`}>{t('actionPlan.setStatus', { title: action.title })}</label>
      <select id={`status-${action.id}`} value={action.status} disabled={set.isPending} onChange={(event) => set.mutate({ status: event.target.value as ActionStatus })}>
        {ACTION_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`actionPlan.status.${status}`)}
          </option>
        ))}
      </select>
      <FormError error={set.error} shown={[]} />
      {set.isSuccess && <p role="status">{t('actionPlan.statusSaved')}</p>}
    </div>
  );
}

function ActionLine({ planId, action }: { planId: string; action: Action }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <li className="card">
      <p>
        <strong>{action.title}</strong> <span className="badge">{t(`actionPlan.status.${action.status}`)}</span>
      </p>
      <p className="small">
        {action.owner ? t('actionPlan.owner', { name: action.owner.fullName }) : t('actionPlan.noOwner')} ·{' '}
        {action.deadline ? t('actionPlan.deadline', { date: formatDate(action.deadline) }) : t('actionPlan.noDeadline')}
      </p>
      {action.canSetStatus && <StatusForm planId={planId} action={action} />}
    </li>
  );
}

/** The plan as adopted: its subjects, their actions and the projects serving each. */
function PlanView({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const partnershipId = usePartnershipId();
  const actions = plan.subjects.flatMap((subject) => subject.actions);
  const counts = actionCounts(actions);
  return (
    <section aria-labelledby="plan-in-force">
      <h2 id="plan-in-force">
        {t('actionPlan.inForce')} : {plan.title}
      </h2>
      <p className="muted">
        {t('actionPlan.period', { startsOn: formatDate(plan.startsOn), endsOn: formatDate(plan.endsOn) })}
        {plan.adoptedOn && <> · {t('actionPlan.adoptedOn', { date: formatDate(plan.adoptedOn) })}</>}
        {plan.proposal && (
          <>
            {' '}
            · <Link to={`/p/${partnershipId}/propositions/${plan.proposal.id}`}>{t('actionPlan.seeDecision')}</Link>
          </>
        )}
      </p>
      <p>{t('actionPlan.progress', { done: counts.done, total: actions.length })}</p>
      {plan.subjects.map((subject) => (
        <section key={subject.id} aria-labelledby={`subject-${subject.id}`}>
          <h3 id={`subject-${subject.id}`}>{subject.title}</h3>
          {subject.description && <p>{subject.description}</p>}
          {subject.actions.length === 0 ? (
            <p className="muted">{t('actionPlan.noActions')}</p>
          ) : (
            <ul className="card-list">
              {subject.actions.map((action) => (
                <ActionLine key={action.id} planId={plan.id} action={action} />
              ))}
            </ul>
          )}
          <h4>{t('actionPlan.projects')}</h4>
          {subject.projects.length === 0 ? (
            <p className="muted small">{t('actionPlan.noProjects')}</p>
          ) : (
            <ul>
              {subject.projects.map((project) => (
                <li key={project.id}>
                  <Link to={`/p/${partnershipId}/projets/${project.id}`}>{project.title}</Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}

/** The viewer's open actions of the plan in force, where « À faire pour vous » and the mails lead. */
function YourActions({ plan, personId }: { plan: Plan; personId: string }) {
  const { t } = useTranslation();
  const yours = plan.subjects.flatMap((subject) => subject.actions).filter((action) => action.owner?.id === personId && isOpenAction(action.status));
  return (
    <section id={TO_DO_ANCHORS.action} aria-labelledby="your-actions" tabIndex={-1} className="card">
      <h2 id="your-actions">{t('actionPlan.yours')}</h2>
      {yours.length === 0 ? (
        <p className="muted">{t('actionPlan.yoursEmpty')}</p>
      ) : (
        <ul className="card-list">
          {yours.map((action) => (
            <ActionLine key={action.id} planId={plan.id} action={action} />
          ))}
        </ul>
      )}
    </section>
  );
}

interface DraftAction {
  id?: string | undefined;
  title: string;
  ownerId: string | null;
  deadline: string | null;
  status: ActionStatus;
}
interface DraftSubject {
  id?: string | undefined;
  title: string;
  description: string;
  actions: DraftAction[];
}

/** The draft, edited whole and saved whole; then put to the decision the matrix names. */
function DraftEditor({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const unsaved = useUnsavedChanges();
  const [title, setTitle] = useState(plan.title);
  const [startsOn, setStartsOn] = useState(plan.startsOn);
  const [endsOn, setEndsOn] = useState(plan.endsOn);
  const [subjects, setSubjects] = useState<DraftSubject[]>(() =>
    plan.subjects.map((subject) => ({
      id: subject.id,
      title: subject.title,
      description: subject.description,
      actions: subject.actions.map((action) => ({ id: action.id, title: action.title, ownerId: action.owner?.id ?? null, deadline: action.deadline, status: action.status })),
    })),
  );
  const save = useAct<unknown>('put', () => `/action-plans/${plan.id}`);
  const propose = useAct<unknown>('post', () => `/action-plans/${plan.id}/proposal`);
  const discard = useDeleteAct<void, null>(() => `/action-plans/${plan.id}`);
  const underDecision = plan.proposal?.status === 'open';
  const edit = (change: (draft: DraftSubject[]) => DraftSubject[]) => {
    unsaved.changed();
    setSubjects(change(subjects));
  };
  const setSubject = (index: number, patch: Partial<DraftSubject>) => edit((all) => all.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const setAction = (index: number, actionIndex: number, patch: Partial<DraftAction>) =>
    setSubject(index, { actions: subjects[index]!.actions.map((a, j) => (j === actionIndex ? { ...a, ...patch } : a)) });
  const move = (index: number, by: number) =>
    edit((all) => {
      const next = [...all];
      const [moved] = next.splice(index, 1);
      next.splice(index + by, 0, moved!);
      return next;
    });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate({ title, startsOn, endsOn, subjects }, { onSuccess: () => unsaved.saved() });
  };
  if (underDecision) {
    return (
      <section className="card" aria-labelledby="draft-title">
        <h2 id="draft-title">{t('actionPlan.draft.title', { title: plan.title })}</h2>
        <p>{t('actionPlan.draft.underDecision')}</p>
        <p>
          <Link to={`/p/${partnershipId}/propositions/${plan.proposal!.id}`}>{t('actionPlan.draft.seeProposal')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="draft-title">
      <h2 id="draft-title">{t('actionPlan.draft.title', { title: plan.title })}</h2>
      {plan.proposal && (
        <p>
          {t('actionPlan.draft.lastProposal', { status: t(`decision.status.${plan.proposal.status}`) })}{' '}
          <Link to={`/p/${partnershipId}/propositions/${plan.proposal.id}`}>{t('actionPlan.draft.seeProposal')}</Link>
        </p>
      )}
      <form onSubmit={onSubmit} noValidate>
        <FormError error={save.error} shown={['title', 'startsOn', 'endsOn']} />
        <div className="field">
          <label htmlFor="plan-title">{t('actionPlan.draft.planTitle')}</label>
          <input id="plan-title" value={title} onChange={(event) => {
              unsaved.changed();
              setTitle(event.target.value);
            }} />
        </div>
        <div className="field">
          <label htmlFor="plan-starts">{t('actionPlan.draft.startsOn')}</label>
          <input id="plan-starts" type="date" value={startsOn} onChange={(event) => {
              unsaved.changed();
              setStartsOn(event.target.value);
            }} />
        </div>
        <div className="field">
          <label htmlFor="plan-ends">{t('actionPlan.draft.endsOn')}</label>
          <input id="plan-ends" type="date" value={endsOn} onChange={(event) => {
              unsaved.changed();
              setEndsOn(event.target.value);
            }} />
        </div>
        {subjects.map((subject, index) => (
          <fieldset key={subject.id ?? `new-${index}`}>
            <legend>{t('actionPlan.draft.subject', { n: index + 1 })}</legend>
            <div className="field">
              <label htmlFor={`subject-title-${index}`}>{t('actionPlan.draft.subjectTitle')}</label>
              <input id={`subject-title-${index}`} value={subject.title} onChange={(event) => setSubject(index, { title: event.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`subject-description-${index}`}>{t('actionPlan.draft.subjectDescription')}</label>
              <textarea id={`subject-description-${index}`} rows={2} value={subject.description} onChange={(event) => setSubject(index, { description: event.target.value })} />
            </div>
            {subject.actions.map((action, actionIndex) => (
              <fieldset key={action.id ?? `new-${actionIndex}`}>
                <legend>{t('actionPlan.draft.action', { n: actionIndex + 1 })}</legend>
                <div className="field">
                  <label htmlFor={`action-title-${index}-${actionIndex}`}>{t('actionPlan.draft.actionTitle')}</label>
                  <input id={`action-title-${index}-${actionIndex}`} value={action.title} onChange={(event) => setAction(index, actionIndex, { title: event.target.value })} />
                </div>
                <div className="field">
                  <label htmlFor={`action-owner-${index}-${actionIndex}`}>{t('actionPlan.draft.owner')}</label>
                  <PersonPicker id={`action-owner-${index}-${actionIndex}`} value={action.ownerId} onChange={(ownerId) => setAction(index, actionIndex, { ownerId })} noneLabel={t('actionPlan.draft.noOwner')} />
                </div>
                <div className="field">
                  <label htmlFor={`action-deadline-${index}-${actionIndex}`}>{t('actionPlan.draft.deadline')}</label>
                  <input
                    id={`action-deadline-${index}-${actionIndex}`}
                    type="date"
                    value={action.deadline ?? ''}
                    onChange={(event) => setAction(index, actionIndex, { deadline: event.target.value || null })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`action-status-${index}-${actionIndex}`}>{t('actionPlan.draft.actionStatus')}</label>
                  <select id={`action-status-${index}-${actionIndex}`} value={action.status} onChange={(event) => setAction(index, actionIndex, { status: event.target.value as ActionStatus })}>
                    {ACTION_STATUSES.map((status) => (
                      <option key={status} value={status}>
                        {t(`actionPlan.status.${status}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="button" className="button-quiet" onClick={() => setSubject(index, { actions: subject.actions.filter((_, j) => j !== actionIndex) })}>
                  {t('actionPlan.draft.removeAction', { n: actionIndex + 1 })}
                </button>
              </fieldset>
            ))}
            <div className="button-row">
              <button type="button" className="button-quiet" onClick={() => setSubject(index, { actions: [...subject.actions, { title: '', ownerId: null, deadline: null, status: 'todo' }] })}>
                {t('actionPlan.draft.addAction')}
              </button>
              {index > 0 && (
                <button type="button" className="button-quiet" onClick={() => move(index, -1)}>
                  {t('actionPlan.draft.moveUp', { n: index + 1 })}
                </button>
              )}
              {index < subjects.length - 1 && (
                <button type="button" className="button-quiet" onClick={() => move(index, 1)}>
                  {t('actionPlan.draft.moveDown', { n: index + 1 })}
                </button>
              )}
              <button type="button" className="button-quiet" onClick={() => edit((all) => all.filter((_, i) => i !== index))}>
                {t('actionPlan.draft.removeSubject', { n: index + 1 })}
              </button>
            </div>
          </fieldset>
        ))}
        <p>
          <button type="button" className="button-quiet" onClick={() => edit((all) => [...all, { title: '', description: '', actions: [] }])}>
            {t('actionPlan.draft.addSubject')}
          </button>
        </p>
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {t('actionPlan.draft.save')}
        </button>
        {save.isSuccess && <p role="status">{t('actionPlan.draft.saved')}</p>}
      </form>
      <p className="hint">{t('actionPlan.draft.proposeHint')}</p>
      <FormError error={propose.error} shown={[]} />
      <div className="button-row">
        <button type="button" className="button-primary" disabled={propose.isPending || save.isPending} onClick={() => propose.mutate({})}>
          {t('actionPlan.draft.propose')}
        </button>
        <button type="button" className="button-quiet" disabled={discard.isPending} onClick={() => window.confirm(t('actionPlan.draft.discardConfirm')) && discard.mutate()}>
          {t('actionPlan.draft.discard')}
        </button>
      </div>
      <FormError error={discard.error} shown={[]} />
    </section>
  );
}

function StartDraft() {
  const { t } = useTranslation();
  const start = useAct<unknown>('post', () => '/action-plans');
  return (
    <section className="card">
      <p className="hint">{t('actionPlan.draft.startHint')}</p>
      <FormError error={start.error} shown={[]} />
      <button type="button" className="button-primary" disabled={start.isPending} onClick={() => start.mutate({})}>
        {t('actionPlan.draft.start')}
      </button>
    </section>
  );
}

export default function ActionPlanPage() {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const session = useSession();
  const personId = session.data?.partnerships.find((p) => p.id === partnershipId)?.personId ?? '';
  const query = usePartnershipQuery<Page>('/action-plans');
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const page = query.data;
  return (
    <article>
      <PageTitle title={t('actionPlan.title')}>{t('actionPlan.title')}</PageTitle>
      <p className="muted">{t('actionPlan.intro')}</p>
      {page.inForce ? (
        <>
          <YourActions plan={page.inForce} personId={personId} />
          <PlanView plan={page.inForce} />
        </>
      ) : (
        <p>{t('actionPlan.none')}</p>
      )}
      {page.can.draft && (page.draft ? <DraftEditor key={page.draft.id} plan={page.draft} /> : <StartDraft />)}
      {page.superseded.length > 0 && (
        <section aria-labelledby="earlier-plans">
          <h2 id="earlier-plans">{t('actionPlan.superseded')}</h2>
          <ul>
            {page.superseded.map((plan) => (
              <li key={plan.id}>
                {plan.title} ({plan.startsOn} – {plan.endsOn})
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
