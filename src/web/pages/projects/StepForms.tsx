import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EVALUATION_OUTCOMES } from '../../../projects/rules';
import { Disclosure } from '../../components/Disclosure';
import { ItemSelect, namedItems } from '../../components/ItemSelect';
import { PersonPicker } from '../../components/PersonPicker';
import { Field, fieldError, FormError, todayIso } from '../../components/ui';
import { orNull, useAct, useOverview, useUnsavedChanges } from '../../hooks';
import type { Project } from './ProjectPage';

/**
 * The anchors of the forms a step waits on: the « À faire pour vous » list and the mails link to
 * them (see the list in projects/contract.ts), so a tap lands on the form to fill.
 */
export const PROJECT_ANCHORS = {
  formalize: 'formaliser',
  present: 'presenter',
  tellCarriers: 'informer-les-porteurs',
  referent: 'nommer-referent',
  lead: 'nommer-chef-de-projet',
  confirmation: 'valider-nomination',
  evaluation: 'evaluer',
} as const;

interface StepFormProps {
  readonly project: Project;
  /** Said once the act is recorded: the form may vanish with it (the step is done), the message stays. */
  readonly onDone: (message: string) => void;
}

const text = (data: FormData, name: string) => String(data.get(name) ?? '').trim();

/**
 * Records the act, then says so. Once recorded, the page's refreshed answer may take the form
 * away (its step is done), and the callbacks given to `mutate` go with it; the promise does not.
 * A refusal stays in the act's state, which the form shows while it is there.
 */
function record<Input>(act: { mutateAsync: (input: Input) => Promise<unknown> }, input: Input, after: () => void): void {
  act.mutateAsync(input).then(after, () => undefined);
}

/** A form of the project page: its heading names the step, its id is the anchor links land on. */
function StepForm({ id, title, hint, error, shown, pending, submit, onSubmit, onChange, children }: {
  id: string;
  title: string;
  hint?: string;
  error: unknown;
  shown: readonly string[];
  pending: boolean;
  submit: string;
  onSubmit: (data: FormData) => void;
  onChange?: () => void;
  children: ReactNode;
}) {
  return (
    <form
      id={id}
      className="card"
      noValidate
      aria-labelledby={`${id}-title`}
      onChange={onChange}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        onSubmit(new FormData(event.currentTarget));
      }}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      {hint && <p className="hint">{hint}</p>}
      <FormError error={error} shown={shown} />
      {children}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={pending}>
          {submit}
        </button>
      </div>
    </form>
  );
}

/** The participating houses, as boxes to tick: those already named are ticked. */
function OrganizationChoice({ name, legend, hint, chosen, error }: { name: string; legend: string; hint?: string; chosen: readonly string[]; error: string | undefined }) {
  const overview = useOverview();
  const organizations = overview.data?.organizations ?? [];
  const errorId = `${name}-error`;
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}
      {organizations.map((organization) => (
        <label className="checkbox" key={organization.id}>
          <input type="checkbox" name={name} value={organization.id} defaultChecked={chosen.includes(organization.id)} aria-invalid={Boolean(error)} />
          {organization.name}
        </label>
      ))}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Step 2: the carriers write the needs they saw, their analysis, and which houses would take part. */
export function FormalizeForm({ project, onDone }: StepFormProps) {
  const { t } = useTranslation();
  const unsaved = useUnsavedChanges();
  const act = useAct<{ needs: string; analysis: string; organizationIds: string[] }>('put', () => `/projects/${project.id}/formalization`);
  const rewriting = project.stage !== 'idea';
  return (
    <StepForm
      id={PROJECT_ANCHORS.formalize}
      title={rewriting ? t('project.formalize.rewriteTitle') : t('project.formalize.title')}
      hint={t('project.formalize.hint')}
      error={act.error}
      shown={['needs', 'analysis', 'organizationIds']}
      pending={act.isPending}
      submit={t('project.formalize.submit')}
      onChange={unsaved.changed}
      onSubmit={(data) =>
        record(act, { needs: text(data, 'needs'), analysis: text(data, 'analysis'), organizationIds: data.getAll('organizationIds').map(String) }, () => {
          unsaved.saved();
          onDone(t('project.formalize.done'));
        })
      }
    >
      <Field label={t('project.formalize.needs')} hint={t('project.formalize.needsHint')} error={fieldError(act.error, 'needs')}>
        {(props) => <textarea {...props} name="needs" rows={5} defaultValue={project.needs} />}
      </Field>
      <Field label={t('project.formalize.analysis')} hint={t('project.formalize.analysisHint')} error={fieldError(act.error, 'analysis')}>
        {(props) => <textarea {...props} name="analysis" rows={5} defaultValue={project.analysis} />}
      </Field>
      <OrganizationChoice
        name="organizationIds"
        legend={t('project.formalize.organizations')}
        hint={t('project.formalize.organizationsHint')}
        chosen={project.organizations.map((organization) => organization.id)}
        error={fieldError(act.error, 'organizationIds')}
      />
    </StepForm>
  );
}

/** Step 3: the project goes to the validating body as a proposal; its words may be left to the default. */
export function PresentForm({ project, onDone }: StepFormProps) {
  const { t } = useTranslation();
  const unsaved = useUnsavedChanges();
  const act = useAct<{ wording?: string; context?: string; facilitatorId?: string }>('post', () => `/projects/${project.id}/presentation`);
  return (
    <StepForm
      id={PROJECT_ANCHORS.present}
      title={t('project.present.title')}
      hint={project.validatingBody ? t('project.present.hint', { body: project.validatingBody.name }) : t('project.present.hintNoBody')}
      error={act.error}
      shown={['wording', 'context', 'facilitatorId']}
      pending={act.isPending}
      submit={t('project.present.submit')}
      onChange={unsaved.changed}
      onSubmit={(data) => {
        const wording = orNull(data.get('wording'));
        const context = orNull(data.get('context'));
        const facilitatorId = orNull(data.get('facilitatorId'));
        record(act, { ...(wording !== null && { wording }), ...(context !== null && { context }), ...(facilitatorId !== null && { facilitatorId }) }, () => {
          unsaved.saved();
          onDone(t('project.present.done'));
          });
          }}
          >
          <Field label={t('project.present.wording')} hint={t('project.present.wordingHint', { title: project.title })} error={fieldError(act.error, 'wording')}>
          {(props) => <textarea {...props} name="wording" rows={2} />}
          </Field>
          <Field label={t('project.present.context')} hint={t('project.present.contextHint')} error={fieldError(act.error, 'context')}>
          {(props) => <textarea {...props} name="context" rows={4} />}
          </Field>
          <Field label={t('project.present.facilitator')} hint={t('project.present.facilitatorHint')} error={fieldError(act.error, 'facilitatorId')}>
          {(props) => <PersonPicker {...props} name="facilitatorId" noneLabel={t('project.present.facilitatorMe')} />}
          </Field>
          </StepForm>
          );
          }
          
          /** Step 5: the validating body's recommendations and points of vigilance, mailed to the carriers. */
          export function TellCarriersForm({ project, onDone }: StepFormProps) {
          const { t } = useTranslation();
          const unsaved = useUnsavedChanges();
          const act = useAct<{ recommendations: string; vigilance: string }>('post', () => `/projects/${project.id}/carriers-told`);
          return (
          <StepForm
          id={PROJECT_ANCHORS.tellCarriers}
          title={t('project.tell.title')}
          hint={t('project.tell.hint')}
          error={act.error}
          shown={['recommendations', 'vigilance']}
          pending={act.isPending}
          submit={t('project.tell.submit')}
          onChange={unsaved.changed}
          onSubmit={(data) =>
        record(act, { recommendations: text(data, 'recommendations'), vigilance: text(data, 'vigilance') }, () => {
          unsaved.saved();
          onDone(t('project.tell.done'));
        })
      }
    >
      <Field label={t('project.tell.recommendations')} error={fieldError(act.error, 'recommendations')}>
        {(props) => <textarea {...props} name="recommendations" rows={4} />}
      </Field>
      <Field label={t('project.tell.vigilance')} error={fieldError(act.error, 'vigilance')}>
        {(props) => <textarea {...props} name="vigilance" rows={4} />}
      </Field>
    </StepForm>
  );
}

/** Step 7: an administrator of a participating house names its referent, who joins the working group. */
export function ReferentForm({ project, onDone }: StepFormProps) {
  const { t } = useTranslation();
  const houses = project.organizations.filter((organization) => project.can.nameReferentFor.includes(organization.id));
  const [chosenHouse, setOrganizationId] = useState('');
  // A house whose referent was just named leaves the list; with one house left, it is the one.
  const organizationId = houses.some((house) => house.id === chosenHouse) ? chosenHouse : houses.length === 1 ? houses[0]!.id : '';
  const [personId, setPersonId] = useState<string | null>(null);
  const act = useAct<{ organizationId: string; personId: string }>('post', () => `/projects/${project.id}/referents`);
  const seated = new Set(project.workingGroup?.referents.flatMap((entry) => entry.people.map((person) => person.id)) ?? []);
  return (
    <StepForm
      id={PROJECT_ANCHORS.referent}
      title={t('project.referent.title')}
      hint={t('project.referent.hint')}
      error={act.error}
      shown={['organizationId', 'personId']}
      pending={act.isPending}
      submit={t('project.referent.submit')}
      onSubmit={() =>
        record(act, { organizationId, personId: personId ?? '' }, () => {
          setPersonId(null);
          onDone(t('project.referent.done'));
        })
      }
    >
      {houses.length === 1 ? (
        <p>{t('project.referent.forHouse', { organization: houses[0]!.name })}</p>
      ) : (
        <Field label={t('project.referent.house')} error={fieldError(act.error, 'organizationId')}>
          {(props) => (
            <ItemSelect
              {...props}
              items={namedItems(houses)}
              value={organizationId}
              onChange={(event) => {
                setOrganizationId(event.target.value);
                setPersonId(null);
              }}
            />
          )}
        </Field>
      )}
      <Field label={t('project.referent.person')} hint={t('project.referent.personHint')} error={fieldError(act.error, 'personId')}>
        {(props) => <PersonPicker {...props} organizationId={organizationId || undefined} exclude={seated} value={personId} onChange={setPersonId} />}
      </Field>
    </StepForm>
  );
}

/** Step 8: the body the charter names chooses the lead and writes the mission sheet. */
export function LeadForm({ project, onDone }: StepFormProps) {
  const { t } = useTranslation();
  const unsaved = useUnsavedChanges();
  const [personId, setPersonId] = useState<string | null>(null);
  const act = useAct<{ personId: string; missionGoals: string; missionTime: string; missionTraining: string }>('post', () => `/projects/${project.id}/lead`);
  return (
    <StepForm
      id={PROJECT_ANCHORS.lead}
      title={t('project.lead.title')}
      hint={project.lead.nominee ? t('project.lead.hintReplace', { name: project.lead.nominee.fullName }) : t('project.lead.hint')}
      error={act.error}
      shown={['personId', 'missionGoals', 'missionTime', 'missionTraining']}
      pending={act.isPending}
      submit={t('project.lead.submit')}
      onChange={unsaved.changed}
      onSubmit={(data) =>
        record(act, { personId: personId ?? '', missionGoals: text(data, 'missionGoals'), missionTime: text(data, 'missionTime'), missionTraining: text(data, 'missionTraining') }, () => {
          unsaved.saved();
          setPersonId(null);
          onDone(t('project.lead.done'));
        })
      }
    >
      <Field label={t('project.lead.person')} error={fieldError(act.error, 'personId')}>
        {(props) => <PersonPicker {...props} value={personId} onChange={setPersonId} />}
      </Field>
      <fieldset>
        <legend>{t('project.mission.title')}</legend>
        <Field label={t('project.mission.goals')} hint={t('project.mission.goalsHint')} error={fieldError(act.error, 'missionGoals')}>
          {(props) => <textarea {...props} name="missionGoals" rows={4} defaultValue={project.missionGoals} />}
        </Field>
        <Field label={t('project.mission.time')} hint={t('project.mission.timeHint')} error={fieldError(act.error, 'missionTime')}>
          {(props) => <input {...props} name="missionTime" defaultValue={project.missionTime} />}
        </Field>
        <Field label={t('project.mission.training')} error={fieldError(act.error, 'missionTraining')}>
          {(props) => <textarea {...props} name="missionTraining" rows={3} defaultValue={project.missionTraining} />}
        </Field>
      </fieldset>
    </StepForm>
  );
}

/** Step 9: each confirmer approves the nominee, or refuses with a reason (the nomination then falls). */
export function ConfirmationForm({ project, onDone }: StepFormProps) {
  const { t } = useTranslation();
  const approve = useAct<Record<string, never>>('post', () => `/projects/${project.id}/lead/approval`);
  const refuse = useAct<{ reason: string }>('post', () => `/projects/${project.id}/lead/refusal`);
  const nominee = project.lead.nominee?.fullName ?? '';
  return (
    <section id={PROJECT_ANCHORS.confirmation} className="card" aria-labelledby="confirmation-title">
      <h3 id="confirmation-title">{t('project.confirm.title', { name: nominee })}</h3>
      <p className="hint">{t('project.confirm.hint')}</p>
      {project.can.approveLead && (
        <>
          <FormError error={approve.error} />
          <button type="button" className="button-primary" disabled={approve.isPending} onClick={() => record(approve, {}, () => onDone(t('project.confirm.approved')))}>
            {t('project.confirm.approve')}
          </button>
        </>
      )}
      {project.can.refuseLead && (
        <Disclosure label={t('project.confirm.refuse')}>
          <form
            noValidate
            className="card"
            onSubmit={(event) => {
              event.preventDefault();
              record(refuse, { reason: text(new FormData(event.currentTarget), 'reason') }, () => onDone(t('project.confirm.refused')));
            }}
          >
            <FormError error={refuse.error} shown={['reason']} />
            <Field label={t('project.confirm.reason')} hint={t('project.confirm.reasonHint')} error={fieldError(refuse.error, 'reason')}>
              {(props) => <textarea {...props} name="reason" rows={3} />}
            </Field>
            <button type="submit" className="button-danger" disabled={refuse.isPending}>
              {t('project.confirm.refuseSubmit')}
            </button>
          </form>
        </Disclosure>
      )}
    </section>
  );
}

/** The period an evaluation covers ends on its due day, or today when reported early. */
function periodEnd(dueOn: string | null): string {
  const today = todayIso();
  return dueOn !== null && dueOn < today ? dueOn : today;
}

/** The evaluation: the working group reports, and proposes to renew, adjust or close the project. */
export function EvaluationForm({ project, onDone }: StepFormProps) {
  const { t } = useTranslation();
  const unsaved = useUnsavedChanges();
  const act = useAct<{ periodEndsOn: string; analysis: string; emergingNeeds: string; proposedOutcome: string }>('post', () => `/projects/${project.id}/evaluations`);
  const outcomeError = fieldError(act.error, 'proposedOutcome');
  return (
    <StepForm
      id={PROJECT_ANCHORS.evaluation}
      title={t('project.evaluate.title')}
      hint={t('project.evaluate.hint')}
      error={act.error}
      shown={['periodEndsOn', 'analysis', 'emergingNeeds', 'proposedOutcome']}
      pending={act.isPending}
      submit={t('project.evaluate.submit')}
      onChange={unsaved.changed}
      onSubmit={(data) =>
        record(act, { periodEndsOn: text(data, 'periodEndsOn'), analysis: text(data, 'analysis'), emergingNeeds: text(data, 'emergingNeeds'), proposedOutcome: text(data, 'proposedOutcome') }, () => {
          unsaved.saved();
          onDone(t('project.evaluate.done'));
        })
      }
    >
      <Field label={t('project.evaluate.periodEndsOn')} error={fieldError(act.error, 'periodEndsOn')}>
        {(props) => <input {...props} type="date" name="periodEndsOn" defaultValue={periodEnd(project.evaluationDueOn)} />}
      </Field>
      <Field label={t('project.evaluate.analysis')} hint={t('project.evaluate.analysisHint')} error={fieldError(act.error, 'analysis')}>
        {(props) => <textarea {...props} name="analysis" rows={5} />}
      </Field>
      <Field label={t('project.evaluate.emergingNeeds')} hint={t('project.evaluate.emergingNeedsHint')} error={fieldError(act.error, 'emergingNeeds')}>
        {(props) => <textarea {...props} name="emergingNeeds" rows={3} />}
      </Field>
      <fieldset aria-describedby={outcomeError ? 'proposed-outcome-error' : undefined}>
        <legend>{t('project.evaluate.proposedOutcome')}</legend>
        {EVALUATION_OUTCOMES.map((outcome) => (
          <div className="choice" key={outcome}>
            <input type="radio" id={`outcome-${outcome}`} name="proposedOutcome" value={outcome} defaultChecked={outcome === 'renew'} aria-invalid={Boolean(outcomeError)} />
            <label htmlFor={`outcome-${outcome}`}>
              {t(`project.outcome.${outcome}`)}
              <span className="hint">{t(`project.evaluate.outcomeExplained.${outcome}`)}</span>
            </label>
          </div>
        ))}
        {outcomeError && (
          <p id="proposed-outcome-error" className="field-error">
            {outcomeError}
          </p>
        )}
      </fieldset>
    </StepForm>
  );
}
