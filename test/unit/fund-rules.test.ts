import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  callAmountCents,
  callStanding,
  callsToIssue,
  fundBalance,
  fundYearOf,
  fundYearSpan,
  mayPay,
  mayReverse,
  maySpend,
  runningBalances,
  type LedgerRow,
} from '../../src/fund/rules.js';

describe('the fund year', () => {
  it('runs from the charter’s month: a day before it belongs to the year before', () => {
    expect(fundYearOf('2026-01-15', 1)).toBe(2026);
    expect(fundYearOf('2026-08-31', 9)).toBe(2025);
    expect(fundYearOf('2026-09-01', 9)).toBe(2026);
    expect(fundYearSpan(2026, 9)).toEqual({ startsOn: '2026-09-01', endsOn: '2027-09-01' });
    expect(fundYearSpan(2026, 1)).toEqual({ startsOn: '2026-01-01', endsOn: '2027-01-01' });
  });
});

describe('calls from declarations', () => {
  it('calls a percentage of the declared budget, rounded to the nearest cent, half a cent up', () => {
    expect(callAmountCents({ kind: 'percent', percent: 1 }, 45_000_000)).toBe(450_000);
    // 1 % of 123,45 € is 123,45 cents, called 123; of 123,50 €, 123,5 cents, called 124.
    expect(callAmountCents({ kind: 'percent', percent: 1 }, 12_345)).toBe(123);
    expect(callAmountCents({ kind: 'percent', percent: 1 }, 12_350)).toBe(124);
    expect(callAmountCents({ kind: 'percent', percent: 2.5 }, 101)).toBe(3);
    expect(callAmountCents({ kind: 'percent', percent: 0.125 }, 100_000_000_000)).toBe(125_000_000);
    expect(callAmountCents({ kind: 'percent', percent: 100 }, 100_000_000_000)).toBe(100_000_000_000);
  });

  it('calls the fixed amount whatever was declared, and nothing without a declaration under a percentage', () => {
    expect(callAmountCents({ kind: 'fixed', amountCents: 50_000 }, null)).toBe(50_000);
    expect(callAmountCents({ kind: 'percent', percent: 1 }, null)).toBeNull();
    expect(callAmountCents({ kind: 'percent', percent: 1 }, 0)).toBe(0);
  });

  it('issues one call per organization not yet called, and lists those without a declaration apart', () => {
    const { calls, undeclared } = callsToIssue({ kind: 'percent', percent: 1 }, ['a', 'b', 'c', 'd'], new Map([['a', 10_000_000], ['b', 2_000_000], ['d', 5_000]]), new Set(['d']));
    expect(calls).toEqual([
      { organizationId: 'a', amountCents: 100_000, declaredBudgetCents: 10_000_000, percent: 1 },
      { organizationId: 'b', amountCents: 20_000, declaredBudgetCents: 2_000_000, percent: 1 },
    ]);
    expect(undeclared).toEqual(['c']);
    const fixed = callsToIssue({ kind: 'fixed', amountCents: 30_000 }, ['a', 'c'], new Map(), new Set());
    expect(fixed.calls.map((call) => [call.organizationId, call.amountCents, call.declaredBudgetCents])).toEqual([
      ['a', 30_000, null],
      ['c', 30_000, null],
    ]);
    expect(fixed.undeclared).toEqual([]);
  });

  it('never calls more than the budget declared, nor a negative amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), fc.integer({ min: 1, max: 100_000 }), (budget, thousandths) => {
        const amount = callAmountCents({ kind: 'percent', percent: thousandths / 1000 }, budget)!;
        expect(amount).toBeGreaterThanOrEqual(0);
        expect(amount).toBeLessThanOrEqual(budget);
        expect(Math.abs(amount * 100_000 - budget * thousandths)).toBeLessThanOrEqual(50_000);
      }),
    );
  });
});

describe('who is behind', () => {
  it('is behind after the due day while not paid in full; the due day itself is in time', () => {
    const call = { amountCents: 45_000, dueOn: '2026-03-01' };
    expect(callStanding({ ...call, paidCents: 0 }, '2026-03-01')).toEqual({ status: 'unpaid', behind: false, remainingCents: 45_000 });
    expect(callStanding({ ...call, paidCents: 0 }, '2026-03-02')).toEqual({ status: 'unpaid', behind: true, remainingCents: 45_000 });
    expect(callStanding({ ...call, paidCents: 20_000 }, '2026-04-01')).toEqual({ status: 'partly_paid', behind: true, remainingCents: 25_000 });
    expect(callStanding({ ...call, paidCents: 45_000 }, '2026-04-01')).toEqual({ status: 'paid', behind: false, remainingCents: 0 });
    expect(callStanding({ amountCents: 0, paidCents: 0, dueOn: '2026-03-01' }, '2026-04-01').behind).toBe(false);
  });
});

describe('the ledger', () => {
  it('balances payments in against spendings out, with a running balance', () => {
    const rows: LedgerRow[] = [
      { kind: 'payment', amountCents: 45_000 },
      { kind: 'payment', amountCents: 30_000 },
      { kind: 'spending', amountCents: 20_000 },
      { kind: 'payment', amountCents: -30_000 },
    ];
    expect(fundBalance(rows)).toBe(25_000);
    expect(runningBalances(1_000, rows)).toEqual([46_000, 76_000, 56_000, 26_000]);
  });

  it('refuses a payment above what the call awaits, a spending or a reversal above what the fund can still commit', () => {
    expect(mayPay(10_000, 10_000)).toBeNull();
    expect(mayPay(10_000, 10_001)).toBe('above_remaining');
    expect(maySpend(50_000, 20_000, 30_000)).toBeNull();
    expect(maySpend(50_000, 20_000, 30_001)).toBe('above_available');
    expect(mayReverse(50_000, 45_000, 6_000)).toBe('above_available');
  });

  /**
   * The acts, as the rules let them through, in any order: a call paid (up to what remains), a
   * payment reversed, a spending proposed (holding its amount), adopted (written out) or rejected.
   * Whatever happens, the ledger's balance is the payments less the spendings, and never negative.
   */
  it('always balances and never goes negative through the acts’ rules (property)', () => {
    const act = fc.oneof(
      fc.record({ kind: fc.constant('pay' as const), call: fc.nat(2), amount: fc.integer({ min: 1, max: 60_000 }) }),
      fc.record({ kind: fc.constant('reverse' as const), index: fc.nat(50) }),
      fc.record({ kind: fc.constant('propose' as const), amount: fc.integer({ min: 1, max: 80_000 }) }),
      fc.record({ kind: fc.constant('decide' as const), index: fc.nat(20), adopted: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(act, { maxLength: 60 }), (acts) => {
        const called = [45_000, 30_000, 25_000];
        const paidOnCall = [0, 0, 0];
        const ledger: (LedgerRow & { call?: number; reversed?: boolean; reverses?: boolean })[] = [];
        const open: number[] = [];
        const reserved = () => open.reduce((sum, amount) => sum + amount, 0);
        for (const step of acts) {
          const balance = fundBalance(ledger);
          if (step.kind === 'pay') {
            if (mayPay(called[step.call]! - paidOnCall[step.call]!, step.amount) !== null) continue;
            paidOnCall[step.call]! += step.amount;
            ledger.push({ kind: 'payment', amountCents: step.amount, call: step.call });
          } else if (step.kind === 'reverse') {
            const payment = ledger.filter((row) => row.kind === 'payment' && !row.reverses && !row.reversed)[step.index];
            if (!payment || mayReverse(balance, reserved(), payment.amountCents) !== null) continue;
            payment.reversed = true;
            paidOnCall[payment.call!]! -= payment.amountCents;
            ledger.push({ kind: 'payment', amountCents: -payment.amountCents, call: payment.call!, reverses: true });
          } else if (step.kind === 'propose') {
            if (maySpend(balance, reserved(), step.amount) !== null) continue;
            open.push(step.amount);
          } else {
            if (open.length === 0) continue;
            const [amount] = open.splice(step.index % open.length, 1);
            if (step.adopted) ledger.push({ kind: 'spending', amountCents: amount! });
          }
          const payments = ledger.filter((row) => row.kind === 'payment').reduce((sum, row) => sum + row.amountCents, 0);
          const spendings = ledger.filter((row) => row.kind === 'spending').reduce((sum, row) => sum + row.amountCents, 0);
          expect(fundBalance(ledger)).toBe(payments - spendings);
          expect(fundBalance(ledger)).toBeGreaterThanOrEqual(reserved());
          expect(Math.min(0, ...runningBalances(0, ledger))).toBe(0);
          paidOnCall.forEach((paid, index) => expect(paid).toBeLessThanOrEqual(called[index]!));
        }
      }),
    );
  });
});
