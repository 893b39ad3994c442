import type { z } from 'zod';
import { formatSignedAt, withPrintableSpaces, type RuleBlock } from '../../charters/print/blocks.js';
import { formatCalendarDate, translator, type Locale } from '../../i18n/server-messages.js';
import type { projectPageAnswer } from '../contract.js';
import type { conductAnswer } from '../conduct/contract.js';

/** What a project sheet prints: the project page's and the conduct's answers, as their queries give them to the pages. */
export interface ProjectSheet {
  readonly project: z.infer<typeof projectPageAnswer>;
  readonly conduct: z.infer<typeof conductAnswer>;
}

/** A titled part of the sheet, in neutral blocks that the PDF and the Markdown each lay out their own way. */
export interface SheetSection {
  readonly title: string;
  readonly blocks: readonly RuleBlock[];
}

/** The sheet's title and the line under it: the project's stage and since when. */
export function sheetHeading({ project }: ProjectSheet, locale: Locale): { title: string; subtitle: string } {
  const t = translator(locale);
  return {
    title: t('projectSheet.title', { title: project.title }),
    subtitle: t('projectSheet.stageLine', { stage: t(`projectSheet.stage.${project.stage}`), date: formatSignedAt(locale, project.stageSince) }),
  };
}

/**
 * The sheet the issue asks for, in the charter's order of things: the project (houses, carriers,
 * group, next evaluation), its diagnosis, purposes, objectives, indicators with their targets and
 * dated measurements, the lead's mission sheet, and the means each house provides.
 */
export function sheetSections({ project, conduct }: ProjectSheet, locale: Locale): SheetSection[] {
  const t = translator(locale);
  const number = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 });
  const amount = (value: number, unit: string) => withPrintableSpaces(unit === '' ? number.format(value) : `${number.format(value)} ${unit}`);
  const paragraph = (text: string): RuleBlock => ({ type: 'paragraph', text });
  const none = [paragraph(t('projectSheet.none'))];
  const paragraphs = (text: string): RuleBlock[] => (text.trim() === '' ? [] : [paragraph(text.trim())]);
  const objectiveOf = new Map(conduct.objectives.map((objective, index) => [objective.id, `${index + 1}. ${objective.statement}`]));

  const confirmation = project.steps.find((step) => step.step === 'lead_confirmed');
  const lead = conduct.lead === null ? [] : [paragraph(t(confirmation !== undefined && confirmation.doneAt === null ? 'projectSheet.leadPending' : 'projectSheet.lead', { name: conduct.lead.fullName }))];
  const carriers = [...project.carriers.people.map((person) => person.fullName), ...project.carriers.organizations.map((organization) => organization.name)];

  return [
    {
      title: t('projectSheet.project'),
      blocks: [
        ...paragraphs(project.summary),
        ...(project.organizations.length > 0 ? [{ type: 'list' as const, title: t('projectSheet.organizations'), items: project.organizations.map((organization) => organization.name) }] : []),
        ...(carriers.length > 0 ? [{ type: 'list' as const, title: t('projectSheet.carriers'), items: carriers }] : []),
        ...(project.workingGroup === null ? [] : [paragraph(t('projectSheet.workingGroup', { name: project.workingGroup.name }))]),
        ...(project.evaluationDueOn === null ? [] : [paragraph(t('projectSheet.nextEvaluation', { date: formatCalendarDate(locale, project.evaluationDueOn) }))]),
      ],
    },
    ...(conduct.diagnosis.text.trim() === ''
      ? []
      : [{ title: t('projectSheet.diagnosis'), blocks: [...paragraphs(conduct.diagnosis.text), ...(conduct.diagnosis.sources.trim() === '' ? [] : [paragraph(t('projectSheet.sources', { sources: conduct.diagnosis.sources.trim() }))])] }]),
    {
      title: t('projectSheet.purposes'),
      blocks: conduct.purposes.length === 0 ? none : conduct.purposes.map((purpose, index) => paragraph(`${index + 1}. ${purpose.statement}`)),
    },
    {
      title: t('projectSheet.objectives'),
      blocks:
        conduct.objectives.length === 0
          ? none
          : [
              {
                type: 'table',
                header: [t('projectSheet.objective'), t('projectSheet.metric'), t('projectSheet.target'), t('projectSheet.deadline'), t('projectSheet.owner'), t('projectSheet.lacks')],
                rows: conduct.objectives.map((objective) => [
                  objectiveOf.get(objective.id) ?? objective.statement,
                  objective.metric,
                  objective.target,
                  objective.deadline === null ? '' : formatCalendarDate(locale, objective.deadline),
                  objective.owner?.fullName ?? '',
                  objective.smartGaps.map((gap) => t(`projectSheet.smartGap.${gap}`)).join(', '),
                ]),
              },
            ],
    },
    {
      title: t('projectSheet.indicators'),
      blocks:
        conduct.indicators.length === 0
          ? none
          : [
              {
                type: 'table',
                header: [t('projectSheet.indicator'), t('projectSheet.objective'), t('projectSheet.target'), t('projectSheet.latest'), t('projectSheet.reached')],
                rows: conduct.indicators.map((indicator) => [
                  indicator.label,
                  objectiveOf.get(indicator.objectiveId) ?? '',
                  amount(indicator.target, indicator.unit),
                  indicator.progress.value === null ? '' : amount(indicator.progress.value, indicator.unit),
                  indicator.progress.percent === null ? '' : withPrintableSpaces(`${number.format(indicator.progress.percent)} %`),
                ]),
              },
              // Each indicator's readings, oldest first, by house: what the evaluation will analyse.
              ...conduct.indicators
                .filter((indicator) => indicator.measurements.length > 0)
                .flatMap((indicator): RuleBlock[] => [
                  paragraph(t('projectSheet.measurements', { label: indicator.label })),
                  {
                    type: 'table',
                    header: [t('projectSheet.measuredOn'), t('projectSheet.organization'), t('projectSheet.value')],
                    rows: [...indicator.measurements]
                      .reverse()
                      .map((reading) => [formatCalendarDate(locale, reading.measuredOn), reading.organization?.name ?? t('projectSheet.wholeProject'), amount(reading.value, indicator.unit)]),
                  },
                ]),
            ],
    },
    {
      title: t('projectSheet.missionSheet'),
      blocks:
        conduct.lead === null && conduct.missionSheet.goals.trim() === ''
          ? none
          : [
              ...lead,
              ...(conduct.missionSheet.goals.trim() === '' ? [] : [paragraph(t('projectSheet.goals')), paragraph(conduct.missionSheet.goals.trim())]),
              ...(conduct.missionSheet.time.trim() === '' ? [] : [paragraph(t('projectSheet.time', { time: conduct.missionSheet.time.trim() }))]),
              ...(conduct.missionSheet.training.trim() === '' ? [] : [paragraph(t('projectSheet.training')), paragraph(conduct.missionSheet.training.trim())]),
            ],
    },
    {
      title: t('projectSheet.means'),
      blocks:
        conduct.means.length === 0
          ? none
          : [
              {
                type: 'table',
                header: [t('projectSheet.organization'), t('projectSheet.kind'), t('projectSheet.description'), t('projectSheet.directorsInformed')],
                rows: conduct.means.map((means) => [
                  means.organization.name,
                  t(`projectConduct.meansKind.${means.kind}`),
                  means.description,
                  means.directorsInformedAt === null ? '' : formatSignedAt(locale, means.directorsInformedAt),
                ]),
              },
            ],
    },
  ];
}
