// Wire shapes of the REST API and Socket.IO events (see /api/docs). Units: prices in the product's currency, IV as a
// fraction (0.2285), theta per calendar day, vega per 1 vol point, times ISO-8601 UTC.

export type Buildup = 'long_buildup' | 'short_buildup' | 'short_covering' | 'long_unwinding' | 'neutral';

export interface Quote {
  symbol: string;
  product: string;
  strike: number;
  expiry: string;
  option_type: 'CALL' | 'PUT';
  bid: number;
  ask: number;
  last: number;
  volume: number;
  open_interest: number;
  delta: number | null;
  gamma: number | null;
  vega: number | null;
  theta: number | null;
  iv: number | null;
  timestamp: string;
  mid?: number | null;
  rho?: number | null;
  oi_change?: number;
  price_change?: number;
  buildup?: Buildup;
}

/** SVI raw parameters of one expiry: total variance w(k) = a + b(ρ(k − m) + √((k − m)² + σ²)), k = ln(K/F). */
export interface Svi {
  a: number;
  b: number;
  rho: number;
  m: number;
  sigma: number;
  rmse: number | null;
}

export interface EnrichedChain {
  product: string;
  expiry: string;
  spot_price: number;
  strikes: number[];
  pcr_oi: number;
  pcr_volume: number;
  atm_strike: number;
  atm_straddle_price: number;
  max_pain_strike: number;
  total_call_oi: number;
  total_put_oi: number;
  call_buildup_otm: number;
  put_buildup_otm: number;
  calls: Quote[];
  puts: Quote[];
  timestamp: string;
  processed_at: string;
  time_to_expiry: number;
  forward: number | null;
  atm_iv: number | null;
  iv_skew: number | null;
  expected_move: number | null;
  total_call_oi_change: number;
  total_put_oi_change: number;
  smile: Svi | null;
}

export interface UnderlyingUpdate {
  type: string;
  product: string;
  price: number;
  timestamp: string;
  processed_at: string;
}

export interface ChainSummary {
  product: string;
  expiry: string;
  spot_price: number;
  pcr_oi: number;
  pcr_volume: number;
  atm_straddle_price: number;
  max_pain_strike: number;
  timestamp: string;
  atm_iv?: number | null;
  expected_move?: number | null;
}
