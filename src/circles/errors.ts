import type { UniqueConstraintMessages } from '../common/errors.js';

export const uniqueConstraints: UniqueConstraintMessages = {
  // Two requests for the same person racing past the act's own check.
  circle_join_one_open: { field: 'personId', key: 'circle.refusal.alreadyAsked' },
};
