import { z } from 'zod';
import { instant } from '../common/contract.js';

/**
 * Every kind of entry the server writes to the journal, one per kind of act. An act's events are
 * typed by this list, so a new kind cannot be written before it is named here, and the labels test
 * (test/unit/journal-kinds.test.ts) fails until the journal page has words for it in each language.
 */
export const JOURNAL_KINDS = [
  'partnership.created', 'partnership.backup_downloaded',
  'organization.created', 'organization.updated',
  'person.created', 'person.updated', 'person.erased',
  'membership.created', 'membership.removed', 'membership.requested', 'membership.request_answered',
  'body.created', 'body.updated',
  'mandate.started', 'mandate.ended',
  'role.created', 'role.updated', 'role.assigned', 'role.unassigned', 'role.term_ending',
  'delegation.created', 'delegation.ended',
  'charter.created', 'charter.draft_saved', 'charter.draft_started', 'charter.draft_discarded', 'charter.adopted', 'charter.signed',
  'proposal.created', 'proposal.phase', 'proposal.amended', 'proposal.escalated', 'proposal.lapsed', 'proposal.decided', 'proposal.review_due',
  'stance.taken', 'round.closed', 'round.kept_open', 'proxy.given', 'information_note.sent',
  'discussion.posted', 'discussion.answered',
  'election.opened', 'election.nominated', 'election.nomination_changed', 'election.revealed', 'election.phase_changed', 'election.candidate_proposed', 'election.stance_taken', 'election.round_closed', 'election.elected', 'election.abandoned',
  'meeting.scheduled', 'meeting.recorded', 'meeting.roles_changed', 'meeting.attendance', 'meeting.advanced', 'meeting.round_word', 'meeting.minutes_saved', 'meeting.minutes_review_opened', 'meeting.minutes_reviewed', 'meeting.minutes_published', 'meeting.guest_invited', 'meeting.guest_removed',
  'agenda.item_added', 'agenda.ordered',
  'date_poll.opened', 'date_poll.answered', 'date_poll.closed',
  'projectConduct.diagnosis_written', 'projectConduct.purpose_added', 'projectConduct.purpose_updated', 'projectConduct.purpose_removed',
  'projectConduct.objective_added', 'projectConduct.objective_updated', 'projectConduct.objective_removed',
  'projectConduct.indicator_added', 'projectConduct.indicator_updated', 'projectConduct.indicator_removed', 'projectConduct.measurement_recorded',
  'projectConduct.means_recorded', 'projectConduct.means_removed', 'projectConduct.mission_sheet_written',
  'project.created', 'project.formalized', 'project.presented', 'project.validated', 'project.refused', 'project.carriers_told', 'project.referent_named', 'project.lead_named', 'project.lead_approved', 'project.lead_confirmed', 'project.lead_refused', 'project.lead_started', 'project.evaluation_reported', 'project.evaluation_decided', 'project.evaluation_due',
  'fund.budgetDeclared', 'fund.callIssued', 'fund.declarationRequested', 'fund.paymentRecorded', 'fund.paymentReversed', 'fund.spendingProposed', 'fund.spent',
  'actionPlan.draft_started', 'actionPlan.draft_saved', 'actionPlan.draft_discarded', 'actionPlan.proposed', 'actionPlan.adopted', 'actionPlan.action_status', 'actionPlan.project_subjects',
  'budget.created', 'budget.line_set', 'budget.line_removed', 'budget.version_drafted', 'budget.version_proposed', 'budget.version_validated', 'budget.version_returned', 'budget.grant_status_set', 'budget.entry_recorded', 'budget.entry_reversed', 'budget.reported',
  'pooledMean.listed', 'pooledMean.withdrawn', 'pooledMean.booked', 'pooledMean.declined', 'pooledMean.cancelled',
  'splitPayment.recorded', 'splitPayment.reversed',
  'settlement.drafted', 'settlement.saved', 'settlement.proposed', 'settlement.approved', 'settlement.returned',
  'dispute.exitPlanned', 'dispute.taskAssigned', 'dispute.taskLinked', 'dispute.taskDone', 'dispute.circleCalled', 'dispute.circleHeld', 'dispute.writeUpSaved', 'dispute.publishConsent', 'dispute.writeUpPublished', 'dispute.closed',
  'deliverable.added', 'deliverable.changed', 'deliverable.assigned', 'deliverable.status',
  'tension.raised', 'tension.placed', 'tension.proposed', 'tension.tasked', 'tension.taskDone', 'tension.closed',
  'circle.joinAsked', 'circle.joinWithdrawn', 'circle.joined', 'circle.joinDeclined',
  'accompaniment.created', 'accompaniment.changed', 'accompaniment.memberAdded', 'accompaniment.memberRemoved', 'accompaniment.dayScheduled', 'accompaniment.dayChanged', 'accompaniment.dayHeld', 'accompaniment.archived',
  'questionnaire.created', 'questionnaire.changed', 'questionnaire.sent', 'questionnaire.closed', 'questionnaire.reminded', 'questionnaire.answered',
  'resource.added', 'resource.changed', 'resource.removed', 'resource.published', 'resource.unpublished',
  'map.entryAdded', 'map.entryChanged', 'map.entryRemoved',
  'harvest.added', 'harvest.publicationAsked', 'harvest.publicationAnswered', 'harvest.published',
  'dispute.opened', 'dispute.meetingCalled', 'dispute.notesWritten', 'dispute.meetingHeld', 'dispute.agreed', 'dispute.mediationAsked', 'dispute.mediatorNamed', 'dispute.mediationEnded',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** A page of the journal, newest first: each entry with what it records and its link in the chain. */
export const journalAnswer = z.array(
  z.object({
    seq: z.int(),
    recordedAt: instant,
    actorId: z.uuid().nullable(),
    kind: z.string(),
    payload: z.record(z.string(), z.unknown()),
    hash: z.string(),
  }),
);
