import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceOf, COST_CATEGORIES, INCOME_CATEGORIES, kindOfCategory, summarizeBudget, type ActualEntry, type ForecastLine } from '../../src/budgets/rules/summary.js';

const line = (lineKey: string, category: ForecastLine['category'], amountCents: number | null, more: Partial<ForecastLine> = {}): ForecastLine => ({
  lineKey,
  kind: kindOfCategory(category),
  category,
  internal: false,
  label: lineKey,
  organizationId: null,
  amountCents,
  grantStatus: category === 'grant' ? 'applied' : null,
  ...more,
});

describe('a budget summary', () => {
  it('compares forecast and actual line by line and says the deficit', () => {
    const summary = summarizeBudget(
      [line('bus', 'transport', 120_000), line('fees', 'contribution', 50_000), line('city', 'grant', 40_000)],
      [
        { lineKey: 'bus', amountCents: 130_000, organizationId: null },
        { lineKey: 'fees', amountCents: 45_000, organizationId: null },
      ],
    );
    expect(summary.lines.map((row) => [row.lineKey, row.forecastCents, row.actualCents, row.varianceCents])).toEqual([
      ['bus', 120_000, 130_000, 10_000],
      ['fees', 50_000, 45_000, -5_000],
      ['city', 40_000, 0, -40_000],
    ]);
    expect(summary.forecastBalance).toEqual({ state: 'deficit', amountCents: 30_000 });
    expect(summary.actualBalance).toEqual({ state: 'deficit', amountCents: 85_000 });
    expect(summary.grants).toEqual({ to_apply: 0, applied: 40_000, granted: 0, paid: 0 });
  });

  it('matches a valued in-kind cost with the same contribution, and leaves an unvalued one out', () => {
    const summary = summarizeBudget(
      [line('room', 'premises', 30_000, { internal: true, organizationId: 'house-a' }), line('hall', 'premises', null, { internal: true, organizationId: 'house-b' }), line('fees', 'contribution', 0)],
      [],
    );
    expect(summary.forecastBalance).toEqual({ state: 'balanced' });
    expect(summary.inKind.forecastCents).toBe(30_000);
    expect(summary.lines.find((row) => row.lineKey === 'hall')?.unvalued).toBe(true);
    const houseA = summary.organizations.find((row) => row.organizationId === 'house-a')!;
    expect([houseA.costs.forecastCents, houseA.income.forecastCents, houseA.inKind.forecastCents]).toEqual([30_000, 30_000, 30_000]);
  });

  it('keeps the money of a line a revision removed, and reversals cancel', () => {
    const summary = summarizeBudget(
      [line('fees', 'contribution', 10_000)],
      [
        { lineKey: 'old', amountCents: 2_000, organizationId: null },
        { lineKey: 'old', amountCents: 500, organizationId: null },
        { lineKey: 'old', amountCents: -500, organizationId: null },
      ],
      [{ lineKey: 'old', kind: 'cost', category: 'purchase', internal: false, label: 'Old line', organizationId: null }],
    );
    expect(summary.lines.find((row) => row.lineKey === 'old')).toMatchObject({ retired: true, forecastCents: 0, actualCents: 2_000 });
    expect(summary.costs.actualCents).toBe(2_000);
  });

  it('balances: lines and organizations add up to the totals, and the balance is income minus costs', () => {
    const categories = [...COST_CATEGORIES, ...INCOME_CATEGORIES];
    const organizations = fc.constantFrom(null, 'a', 'b', 'c');
    const forecastLine = fc.record({
      category: fc.constantFrom(...categories),
      internal: fc.boolean(),
      organizationId: organizations,
      amountCents: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(forecastLine, { maxLength: 12 }),
        fc.array(fc.record({ index: fc.nat(), amountCents: fc.integer({ min: -1_000_000, max: 1_000_000 }), organizationId: organizations }), { maxLength: 40 }),
        (drawn, drawnEntries) => {
          const forecast = drawn.map((row, index) => {
            const kind = kindOfCategory(row.category);
            const internal = kind === 'cost' && row.internal;
            return line(`line-${index}`, row.category, internal ? row.amountCents : (row.amountCents ?? 0), { internal, organizationId: row.organizationId });
          });
          const entries: ActualEntry[] = forecast.length === 0 ? [] : drawnEntries.map((entry) => ({ lineKey: forecast[entry.index % forecast.length]!.lineKey, amountCents: entry.amountCents, organizationId: entry.organizationId }));
          const summary = summarizeBudget(forecast, entries);
          const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
          for (const kind of ['cost', 'income'] as const) {
            const lines = summary.lines.filter((row) => row.kind === kind);
            const inKind = kind === 'income' ? summary.inKind : { forecastCents: 0, actualCents: 0 };
            const total = kind === 'cost' ? summary.costs : summary.income;
            expect(sum(lines.map((row) => row.forecastCents)) + inKind.forecastCents).toBe(total.forecastCents);
            expect(sum(lines.map((row) => row.actualCents)) + inKind.actualCents).toBe(total.actualCents);
            expect(sum(lines.map((row) => row.varianceCents)) + inKind.actualCents - inKind.forecastCents).toBe(total.varianceCents);
          }
          expect(sum(summary.organizations.map((row) => row.costs.actualCents))).toBe(summary.costs.actualCents);
          expect(sum(summary.organizations.map((row) => row.income.forecastCents))).toBe(summary.income.forecastCents);
          expect(summary.actualBalance).toEqual(balanceOf(summary.income.actualCents, summary.costs.actualCents));
          expect(sum(entries.map((entry) => entry.amountCents))).toBe(sum(summary.lines.map((row) => row.actualCents)));
        },
      ),
    );
  });
});
