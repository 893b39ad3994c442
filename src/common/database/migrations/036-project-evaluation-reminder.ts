/**
 * An active project's evaluation falling due is mailed once to its working group and its lead
 * (projects/evaluation-reminders.ts): the day it went out is kept, and cleared when a new
 * evaluation day is set, so each evaluation is reminded once.
 */
export const projectEvaluationReminder: readonly string[] = [`alter table project add column evaluation_reminded_at timestamptz`];
