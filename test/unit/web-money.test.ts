import { describe, expect, it } from 'vitest';
import { eurosForTyping, formatEuros, parseEuros } from '../../src/web/money.js';

const cents = (text: string, locale: string) => {
  const parsed = parseEuros(text, locale);
  return parsed.ok ? parsed.cents : parsed.error;
};

describe('euros typed in an amount field', () => {
  it('reads French amounts, grouped by spaces or not, with or without the sign', () => {
    expect(cents('1234,50', 'fr')).toBe(123_450);
    expect(cents('1 234,50', 'fr')).toBe(123_450);
    expect(cents('1\u202f234,50 €', 'fr-FR')).toBe(123_450);
    expect(cents('1\u00a0234', 'fr')).toBe(123_400);
    expect(cents('2080', 'fr')).toBe(208_000);
    expect(cents('0,5', 'fr')).toBe(50);
    expect(cents('12.50', 'fr')).toBe(1_250);
  });

  it('reads English amounts, grouped by commas or spaces', () => {
    expect(cents('1234.50', 'en')).toBe(123_450);
    expect(cents('1,234.50', 'en')).toBe(123_450);
    expect(cents('€1,234', 'en')).toBe(123_400);
    expect(cents('1 234.5', 'en')).toBe(123_450);
    expect(cents('12,50', 'en')).toBe(1_250);
  });

  it('refuses what it would have to guess: more than cents, thousands that read two ways', () => {
    expect(cents('1,234', 'fr')).toBe('tooManyDecimals');
    expect(cents('1.234', 'en')).toBe('tooManyDecimals');
    expect(cents('12,345', 'fr')).toBe('tooManyDecimals');
    expect(cents('1.234', 'fr')).toBe('ambiguous');
    expect(cents('1.234.567', 'fr')).toBe('ambiguous');
    expect(cents('12 34', 'fr')).toBe('ambiguous');
    expect(cents('1,23,456.00', 'en')).toBe('ambiguous');
    expect(cents('1 234,567.00', 'en')).toBe('ambiguous');
  });

  it('refuses what is no amount', () => {
    expect(cents('', 'fr')).toBe('empty');
    expect(cents('  € ', 'fr')).toBe('empty');
    for (const text of ['douze', '-5', '1,234.50', ',50', '12,', '1e3', '0x10', '9'.repeat(20)]) expect(cents(text, 'fr'), text).toBe('notAnAmount');
    expect(cents('1.234,50', 'fr')).toBe('ambiguous');
  });

  it('reads back what it writes for typing, in both languages', () => {
    for (const amount of [0, 5, 99, 123_450, 100_000_000_000]) {
      for (const locale of ['fr', 'en']) expect(cents(eurosForTyping(amount, locale), locale)).toBe(amount);
    }
  });
});

describe('euros shown', () => {
  it('follows the reader’s language', () => {
    expect(formatEuros(123_450, 'fr').replace(/\s/g, ' ')).toBe('1 234,50 €');
    expect(formatEuros(123_450, 'en')).toBe('€1,234.50');
    expect(formatEuros(-50, 'fr-FR').replace(/\s/g, ' ')).toBe('-0,50 €');
  });
});
