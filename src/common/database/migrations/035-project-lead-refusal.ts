/**
 * A confirmer who refuses a project's lead says why: the reason is kept on the project so that the
 * mail telling those who name the lead carries it (the journal holds only its hash).
 */
export const projectLeadRefusal: readonly string[] = [`alter table project add column lead_refusal_reason text not null default '' check (length(lead_refusal_reason) <= 5000)`];
