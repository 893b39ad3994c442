/**
 * Pooled means (issue 19, seeds 001 and 003): what a member organization lends the partnership's
 * projects, and the bookings that hold it for a span of time. Pure: the acts pass the clock in.
 */

export const MEAN_KINDS = ['room', 'equipment', 'vehicle', 'staff_time', 'other'] as const;
export type MeanKind = (typeof MEAN_KINDS)[number];

/** A booking holds its mean at once ('informed': the lenders were told); they may decline it, its booker cancel it. */
export const BOOKING_STATUSES = ['informed', 'declined', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export interface Span {
  readonly startsAt: Date;
  readonly endsAt: Date;
}

/** Two spans overlap when each starts before the other ends: one ending as the next starts leaves the mean free. */
export const overlaps = (a: Span, b: Span): boolean => a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();

/** Why a booking cannot be made, declined or cancelled now; each is the 409's message key. */
export type BookingRefusal = 'mean_withdrawn' | 'starts_in_past' | 'already_booked' | 'not_informed' | 'already_started' | 'already_ended' | 'project_finished' | 'mean_has_bookings';

export type BookingCheck = { readonly ok: true } | { readonly ok: false; readonly refusal: BookingRefusal };
const ok: BookingCheck = { ok: true };
const refuse = (refusal: BookingRefusal): BookingCheck => ({ ok: false, refusal });

/** A new booking: on a mean still lent, for a project still alive, starting later than now, free of every live booking. */
export function mayBook(booking: Span, context: { readonly meanWithdrawn: boolean; readonly projectFinished: boolean; readonly now: Date; readonly liveBookings: readonly Span[] }): BookingCheck {
  if (context.meanWithdrawn) return refuse('mean_withdrawn');
  if (context.projectFinished) return refuse('project_finished');
  if (booking.startsAt.getTime() <= context.now.getTime()) return refuse('starts_in_past');
  if (context.liveBookings.some((other) => overlaps(booking, other))) return refuse('already_booked');
  return ok;
}

/** The lenders decline a live booking only before it starts: once begun, the mean is in use. */
export function mayDecline(booking: Span & { readonly status: BookingStatus }, now: Date): BookingCheck {
  if (booking.status !== 'informed') return refuse('not_informed');
  if (booking.startsAt.getTime() <= now.getTime()) return refuse('already_started');
  return ok;
}

/** The project gives a live booking back until it ends. */
export function mayCancel(booking: Span & { readonly status: BookingStatus }, now: Date): BookingCheck {
  if (booking.status !== 'informed') return refuse('not_informed');
  if (booking.endsAt.getTime() <= now.getTime()) return refuse('already_ended');
  return ok;
}

/** A mean is withdrawn once, and not while a live booking still counts on it: those are declined first. */
export function mayWithdraw(mean: { readonly withdrawn: boolean; readonly upcomingBookings: number }): BookingCheck {
  if (mean.withdrawn) return refuse('mean_withdrawn');
  if (mean.upcomingBookings > 0) return refuse('mean_has_bookings');
  return ok;
}

/**
 * Who lends a mean and answers for it: the lending organization's administrators and its people
 * seated in the directors' body, each once, without the person who acted (they know).
 */
export function lendingDirectors(directors: { readonly administratorIds: readonly string[]; readonly seatedIds: readonly string[] }, actorId: string | null): string[] {
  const ids = new Set([...directors.administratorIds, ...directors.seatedIds]);
  if (actorId !== null) ids.delete(actorId);
  return [...ids].sort();
}
