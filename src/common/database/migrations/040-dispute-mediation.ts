/**
 * A mediation is held like the dispute's other meetings (`dispute_meeting` of kind 'mediation'):
 * its row is opened when the mediator is named, and carries the mediator's notes and how it ended
 * ('agreement', or 'exit_plan' when it failed). The crisis meeting and the restorative circle keep
 * their kinds.
 */
export const disputeMediation: readonly string[] = [
  `alter table dispute_meeting drop constraint dispute_meeting_kind_check`,
  `alter table dispute_meeting add constraint dispute_meeting_kind_check check (kind in ('crisis', 'mediation', 'restorative_circle'))`,
];
