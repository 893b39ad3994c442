import type { UniqueConstraintMessages } from '../common/errors.js';

export const uniqueConstraints: UniqueConstraintMessages = {
  // Raised by the booking trigger (migration 037) when two bookings of one mean race past the act's own check.
  pooled_mean_booking_no_overlap: { field: 'startsAt', key: 'pooledMean.refusal.already_booked' },
};
