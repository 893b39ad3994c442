import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../../common/contract';
import type { conductAnswer } from '../../../projects/conduct/contract';
import { MEANS_KINDS } from '../../../projects/rules';
import { Disclosure } from '../../components/Disclosure';
import { ItemSelect, namedItems } from '../../components/ItemSelect';
import { PersonPicker } from '../../components/PersonPicker';
import { Badge, Field, fieldError, FormError, LoadError, Loading, todayIso, useFormatDate } from '../../components/ui';
import { numberOrNull, orNull, useAct, useDeleteAct, usePartnershipQuery, useUnsavedChanges } from '../../hooks';

type Conduct = Answer<typeof conductAnswer>;
type Objective = Conduct['objectives'][number];
type Indicator = Conduct['indicators'][number];

/** The anchors of the conduct's sections, for links from elsewhere on the page. */
export const CONDUCT_ANCHORS = { objectives: 'objectifs', indicators: 'indicateurs', means: 'moyens' } as const;

const text = (data: FormData, name: string) => String(data.get(name) ?? '').trim();

/**
 * The conduct of a common project, as sections of its page: the diagnosis of needs, purposes,
 * objectives with what they lack to be SMART, indicators of success with their measurements,
 * the means each house provides, and the mission sheet's form. It loads its own data; the forms
 * show only to those the server lets write (`can`).
 */
export function ConductSections({ projectId }: { projectId: string }) {
  const query = usePartnershipQuery<Conduct>(`/projects/${projectId}/conduct`);
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const conduct = query.data;
  const path = `/projects/${projectId}`;
  return (
    <>
      <Diagnosis conduct={conduct} path={path} />
      <Purposes conduct={conduct} path={path} />
      <Objectives conduct={conduct} path={path} />
      <Indicators conduct={conduct} path={path} />
      <Means conduct={conduct} path={path} />
      {conduct.can.writeMissionSheet && <MissionSheetForm conduct={conduct} path={path} />}
    </>
  );
}

interface SectionProps {
  readonly conduct: Conduct;
  /** The project's path under the partnership, which the acts' routes extend. */
  readonly path: string;
}

/** A form of the conduct: its fields, its error, its one button; it warns before unsaved changes are lost. */
function ConductForm({ title, error, shown, pending, submit, onSubmit, children }: {
  title: string;
  error: unknown;
  shown: readonly string[];
  pending: boolean;
  submit: string;
  onSubmit: (data: FormData, done: () => void) => void;
  children: ReactNode;
}) {
  const unsaved = useUnsavedChanges();
  return (
    <form
      className="card"
      noValidate
      aria-label={title}
      onChange={unsaved.changed}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        onSubmit(new FormData(event.currentTarget), unsaved.saved);
      }}
    >
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

/**
 * A form behind its button that closes once its act is recorded: the Disclosure is drawn anew,
 * closed, each time `done` is called.
 */
function FormBehind({ label, className, children }: { label: string; className?: string; children: (done: () => void) => ReactNode }) {
  const [round, setRound] = useState(0);
  return (
    <Disclosure key={round} label={label} {...(className ? { className } : {})}>
      {children(() => setRound((value) => value + 1))}
    </Disclosure>
  );
}

/** A button that removes one row, named after it for screen readers; the server's refusal shows beside it. */
function RemoveButton({ path, label }: { path: string; label: string }) {
  const { t } = useTranslation();
  const remove = useDeleteAct(() => path);
  return (
    <span>
      <button type="button" className="button-quiet" aria-label={label} disabled={remove.isPending} onClick={() => remove.mutate()}>
        {t('projectConduct.remove')}
      </button>
      {remove.error != null && <FormError error={remove.error} />}
    </span>
  );
}

function Diagnosis({ conduct, path }: SectionProps) {
  const { t } = useTranslation();
  const act = useAct<{ diagnosis: string; sources: string }>('put', () => `${path}/diagnosis`);
  const { diagnosis } = conduct;
  return (
    <section aria-labelledby="conduct-diagnosis-title">
      <h2 id="conduct-diagnosis-title">{t('projectConduct.diagnosis.title')}</h2>
      <p className="hint">{t('projectConduct.diagnosis.hint')}</p>
      {diagnosis.text === '' ? (
        <p className="muted">{t('projectConduct.diagnosis.none')}</p>
      ) : (
        <div className="card">
          <p className="text-block">{diagnosis.text}</p>
          {diagnosis.sources !== '' && <p className="small muted text-block">{t('projectConduct.diagnosis.sourcesRead', { sources: diagnosis.sources })}</p>}
        </div>
      )}
      {conduct.can.write && (
        <FormBehind label={diagnosis.text === '' ? t('projectConduct.diagnosis.write') : t('projectConduct.diagnosis.edit')}>
          {(close) => (
            <ConductForm
              title={t('projectConduct.diagnosis.title')}
              error={act.error}
              shown={['diagnosis', 'sources']}
              pending={act.isPending}
              submit={t('common.save')}
              onSubmit={(data, saved) => act.mutate({ diagnosis: text(data, 'diagnosis'), sources: text(data, 'sources') }, { onSuccess: () => (saved(), close()) })}
            >
              <Field label={t('projectConduct.diagnosis.text')} error={fieldError(act.error, 'diagnosis')}>
                {(props) => <textarea {...props} name="diagnosis" rows={8} defaultValue={diagnosis.text} />}
              </Field>
              <Field label={t('projectConduct.diagnosis.sources')} hint={t('projectConduct.diagnosis.sourcesHint')} error={fieldError(act.error, 'sources')}>
                {(props) => <textarea {...props} name="sources" rows={3} defaultValue={diagnosis.sources} />}
              </Field>
            </ConductForm>
          )}
        </FormBehind>
      )}
    </section>
  );
}

function Purposes({ conduct, path }: SectionProps) {
  const { t } = useTranslation();
  const add = useAct<{ statement: string }>('post', () => `${path}/purposes`);
  return (
    <section aria-labelledby="conduct-purposes-title">
      <h2 id="conduct-purposes-title">{t('projectConduct.purposes.title')}</h2>
      {conduct.purposes.length === 0 ? (
        <p className="muted">{t('projectConduct.purposes.none')}</p>
      ) : (
        <ol className="conduct-list">
          {conduct.purposes.map((purpose, index) => (
            <li key={purpose.id}>
              <span className="text-block">{purpose.statement}</span>
              {conduct.can.write && (
                <div className="actions">
                  <FormBehind label={t('projectConduct.edit')} className="button-quiet">
                    {(close) => <PurposeEdit path={`${path}/purposes/${purpose.id}`} statement={purpose.statement} place={index + 1} count={conduct.purposes.length} onDone={close} />}
                  </FormBehind>
                  <RemoveButton path={`${path}/purposes/${purpose.id}`} label={t('projectConduct.purposes.removeOne', { statement: purpose.statement })} />
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {conduct.can.write && (
        <FormBehind label={t('projectConduct.purposes.add')}>
          {(close) => (
            <ConductForm
              title={t('projectConduct.purposes.add')}
              error={add.error}
              shown={['statement']}
              pending={add.isPending}
              submit={t('projectConduct.purposes.add')}
              onSubmit={(data, saved) => add.mutate({ statement: text(data, 'statement') }, { onSuccess: () => (saved(), close()) })}
            >
              <Field label={t('projectConduct.purposes.statement')} error={fieldError(add.error, 'statement')}>
                {(props) => <textarea {...props} name="statement" rows={2} />}
              </Field>
            </ConductForm>
          )}
        </FormBehind>
      )}
    </section>
  );
}

function PurposeEdit({ path, statement, place, count, onDone }: { path: string; statement: string; place: number; count: number; onDone: () => void }) {
  const { t } = useTranslation();
  const act = useAct<{ statement: string; position: number }>('put', () => path);
  return (
    <ConductForm
      title={t('projectConduct.purposes.editOne', { statement })}
      error={act.error}
      shown={['statement', 'position']}
      pending={act.isPending}
      submit={t('common.save')}
      // The place is counted from 1 on screen, from 0 by the server.
      onSubmit={(data, saved) => act.mutate({ statement: text(data, 'statement'), position: (numberOrNull(data.get('place')) ?? place) - 1 }, { onSuccess: () => (saved(), onDone()) })}
    >
      <Field label={t('projectConduct.purposes.statement')} error={fieldError(act.error, 'statement')}>
        {(props) => <textarea {...props} name="statement" rows={2} defaultValue={statement} />}
      </Field>
      <Field label={t('projectConduct.purposes.position')} hint={t('projectConduct.purposes.positionHint')} error={fieldError(act.error, 'position')}>
        {(props) => <input {...props} name="place" type="number" inputMode="numeric" min={1} max={count} defaultValue={place} />}
      </Field>
    </ConductForm>
  );
}

/** What an objective lacks to be SMART, in plain words; a hint, never a refusal. */
function SmartHints({ objective }: { objective: Objective }) {
  const { t } = useTranslation();
  if (objective.smartGaps.length === 0) return <Badge tone="ok">{t('projectConduct.objectives.complete')}</Badge>;
  return (
    <div className="smart-gaps">
      <span className="visually-hidden">{t('projectConduct.objectives.gapsLabel')}</span>
      <ul className="plain-list">
        {objective.smartGaps.map((gap) => (
          <li key={gap}>
            <Badge tone="warn">{t(`projectConduct.objectives.gap.${gap}`)}</Badge>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Objectives({ conduct, path }: SectionProps) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <section id={CONDUCT_ANCHORS.objectives} aria-labelledby="conduct-objectives-title">
      <h2 id="conduct-objectives-title">{t('projectConduct.objectives.title')}</h2>
      <p className="hint">{t('projectConduct.objectives.hint')}</p>
      {conduct.objectives.length === 0 ? (
        <p className="muted">{t('projectConduct.objectives.none')}</p>
      ) : (
        <ul className="conduct-cards">
          {conduct.objectives.map((objective) => (
            <li key={objective.id} className="card">
              <h3>{objective.statement}</h3>
              <ul className="plain-list small">
                {objective.metric !== '' && <li>{t('projectConduct.objectives.measure', { metric: objective.metric })}</li>}
                {objective.target !== '' && <li>{t('projectConduct.objectives.aim', { target: objective.target })}</li>}
                {objective.deadline && <li>{t('projectConduct.objectives.due', { date: formatDate(objective.deadline) })}</li>}
                {objective.owner && <li>{t('projectConduct.objectives.carriedBy', { name: objective.owner.fullName })}</li>}
              </ul>
              <SmartHints objective={objective} />
              {conduct.can.write && (
                <div className="actions">
                  <FormBehind label={t('projectConduct.edit')} className="button-quiet">
                    {(close) => <ObjectiveForm path={`${path}/objectives/${objective.id}`} objective={objective} onDone={close} />}
                  </FormBehind>
                  <RemoveButton path={`${path}/objectives/${objective.id}`} label={t('projectConduct.objectives.removeOne', { statement: objective.statement })} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {conduct.can.write && (
        <FormBehind label={t('projectConduct.objectives.add')}>{(close) => <ObjectiveForm path={`${path}/objectives`} onDone={close} />}</FormBehind>
      )}
    </section>
  );
}

type ObjectiveInput = { statement: string; metric: string; target: string; deadline: string | null; ownerId: string | null };

/** Adds an objective, or rewrites the one given. */
function ObjectiveForm({ path, objective, onDone }: { path: string; objective?: Objective; onDone: () => void }) {
  const { t } = useTranslation();
  const act = useAct<ObjectiveInput>(objective ? 'put' : 'post', () => path);
  const [ownerId, setOwnerId] = useState<string | null>(objective?.owner?.id ?? null);
  const title = objective ? t('projectConduct.objectives.editOne', { statement: objective.statement }) : t('projectConduct.objectives.add');
  return (
    <ConductForm
      title={title}
      error={act.error}
      shown={['statement', 'metric', 'target', 'deadline', 'ownerId']}
      pending={act.isPending}
      submit={objective ? t('common.save') : t('projectConduct.objectives.add')}
      onSubmit={(data, saved) =>
        act.mutate(
          { statement: text(data, 'statement'), metric: text(data, 'metric'), target: text(data, 'target'), deadline: orNull(data.get('deadline')), ownerId },
          { onSuccess: () => (saved(), onDone()) },
        )
      }
    >
      <Field label={t('projectConduct.objectives.statement')} hint={t('projectConduct.objectives.statementHint')} error={fieldError(act.error, 'statement')}>
        {(props) => <textarea {...props} name="statement" rows={2} defaultValue={objective?.statement ?? ''} />}
      </Field>
      <Field label={t('projectConduct.objectives.metric')} hint={t('projectConduct.objectives.metricHint')} error={fieldError(act.error, 'metric')}>
        {(props) => <input {...props} name="metric" defaultValue={objective?.metric ?? ''} />}
      </Field>
      <Field label={t('projectConduct.objectives.target')} hint={t('projectConduct.objectives.targetHint')} error={fieldError(act.error, 'target')}>
        {(props) => <input {...props} name="target" defaultValue={objective?.target ?? ''} />}
      </Field>
      <Field label={t('projectConduct.objectives.deadline')} error={fieldError(act.error, 'deadline')}>
        {(props) => <input {...props} name="deadline" type="date" defaultValue={objective?.deadline ?? ''} />}
      </Field>
      <Field label={t('projectConduct.objectives.owner')} error={fieldError(act.error, 'ownerId')}>
        {(props) => <PersonPicker {...props} value={ownerId} onChange={setOwnerId} noneLabel={t('projectConduct.objectives.nobody')} />}
      </Field>
    </ConductForm>
  );
}

function Indicators({ conduct, path }: SectionProps) {
  const { t } = useTranslation();
  const statementOf = new Map(conduct.objectives.map((objective) => [objective.id, objective.statement]));
  return (
    <section id={CONDUCT_ANCHORS.indicators} aria-labelledby="conduct-indicators-title">
      <h2 id="conduct-indicators-title">{t('projectConduct.indicators.title')}</h2>
      <p className="hint">{t('projectConduct.indicators.hint')}</p>
      {conduct.indicators.length === 0 ? (
        <p className="muted">{t('projectConduct.indicators.none')}</p>
      ) : (
        <ul className="conduct-cards">
          {conduct.indicators.map((indicator) => (
            <IndicatorCard key={indicator.id} conduct={conduct} path={path} indicator={indicator} objective={statementOf.get(indicator.objectiveId) ?? ''} />
          ))}
        </ul>
      )}
      {conduct.can.setIndicators &&
        (conduct.objectives.length === 0 ? (
          <p className="muted">{t('projectConduct.indicators.needObjective')}</p>
        ) : (
          <FormBehind label={t('projectConduct.indicators.add')}>{(close) => <IndicatorForm conduct={conduct} path={`${path}/indicators`} onDone={close} />}</FormBehind>
        ))}
      {conduct.can.write && !conduct.can.setIndicators && conduct.stage !== 'evaluating' && <p className="muted">{t('projectConduct.indicators.closed')}</p>}
      {conduct.can.setIndicators && !conduct.can.measure && conduct.indicators.length > 0 && <p className="muted">{t('projectConduct.measure.notYet')}</p>}
    </section>
  );
}

function IndicatorCard({ conduct, path, indicator, objective }: SectionProps & { indicator: Indicator; objective: string }) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const { progress } = indicator;
  const unit = indicator.unit;
  return (
    <li className="card">
      <h3>{indicator.label}</h3>
      <p className="small muted">{t('projectConduct.indicators.ofObjective', { statement: objective })}</p>
      {progress.value === null ? (
        <p>{t('projectConduct.indicators.noMeasurement')}</p>
      ) : (
        <>
          <p>
            <strong>{t('projectConduct.indicators.progress', { value: number.format(progress.value), target: number.format(indicator.target), unit })}</strong>
            {progress.percent !== null && <> · {t('projectConduct.indicators.percent', { percent: progress.percent })}</>}
          </p>
          {progress.percent !== null && (
            <progress className="indicator-progress" max={100} value={Math.min(100, Math.max(0, progress.percent))} aria-label={t('projectConduct.indicators.progressLabel', { label: indicator.label })} />
          )}
        </>
      )}
      {indicator.measurements.length > 0 && (
        <details>
          <summary>{t('projectConduct.indicators.measurements')}</summary>
          <ul className="plain-list small">
            {indicator.measurements.map((reading) => (
              <li key={reading.id}>
                {t('projectConduct.indicators.reading', {
                  date: formatDate(reading.measuredOn),
                  where: reading.organization?.name ?? t('projectConduct.indicators.wholeProject'),
                  value: number.format(reading.value),
                  unit,
                })}
                {reading.note !== '' && <span className="muted"> — {reading.note}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="actions">
        {conduct.can.measure && (
          <FormBehind label={t('projectConduct.measure.title')}>
            {(close) => <MeasurementForm conduct={conduct} path={`${path}/indicators/${indicator.id}/measurements`} label={indicator.label} onDone={close} />}
          </FormBehind>
        )}
        {conduct.can.setIndicators && (
          <>
            <FormBehind label={t('projectConduct.edit')} className="button-quiet">
              {(close) => <IndicatorForm conduct={conduct} path={`${path}/indicators/${indicator.id}`} indicator={indicator} onDone={close} />}
            </FormBehind>
            <RemoveButton path={`${path}/indicators/${indicator.id}`} label={t('projectConduct.indicators.removeOne', { label: indicator.label })} />
          </>
        )}
      </div>
    </li>
  );
}

type IndicatorInput = { objectiveId: string; label: string; unit: string; target: number | null };

/** Sets an indicator for one of the objectives, or rewrites the one given. */
function IndicatorForm({ conduct, path, indicator, onDone }: { conduct: Conduct; path: string; indicator?: Indicator; onDone: () => void }) {
  const { t } = useTranslation();
  const act = useAct<IndicatorInput>(indicator ? 'put' : 'post', () => path);
  return (
    <ConductForm
      title={indicator ? t('projectConduct.indicators.editOne', { label: indicator.label }) : t('projectConduct.indicators.add')}
      error={act.error}
      shown={['objectiveId', 'label', 'unit', 'target']}
      pending={act.isPending}
      submit={indicator ? t('common.save') : t('projectConduct.indicators.add')}
      onSubmit={(data, saved) =>
        act.mutate(
          { objectiveId: text(data, 'objectiveId'), label: text(data, 'label'), unit: text(data, 'unit'), target: numberOrNull(data.get('target')) },
          { onSuccess: () => (saved(), onDone()) },
        )
      }
    >
      <Field label={t('projectConduct.indicators.objective')} error={fieldError(act.error, 'objectiveId')}>
        {(props) => (
          <ItemSelect
            {...props}
            name="objectiveId"
            items={conduct.objectives.map((objective) => ({ id: objective.id, label: objective.statement }))}
            defaultValue={indicator?.objectiveId ?? (conduct.objectives.length === 1 ? conduct.objectives[0]!.id : '')}
          />
        )}
      </Field>
      <Field label={t('projectConduct.indicators.label')} error={fieldError(act.error, 'label')}>
        {(props) => <input {...props} name="label" defaultValue={indicator?.label ?? ''} />}
      </Field>
      <Field label={t('projectConduct.indicators.target')} error={fieldError(act.error, 'target')}>
        {(props) => <input {...props} name="target" type="number" inputMode="decimal" step="any" defaultValue={indicator?.target ?? ''} />}
      </Field>
      <Field label={t('projectConduct.indicators.unit')} hint={t('projectConduct.indicators.unitHint')} error={fieldError(act.error, 'unit')}>
        {(props) => <input {...props} name="unit" defaultValue={indicator?.unit ?? ''} />}
      </Field>
    </ConductForm>
  );
}

type MeasurementInput = { measuredOn: string; value: number | null; organizationId: string | null; note: string };

function MeasurementForm({ conduct, path, label, onDone }: { conduct: Conduct; path: string; label: string; onDone: () => void }) {
  const { t } = useTranslation();
  const act = useAct<MeasurementInput>('post', () => path);
  return (
    <ConductForm
      title={t('projectConduct.measure.titleOf', { label })}
      error={act.error}
      shown={['measuredOn', 'value', 'organizationId', 'note']}
      pending={act.isPending}
      submit={t('projectConduct.measure.submit')}
      onSubmit={(data, saved) =>
        act.mutate(
          { measuredOn: text(data, 'measuredOn'), value: numberOrNull(data.get('value')), organizationId: orNull(data.get('organizationId')), note: text(data, 'note') },
          { onSuccess: () => (saved(), onDone()) },
        )
      }
    >
      <Field label={t('projectConduct.measure.on')} error={fieldError(act.error, 'measuredOn')}>
        {(props) => <input {...props} name="measuredOn" type="date" max={todayIso()} defaultValue={todayIso()} />}
      </Field>
      <Field label={t('projectConduct.measure.value')} error={fieldError(act.error, 'value')}>
        {(props) => <input {...props} name="value" type="number" inputMode="decimal" step="any" />}
      </Field>
      <Field label={t('projectConduct.measure.organization')} hint={t('projectConduct.measure.organizationHint')} error={fieldError(act.error, 'organizationId')}>
        {(props) => <ItemSelect {...props} name="organizationId" items={namedItems(conduct.organizations)} noneLabel={t('projectConduct.indicators.wholeProject')} />}
      </Field>
      <Field label={t('projectConduct.measure.note')} error={fieldError(act.error, 'note')}>
        {(props) => <input {...props} name="note" />}
      </Field>
    </ConductForm>
  );
}

function Means({ conduct, path }: SectionProps) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const add = useAct<{ organizationId: string; kind: string; description: string }>('post', () => `${path}/means`);
  return (
    <section id={CONDUCT_ANCHORS.means} aria-labelledby="conduct-means-title">
      <h2 id="conduct-means-title">{t('projectConduct.means.title')}</h2>
      <p className="hint">{t('projectConduct.means.hint')}</p>
      {conduct.means.length === 0 ? (
        <p className="muted">{t('projectConduct.means.none')}</p>
      ) : (
        <ul className="member-list">
          {conduct.means.map((means) => (
            <li key={means.id} className="member">
              <span className="member-name">
                {means.organization.name} · {t(`projectConduct.means.kindLabel.${means.kind}`)}
              </span>
              <span className="text-block">{means.description}</span>
              <span className="small muted">
                {means.directorsInformedAt ? t('projectConduct.means.informed', { date: formatDate(means.directorsInformedAt) }) : t('projectConduct.means.notInformed')}
              </span>
              {conduct.can.write && <RemoveButton path={`${path}/means/${means.id}`} label={t('projectConduct.means.removeOne', { description: means.description })} />}
            </li>
          ))}
        </ul>
      )}
      {conduct.can.write &&
        (conduct.organizations.length === 0 ? (
          <p className="muted">{t('projectConduct.means.noOrganization')}</p>
        ) : (
          <FormBehind label={t('projectConduct.means.add')}>
            {(close) => (
              <ConductForm
                title={t('projectConduct.means.add')}
                error={add.error}
                shown={['organizationId', 'kind', 'description']}
                pending={add.isPending}
                submit={t('projectConduct.means.submit')}
                onSubmit={(data, saved) =>
                  add.mutate({ organizationId: text(data, 'organizationId'), kind: text(data, 'kind'), description: text(data, 'description') }, { onSuccess: () => (saved(), close()) })
                }
              >
                <Field label={t('projectConduct.means.organization')} error={fieldError(add.error, 'organizationId')}>
                  {(props) => (
                    <ItemSelect {...props} name="organizationId" items={namedItems(conduct.organizations)} defaultValue={conduct.organizations.length === 1 ? conduct.organizations[0]!.id : ''} />
                  )}
                </Field>
                <Field label={t('projectConduct.means.kind')} error={fieldError(add.error, 'kind')}>
                  {(props) => <ItemSelect {...props} name="kind" items={MEANS_KINDS.map((kind) => ({ id: kind, label: t(`projectConduct.means.kindLabel.${kind}`) }))} />}
                </Field>
                <Field label={t('projectConduct.means.description')} hint={t('projectConduct.means.descriptionHint')} error={fieldError(add.error, 'description')}>
                  {(props) => <textarea {...props} name="description" rows={3} />}
                </Field>
              </ConductForm>
            )}
          </FormBehind>
        ))}
    </section>
  );
}

/** The lead's mission sheet, shown on the page above; the working group rewrites it here. */
function MissionSheetForm({ conduct, path }: SectionProps) {
  const { t } = useTranslation();
  const act = useAct<{ missionGoals: string; missionTime: string; missionTraining: string }>('put', () => `${path}/mission-sheet`);
  const sheet = conduct.missionSheet;
  return (
    <section aria-label={t('projectConduct.mission.edit')}>
      <FormBehind label={t('projectConduct.mission.edit')}>
        {(close) => (
          <ConductForm
            title={t('projectConduct.mission.edit')}
            error={act.error}
            shown={['missionGoals', 'missionTime', 'missionTraining']}
            pending={act.isPending}
            submit={t('common.save')}
            onSubmit={(data, saved) =>
              act.mutate({ missionGoals: text(data, 'missionGoals'), missionTime: text(data, 'missionTime'), missionTraining: text(data, 'missionTraining') }, { onSuccess: () => (saved(), close()) })
            }
          >
            <Field label={t('projectConduct.mission.goals')} error={fieldError(act.error, 'missionGoals')}>
              {(props) => <textarea {...props} name="missionGoals" rows={4} defaultValue={sheet.goals} />}
            </Field>
            <Field label={t('projectConduct.mission.time')} error={fieldError(act.error, 'missionTime')}>
              {(props) => <input {...props} name="missionTime" defaultValue={sheet.time} />}
            </Field>
            <Field label={t('projectConduct.mission.training')} error={fieldError(act.error, 'missionTraining')}>
              {(props) => <textarea {...props} name="missionTraining" rows={3} defaultValue={sheet.training} />}
            </Field>
          </ConductForm>
        )}
      </FormBehind>
    </section>
  );
}
