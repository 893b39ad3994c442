/**
 * When a project's budget was last reported to its steering committee (budgets/report/acts.ts):
 * kept on the budget by the report's act, proven by its `budget.reported` entry, and read by the
 * report and the lead's to-do without searching the journal. Budgets reported before this
 * migration take their latest report's instant from the journal.
 */
export const budgetReportedAt: readonly string[] = [
  `alter table budget add column reported_at timestamptz`,
  `update budget b set reported_at = r.at
     from (select payload->>'budgetId' as budget_id, max(recorded_at) as at from journal_entry where kind = 'budget.reported' group by 1) r
    where r.budget_id = b.id::text`,
];
