import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../../common/contract';
import type { projectSubjectsAnswer } from '../../../action-plans/contract';
import { FormError, LoadError, Loading } from '../../components/ui';
import { useAct, usePartnershipQuery, useUnsavedChanges } from '../../hooks';

type ProjectSubjects = Answer<typeof projectSubjectsAnswer>;

/**
 * The subjects of the action plan in force that a project serves, on the project's page: read by
 * all, chosen by those the server lets (`can.set`: its carriers, its working group, administrators).
 * Without a plan in force there is nothing to serve, and the section says nothing.
 */
export function ProjectSubjectsSection({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const query = usePartnershipQuery<ProjectSubjects>(`/projects/${projectId}/subjects`);
  const act = useAct<{ subjectIds: string[] }, void>('put', () => `/projects/${projectId}/subjects`);
  const unsaved = useUnsavedChanges();
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const { plan, subjects, can } = query.data;
  if (plan === null || subjects.length === 0) return null;
  const attached = subjects.filter((subject) => subject.attached);
  return (
    <section aria-labelledby="project-subjects-title">
      <h2 id="project-subjects-title">{t('actionPlan.projectSubjects.title')}</h2>
      <p className="hint">{t('actionPlan.projectSubjects.hint', { plan: plan.title })}</p>
      {!can.set &&
        (attached.length === 0 ? (
          <p className="muted">{t('actionPlan.projectSubjects.none')}</p>
        ) : (
          <ul>
            {attached.map((subject) => (
              <li key={subject.id}>{subject.title}</li>
            ))}
          </ul>
        ))}
      {can.set && (
        <form
          className="card"
          noValidate
          aria-label={t('actionPlan.projectSubjects.title')}
          onChange={unsaved.changed}
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            const subjectIds = new FormData(event.currentTarget).getAll('subjectIds').map(String);
            act.mutate({ subjectIds }, { onSuccess: unsaved.saved });
          }}
        >
          <FormError error={act.error} shown={['subjectIds']} />
          <fieldset>
            <legend>{t('actionPlan.projectSubjects.legend')}</legend>
            {subjects.map((subject) => (
              <label key={subject.id} className="checkbox">
                <input type="checkbox" name="subjectIds" value={subject.id} defaultChecked={subject.attached} />
                {subject.title}
              </label>
            ))}
          </fieldset>
          <div className="actions">
            <button type="submit" className="button-primary" disabled={act.isPending}>
              {t('common.save')}
            </button>
          </div>
          <p className="muted" role="status">
            {act.isSuccess ? t('actionPlan.projectSubjects.saved') : ''}
          </p>
        </form>
      )}
    </section>
  );
}
