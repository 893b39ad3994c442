import { describe, expect, it } from 'vitest';
import { bestSlot, countAnswers } from '../../src/date-polls/rules.js';

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
