import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settleLine, settlementLines, settlementTotals } from '../../src/budgets/rules/settlement.js';
import { owedShares, plannedShares, postStandings, splitBase, type SplitPost } from '../../src/budgets/rules/split.js';

/** Seed 000, article 5: the association's 10 % is of another sum than the split's total, and the charter gives its amount. */
const seed000: SplitPost[] = [
  { id: 'association', label: 'Association', percent: 10, amountCents: 71_200, percentOf: { label: 'Prestations', amountCents: 712_000 } },
  { id: 'lead', label: 'Gestion de projet + Moissonneur.se', percent: null, amountCents: 548_000 },
  { id: 'guide', label: 'Accompagnateurice', percent: null, amountCents: 208_000 },
];

describe('the split of seed 000', () => {
  it('plans each post its amount, and owes it all once the total is received', () => {
    expect(plannedShares(seed000, 827_200).map((share) => share.plannedCents)).toEqual([71_200, 548_000, 208_000]);
    expect(owedShares(plannedShares(seed000, 827_200), 827_200, 900_000).map((share) => share.owedCents)).toEqual([71_200, 548_000, 208_000]);
  });

  it('owes each post its share of half the money received, the rounding cent to the largest', () => {
    const owed = owedShares(plannedShares(seed000, 827_200), 827_200, 413_601).map((share) => share.owedCents);
    expect(owed).toEqual([35_600, 274_001, 104_000]);
    expect(owed.reduce((a, b) => a + b, 0)).toBe(413_601);
  });

  it('reads a percent of the total when no amount is given, and of the named sum when there is one', () => {
    const posts: SplitPost[] = [
      { id: 'a', label: 'A', percent: 25, amountCents: null },
      { id: 'b', label: 'B', percent: 10, amountCents: null, percentOf: { label: 'Ventes', amountCents: 50_000 } },
    ];
    expect(plannedShares(posts, 100_000).map((share) => share.plannedCents)).toEqual([25_000, 5_000]);
  });

  it('scales posts that promise more than the total down to the money', () => {
    const planned = plannedShares([{ id: 'a', label: 'A', percent: null, amountCents: 80_000 }, { id: 'b', label: 'B', percent: null, amountCents: 40_000 }], 100_000);
    expect(splitBase(planned, 100_000)).toBe(120_000);
    expect(owedShares(planned, 100_000, 100_000).map((share) => share.owedCents)).toEqual([66_667, 33_333]);
  });

  it('counts reversals in what was paid and says what remains', () => {
    const standings = postStandings(seed000, 827_200, 827_200, [
      { postId: 'lead', amountCents: 300_000 },
      { postId: 'lead', amountCents: 10_000 },
      { postId: 'lead', amountCents: -10_000 },
    ]);
    expect(standings.find((row) => row.postId === 'lead')).toMatchObject({ owedCents: 548_000, paidCents: 300_000, remainingCents: 248_000 });
  });
});

describe('the settlement of accounts', () => {
  it('refunds what was paid and not delivered, and owes what was delivered and not paid', () => {
    const standing = { postId: 'p', label: 'P', plannedCents: 100_000, owedCents: 80_000 };
    expect(settleLine({ ...standing, paidCents: 60_000 }, 40_000)).toMatchObject({ refundCents: 20_000, dueCents: 0 });
    expect(settleLine({ ...standing, paidCents: 60_000 }, undefined)).toMatchObject({ deliveredCents: 80_000, refundCents: 0, dueCents: 20_000 });
    expect(settleLine({ ...standing, paidCents: 60_000 }, 95_000)).toMatchObject({ refundCents: 0, dueCents: 20_000 });
    const lines = settlementLines(postStandings(seed000, 827_200, 827_200, []), new Map([['guide', 100_000]]));
    expect(settlementTotals(lines)).toMatchObject({ owedCents: 827_200, deliveredCents: 719_200, refundCents: 0, dueCents: 719_200 });
  });
});

const cents = (max = 1_000_000_000) => fc.integer({ min: 0, max });
const postArbitrary = fc.record({
  id: fc.uuid(),
  label: fc.constant('post'),
  percent: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
  amountCents: fc.option(cents(), { nil: null }),
});

describe('split properties', () => {
  it('owed shares never exceed the money received, nor any share its plan', () => {
    fc.assert(
      fc.property(fc.array(postArbitrary, { maxLength: 12 }), fc.option(cents(100_000_000_000), { nil: null }), cents(100_000_000_000), (posts, totalCents, receivedCents) => {
        const planned = plannedShares(posts, totalCents);
        const owed = owedShares(planned, totalCents, receivedCents);
        const owedSum = owed.reduce((sum, share) => sum + share.owedCents, 0);
        expect(owedSum).toBeLessThanOrEqual(Math.max(receivedCents, 0));
        for (const share of owed) expect(share.owedCents).toBeGreaterThanOrEqual(0);
        for (const share of owed) expect(share.owedCents).toBeLessThanOrEqual(share.plannedCents);
        if (receivedCents >= splitBase(planned, totalCents)) expect(owed.map((share) => share.owedCents)).toEqual(planned.map((share) => share.plannedCents));
      }),
    );
  });

  it('a settled post never both refunds and is due, and ends with no more than it delivered', () => {
    fc.assert(
      fc.property(cents(), cents(), fc.integer({ min: -1_000_000, max: 1_000_000_000 }), fc.option(cents(), { nil: undefined }), (plannedCents, owedCents, paidCents, delivered) => {
        const line = settleLine({ postId: 'p', label: 'P', plannedCents, owedCents, paidCents }, delivered);
        expect(line.refundCents * line.dueCents).toBe(0);
        expect(line.refundCents).toBeGreaterThanOrEqual(0);
        expect(line.dueCents).toBeGreaterThanOrEqual(0);
        const settled = paidCents - line.refundCents + line.dueCents;
        expect(settled).toBeLessThanOrEqual(line.deliveredCents);
        expect(line.refundCents).toBe(Math.max(0, paidCents - line.deliveredCents));
        expect(settled).toBe(paidCents > line.deliveredCents ? line.deliveredCents : Math.max(paidCents, Math.min(owedCents, line.deliveredCents)));
      }),
    );
  });
});
