import type { Locale } from '../i18n/locales.js';

/**
 * The partnership's action plan: a road map over a period around a few subjects, each with its
 * actions. Pure: what a plan may hold, what a new draft starts from, where its proposal goes.
 */

export const PLAN_STATUSES = ['draft', 'adopted', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const ACTION_STATUSES = ['todo', 'doing', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** An action still waits on its owner while it is to do or under way. */
export const isOpenAction = (status: ActionStatus): boolean => status === 'todo' || status === 'doing';

/** The seed charter's road map runs three years; a new draft starts today for as long. */
export const PLAN_YEARS = 3;

/** An owner's action shows in « À faire pour vous » from this many days before its deadline (and after it, until done). */
export const ACTION_DUE_NOTICE_DAYS = 30;

export const MAX_SUBJECTS = 20;
export const MAX_ACTIONS_PER_SUBJECT = 50;

/**
 * The subject a proposal to adopt a plan carries. A matrix row naming it decides (whatever the
 * apostrophe it was typed with); else the general strategic row does.
 */
export const ACTION_PLAN_TOPIC = 'Plan d’action';

const plainTopic = (topic: string) => topic.trim().replace(/[’']/g, "'").toLocaleLowerCase('fr');

/** The topic as the matrix spells it, when a strategic row names the action plan; else ours, which falls to the general row. */
export function actionPlanTopic(matrix: readonly { readonly level: string; readonly topic: string }[]): string {
  const row = matrix.find((candidate) => candidate.level === 'strategic' && plainTopic(candidate.topic) === plainTopic(ACTION_PLAN_TOPIC));
  return row?.topic ?? ACTION_PLAN_TOPIC;
}

/** The five subjects of the seed charter's road map, a first draft's starting point. */
const SEED_SUBJECTS: Readonly<Record<Locale, readonly { readonly title: string; readonly description: string }[]>> = {
  fr: [
    { title: 'Financement des projets communs', description: 'Trouver et partager les ressources qui font vivre les projets communs.' },
    { title: 'Communication', description: 'Faire connaître le partenariat et ses actions, ensemble.' },
    { title: 'Activités partagées', description: 'Les activités que les structures proposent en commun.' },
    { title: 'Moyens humains et logistiques', description: 'Les personnes, les salles et le matériel que chacun met à disposition.' },
    { title: 'Partenariats extérieurs', description: 'Les relations avec les collectivités, les associations et les financeurs.' },
  ],
  en: [
    { title: 'Funding of common projects', description: 'Finding and sharing the resources that keep common projects alive.' },
    { title: 'Communication', description: 'Making the partnership and its actions known, together.' },
    { title: 'Shared activities', description: 'The activities the organizations offer together.' },
    { title: 'Human and logistic means', description: 'The people, rooms and equipment each one provides.' },
    { title: 'External partnerships', description: 'Relations with local authorities, associations and funders.' },
  ],
};

export interface PlanAction {
  readonly id?: string | undefined;
  readonly title: string;
  readonly ownerId: string | null;
  readonly deadline: string | null;
  readonly status: ActionStatus;
}

export interface PlanSubject {
  readonly id?: string | undefined;
  readonly title: string;
  readonly description: string;
  /** The subject of the plan in force this one continues, whose projects it takes over once adopted. */
  readonly carriedFrom?: string | null | undefined;
  readonly actions: readonly PlanAction[];
}

/**
 * What a new draft starts from: the plan in force, each subject carried with its actions still
 * open (what was done or dropped stays in the plan that saw it), or the seed's five subjects.
 */
export function firstDraftSubjects(inForce: readonly (PlanSubject & { readonly id: string })[] | null, locale: Locale): PlanSubject[] {
  if (inForce === null) return SEED_SUBJECTS[locale].map((subject) => ({ ...subject, carriedFrom: null, actions: [] }));
  return inForce.map((subject) => ({
    title: subject.title,
    description: subject.description,
    carriedFrom: subject.id,
    actions: subject.actions.filter((action) => isOpenAction(action.status)).map(({ title, ownerId, deadline, status }) => ({ title, ownerId, deadline, status })),
  }));
}

export type DraftProblem = { readonly code: 'duplicate_subject'; readonly index: number } | { readonly code: 'no_subject' };

/** What keeps a draft from being put to a decision, or saved: two subjects of one name, or none at all. */
export function draftProblems(subjects: readonly Pick<PlanSubject, 'title'>[], forDecision: boolean): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (forDecision && subjects.length === 0) problems.push({ code: 'no_subject' });
  const seen = new Set<string>();
  subjects.forEach((subject, index) => {
    const key = subject.title.trim().toLocaleLowerCase('fr');
    if (seen.has(key)) problems.push({ code: 'duplicate_subject', index });
    seen.add(key);
  });
  return problems;
}

/** How far a plan has come: its actions counted by status. */
export function actionCounts(actions: readonly { readonly status: ActionStatus }[]): Record<ActionStatus, number> {
  const counts: Record<ActionStatus, number> = { todo: 0, doing: 0, done: 0, dropped: 0 };
  for (const action of actions) counts[action.status] += 1;
  return counts;
}
