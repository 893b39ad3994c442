import { useTranslation } from 'react-i18next';
import { projectRulesOf, type CharterRules, type DecisionLevel, type ProjectRules } from '../../../charters/rules/types';
import { BodyChoice, EditorField, type Errors } from './EditorFields';

type Matter = { readonly level: DecisionLevel; readonly topic: string };
export type Named = { readonly id: string; readonly name: string };

/** An empty field is not a number: the check then says so at the field, where zero would pass unseen. */
export const numberOf = (value: string): number => (value.trim() === '' ? Number.NaN : Number(value.replace(',', '.')));

/**
 * The matter that presents or evaluates projects, chosen among the matrix's rows (the body of the
 * row chosen decides); a matter no row names any more stays offered, so the select shows the data.
 */
export function MatterChoice({ value, rules, onChange, ...props }: { value: Matter; rules: CharterRules; onChange: (matter: Matter) => void; id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) {
  const { t } = useTranslation();
  const key = (matter: Matter) => JSON.stringify([matter.level, matter.topic]);
  const rows: Matter[] = rules.decisionMatrix.map((rule) => ({ level: rule.level, topic: rule.topic }));
  const offered = rows.some((row) => key(row) === key(value)) ? rows : [...rows, value];
  const label = (matter: Matter) => `${t(`charter.level.${matter.level}`)} — ${matter.topic === '' ? t('charter.matrix.anyTopic') : matter.topic}`;
  return (
    <select {...props} value={key(value)} onChange={(e) => onChange(offered.find((matter) => key(matter) === e.target.value)!)}>
      {offered.map((matter) => (
        <option key={key(matter)} value={key(matter)}>
          {label(matter)}
        </option>
      ))}
    </select>
  );
}

/**
 * The « Projets communs » section of the charter editor: how a common project is presented and
 * evaluated, how many referents each house names, who names and who confirms its lead, and how
 * long a step may wait. A version that does not say it yet offers to.
 */
export function ProjectRulesEditor({
  rules,
  errors,
  setRules,
  bodies,
  allBodies,
  roles,
}: {
  rules: CharterRules;
  errors: Errors;
  setRules: (patch: Partial<CharterRules>) => void;
  bodies: readonly Named[];
  allBodies: Readonly<Record<string, string>>;
  roles: readonly Named[];
}) {
  const { t } = useTranslation();
  const projects = rules.projects;
  const path = 'rules.projects';
  if (projects === undefined) {
    return (
      <fieldset id={`field-${path}`}>
        <legend>{t('charter.rules.projects')}</legend>
        <p className="hint">{t('charter.edit.projects.absent')}</p>
        <button type="button" className="button-secondary" onClick={() => setRules({ projects: projectRulesOf(rules) })}>
          {t('charter.edit.projects.add')}
        </button>
      </fieldset>
    );
  }
  const change = (patch: Partial<ProjectRules>) => setRules({ projects: { ...projects, ...patch } });

  const confirmer = projects.leadConfirmedBy;
  // A role removed since stays offered under a question mark, so the select shows the data and the check's message says why.
  const offeredRoles = confirmer?.kind === 'role' && confirmer.roleId !== '' && !roles.some((role) => role.id === confirmer.roleId) ? [...roles, { id: confirmer.roleId, name: '?' }] : roles;
  return (
    <fieldset id={`field-${path}`}>
      <legend>{t('charter.rules.projects')}</legend>
      <p className="hint">{t('charter.edit.projects.hint')}</p>
      <EditorField path={`${path}.presentation.topic`} errors={errors} label={t('charter.edit.projects.presentation')} hint={t('charter.edit.projects.presentationHint')}>
        {(props) => <MatterChoice {...props} value={projects.presentation} rules={rules} onChange={(presentation) => change({ presentation })} />}
      </EditorField>
      <EditorField path={`${path}.referentsPerOrganization`} errors={errors} label={t('charter.edit.projects.referents')}>
        {(props) => (
          <input {...props} type="number" min={0} max={5} inputMode="numeric" value={Number.isNaN(projects.referentsPerOrganization) ? '' : projects.referentsPerOrganization} onChange={(e) => change({ referentsPerOrganization: numberOf(e.target.value) })} />
        )}
      </EditorField>
      <EditorField path={`${path}.leadNamedBy`} errors={errors} label={t('charter.edit.projects.leadNamedBy')}>
        {(props) => <BodyChoice {...props} value={projects.leadNamedBy} bodies={bodies} allBodies={allBodies} noneLabel={t('charter.edit.projects.validatingBody')} onChange={(leadNamedBy) => change({ leadNamedBy })} />}
      </EditorField>
      <div className="field-row">
        <EditorField path={`${path}.leadConfirmedBy`} errors={{}} label={t('charter.edit.projects.confirmedBy')}>
          {(props) => (
            <select
              {...props}
              value={confirmer?.kind ?? 'none'}
              onChange={(e) => {
                const kind = e.target.value;
                // A body or role to choose: the first offered, which the person changes if need be.
                if (kind === 'body') change({ leadConfirmedBy: { kind: 'body', bodyId: bodies[0]?.id ?? '' } });
                else if (kind === 'role') change({ leadConfirmedBy: { kind: 'role', roleId: roles[0]?.id ?? '' } });
                else change({ leadConfirmedBy: null });
              }}
            >
              <option value="none">{t('charter.edit.projects.confirmedByNone')}</option>
              <option value="body">{t('charter.edit.projects.confirmedByBody')}</option>
              <option value="role">{t('charter.edit.projects.confirmedByRole')}</option>
            </select>
          )}
        </EditorField>
        {confirmer?.kind === 'body' && (
          <EditorField path={`${path}.leadConfirmedBy.bodyId`} errors={errors} label={t('charter.edit.projects.confirmingBody')}>
            {(props) => (
              <BodyChoice {...props} value={confirmer.bodyId || null} bodies={bodies} allBodies={allBodies} noneLabel={t('common.choose')} onChange={(bodyId) => change({ leadConfirmedBy: { kind: 'body', bodyId: bodyId ?? '' } })} />
            )}
          </EditorField>
        )}
        {confirmer?.kind === 'role' && (
          <EditorField path={`${path}.leadConfirmedBy.roleId`} errors={errors} label={t('charter.edit.projects.confirmingRole')} hint={t('charter.edit.projects.confirmingRoleHint')}>
            {(props) => (
              <select {...props} value={confirmer.roleId} onChange={(e) => change({ leadConfirmedBy: { kind: 'role', roleId: e.target.value } })}>
                <option value="">{t('common.choose')}</option>
                {offeredRoles.map((role) => (
                  <option key={role.id} value={role.id}>
                    {role.name}
                  </option>
                ))}
              </select>
            )}
          </EditorField>
        )}
      </div>
      <div className="field-row">
        <EditorField path={`${path}.evaluation.topic`} errors={errors} label={t('charter.edit.projects.evaluation')}>
          {(props) => <MatterChoice {...props} value={projects.evaluation} rules={rules} onChange={({ level, topic }) => change({ evaluation: { ...projects.evaluation, level, topic } })} />}
        </EditorField>
        <EditorField path={`${path}.evaluation.everyMonths`} errors={errors} label={t('charter.edit.projects.everyMonths')}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              max={60}
              inputMode="numeric"
              value={Number.isNaN(projects.evaluation.everyMonths) ? '' : projects.evaluation.everyMonths}
              onChange={(e) => change({ evaluation: { ...projects.evaluation, everyMonths: numberOf(e.target.value) } })}
            />
          )}
        </EditorField>
      </div>
      <EditorField path={`${path}.waitingDays`} errors={errors} label={t('charter.edit.projects.waitingDays')} hint={t('charter.edit.projects.waitingDaysHint')}>
        {(props) => <input {...props} type="number" min={1} max={365} inputMode="numeric" value={Number.isNaN(projects.waitingDays) ? '' : projects.waitingDays} onChange={(e) => change({ waitingDays: numberOf(e.target.value) })} />}
      </EditorField>
      {/* Like an article, the section goes only when the draft is saved: until then, leaving the page asks first. */}
      <button type="button" className="link-button" onClick={() => setRules({ projects: undefined })}>
        {t('charter.edit.projects.remove')}
      </button>
    </fieldset>
  );
}
