import { describe, expect, it } from 'vitest';
import { termsEndedBy } from '../../src/roles/rules.js';

const term = (personId: string, startsOn: string, endsOn: string | null = null) => ({ personId, startsOn, endsOn });

describe('the terms a new term of a role ends', () => {
  it('are the new holder’s own running term first, then the earliest-begun others beyond the number', () => {
    const terms = [term('ana', '2026-01-01'), term('bruno', '2026-02-01')];
    expect(termsEndedBy(terms, { personId: 'bruno', startsOn: '2026-03-10' }, 2, '2026-03-10').ending).toEqual([terms[1]]);
    expect(termsEndedBy(terms, { personId: 'bruno', startsOn: '2026-03-10' }, 1, '2026-03-10').ending).toEqual([terms[1], terms[0]]);
    expect(termsEndedBy(terms, { personId: 'chloe', startsOn: '2026-03-10' }, 2, '2026-03-10').ending).toEqual([terms[0]]);
  });

  it('end on the new term’s first day, never before today, and leave alone a term over by then', () => {
    const terms = [term('ana', '2025-12-01', '2026-02-15'), term('bruno', '2026-01-20')];
    expect(termsEndedBy(terms, { personId: 'chloe', startsOn: '2026-02-01' }, 1, '2026-03-10')).toEqual({ endsOn: '2026-03-10', ending: [terms[1]], blocking: null });
    expect(termsEndedBy([term('ana', '2026-01-01')], { personId: 'chloe', startsOn: '2026-04-01' }, 1, '2026-03-10').endsOn).toBe('2026-04-01');
  });

  it('name the first term planned later when such terms alone fill the role', () => {
    const later = term('odile', '2026-05-01');
    expect(termsEndedBy([later], { personId: 'paul', startsOn: '2026-03-10' }, 1, '2026-03-10').blocking).toBe(later);
    expect(termsEndedBy([later], { personId: 'paul', startsOn: '2026-03-10' }, 2, '2026-03-10').blocking).toBeNull();
  });
});
