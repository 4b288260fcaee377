import { describe, expect, it } from 'vitest';
import { applyOpen, applySummary, applyUnderlying, change, utcToday, type OverviewRows } from './model';
import type { ChainSummary } from '../../api/types';

const empty: OverviewRows = new Map();

function summary(expiry: string, timestamp: string, pcr = 1): ChainSummary {
  return {
    product: 'NIFTY', expiry, spot_price: 21500, pcr_oi: pcr, pcr_volume: 1, atm_straddle_price: 300,
    max_pain_strike: 21450, timestamp, atm_iv: 0.14, expected_move: 250,
  };
}

describe('overview rows', () => {
  it('keeps the newest price and ignores a late, older snapshot', () => {
    let rows = applyUnderlying(empty, { type: 'x', product: 'SPY', price: 500, timestamp: '2026-12-06T10:00:01Z', processed_at: '' });
    rows = applyUnderlying(rows, { type: 'x', product: 'SPY', price: 499, timestamp: '2026-12-06T10:00:00Z', processed_at: '' });
    expect(rows.get('SPY')?.spot).toBe(500);
    rows = applyUnderlying(rows, { type: 'x', product: 'SPY', price: 501, timestamp: '2026-12-06T10:00:02Z', processed_at: '' });
    expect(rows.get('SPY')?.spot).toBe(501);
  });

  it('shows the nearest live expiry', () => {
    const today = '2026-12-06';
    let rows = applySummary(empty, summary('2026-12-24', '2026-12-06T10:00:00Z', 0.9), today);
    rows = applySummary(rows, summary('2026-12-10', '2026-12-06T10:00:00Z', 1.1), today);
    expect(rows.get('NIFTY')?.summary?.expiry).toBe('2026-12-10');
    rows = applySummary(rows, summary('2026-12-24', '2026-12-06T10:00:05Z', 0.8), today);
    expect(rows.get('NIFTY')?.summary?.pcr_oi).toBe(1.1);
    rows = applySummary(rows, summary('2026-12-10', '2026-12-06T10:00:05Z', 1.2), today);
    expect(rows.get('NIFTY')?.summary?.pcr_oi).toBe(1.2);
    rows = applySummary(rows, summary('2026-12-10', '2026-12-06T09:59:00Z', 0.5), today);
    expect(rows.get('NIFTY')?.summary?.pcr_oi).toBe(1.2);
  });

  it('moves on when the shown expiry has passed and ignores expired summaries', () => {
    let rows = applySummary(empty, summary('2026-12-05', '2026-12-05T10:00:00Z'), '2026-12-05');
    rows = applySummary(rows, summary('2026-12-12', '2026-12-06T10:00:00Z'), '2026-12-06');
    expect(rows.get('NIFTY')?.summary?.expiry).toBe('2026-12-12');
    rows = applySummary(rows, summary('2026-12-05', '2026-12-06T10:00:01Z'), '2026-12-06');
    expect(rows.get('NIFTY')?.summary?.expiry).toBe('2026-12-12');
  });

  it('computes the change since the open only when both are known', () => {
    let rows = applyUnderlying(empty, { type: 'x', product: 'AAPL', price: 202, timestamp: '2026-12-06T10:00:00Z', processed_at: '' });
    expect(change(rows.get('AAPL')!)).toEqual({ abs: null, pct: null });
    rows = applyOpen(rows, 'AAPL', 200);
    const c = change(rows.get('AAPL')!);
    expect(c.abs).toBeCloseTo(2, 10);
    expect(c.pct).toBeCloseTo(1, 10);
  });

  it('formats the UTC date', () => {
    expect(utcToday(new Date('2026-12-06T23:59:59Z'))).toBe('2026-12-06');
  });
});
