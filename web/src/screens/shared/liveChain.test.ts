import { describe, expect, it } from 'vitest';
import { yearsLeft } from './liveChain';

describe('yearsLeft', () => {
  it('subtracts the time since the chain was computed', () => {
    const at = Date.parse('2026-12-06T10:00:00Z');
    expect(yearsLeft({ time_to_expiry: 10 / 365, timestamp: '2026-12-06T10:00:00Z' }, at + 86_400_000))
      .toBeCloseTo(9 / 365, 12);
  });

  it('never goes below zero and ignores an unreadable timestamp', () => {
    expect(yearsLeft({ time_to_expiry: 0.001, timestamp: '2026-12-06T10:00:00Z' }, Date.parse('2027-01-01'))).toBe(0);
    expect(yearsLeft({ time_to_expiry: 0.5, timestamp: 'bad' }, 0)).toBe(0.5);
  });
});
