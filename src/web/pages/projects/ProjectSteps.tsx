import { useTranslation } from 'react-i18next';
import type { Project } from './ProjectPage';
import { useFormatDate } from '../../components/ui';

/**
 * The steps the charter asks of this project, in order, as a bar: each says in words whether it is
 * done (and when), the current one (aria-current) or to come, so nothing rests on colour alone.
 * A project refused or closed has no current step.
 */
export function ProjectSteps({ project }: { project: Project }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const over = project.stage === 'refused' || project.stage === 'closed';
  const current = over ? -1 : project.steps.findIndex((step) => step.doneAt === null);
  const stateOf = (index: number, done: boolean) => (done ? 'done' : index === current ? 'current' : 'to-come');
  return (
    <section aria-labelledby="project-steps-title">
      <h2 id="project-steps-title">{t('project.steps.title')}</h2>
      <ol className="steps project-steps">
        {project.steps.map((step, index) => {
          const state = stateOf(index, step.doneAt !== null);
          return (
            <li key={step.step} aria-current={state === 'current' ? 'step' : undefined} className={state === 'done' ? 'step-done' : state === 'current' ? 'step-current' : undefined}>
              <span className="step-name">{t(`project.step.${step.step}`)}</span>
              <span className="step-state">
                {state === 'done' && step.doneAt ? t('project.steps.doneOn', { date: formatDate(step.doneAt) }) : t(`project.steps.state.${state}`)}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
