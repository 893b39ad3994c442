import { z } from 'zod';
import { calendarDate, instant } from '../common/contract.js';

/** Where a thing is done: the same ids as `ToDoTarget` (rules.ts), which `toDoPath` turns into a link. */
export const toDoTargetAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stance'), proposalId: z.uuid() }),
  z.object({ kind: z.literal('nomination'), electionId: z.uuid() }),
  z.object({ kind: z.literal('consent'), electionId: z.uuid() }),
  z.object({ kind: z.literal('minutes_review'), meetingId: z.uuid() }),
  z.object({ kind: z.literal('date_poll'), pollId: z.uuid() }),
  z.object({ kind: z.literal('agenda_item'), meetingId: z.uuid(), itemId: z.uuid() }),
  z.object({ kind: z.literal('signature'), charterId: z.uuid(), versionId: z.uuid() }),
  z.object({ kind: z.literal('term_ending'), roleId: z.uuid(), assignmentId: z.uuid() }),
  z.object({ kind: z.literal('seat_ending'), bodyId: z.uuid(), seatId: z.uuid() }),
  z.object({ kind: z.literal('project_referent'), projectId: z.uuid(), organizationId: z.uuid() }),
  z.object({ kind: z.enum(['project_tell', 'project_lead', 'project_approval', 'project_evaluation', 'budget_report']), projectId: z.uuid() }),
  z.object({ kind: z.literal('action'), planId: z.uuid(), actionId: z.uuid() }),
  z.object({ kind: z.literal('deliverable'), charterId: z.uuid(), deliverableId: z.uuid() }),
  z.object({ kind: z.literal('pooled_mean_booking'), bookingId: z.uuid() }),
  z.object({ kind: z.literal('budget_forecast'), projectId: z.uuid() }),
  z.object({ kind: z.enum(['fund_declaration', 'fund_contribution', 'fund_behind']), organizationId: z.uuid() }),
  z.object({ kind: z.literal('dispute_task'), disputeId: z.uuid(), taskId: z.uuid() }),
  z.object({ kind: z.enum(['dispute_circle', 'dispute_consent']), disputeId: z.uuid() }),
  z.object({ kind: z.literal('tension_task'), tensionId: z.uuid() }),
  z.object({ kind: z.literal('harvest_publication'), accompanimentId: z.uuid(), itemId: z.uuid() }),
  z.object({ kind: z.enum(['dispute_crisis_meeting', 'dispute_mediator', 'dispute_mediation']), disputeId: z.uuid() }),
  z.object({ kind: z.literal('questionnaire'), accompanimentId: z.uuid(), questionnaireId: z.uuid() }),
]);

/** When a thing falls due: an instant (a round's end, a meeting's start) or a day (a term's end, excluded). */
export const toDoDeadlineAnswer = z
  .discriminatedUnion('kind', [z.object({ kind: z.literal('instant'), at: instant }), z.object({ kind: z.literal('day'), on: calendarDate })])
  .nullable();

/**
 * What the charter and the partnership expect of the signed-in person, soonest deadline first and
 * undated things last. `title` names the thing (a proposal's wording, an election's role, a
 * meeting's or an agenda item's title, a charter version's title, a role or body whose term or seat
 * ends); `bodyName` the body it belongs to, when it has one other than its title (a seat's body is
 * its title); `path` the web page of its form.
 */
export const toDoAnswer = z.object({
  items: z.array(
    z.object({
      target: toDoTargetAnswer,
      title: z.string(),
      bodyName: z.string().nullable(),
      deadline: toDoDeadlineAnswer,
      path: z.string(),
    }),
  ),
  count: z.int(),
});
