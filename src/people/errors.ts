import type { UniqueConstraintMessages } from '../common/errors.js';

export const uniqueConstraints: UniqueConstraintMessages = {
  person_partnership_id_email_key: { field: 'email', key: 'error.emailTaken' },
};
