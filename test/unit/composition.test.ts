import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkComposition, housesOfComposition, type CompositionGap } from '../../src/bodies/rules.js';
import type { CompositionRule, OrganizationRef, Seat, SeatCapacity } from '../../src/common/structure.js';

const TODAY = '2026-03-10';
const houseA: OrganizationRef = { id: 'org-a', name: 'Maison A' };
const houseB: OrganizationRef = { id: 'org-b', name: 'Maison B' };
const houseC: OrganizationRef = { id: 'org-c', name: 'Maison C' };

const noRule: CompositionRule = { delegatesPerOrganization: null, minReferentsPerOrganization: null, minSize: null, maxSize: null };
const rule = (values: Partial<CompositionRule>): CompositionRule => ({ ...noRule, ...values });

let personCounter = 0;
const seat = (
  capacity: SeatCapacity,
  organizationId: string | null,
  options: { personId?: string; startsOn?: string; endsOn?: string | null } = {},
): Seat => ({
  personId: options.personId ?? `person-${++personCounter}`,
  organizationId,
  capacity,
  startsOn: options.startsOn ?? '2025-09-01',
  endsOn: options.endsOn ?? null,
});
const delegates = (organizationId: string, count: number): Seat[] => Array.from({ length: count }, () => seat('delegate', organizationId));

describe('checkComposition', () => {
  it('finds nothing to say when the body has no rule, whatever its seats', () => {
    expect(checkComposition(noRule, [], [houseA, houseB], TODAY)).toEqual([]);
    expect(checkComposition(noRule, delegates('org-a', 7), [houseA, houseB], TODAY)).toEqual([]);
  });

  it('finds nothing to say when each house has exactly its delegates', () => {
    const seats = [...delegates('org-a', 2), ...delegates('org-b', 2)];
    expect(checkComposition(rule({ delegatesPerOrganization: 2 }), seats, [houseA, houseB], TODAY)).toEqual([]);
  });

  it('reports missing delegates per house, with the actual and expected counts', () => {
    const seats = [...delegates('org-a', 1), ...delegates('org-b', 2)];
    expect(checkComposition(rule({ delegatesPerOrganization: 2 }), seats, [houseA, houseB], TODAY)).toEqual([
      { code: 'delegates_missing', organizationId: 'org-a', actual: 1, expected: 2 },
    ]);
  });

  it('reports a house with no delegate at all as 0 of N', () => {
    expect(checkComposition(rule({ delegatesPerOrganization: 3 }), delegates('org-a', 3), [houseA, houseB], TODAY)).toEqual([
      { code: 'delegates_missing', organizationId: 'org-b', actual: 0, expected: 3 },
    ]);
  });

  it('reports excess delegates', () => {
    expect(checkComposition(rule({ delegatesPerOrganization: 1 }), [...delegates('org-a', 3), ...delegates('org-b', 1)], [houseA, houseB], TODAY)).toEqual([
      { code: 'delegates_excess', organizationId: 'org-a', actual: 3, expected: 1 },
    ]);
  });

  it('counts only delegate seats as delegates: referents and plain members do not fill the quota', () => {
    const seats = [seat('delegate', 'org-a'), seat('referent', 'org-a'), seat('member', 'org-a'), seat('member', null)];
    expect(checkComposition(rule({ delegatesPerOrganization: 2 }), seats, [houseA], TODAY)).toEqual([
      { code: 'delegates_missing', organizationId: 'org-a', actual: 1, expected: 2 },
    ]);
  });

  it('reports missing referents, and delegates do not count as referents', () => {
    const seats = [seat('referent', 'org-a'), seat('delegate', 'org-b'), seat('delegate', 'org-b')];
    expect(checkComposition(rule({ minReferentsPerOrganization: 1 }), seats, [houseA, houseB], TODAY)).toEqual([
      { code: 'referents_missing', organizationId: 'org-b', actual: 0, expected: 1 },
    ]);
  });

  it('accepts more referents than the minimum (a minimum, not a quota)', () => {
    const seats = [seat('referent', 'org-a'), seat('referent', 'org-a'), seat('referent', 'org-a')];
    expect(checkComposition(rule({ minReferentsPerOrganization: 2 }), seats, [houseA], TODAY)).toEqual([]);
  });

  it('reports too few and too many members', () => {
    const three = [seat('member', null), seat('member', null), seat('member', null)];
    expect(checkComposition(rule({ minSize: 4 }), three, [], TODAY)).toEqual([{ code: 'too_few_members', actual: 3, expected: 4 }]);
    expect(checkComposition(rule({ maxSize: 2 }), three, [], TODAY)).toEqual([{ code: 'too_many_members', actual: 3, expected: 2 }]);
    expect(checkComposition(rule({ minSize: 3, maxSize: 3 }), three, [], TODAY)).toEqual([]);
  });

  it('reports an empty body as too small', () => {
    expect(checkComposition(rule({ minSize: 1 }), [], [houseA], TODAY)).toEqual([{ code: 'too_few_members', actual: 0, expected: 1 }]);
  });

  it('counts distinct people for the size: one person with two seats is one member', () => {
    const seats = [
      seat('delegate', 'org-a', { personId: 'same' }),
      seat('referent', 'org-b', { personId: 'same' }),
      seat('member', null, { personId: 'other' }),
    ];
    expect(checkComposition(rule({ minSize: 3 }), seats, [houseA, houseB], TODAY)).toEqual([{ code: 'too_few_members', actual: 2, expected: 3 }]);
    expect(checkComposition(rule({ maxSize: 2 }), seats, [houseA, houseB], TODAY)).toEqual([]);
  });

  describe('only seats held on the given day count', () => {
    const cases: readonly [label: string, startsOn: string, endsOn: string | null, counts: boolean][] = [
      ['open-ended, started long ago', '2020-01-01', null, true],
      ['starting today', TODAY, null, true],
      ['ending today (a mandate is over on its end date)', '2025-01-01', TODAY, false],
      ['ending tomorrow', '2025-01-01', '2026-03-11', true],
      ['a single day, today', TODAY, '2026-03-11', true],
      ['ended yesterday', '2025-01-01', '2026-03-09', false],
      ['starting tomorrow', '2026-03-11', null, false],
      ['entirely in the future', '2026-04-01', '2026-05-01', false],
      ['entirely in the past', '2024-01-01', '2024-12-31', false],
    ];
    for (const [label, startsOn, endsOn, counts] of cases) {
      it(`${label}: ${counts ? 'counts' : 'does not count'}`, () => {
        const seats = [seat('delegate', 'org-a', { startsOn, endsOn })];
        const gaps = checkComposition(rule({ delegatesPerOrganization: 1, minSize: 1 }), seats, [houseA], TODAY);
        expect(gaps).toEqual(
          counts
            ? []
            : [
                { code: 'delegates_missing', organizationId: 'org-a', actual: 0, expected: 1 },
                { code: 'too_few_members', actual: 0, expected: 1 },
              ],
        );
      });
    }
  });

  it('lists per-house gaps in the order of the organizations given, not the order of the seats', () => {
    const seats = [seat('delegate', 'org-c'), seat('delegate', 'org-b')];
    const r = rule({ delegatesPerOrganization: 2 });
    expect(checkComposition(r, seats, [houseA, houseB, houseC], TODAY).map((g) => (g as { organizationId: string }).organizationId)).toEqual([
      'org-a',
      'org-b',
      'org-c',
    ]);
    expect(checkComposition(r, seats, [houseC, houseA, houseB], TODAY).map((g) => (g as { organizationId: string }).organizationId)).toEqual([
      'org-c',
      'org-a',
      'org-b',
    ]);
  });

  it('orders the kinds of gaps: delegates, then referents, then size', () => {
    const gaps = checkComposition(rule({ delegatesPerOrganization: 1, minReferentsPerOrganization: 1, minSize: 5 }), [], [houseA], TODAY);
    expect(gaps.map((gap) => gap.code)).toEqual(['delegates_missing', 'referents_missing', 'too_few_members']);
  });

  it('ignores seats of organizations that are not members of the partnership for per-house counts, but counts their people in the size', () => {
    const seats = [seat('delegate', 'org-elsewhere')];
    expect(checkComposition(rule({ delegatesPerOrganization: 1, minSize: 1 }), seats, [houseA], TODAY)).toEqual([
      { code: 'delegates_missing', organizationId: 'org-a', actual: 0, expected: 1 },
    ]);
  });

  describe('properties', () => {
    const day = fc.integer({ min: 0, max: 3 * 365 }).map((offset) => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
    const organizations = [houseA, houseB, houseC];
    const seatArb = fc.record({
      personId: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'),
      organizationId: fc.constantFrom<string | null>('org-a', 'org-b', 'org-c', null),
      capacity: fc.constantFrom<SeatCapacity>('delegate', 'referent', 'member'),
      startsOn: day,
      endsOn: fc.option(day, { nil: null }),
    });
    const ruleArb = fc.record({
      delegatesPerOrganization: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
      minReferentsPerOrganization: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
      minSize: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
      maxSize: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    });

    it('seats not held today never change the result', () => {
      fc.assert(
        fc.property(ruleArb, fc.array(seatArb, { maxLength: 12 }), fc.array(seatArb, { maxLength: 6 }), day, (r, seats, extra, today) => {
          const notHeld = extra
            .filter((s) => s.endsOn === null || s.endsOn >= s.startsOn)
            .filter((s) => s.startsOn > today || (s.endsOn !== null && s.endsOn < today));
          expect(checkComposition(r, [...seats, ...notHeld], organizations, today)).toEqual(checkComposition(r, seats, organizations, today));
        }),
      );
    });

    it('the result does not depend on the order of the seats', () => {
      fc.assert(
        fc.property(ruleArb, fc.array(seatArb, { maxLength: 12 }).chain((seats) => fc.tuple(fc.constant(seats), fc.shuffledSubarray(seats, { minLength: seats.length, maxLength: seats.length }))), (r, [seats, shuffled]) => {
          expect(checkComposition(r, shuffled, organizations, TODAY)).toEqual(checkComposition(r, seats, organizations, TODAY));
        }),
      );
    });

    it('every gap reports an actual count different from the expected one, on the right side', () => {
      fc.assert(
        fc.property(ruleArb, fc.array(seatArb, { maxLength: 12 }), day, (r, seats, today) => {
          for (const gap of checkComposition(r, seats, organizations, today) as CompositionGap[]) {
            if (gap.code === 'delegates_excess' || gap.code === 'too_many_members') expect(gap.actual).toBeGreaterThan(gap.expected);
            else expect(gap.actual).toBeLessThan(gap.expected);
          }
        }),
      );
    });
  });
});

describe('housesOfComposition', () => {
  const teams = new Set(['team']);
  it('leaves out an organization whose every seat today is in a project charter’s team', () => {
    const seats = [{ bodyId: 'team', organizationId: houseC.id }, { bodyId: 'steering', organizationId: houseA.id }];
    expect(housesOfComposition([houseA, houseB, houseC], seats, teams)).toEqual([houseA, houseB]);
  });
  it('keeps a house that also sits in a body of the partnership, and one with no seat yet', () => {
    const seats = [{ bodyId: 'team', organizationId: houseA.id }, { bodyId: 'plenary', organizationId: houseA.id }, { bodyId: 'team', organizationId: null }];
    expect(housesOfComposition([houseA, houseB], seats, teams)).toEqual([houseA, houseB]);
  });
  it('keeps every organization when no project charter names a team', () => {
    expect(housesOfComposition([houseA, houseC], [{ bodyId: 'team', organizationId: houseC.id }], new Set())).toEqual([houseA, houseC]);
  });
});
