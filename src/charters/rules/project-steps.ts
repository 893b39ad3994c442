import { findDecisionRule } from './check.js';
import type { CharterRules } from './types.js';

/** A sentence of the project rules as a reader meets them: a catalogue key under `projectSteps.` and its values. */
export interface ProjectStepLine {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/**
 * The nine steps of a common project (seed 001) as a charter's project rules set them, then its
 * evaluation and waiting delay, naming the bodies and the role: the same sentences in the reading
 * view, the Markdown and the PDF, each worded by its own catalogue. Empty for a version that does
 * not say its project rules.
 */
export function projectStepLines(rules: CharterRules, bodyName: (id: string | null) => string, roleName: (id: string) => string): ProjectStepLine[] {
  const projects = rules.projects;
  if (projects === undefined) return [];
  const matterBody = (matter: { level: CharterRules['decisionMatrix'][number]['level']; topic: string }) =>
    bodyName(findDecisionRule(rules.decisionMatrix, matter.level, matter.topic)?.bodyId ?? null);
  const validating = matterBody(projects.presentation);
  const { topic, level } = projects.presentation;
  const confirmer = projects.leadConfirmedBy;
  return [
    { key: 'idea', params: {} },
    { key: 'formalized', params: {} },
    { key: topic === '' ? 'presentedAnyTopic' : 'presented', params: { body: validating, topic, level } },
    { key: 'validated', params: { body: validating } },
    { key: 'carriersTold', params: { body: validating } },
    { key: 'workingGroup', params: { body: validating } },
    projects.referentsPerOrganization === 0 ? { key: 'referentsNone', params: {} } : { key: 'referents', params: { count: projects.referentsPerOrganization } },
    { key: 'leadNamed', params: { body: projects.leadNamedBy === null ? validating : bodyName(projects.leadNamedBy) } },
    confirmer === null
      ? { key: 'leadConfirmedNone', params: {} }
      : confirmer.kind === 'body'
        ? { key: 'leadConfirmedBody', params: { body: bodyName(confirmer.bodyId) } }
        : { key: 'leadConfirmedRole', params: { role: roleName(confirmer.roleId) } },
    { key: 'evaluation', params: { count: projects.evaluation.everyMonths, body: matterBody(projects.evaluation) } },
    { key: 'waiting', params: { count: projects.waitingDays } },
  ];
}
