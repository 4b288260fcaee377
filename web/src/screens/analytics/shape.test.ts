import { describe, expect, it } from 'vitest';
import type { EnrichedChain, Quote } from '../../api/types';
import { applyTick, bucketsFor, candlesOldestFirst, categoryPosition, heatmap, moneynessBuckets, oiProfile, pcrSeries, smilePoints,
  sviCurve, sviIv, type Candle } from './shape';

function quote(strike: number, type: 'CALL' | 'PUT', iv: number | null, oi: number, change: number): Quote {
  return { symbol: '', product: 'X', strike, expiry: '2026-12-31', option_type: type, bid: 1, ask: 2, last: 1.5,
    volume: 10, open_interest: oi, delta: null, gamma: null, vega: null, theta: null, iv, timestamp: '',
    oi_change: change };
}

function chain(): EnrichedChain {
  const strikes = [90, 100, 110];
  return {
    product: 'X', expiry: '2026-12-31', spot_price: 101, strikes, pcr_oi: 1, pcr_volume: 1, atm_strike: 100,
    atm_straddle_price: 5, max_pain_strike: 100, total_call_oi: 0, total_put_oi: 0, call_buildup_otm: 0,
    put_buildup_otm: 0,
    calls: [quote(90, 'CALL', 0.3, 10, 1), quote(100, 'CALL', 0.25, 20, -2), quote(110, 'CALL', 0.22, 30, 3)],
    puts: [quote(90, 'PUT', 0.31, 40, 4), quote(100, 'PUT', null, 50, -5), quote(110, 'PUT', 0.2, 60, 6)],
    timestamp: '', processed_at: '', time_to_expiry: 0.1, forward: 100.5, atm_iv: 0.25, iv_skew: 0.01,
    expected_move: 8, total_call_oi_change: 0, total_put_oi_change: 0, smile: null,
  };
}

describe('smile', () => {
  const svi = { a: 0.004, b: 0.04, rho: -0.3, m: 0.01, sigma: 0.1, rmse: 0.001 };

  it('evaluates SVI as sqrt(w(k)/T) with k = ln(K/F)', () => {
    // At k = m the root term is sigma: w = a + b*sigma.
    const strike = 100 * Math.exp(0.01);
    expect(sviIv(svi, strike, 100, 0.25)).toBeCloseTo(Math.sqrt((0.004 + 0.04 * 0.1) / 0.25) * 100, 10);
    expect(sviIv(svi, 0, 100, 0.25)).toBeNull();
    expect(sviIv(svi, 100, 100, 0)).toBeNull();
    expect(sviIv({ ...svi, a: -1 }, 100, 100, 0.25)).toBeNull();
  });

  it('draws the fit over the strike range and is lowest near the vertex for a symmetric smile', () => {
    const curve = sviCurve({ ...svi, rho: 0, m: 0 }, 100, 0.25, 80, 120, 41);
    expect(curve).toHaveLength(41);
    expect(curve[0][0]).toBe(80);
    expect(curve[40][0]).toBe(120);
    const lowest = curve.reduce((a, b) => (b[1] < a[1] ? b : a));
    expect(lowest[0]).toBe(100);
  });

  it('takes out-of-the-money IVs, falling back to the other side, in percent', () => {
    expect(smilePoints(chain())).toEqual([[90, 31], [100, 25], [110, 22]]);
  });
});

describe('open interest', () => {
  it('aligns calls and puts with strikes', () => {
    const p = oiProfile(chain());
    expect(p.callOi).toEqual([10, 20, 30]);
    expect(p.putOi).toEqual([40, 50, 60]);
    expect(p.callChange).toEqual([1, -2, 3]);
    expect(p.putChange).toEqual([4, -5, 6]);
    expect(p.maxPain).toBe(100);
  });

  it('places a value between categories', () => {
    expect(categoryPosition([90, 100, 110], 101)).toBeCloseTo(1.1, 10);
    expect(categoryPosition([90, 100, 110], 50)).toBe(0);
    expect(categoryPosition([90, 100, 110], 500)).toBe(2);
    expect(categoryPosition([90, 100, 110], 100)).toBe(1);
  });
});

describe('PCR history', () => {
  it('sorts oldest first and keeps one point per time', () => {
    const s = pcrSeries([
      { expiry: 'e', pcr_oi: 1.2, pcr_volume: 0.9, timestamp: '2026-12-06T10:00:10Z' },
      { expiry: 'e', pcr_oi: 1.1, pcr_volume: 0.8, timestamp: '2026-12-06T10:00:00Z' },
      { expiry: 'e', pcr_oi: 1.3, pcr_volume: 1.0, timestamp: '2026-12-06T10:00:10Z' },
    ]);
    expect(s.oi).toEqual([[Date.parse('2026-12-06T10:00:00Z'), 1.1], [Date.parse('2026-12-06T10:00:10Z'), 1.3]]);
    expect(s.volume.map((p) => p[1])).toEqual([0.8, 1.0]);
  });
});

describe('candles', () => {
  const c = (start: string, o: number, h: number, l: number, cl: number): Candle => ({ open: o, high: h, low: l,
    close: cl, start_time: start, end_time: '', num_ticks: 5 });

  it('orders the newest-first answer oldest first', () => {
    const list = candlesOldestFirst([c('2026-12-06T10:05:00Z', 2, 2, 2, 2), c('2026-12-06T10:00:00Z', 1, 1, 1, 1)]);
    expect(list.map((x) => x.open)).toEqual([1, 2]);
  });

  it('extends the open bucket with a live price and opens the next aligned one', () => {
    let list = [c('2026-12-06T10:00:00.000Z', 100, 101, 99, 100.5)];
    list = applyTick(list, 102, '2026-12-06T10:04:59Z', 5);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ open: 100, high: 102, low: 99, close: 102, num_ticks: 6 });
    list = applyTick(list, 98, '2026-12-06T10:05:01Z', 5);
    expect(list).toHaveLength(2);
    expect(list[1]).toMatchObject({ open: 98, high: 98, low: 98, close: 98, start_time: '2026-12-06T10:05:00.000Z',
      end_time: '2026-12-06T10:10:00.000Z' });
    expect(applyTick(list, 50, '2026-12-06T09:59:00Z', 5)).toBe(list);
  });
});

describe('surface heat map', () => {
  it('buckets by moneyness so that different strike grids line up', () => {
    const buckets = moneynessBuckets(90, 110, 5);
    expect(buckets).toEqual([90, 95, 100, 105, 110]);
    const { expiries, cells } = heatmap([
      { expiry: 'near', strikes: [90, 100, 110], ivs: [0.3, 0.2, null], time_to_expiry: 0.02, forward: 100, atm_iv: 0.2 },
      { expiry: 'far', strikes: [180, 200, 220], ivs: [0.25, 0.22, 0.21], time_to_expiry: 0.2, forward: 200, atm_iv: 0.22 },
      { expiry: 'none', strikes: [1], ivs: [0.2], time_to_expiry: 0.2, forward: null, atm_iv: null },
    ], buckets);
    expect(expiries).toEqual(['near', 'far', 'none']);
    expect(cells).toEqual([[0, 0, 30], [2, 0, 20], [0, 1, 25], [2, 1, 22], [4, 1, 21]]);
  });
});

describe('surface buckets', () => {
  it('cover the strikes on a round step', () => {
    const slice = { expiry: 'e', strikes: [97.6, 100, 102.4], ivs: [0.2, 0.2, 0.2], time_to_expiry: 0.1, forward: 100,
      atm_iv: 0.2 };
    const b = bucketsFor([slice]);
    expect(b[0]).toBe(97.5);
    expect(b[b.length - 1]).toBe(102.5);
    expect(b[1] - b[0]).toBeCloseTo(0.25, 10);
    expect(bucketsFor([{ ...slice, forward: null }])).toEqual([]);
  });
});
