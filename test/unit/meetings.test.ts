import { describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/common/dates.js';
import {
  cadenceShortfall,
  checkAgendaOrder,
  meetingQuorum,
  meetingStage,
  minutesPublishable,
  minutesSpent,
  nextFacilitator,
  nextStage,
  type AttendanceStatus,
  type MeetingStage,
} from '../../src/meetings/rules.js';

const attendance = (entries: Record<string, AttendanceStatus>) => new Map(Object.entries(entries));

describe('the quorum of a meeting', () => {
  const steering = [
    { personId: 'nadia', organizationId: 'tilleuls' },
    { personId: 'gerard', organizationId: 'tilleuls' },
    { personId: 'samia', organizationId: 'moulin' },
    { personId: 'bernard', organizationId: 'moulin' },
  ];

  it('needs one member of each organization where members represent organizations (seed 001)', () => {
    expect(meetingQuorum(steering, attendance({ nadia: 'present', gerard: 'present' }))).toEqual({
      rule: 'one_delegate_per_organization',
      met: false,
      missingOrganizationIds: ['moulin'],
      present: 2,
      members: 4,
    });
    expect(meetingQuorum(steering, attendance({ nadia: 'present', bernard: 'represented' }))).toMatchObject({ met: true, missingOrganizationIds: [], present: 2 });
    expect(meetingQuorum(steering, attendance({ nadia: 'present', samia: 'excused', bernard: 'absent' }))).toMatchObject({ met: false, missingOrganizationIds: ['moulin'] });
  });

  it('needs more than half of the members otherwise', () => {
    const circle = ['ana', 'bruno', 'chloe', 'david'].map((personId) => ({ personId, organizationId: null }));
    expect(meetingQuorum(circle, attendance({ ana: 'present', bruno: 'present' }))).toEqual({ rule: 'majority', met: false, present: 2, members: 4 });
    expect(meetingQuorum(circle, attendance({ ana: 'present', bruno: 'present', chloe: 'represented' }))).toEqual({ rule: 'majority', met: true, present: 3, members: 4 });
    expect(meetingQuorum([], attendance({}))).toEqual({ rule: 'majority', met: false, present: 0, members: 0 });
  });
});

describe('rotating facilitation (seed 000)', () => {
  const members = ['ana', 'bruno', 'chloe'];

  it('proposes the first member who has not facilitated yet', () => {
    expect(nextFacilitator(members, [])).toBe('ana');
    expect(nextFacilitator(members, ['ana'])).toBe('bruno');
    expect(nextFacilitator(members, ['ana', 'chloe'])).toBe('bruno');
  });

  it('once everyone has, proposes whoever facilitated longest ago, former members aside', () => {
    expect(nextFacilitator(members, ['ana', 'bruno', 'chloe'])).toBe('ana');
    expect(nextFacilitator(members, ['ana', 'bruno', 'chloe', 'ana', 'zoe'])).toBe('bruno');
    expect(nextFacilitator([], ['ana'])).toBeUndefined();
  });
});

describe('ordering the agenda', () => {
  it('takes every item once, in any order, and nothing else', () => {
    expect(checkAgendaOrder(['a', 'b', 'c'], ['c', 'a', 'b'])).toBe(true);
    expect(checkAgendaOrder(['a', 'b', 'c'], ['c', 'a'])).toBe(false);
    expect(checkAgendaOrder(['a', 'b'], ['a', 'a'])).toBe(false);
    expect(checkAgendaOrder(['a', 'b'], ['a', 'x'])).toBe(false);
  });
});

describe('a meeting as it runs', () => {
  const agenda = (...items: [string, boolean][]) => items.map(([id, started]) => ({ id, started }));

  it('reads its stage from what has happened, the latest first', () => {
    const at = new Date('2026-09-15T16:30:00Z');
    expect(meetingStage({ openedAt: null, currentItemId: null, closingAt: null, endedAt: null })).toEqual({ kind: 'planned' });
    expect(meetingStage({ openedAt: at, currentItemId: null, closingAt: null, endedAt: null })).toEqual({ kind: 'opening' });
    expect(meetingStage({ openedAt: at, currentItemId: 'a', closingAt: null, endedAt: null })).toEqual({ kind: 'item', itemId: 'a' });
    expect(meetingStage({ openedAt: at, currentItemId: null, closingAt: at, endedAt: null })).toEqual({ kind: 'closing' });
    expect(meetingStage({ openedAt: at, currentItemId: null, closingAt: at, endedAt: at })).toEqual({ kind: 'ended' });
  });

  it('opens with a round, takes the items in order, closes with a round, then ends', () => {
    const items = agenda(['a', false], ['b', false]);
    const walk: MeetingStage[] = [{ kind: 'planned' }];
    const started = new Set<string>();
    for (;;) {
      const next = nextStage(walk.at(-1)!, items.map((item) => ({ ...item, started: started.has(item.id) })));
      if (next === undefined) break;
      if (next.kind === 'item') started.add(next.itemId);
      walk.push(next);
    }
    expect(walk.map((stage) => (stage.kind === 'item' ? stage.itemId : stage.kind))).toEqual(['planned', 'opening', 'a', 'b', 'closing', 'ended']);
  });

  it('goes from the opening round straight to the closing round when the agenda is empty', () => {
    expect(nextStage({ kind: 'opening' }, [])).toEqual({ kind: 'closing' });
  });

  it('takes up next the first item not taken up yet, wherever the facilitator moved it', () => {
    expect(nextStage({ kind: 'item', itemId: 'b' }, agenda(['late', false], ['a', true], ['b', true], ['c', false]))).toEqual({ kind: 'item', itemId: 'late' });
  });

  it('has nothing after the end', () => {
    expect(nextStage({ kind: 'ended' }, agenda(['a', false]))).toBeUndefined();
  });

  it('counts whole minutes spent on an item, until now while it runs', () => {
    const start = new Date('2026-09-15T16:30:00Z');
    expect(minutesSpent(start, null, new Date('2026-09-15T16:42:59Z'))).toBe(12);
    expect(minutesSpent(start, new Date('2026-09-15T16:35:00Z'), new Date('2026-09-15T18:00:00Z'))).toBe(5);
    expect(minutesSpent(start, null, new Date('2026-09-15T16:00:00Z'))).toBe(0);
  });
});

describe('publishing the minutes after the attendees have read them', () => {
  const now = new Date('2026-09-20T10:00:00Z');
  const base = { now, attendeeIds: ['nadia', 'bernard', 'samia'], secretaryId: 'samia', approvedIds: [] as string[] };

  it('asks for a review first', () => {
    expect(minutesPublishable({ ...base, reviewUntil: null })).toEqual({ ok: false, reason: 'review_first', waitingFor: [] });
  });

  it('waits, while the review is open, for every attendee but the secretary', () => {
    expect(minutesPublishable({ ...base, reviewUntil: new Date('2026-09-22T10:00:00Z'), approvedIds: ['nadia'] })).toEqual({ ok: false, reason: 'review_open', waitingFor: ['bernard'] });
    expect(minutesPublishable({ ...base, reviewUntil: new Date('2026-09-22T10:00:00Z'), approvedIds: ['nadia', 'bernard'] })).toEqual({ ok: true });
  });

  it('publishes once the window has closed, approved or not', () => {
    expect(minutesPublishable({ ...base, reviewUntil: now })).toEqual({ ok: true });
  });

  it('publishes at once when nobody else was present', () => {
    expect(minutesPublishable({ ...base, attendeeIds: ['samia'], reviewUntil: new Date('2026-09-22T10:00:00Z') })).toEqual({ ok: true });
  });
});

describe('the cadence a body keeps', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const monthsAgo = (months: number) => new Date(now.getTime() - months * 30.4 * 86_400_000);

  it('finds a circle behind when it met four times in a year where it should meet six (seed 004)', () => {
    expect(cadenceShortfall({ meetingsPerYear: 6, foundedOn: calendarDay(monthsAgo(30)), now, meetingStarts: [1, 3, 5, 7].map(monthsAgo) })).toEqual({ expected: 6, held: 4 });
  });

  it('counts only the last twelve months, and not meetings still to come', () => {
    const meetingStarts = [...[1, 3, 5, 7, 9].map(monthsAgo), monthsAgo(14), monthsAgo(-1)];
    expect(cadenceShortfall({ meetingsPerYear: 6, foundedOn: calendarDay(monthsAgo(30)), now, meetingStarts })).toEqual({ expected: 6, held: 5 });
  });

  it('counts from the body’s founding, not from the day Entente came to know it', () => {
    // Founded two years ago, entered in Entente last month: twelve months of its life are due.
    expect(cadenceShortfall({ meetingsPerYear: 6, foundedOn: '2024-11-15', now, meetingStarts: [] })).toEqual({ expected: 6, held: 0 });
    expect(cadenceShortfall({ meetingsPerYear: 6, foundedOn: '2024-11-15', now, meetingStarts: [1, 3, 5, 7, 9, 11].map(monthsAgo) })).toBeUndefined();
  });

  it('counts a meeting held on the first day of the twelve months, in the partnership’s time zone', () => {
    // 2025-12-01 00:30 in Paris is still 30 November in UTC.
    expect(cadenceShortfall({ meetingsPerYear: 1, foundedOn: '2020-01-01', now, meetingStarts: [new Date('2025-11-30T23:30:00Z')] })).toBeUndefined();
    expect(cadenceShortfall({ meetingsPerYear: 1, foundedOn: '2020-01-01', now, meetingStarts: [new Date('2025-11-30T22:30:00Z')] })).toEqual({ expected: 1, held: 0 });
  });

  it('expects of a young body only its share of the year', () => {
    expect(cadenceShortfall({ meetingsPerYear: 2, foundedOn: calendarDay(monthsAgo(5)), now, meetingStarts: [] })).toBeUndefined();
    expect(cadenceShortfall({ meetingsPerYear: 2, foundedOn: calendarDay(monthsAgo(7)), now, meetingStarts: [] })).toEqual({ expected: 1, held: 0 });
    expect(cadenceShortfall({ meetingsPerYear: 2, foundedOn: calendarDay(monthsAgo(7)), now, meetingStarts: [monthsAgo(2)] })).toBeUndefined();
  });
});
