import type { ChainView } from './legs';

/** A NIFTY chain of 9 strikes 50 apart around 21,500, quotes that make each leg recognisable. */
export function niftyChain(): ChainView {
  const strikes = [21300, 21350, 21400, 21450, 21500, 21550, 21600, 21650, 21700];
  const sym = (k: number, t: string) => `NIFTY20261208${t}${k}`;
  return {
    product: 'NIFTY', expiry: '2026-12-08', spot_price: 21510, strikes, atm_strike: 21500, time_to_expiry: 0.02,
    atm_iv: 0.13, forward: 21510 * Math.exp(0.053 * 0.02),
    calls: strikes.map((k) => ({ symbol: sym(k, 'C'), bid: Math.max(21510 - k, 0) + 100, ask: Math.max(21510 - k, 0) + 102, iv: 0.13 })),
    puts: strikes.map((k) => ({ symbol: sym(k, 'P'), bid: Math.max(k - 21510, 0) + 90, ask: Math.max(k - 21510, 0) + 92, iv: 0.14 })),
  };
}
