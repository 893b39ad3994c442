import type { UniqueConstraintMessages } from '../common/errors.js';

export const uniqueConstraints: UniqueConstraintMessages = {
  role_partnership_id_name_key: { field: 'name', key: 'error.nameTaken' },
};
