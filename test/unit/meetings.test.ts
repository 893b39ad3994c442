import { describe, expect, it } from 'vitest';
import { bestSlot, checkAgendaOrder, countAnswers, meetingQuorum, nextFacilitator, type AttendanceStatus } from '../../src/domain/meetings/meetings.js';

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

describe('a date poll', () => {
  const slots = [
    { id: 'mon', startsAt: new Date('2026-09-14T16:30:00Z') },
    { id: 'tue', startsAt: new Date('2026-09-15T16:30:00Z') },
    { id: 'thu', startsAt: new Date('2026-09-17T16:30:00Z') },
  ];

  it('counts yes, if need be and no per slot', () => {
    const counts = countAnswers(slots, [
      { slotId: 'mon', answer: 'yes' },
      { slotId: 'mon', answer: 'no' },
      { slotId: 'tue', answer: 'if_need_be' },
    ]);
    expect(counts.map((c) => [c.slotId, c.yes, c.ifNeedBe, c.no])).toEqual([
      ['mon', 1, 0, 1],
      ['tue', 0, 1, 0],
      ['thu', 0, 0, 0],
    ]);
  });

  it('points to the slot most can come to, then the most plain yeses, then the earliest', () => {
    const answer = (slotId: string, answer: 'yes' | 'if_need_be' | 'no') => ({ slotId, answer });
    expect(bestSlot(countAnswers(slots, [answer('mon', 'yes'), answer('tue', 'yes'), answer('tue', 'if_need_be')]))).toBe('tue');
    expect(bestSlot(countAnswers(slots, [answer('mon', 'if_need_be'), answer('mon', 'if_need_be'), answer('thu', 'yes'), answer('thu', 'if_need_be')]))).toBe('thu');
    expect(bestSlot(countAnswers(slots, [answer('tue', 'yes'), answer('thu', 'yes')]))).toBe('tue');
    expect(bestSlot(countAnswers(slots, [answer('mon', 'no')]))).toBeUndefined();
  });
});
