import type { UniqueConstraintMessages } from '../common/errors.js';

export const uniqueConstraints: UniqueConstraintMessages = {
  // A project's first lines wait on its row's lock, so the second finds the budget started; should a
  // writer ever skip that lock, the index still answers in words.
  budget_one_per_project: { field: 'projectId', key: 'budget.refusal.draft_exists' },
  // Two revisions racing: the second finds the first draft.
  budget_version_one_draft: { field: 'budgetId', key: 'budget.refusal.draft_exists' },
  // Two proposals of one draft racing: the second finds it under decision.
  proposal_one_open_per_budget_version: { field: 'budgetId', key: 'budget.refusal.not_draft' },
  // An entry corrected twice at once: the second finds it corrected.
  budget_entry_reverses_key: { field: 'entryId', key: 'budget.refusal.already_reversed' },
};
