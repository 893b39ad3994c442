import type { UniqueConstraintMessages } from '../common/errors.js';

export const uniqueConstraints: UniqueConstraintMessages = {
  agenda_item_one_per_proposal: { field: 'proposalId', key: 'error.meeting.proposalAlreadyOnAgenda' },
};
