import type { UniqueConstraintMessages } from '../common/errors.js';

export const uniqueConstraints: UniqueConstraintMessages = {
  election_one_open_per_role: { field: 'roleId', key: 'error.election.alreadyOpen' },
};
