import type { UniqueConstraintMessages } from '../common/errors.js';

export const uniqueConstraints: UniqueConstraintMessages = {
  proxy_proposal_id_body_id_giver_id_key: { field: 'holderId', key: 'error.duplicate' },
  proposal_one_open_per_draft: { field: 'amendsVersionId', key: 'error.draftUnderDecision' },
};
