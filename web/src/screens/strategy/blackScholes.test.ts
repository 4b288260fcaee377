import { describe, expect, it } from 'vitest';
import { bsm, normCdf } from './blackScholes';

describe('normCdf', () => {
  it('matches tabulated values', () => {
    expect(normCdf(0)).toBeCloseTo(0.5, 7);
    expect(normCdf(1)).toBeCloseTo(0.8413447461, 6);
    expect(normCdf(-1.96)).toBeCloseTo(0.0249978952, 6);
    expect(normCdf(3)).toBeCloseTo(0.9986501020, 6);
  });
});

describe('bsm', () => {
  // Hull, Options, Futures and Other Derivatives, example 15.6: S=42, K=40, r=10%, sigma=20%, T=0.5.
  it('prices Hull example 15.6', () => {
    const base = { spot: 42, strike: 40, years: 0.5, volatility: 0.2, rate: 0.1 };
    expect(bsm({ kind: 'CALL', ...base }).price).toBeCloseTo(4.76, 2);
    expect(bsm({ kind: 'PUT', ...base }).price).toBeCloseTo(0.81, 2);
  });

  // Hull example 19.1 (S=49, K=50, r=5%, sigma=20%, T=0.3846): delta 0.522, gamma 0.066, vega 12.1 per 100%,
  // theta -4.31 per year, rho 8.91 per 100%.
  it('gives Hull example 19.1 Greeks in the platform units', () => {
    const g = bsm({ kind: 'CALL', spot: 49, strike: 50, years: 0.3846, volatility: 0.2, rate: 0.05 });
    expect(g.price).toBeCloseTo(2.40, 2);
    expect(g.delta).toBeCloseTo(0.522, 3);
    expect(g.gamma).toBeCloseTo(0.066, 3);
    expect(g.vega).toBeCloseTo(0.121, 3);
    expect(g.theta).toBeCloseTo(-4.31 / 365, 4);
    expect(g.rho).toBeCloseTo(0.0891, 4);
  });

  it('keeps put-call parity with a dividend yield', () => {
    const base = { spot: 21500, strike: 21700, years: 0.05, volatility: 0.13, rate: 0.065, dividendYield: 0.012 };
    const c = bsm({ kind: 'CALL', ...base }).price;
    const p = bsm({ kind: 'PUT', ...base }).price;
    const parity = base.spot * Math.exp(-0.012 * 0.05) - base.strike * Math.exp(-0.065 * 0.05);
    expect(c - p).toBeCloseTo(parity, 6);
  });

  it('is intrinsic value at expiry', () => {
    expect(bsm({ kind: 'CALL', spot: 110, strike: 100, years: 0, volatility: 0.2 }).price).toBe(10);
    expect(bsm({ kind: 'PUT', spot: 110, strike: 100, years: 0, volatility: 0.2 }).price).toBe(0);
    expect(bsm({ kind: 'PUT', spot: 90, strike: 100, years: -1, volatility: 0.2 }).delta).toBe(-1);
  });
});
