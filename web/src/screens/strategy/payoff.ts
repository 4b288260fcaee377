import { bsm, intrinsic } from './blackScholes';
import { type StrategyMarket, signedLots, type ValuedLeg } from './legs';

/** The chart's series: P&L of the whole strategy (all lots, in currency) against the underlying's price. */
export interface PayoffCurves {
  underlying: number[];
  /** at the earliest expiry of the option legs (later legs valued at their remaining time) */
  atExpiry: number[];
  /** now, every option at its full time to expiry */
  today: number[];
  /** years from now to the earliest expiry */
  horizon: number;
}

/** Earliest expiry of the option legs in years (0 when there are none). */
export function horizonOf(legs: ValuedLeg[]): number {
  const options = legs.filter((l) => l.kind !== 'UNDERLYING').map((l) => l.years);
  return options.length === 0 ? 0 : Math.min(...options);
}

/**
 * P&L of the strategy at price `s` after `elapsed` years: each leg's value then minus its entry price, signed by side,
 * times lots and lot size.
 */
export function strategyPnl(legs: ValuedLeg[], market: StrategyMarket, s: number, elapsed: number): number {
  let pnl = 0;
  for (const l of legs) {
    let value: number;
    if (l.kind === 'UNDERLYING') {
      value = s;
    } else {
      const left = l.years - elapsed;
      value = left <= 1e-9
        ? intrinsic(l.kind, s, l.strike as number)
        : bsm({ kind: l.kind, spot: s, strike: l.strike as number, years: left,
          volatility: l.iv && l.iv > 0 ? l.iv : market.volatility, rate: market.rate }).price;
    }
    pnl += signedLots(l) * (value - l.price) * market.lotSize;
  }
  return pnl;
}

/**
 * The price range of the chart: spot ± the larger of three expected moves to the horizon, the farthest strike plus
 * a fifth of its distance, and 2% of spot; `points` evenly spaced prices (at least 2).
 */
export function priceGrid(legs: ValuedLeg[], market: StrategyMarket, points = 121): number[] {
  const { spot } = market;
  const horizon = horizonOf(legs);
  const move = 3 * spot * market.volatility * Math.sqrt(Math.max(horizon, 1 / 365));
  const strikes = legs.filter((l) => l.strike !== null).map((l) => Math.abs((l.strike as number) - spot) * 1.2);
  const half = Math.max(move, 0.02 * spot, ...strikes);
  const lo = Math.max(spot - half, spot * 0.01);
  const hi = spot + half;
  const n = Math.max(2, Math.floor(points));
  return Array.from({ length: n }, (_, i) => lo + (hi - lo) * i / (n - 1));
}

export function payoffCurves(legs: ValuedLeg[], market: StrategyMarket, points = 121): PayoffCurves {
  const underlying = priceGrid(legs, market, points);
  const horizon = horizonOf(legs);
  return {
    underlying,
    atExpiry: underlying.map((s) => strategyPnl(legs, market, s, horizon)),
    today: underlying.map((s) => strategyPnl(legs, market, s, 0)),
    horizon,
  };
}

/** Prices where a sampled curve crosses zero, linearly interpolated between grid points. */
export function zeroCrossings(xs: number[], ys: number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < xs.length; i++) {
    const a = ys[i - 1];
    const b = ys[i];
    if (a === 0 && (i === 1 || ys[i - 2] !== 0)) {
      out.push(xs[i - 1]);
    } else if ((a < 0 && b > 0) || (a > 0 && b < 0)) {
      out.push(xs[i - 1] + (xs[i] - xs[i - 1]) * (-a / (b - a)));
    }
  }
  return out;
}
