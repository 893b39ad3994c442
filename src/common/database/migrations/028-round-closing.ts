/**
 * Why a proposal's last round ended as it did (the closing the rules computed: outcome, reason,
 * what silence counted as, who was silent, the voices counted and needed), so its page and its
 * mails can say it. The journal's round.closed entry carries the same closing, which proves it.
 */
export const roundClosing: readonly string[] = [`alter table proposal add column round_closing jsonb`];
