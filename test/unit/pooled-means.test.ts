import { describe, expect, it } from 'vitest';
import { lendingDirectors, mayBook, mayCancel, mayDecline, mayWithdraw, overlaps } from '../../src/pooled-means/rules.js';

const at = (hour: number) => new Date(Date.UTC(2026, 2, 14, hour));
const span = (from: number, to: number) => ({ startsAt: at(from), endsAt: at(to) });
const now = at(6);

describe('two spans of one mean', () => {
  it('overlap when each starts before the other ends, whichever comes first', () => {
    expect(overlaps(span(9, 12), span(11, 13))).toBe(true);
    expect(overlaps(span(11, 13), span(9, 12))).toBe(true);
    expect(overlaps(span(9, 17), span(10, 11))).toBe(true);
    expect(overlaps(span(10, 11), span(9, 17))).toBe(true);
    expect(overlaps(span(9, 12), span(9, 12))).toBe(true);
  });

  it('leave the mean free when one ends as the next starts, or apart', () => {
    expect(overlaps(span(9, 12), span(12, 13))).toBe(false);
    expect(overlaps(span(12, 13), span(9, 12))).toBe(false);
    expect(overlaps(span(9, 10), span(14, 15))).toBe(false);
  });
});

describe('a booking', () => {
  const free = { meanWithdrawn: false, projectFinished: false, now, liveBookings: [span(9, 12)] };
  it('is made on a free span to come, of a mean still lent, for a project still alive', () => {
    expect(mayBook(span(12, 14), free)).toEqual({ ok: true });
    expect(mayBook(span(11, 14), free)).toEqual({ ok: false, refusal: 'already_booked' });
    expect(mayBook(span(5, 7), free)).toEqual({ ok: false, refusal: 'starts_in_past' });
    expect(mayBook(span(6, 7), free)).toEqual({ ok: false, refusal: 'starts_in_past' });
    expect(mayBook(span(12, 14), { ...free, meanWithdrawn: true })).toEqual({ ok: false, refusal: 'mean_withdrawn' });
    expect(mayBook(span(12, 14), { ...free, projectFinished: true })).toEqual({ ok: false, refusal: 'project_finished' });
  });

  it('is declined while live and before it starts; cancelled while live and before it ends', () => {
    const live = { ...span(9, 12), status: 'informed' as const };
    expect(mayDecline(live, at(8))).toEqual({ ok: true });
    expect(mayDecline(live, at(9))).toEqual({ ok: false, refusal: 'already_started' });
    expect(mayDecline({ ...live, status: 'cancelled' }, at(8))).toEqual({ ok: false, refusal: 'not_informed' });
    expect(mayCancel(live, at(10))).toEqual({ ok: true });
    expect(mayCancel(live, at(12))).toEqual({ ok: false, refusal: 'already_ended' });
    expect(mayCancel({ ...live, status: 'declined' }, at(8))).toEqual({ ok: false, refusal: 'not_informed' });
  });

  it('keeps its mean from being withdrawn while it is to come', () => {
    expect(mayWithdraw({ withdrawn: false, upcomingBookings: 0 })).toEqual({ ok: true });
    expect(mayWithdraw({ withdrawn: false, upcomingBookings: 1 })).toEqual({ ok: false, refusal: 'mean_has_bookings' });
    expect(mayWithdraw({ withdrawn: true, upcomingBookings: 0 })).toEqual({ ok: false, refusal: 'mean_withdrawn' });
  });
});

describe('who is told of a booking', () => {
  it('is the lending organization’s administrators and its people seated among the directors, each once, but not whoever acted', () => {
    expect(lendingDirectors({ administratorIds: ['agnes', 'helene'], seatedIds: ['helene', 'paul'] }, null)).toEqual(['agnes', 'helene', 'paul']);
    expect(lendingDirectors({ administratorIds: ['agnes', 'helene'], seatedIds: ['helene', 'paul'] }, 'helene')).toEqual(['agnes', 'paul']);
    expect(lendingDirectors({ administratorIds: [], seatedIds: [] }, 'lina')).toEqual([]);
  });
});
