import { describe, expect, it } from 'vitest';
import { changeTone, compact, count, decimal, localeOf, money, percentChange, price, signedCount, signedPrice, vol } from './numbers';

describe('currency formatting', () => {
  it('groups INR the Indian way and USD the Western way', () => {
    expect(count(12345678, 'INR')).toBe('1,23,45,678');
    expect(count(12345678, 'USD')).toBe('12,345,678');
    expect(price(1234567.891, 'INR')).toBe('12,34,567.89');
    expect(price(1234567.891, 'USD')).toBe('1,234,567.89');
  });

  it('puts the currency symbol on money', () => {
    expect(money(24512.345, 'INR')).toBe('₹24,512.35');
    expect(money(5123.4, 'USD')).toBe('$5,123.40');
    expect(money(-12.5, 'USD')).toBe('-$12.50');
  });

  it('chooses the locale by currency', () => {
    expect(localeOf('INR')).toBe('en-IN');
    expect(localeOf('USD')).toBe('en-US');
    expect(localeOf('EUR')).toBe('en-US');
  });

  it('shows a dash for missing or non-finite values', () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(money(v, 'INR')).toBe('–');
      expect(count(v, 'USD')).toBe('–');
      expect(vol(v)).toBe('–');
      expect(decimal(v, 2)).toBe('–');
    }
  });

  it('signs changes', () => {
    expect(signedCount(1250, 'INR')).toBe('+1,250');
    expect(signedCount(-300, 'INR')).toBe('-300');
    expect(signedCount(0, 'INR')).toBe('0');
    expect(signedPrice(12.345, 'USD')).toBe('+12.35');
    expect(percentChange(0.4249)).toBe('+0.42%');
    expect(percentChange(-1.1)).toBe('-1.10%');
    expect(percentChange(0)).toBe('0.00%');
    expect(percentChange(-0.004)).toBe('0.00%');
    expect(percentChange(0.004)).toBe('0.00%');
    expect(percentChange(-0.005, 2)).toBe('-0.01%');
  });

  it('colours a change by the figure shown: one that reads as zero is neutral, not red or green', () => {
    expect(changeTone(-0.004)).toBe('');
    expect(changeTone(0.004)).toBe('');
    expect(changeTone(0)).toBe('');
    expect(changeTone(null)).toBe('');
    expect(changeTone(Number.NaN)).toBe('');
    expect(changeTone(-0.006)).toBe('down');
    expect(changeTone(0.006)).toBe('up');
    expect(changeTone(-0.04, 1)).toBe('');
    expect(changeTone(-0.04, 2)).toBe('down');
    // The text and the colour agree for every tiny change.
    for (const v of [-0.0049, -0.0051, 0.0049, 0.0051, -1e-9]) {
      const text = percentChange(v);
      expect(changeTone(v)).toBe(text.startsWith('+') ? 'up' : text.startsWith('-') ? 'down' : '');
    }
  });

  it('abbreviates counts in lakh and crore for INR, thousands and millions for USD', () => {
    expect(compact(12_340_000, 'INR')).toBe('1.2Cr');
    expect(compact(1_234_000, 'INR')).toBe('12.3L');
    expect(compact(1_234_000, 'USD')).toBe('1.2M');
    expect(compact(4_500, 'USD')).toBe('4.5K');
    expect(compact(-250_000, 'INR')).toBe('-2.5L');
    expect(compact(999, 'USD')).toBe('999');
    expect(compact(50_000, 'INR')).toBe('0.5L');
    expect(compact(5_000, 'INR')).toBe('5K');
  });

  it('shows IV fractions in percent', () => {
    expect(vol(0.2285)).toBe('22.85%');
    expect(vol(0.2285, 1)).toBe('22.9%');
  });
});
