import type { UniqueConstraintMessages } from '../common/errors.js';

export const uniqueConstraints: UniqueConstraintMessages = {
  body_partnership_id_name_key: { field: 'name', key: 'error.nameTaken' },
  body_member_one_open_seat: { field: 'personId', key: 'error.alreadySeated' },
};
