import type { IsoDate } from '../common/dates.js';

/**
 * What the charter and the partnership expect of one person, as a list of things to do: each
 * thing names the form where it is done, and the list comes soonest deadline first. Pure: the
 * query finds the things, these rules name, link and order them.
 */

/** The kinds of things to do, in the order shown when two fall due at the same moment. */
export const TO_DO_KINDS = [
  // A stance in an open round of a body one sits in.
  'stance',
  // An election of a body one sits in: one's nomination, then one's consent to the name proposed.
  'nomination',
  'consent',
  // The minutes of a meeting one attended, submitted for review.
  'minutes_review',
  // A date poll of a body one sits in.
  'date_poll',
  // An agenda item one brought to a meeting still to come.
  'agenda_item',
  // An adopted charter version that names one as a signatory.
  'signature',
  // One's term in a role, or seat in a body, ending within TERM_ENDING_NOTICE_DAYS.
  'term_ending',
  'seat_ending',
  // A common project waiting on one: its carriers to tell for the body one sits in that validated it,
  // the referent of a house one administers, its lead for the body one sits in that names it, one's
  // approval of its nominee, its evaluation due within TERM_ENDING_NOTICE_DAYS.
  'project_tell',
  'project_referent',
  'project_lead',
  'project_approval',
  'project_evaluation',
  // An active project one leads whose forecast budget has no line yet.
  'budget_forecast',
  // The budget of a project one leads, to report to the body that validated it before its evaluation due
  // within TERM_ENDING_NOTICE_DAYS, when it was not reported since the last evaluation.
  'budget_report',
  // An open action of the adopted action plan one owns, due within ACTION_DUE_NOTICE_DAYS or overdue.
  'action',
  // An open deliverable of a charter one owns, due within DELIVERABLE_DUE_NOTICE_DAYS or overdue.
  'deliverable',
  // A booking of a mean one's organization lends, which one may decline until it starts.
  'pooled_mean_booking',
  // The common fund: the annual budget of a house one administers to declare for the current fund
  // year, its contribution called and not yet paid in full; for the keepers of the books, a house behind.
  'fund_declaration',
  'fund_contribution',
  'fund_behind',
  // A dispute's ending: an open task of its exit plan one owns, its restorative circle to come, its write-up to consent to.
  'dispute_task',
  'dispute_circle',
  'dispute_consent',
  // The task a tension of one's body became at its meeting, owned by one and not done yet.
  'tension_task',
  // A dispute one is a party to, whose crisis meeting is still to hold (due by its crisis_due_at); a
  // mediation asked of a body one sits in (else of the parties), whose mediator is to name; the
  // mediation one leads.
  'dispute_crisis_meeting',
  'dispute_mediator',
  'dispute_mediation',
  // An open questionnaire of an accompaniment one is a member of, not answered yet, due at its close.
  'questionnaire',
  // An item of a space's harvest one wrote, which a facilitator asks one to publish.
  'harvest_publication',
] as const;
export type ToDoKind = (typeof TO_DO_KINDS)[number];

/**
 * What someone from outside may be asked (`Viewer.outsider`): only things of the pages opened to
 * them (a space they belong to, a dispute they mediate). Anything else would name bodies or work
 * of the partnership they do not see, so their list leaves it out whatever a branch returns.
 */
export const OUTSIDER_TO_DO_KINDS: ReadonlySet<ToDoKind> = new Set(['questionnaire', 'harvest_publication', 'dispute_mediation']);

/** Where each thing is done: its kind and the ids its page needs. */
export type ToDoTarget =
  | { readonly kind: 'stance'; readonly proposalId: string }
  | { readonly kind: 'nomination'; readonly electionId: string }
  | { readonly kind: 'consent'; readonly electionId: string }
  | { readonly kind: 'minutes_review'; readonly meetingId: string }
  | { readonly kind: 'date_poll'; readonly pollId: string }
  | { readonly kind: 'agenda_item'; readonly meetingId: string; readonly itemId: string }
  | { readonly kind: 'signature'; readonly charterId: string; readonly versionId: string }
  | { readonly kind: 'term_ending'; readonly roleId: string; readonly assignmentId: string }
  | { readonly kind: 'seat_ending'; readonly bodyId: string; readonly seatId: string }
  | { readonly kind: 'project_referent'; readonly projectId: string; readonly organizationId: string }
  | { readonly kind: 'project_tell' | 'project_lead' | 'project_approval' | 'project_evaluation' | 'budget_report'; readonly projectId: string }
  | { readonly kind: 'action'; readonly planId: string; readonly actionId: string }
  | { readonly kind: 'deliverable'; readonly charterId: string; readonly deliverableId: string }
  | { readonly kind: 'pooled_mean_booking'; readonly bookingId: string }
  | { readonly kind: 'budget_forecast'; readonly projectId: string }
  | { readonly kind: 'fund_declaration' | 'fund_contribution' | 'fund_behind'; readonly organizationId: string }
  | { readonly kind: 'dispute_task'; readonly disputeId: string; readonly taskId: string }
  | { readonly kind: 'dispute_circle' | 'dispute_consent'; readonly disputeId: string }
  | { readonly kind: 'tension_task'; readonly tensionId: string }
  | { readonly kind: 'dispute_crisis_meeting' | 'dispute_mediator' | 'dispute_mediation'; readonly disputeId: string }
  | { readonly kind: 'questionnaire'; readonly accompanimentId: string; readonly questionnaireId: string }
  | { readonly kind: 'harvest_publication'; readonly accompanimentId: string; readonly itemId: string };

/**
 * The anchor of the form, on its page, where each kind of thing is done. The pages put these ids
 * on the forms, so a link from the list or from a mail lands on the form itself. They are in
 * French, as the addresses of the pages are, since people see them.
 */
export const TO_DO_ANCHORS: Readonly<Record<ToDoKind, string>> = {
  stance: 'prendre-position',
  nomination: 'proposer-un-nom',
  consent: 'consentir',
  minutes_review: 'relire-le-compte-rendu',
  date_poll: 'repondre',
  agenda_item: 'ordre-du-jour',
  signature: 'signer',
  term_ending: 'titulaires',
  seat_ending: 'membres',
  project_tell: 'informer-les-porteurs',
  project_referent: 'nommer-referent',
  project_lead: 'nommer-chef-de-projet',
  project_approval: 'valider-nomination',
  project_evaluation: 'evaluer',
  budget_report: 'rendre-compte',
  action: 'vos-actions',
  deliverable: 'livrable',
  pooled_mean_booking: 'examiner-la-reservation',
  budget_forecast: 'previsionnel',
  fund_declaration: 'declarer-le-budget',
  fund_contribution: 'contribution',
  fund_behind: 'en-retard',
  dispute_task: 'plan-de-sortie',
  dispute_circle: 'cercle-restauratif',
  dispute_consent: 'retour-d-experience',
  tension_task: 'marquer-fait',
  dispute_crisis_meeting: 'reunion-de-crise',
  dispute_mediator: 'nommer-la-mediation',
  dispute_mediation: 'mediation',
  questionnaire: 'repondre-au-questionnaire',
  harvest_publication: 'publier-votre-recolte',
};

/**
 * The web path of the form where a thing is done, anchor included. Mails carry it after the
 * server's address; the list of things to do links to it.
 */
export function toDoPath(partnershipId: string, target: ToDoTarget): string {
  const base = `/p/${partnershipId}`;
  const anchor = `#${TO_DO_ANCHORS[target.kind]}`;
  switch (target.kind) {
    case 'stance':
      return `${base}/propositions/${target.proposalId}${anchor}`;
    case 'nomination':
    case 'consent':
      return `${base}/elections/${target.electionId}${anchor}`;
    case 'minutes_review':
    case 'agenda_item':
      return `${base}/reunions/${target.meetingId}${anchor}`;
    case 'date_poll':
      return `${base}/sondages/${target.pollId}${anchor}`;
    case 'signature':
      return `${base}/chartes/${target.charterId}/versions/${target.versionId}${anchor}`;
    case 'term_ending':
      return `${base}/roles/${target.roleId}${anchor}`;
    case 'seat_ending':
      return `${base}/instances/${target.bodyId}${anchor}`;
    case 'project_tell':
    case 'project_referent':
    case 'project_lead':
    case 'project_approval':
    case 'project_evaluation':
      return `${base}/projets/${target.projectId}${anchor}`;
    case 'budget_report':
      return `${base}/projets/${target.projectId}/budget/compte-rendu${anchor}`;
    case 'action':
      return `${base}/plan-d-action${anchor}`;
    case 'deliverable':
      return `${base}/chartes/${target.charterId}/livrables/${target.deliverableId}${anchor}`;
    case 'pooled_mean_booking':
      return `${base}/moyens/reservations/${target.bookingId}${anchor}`;
    case 'budget_forecast':
      return `${base}/projets/${target.projectId}/budget${anchor}`;
    case 'fund_declaration':
    case 'fund_contribution':
    case 'fund_behind':
      return `${base}/caisse-commune${anchor}`;
    case 'dispute_task':
    case 'dispute_circle':
    case 'dispute_consent':
    case 'dispute_crisis_meeting':
    case 'dispute_mediator':
    case 'dispute_mediation':
      return `${base}/differends/${target.disputeId}${anchor}`;
    case 'tension_task':
      return `${base}/tensions/${target.tensionId}${anchor}`;
    case 'questionnaire':
      return `${base}/accompagnements/${target.accompanimentId}/questionnaires/${target.questionnaireId}${anchor}`;
    case 'harvest_publication':
      return `${base}/accompagnements/${target.accompanimentId}/moisson${anchor}`;
  }
}

/** How many days before a term or a seat ends it shows in the list, as the term reminder's month. */
export const TERM_ENDING_NOTICE_DAYS = 30;

/**
 * When a thing falls due: an instant (a round's or a review's end, a meeting's start) or a
 * calendar day (a term's end, that day excluded); many things have none.
 */
export type ToDoDeadline = { readonly kind: 'instant'; readonly at: Date } | { readonly kind: 'day'; readonly on: IsoDate } | null;

/**
 * A calendar day compares as its first instant in UTC: the hour or two between it and midnight
 * in Paris orders nothing differently that matters to a list of things to do.
 */
function dueTime(deadline: NonNullable<ToDoDeadline>): number {
  return deadline.kind === 'instant' ? deadline.at.getTime() : Date.parse(deadline.on);
}

export interface Orderable {
  readonly target: ToDoTarget;
  readonly title: string;
  readonly deadline: ToDoDeadline;
}

/** Soonest deadline first, undated things last; then by kind, then by title, so the order is stable. */
export function compareToDos(a: Orderable, b: Orderable): number {
  if (a.deadline !== null && b.deadline !== null) {
    const byTime = dueTime(a.deadline) - dueTime(b.deadline);
    if (byTime !== 0) return byTime;
  } else if (a.deadline !== b.deadline) {
    return a.deadline === null ? 1 : -1;
  }
  const byKind = TO_DO_KINDS.indexOf(a.target.kind) - TO_DO_KINDS.indexOf(b.target.kind);
  if (byKind !== 0) return byKind;
  return a.title.localeCompare(b.title, 'fr');
}

export function orderToDos<T extends Orderable>(items: readonly T[]): T[] {
  return [...items].sort(compareToDos);
}
