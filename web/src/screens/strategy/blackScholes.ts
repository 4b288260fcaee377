/**
 * Black-Scholes-Merton price and Greeks of one European option, for the strategy builder's T+0 curve, which needs
 * hundreds of valuations per redraw and so is computed in the browser rather than asked of the analytics service.
 * Units as the platform's API: volatility, rate and dividend yield as fractions, time in ACT/365 years, theta per
 * calendar day, vega per 1 vol point, rho per 1% rate.
 */
export type OptionKind = 'CALL' | 'PUT';

export interface OptionInputs {
  kind: OptionKind;
  spot: number;
  strike: number;
  /** ACT/365 years to expiry; 0 or less means expired (intrinsic value). */
  years: number;
  volatility: number;
  rate?: number;
  dividendYield?: number;
}

export interface OptionValue {
  price: number;
  delta: number;
  gamma: number;
  /** per 1 vol point */
  vega: number;
  /** per calendar day */
  theta: number;
  /** per 1% rate */
  rho: number;
}

/** Standard normal cumulative distribution, through erfc (relative error below 1.2e-7). */
export function normCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

export function normPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  // Numerical Recipes' erfcc: a Chebyshev fit, precise enough for display and payoff curves.
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
    + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** Intrinsic value at expiry. */
export function intrinsic(kind: OptionKind, spot: number, strike: number): number {
  return kind === 'CALL' ? Math.max(spot - strike, 0) : Math.max(strike - spot, 0);
}

/** Price and Greeks; at or after expiry, intrinsic value with delta 0/±1 and no time value. */
export function bsm(o: OptionInputs): OptionValue {
  const r = o.rate ?? 0;
  const q = o.dividendYield ?? 0;
  const { spot: s, strike: k, years: t, volatility: v } = o;
  if (!(t > 0) || !(v > 0)) {
    const itm = o.kind === 'CALL' ? s > k : s < k;
    return {
      price: intrinsic(o.kind, s, k),
      delta: itm ? (o.kind === 'CALL' ? 1 : -1) : 0,
      gamma: 0, vega: 0, theta: 0, rho: 0,
    };
  }
  const sqrtT = Math.sqrt(t);
  const d1 = (Math.log(s / k) + (r - q + 0.5 * v * v) * t) / (v * sqrtT);
  const d2 = d1 - v * sqrtT;
  const dq = Math.exp(-q * t);
  const dr = Math.exp(-r * t);
  const pdf = normPdf(d1);
  const gamma = dq * pdf / (s * v * sqrtT);
  const vega = s * dq * pdf * sqrtT / 100;
  const decay = -s * dq * pdf * v / (2 * sqrtT);
  if (o.kind === 'CALL') {
    const nd1 = normCdf(d1);
    const nd2 = normCdf(d2);
    return {
      price: s * dq * nd1 - k * dr * nd2,
      delta: dq * nd1,
      gamma,
      vega,
      theta: (decay - r * k * dr * nd2 + q * s * dq * nd1) / 365,
      rho: k * t * dr * nd2 / 100,
    };
  }
  const nmd1 = normCdf(-d1);
  const nmd2 = normCdf(-d2);
  return {
    price: k * dr * nmd2 - s * dq * nmd1,
    delta: -dq * nmd1,
    gamma,
    vega,
    theta: (decay + r * k * dr * nmd2 - q * s * dq * nmd1) / 365,
    rho: -k * t * dr * nmd2 / 100,
  };
}
