import { describe, expect, it } from 'vitest';
import { dayChangeRefusal, dayHoldRefusal, programmeText } from '../../src/accompaniments/days/rules.js';

const startsAt = new Date('2030-03-14T08:30:00Z');

describe('a day of an accompaniment', () => {
  it('changes until it is held', () => {
    expect(dayChangeRefusal({ startsAt, heldAt: null })).toBeNull();
    expect(dayChangeRefusal({ startsAt, heldAt: new Date('2030-03-14T17:00:00Z') })).toBe('accompaniment.day.refusal.held');
  });

  it('is held from its start on', () => {
    expect(dayHoldRefusal({ startsAt, heldAt: null }, new Date('2030-03-14T08:29:59Z'))).toBe('accompaniment.day.refusal.notBegun');
    expect(dayHoldRefusal({ startsAt, heldAt: null }, startsAt)).toBeNull();
    expect(dayHoldRefusal({ startsAt, heldAt: startsAt }, new Date('2030-04-01T00:00:00Z'))).toBeNull();
  });

  it('keeps its programme as one text, a line per item with its minutes if said', () => {
    expect(programmeText([{ title: 'Accueil', minutes: 30 }, { title: 'Retours à chaud', minutes: null }])).toBe('30\tAccueil\n\tRetours à chaud');
    expect(programmeText([])).toBe('');
  });
});
