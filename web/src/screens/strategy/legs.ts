/**
 * Strategies as the builder prices and places them: the option legs of the shared `state/legs` store (added by
 * clicks in the chain or by a template here), an optional leg in the underlying (covered call), and what is made of
 * them: the body of `POST /api/analytics/strategy`, the orders of "place as orders", the net premium.
 */
import { type Leg, optionSymbol, type Side } from '../../state/legs';

/** A position in the underlying itself, in lots of the product (a covered call's stock). */
export interface StockLeg {
  product: string;
  side: Side;
  lots: number;
  /** entry price per unit, the spot when it was added */
  price: number;
}

/** One leg as it is valued: kind, signed size, entry, volatility and time to expiry. */
export interface ValuedLeg {
  kind: 'CALL' | 'PUT' | 'UNDERLYING';
  side: Side;
  lots: number;
  /** null for the underlying */
  strike: number | null;
  /** entry price per unit */
  price: number;
  /** fraction; null when unknown (the market's ATM IV is used) */
  iv: number | null;
  /** ACT/365 years to expiry; 0 for the underlying */
  years: number;
}

/** The subset of one quote of an enriched chain that the builder reads. */
export interface ChainQuote {
  symbol: string;
  bid: number;
  ask: number;
  last?: number;
  iv?: number | null;
}

/** The subset of an enriched chain (`chain_update` / `/api/data/chain`) that the builder reads. */
export interface ChainView {
  product: string;
  expiry: string;
  spot_price: number;
  strikes: number[];
  calls: ChainQuote[];
  puts: ChainQuote[];
  atm_strike: number;
  time_to_expiry: number;
  timestamp?: string;
  atm_iv?: number | null;
  forward?: number | null;
}

export type TemplateName =
  | 'long_straddle' | 'short_straddle' | 'long_strangle' | 'short_strangle'
  | 'bull_call_spread' | 'bear_call_spread' | 'bull_put_spread' | 'bear_put_spread'
  | 'iron_condor' | 'long_butterfly' | 'covered_call';

export const TEMPLATES: ReadonlyArray<{ name: TemplateName; label: string }> = [
  { name: 'long_straddle', label: 'Long straddle' },
  { name: 'short_straddle', label: 'Short straddle' },
  { name: 'long_strangle', label: 'Long strangle' },
  { name: 'short_strangle', label: 'Short strangle' },
  { name: 'bull_call_spread', label: 'Bull call spread' },
  { name: 'bear_call_spread', label: 'Bear call spread' },
  { name: 'bull_put_spread', label: 'Bull put spread' },
  { name: 'bear_put_spread', label: 'Bear put spread' },
  { name: 'iron_condor', label: 'Iron condor' },
  { name: 'long_butterfly', label: 'Long call butterfly' },
  { name: 'covered_call', label: 'Covered call' },
];

/**
 * One option leg as a click in the chain makes it: the ask buys, the bid sells. The entry price is the clicked
 * side's quote (the mid, or the last price, when that side is empty).
 */
export function legFromChain(chain: ChainView, strikeIndex: number, kind: 'call' | 'put', side: Side,
                             lots = 1): Leg {
  const q = (kind === 'call' ? chain.calls : chain.puts)[strikeIndex];
  const strike = chain.strikes[strikeIndex];
  if (q === undefined || strike === undefined) {
    throw new RangeError(`No ${kind} at strike index ${strikeIndex} of the ${chain.product} ${chain.expiry} chain`);
  }
  const quoted = side === 'BUY' ? q.ask : q.bid;
  const mid = q.bid > 0 && q.ask > 0 ? (q.bid + q.ask) / 2 : (q.last ?? 0);
  return {
    symbol: q.symbol || optionSymbol(chain.product, chain.expiry, kind, strike), product: chain.product,
    expiry: chain.expiry, strike, kind, side, lots: checkedLots(lots), price: quoted > 0 ? quoted : mid,
    iv: q.iv ?? Number.NaN,
  };
}

/**
 * The legs of a template around the chain's ATM strike. `width` is the distance of the wings in strike steps
 * (strangles, spreads, condor, butterfly), at least 1. Throws a RangeError naming what is missing when the chain
 * has too few strikes on one side.
 */
export function templateLegs(name: TemplateName, chain: ChainView, lots = 1, width = 2)
  : { options: Leg[]; stock: StockLeg | null } {
  checkedLots(lots);
  const atm = atmIndex(chain);
  const w = Math.max(1, Math.floor(width));
  const at = (offset: number, kind: 'call' | 'put', side: Side, n = lots) => {
    const i = atm + offset;
    if (i < 0 || i >= chain.strikes.length) {
      throw new RangeError(`The chain has no strike ${Math.abs(offset)} steps ${offset < 0 ? 'below' : 'above'} ATM`);
    }
    return legFromChain(chain, i, kind, side, n);
  };
  const only = (options: Leg[]) => ({ options, stock: null });
  switch (name) {
    case 'long_straddle': return only([at(0, 'call', 'BUY'), at(0, 'put', 'BUY')]);
    case 'short_straddle': return only([at(0, 'call', 'SELL'), at(0, 'put', 'SELL')]);
    case 'long_strangle': return only([at(w, 'call', 'BUY'), at(-w, 'put', 'BUY')]);
    case 'short_strangle': return only([at(w, 'call', 'SELL'), at(-w, 'put', 'SELL')]);
    case 'bull_call_spread': return only([at(0, 'call', 'BUY'), at(w, 'call', 'SELL')]);
    case 'bear_call_spread': return only([at(0, 'call', 'SELL'), at(w, 'call', 'BUY')]);
    case 'bull_put_spread': return only([at(0, 'put', 'SELL'), at(-w, 'put', 'BUY')]);
    case 'bear_put_spread': return only([at(0, 'put', 'BUY'), at(-w, 'put', 'SELL')]);
    case 'iron_condor': return only([at(-2 * w, 'put', 'BUY'), at(-w, 'put', 'SELL'), at(w, 'call', 'SELL'),
      at(2 * w, 'call', 'BUY')]);
    case 'long_butterfly': return only([at(-w, 'call', 'BUY'), at(0, 'call', 'SELL', 2 * lots), at(w, 'call', 'BUY')]);
    case 'covered_call': return {
      options: [at(w, 'call', 'SELL')],
      stock: { product: chain.product, side: 'BUY', lots, price: chain.spot_price },
    };
  }
}

/** Index of the listed strike nearest the chain's ATM strike (its spot when the ATM strike is not listed). */
export function atmIndex(chain: ChainView): number {
  if (chain.strikes.length === 0) {
    throw new RangeError(`The ${chain.product} ${chain.expiry} chain has no strikes`);
  }
  const target = Number.isFinite(chain.atm_strike) ? chain.atm_strike : chain.spot_price;
  let best = 0;
  chain.strikes.forEach((k, i) => {
    if (Math.abs(k - target) < Math.abs(chain.strikes[best] - target)) {
      best = i;
    }
  });
  return best;
}

/**
 * The legs to value. `yearsTo(expiry)` gives the ACT/365 years left to an expiry (from the live chain of that
 * expiry); an unknown IV (NaN) becomes null.
 */
export function valuedLegs(options: readonly Leg[], stock: StockLeg | null, yearsTo: (expiry: string) => number)
  : ValuedLeg[] {
  const out: ValuedLeg[] = options.map((l) => ({
    kind: l.kind === 'call' ? 'CALL' : 'PUT', side: l.side, lots: l.lots, strike: l.strike, price: l.price,
    iv: Number.isFinite(l.iv) && l.iv > 0 ? l.iv : null, years: Math.max(0, yearsTo(l.expiry)),
  }));
  if (stock) {
    out.push({ kind: 'UNDERLYING', side: stock.side, lots: stock.lots, strike: null, price: stock.price, iv: null,
      years: 0 });
  }
  return out;
}

/** +lots for a buy, -lots for a sell. */
export function signedLots(leg: { side: Side; lots: number }): number {
  return leg.side === 'BUY' ? leg.lots : -leg.lots;
}

/** Market inputs of a valuation. */
export interface StrategyMarket {
  spot: number;
  /** continuously compounded, fraction */
  rate: number;
  /** fraction, for legs without their own IV */
  volatility: number;
  /** units of the underlying per lot */
  lotSize: number;
}

/**
 * The market of a chain: spot, the carry implied by its forward (r - q, used as the rate with no dividend yield,
 * which gives the same forward), its ATM IV (20% until the feed has one).
 */
export function marketOf(chain: ChainView, lotSize: number): StrategyMarket {
  const t = chain.time_to_expiry;
  const carry = chain.forward && t > 0 ? Math.log(chain.forward / chain.spot_price) / t : 0;
  const iv = chain.atm_iv && chain.atm_iv > 0 ? chain.atm_iv : 0.2;
  return { spot: chain.spot_price, rate: Math.min(0.99, Math.max(-0.99, carry)), volatility: iv, lotSize };
}

/** The body of `POST /api/analytics/strategy`: quantities in signed lots, the lot size as the multiplier. */
export function strategyRequest(legs: ValuedLeg[], market: StrategyMarket): Record<string, unknown> {
  if (legs.length === 0) {
    throw new RangeError('A strategy needs at least one leg');
  }
  return {
    spot: market.spot,
    rate: market.rate,
    volatility: market.volatility,
    multiplier: market.lotSize,
    legs: legs.map((l) => l.kind === 'UNDERLYING'
      ? { type: 'UNDERLYING', quantity: signedLots(l), entry_price: l.price }
      : {
        type: l.kind, strike: l.strike, years: l.years, quantity: signedLots(l), entry_price: l.price,
        ...(l.iv === null ? {} : { volatility: l.iv }),
      }),
  };
}

/** One order of "place as orders". */
export interface LegOrder {
  symbol: string;
  side: Side;
  order_type: 'MARKET';
  quantity: number;
  validity: 'DAY';
}

/**
 * The orders of "place as orders": a DAY market order per leg, quantity in units; the stock first, then the bought
 * options, then the sold ones, so that a short leg is never placed before the legs that cover it.
 */
export function legOrders(options: readonly Leg[], stock: StockLeg | null, lotSize: number): LegOrder[] {
  const order = (symbol: string, side: Side, lots: number): LegOrder =>
    ({ symbol, side, order_type: 'MARKET', quantity: lots * lotSize, validity: 'DAY' });
  const buys = options.filter((l) => l.side === 'BUY');
  const sells = options.filter((l) => l.side === 'SELL');
  const out = [...buys, ...sells].map((l) => order(l.symbol, l.side, l.lots));
  return stock ? [order(stock.product, stock.side, stock.lots), ...out] : out;
}

/** Net premium of all legs in currency: positive = paid (debit), negative = received (credit). */
export function netPremium(legs: ValuedLeg[], lotSize: number): number {
  return legs.reduce((sum, l) => sum + signedLots(l) * l.price * lotSize, 0);
}

function checkedLots(lots: number): number {
  if (!Number.isInteger(lots) || lots < 1) {
    throw new RangeError(`Lots must be a whole number of at least 1, got ${lots}`);
  }
  return lots;
}
