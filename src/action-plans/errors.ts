import type { UniqueConstraintMessages } from '../common/errors.js';

export const uniqueConstraints: UniqueConstraintMessages = {
  action_plan_one_draft: { field: '_', key: 'actionPlan.error.draftExists' },
  proposal_one_open_per_action_plan: { field: '_', key: 'actionPlan.error.underDecision' },
};
