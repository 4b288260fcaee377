import type { Buildup, Quote } from '../../api/types';
import { count, decimal, price, signedCount, vol } from '../../format/numbers';

/** One metric of the chain, shown once per side (calls mirror puts around the strike column). */
export interface Column {
  id: string;
  label: string;
  title: string;
  /** The value compared between updates to decide whether the cell flashes (and which way). */
  value: (q: Quote) => number | null;
  text: (q: Quote, currency: string) => string;
  /** Least content width of the column in px (the table has a fixed layout: an update never re-measures the whole table). */
  width: number;
  /** Bid and ask cells add a strategy leg when clicked. */
  leg?: 'BUY' | 'SELL';
}

const BUILDUP_SHORT: Record<Buildup, string> = {
  long_buildup: 'LB',
  short_buildup: 'SB',
  short_covering: 'SC',
  long_unwinding: 'LU',
  neutral: '',
};

export const BUILDUP_TITLE: Record<Buildup, string> = {
  long_buildup: 'Long build-up: price up, OI up',
  short_buildup: 'Short build-up: price down, OI up',
  short_covering: 'Short covering: price up, OI down',
  long_unwinding: 'Long unwinding: price down, OI down',
  neutral: 'Neutral',
};

/**
 * The call side's columns left to right (outermost first); the put side mirrors them around the strike except that bid
 * stays left of ask, as on exchange screens.
 */
export const COLUMNS: Column[] = [
  { id: 'buildup', width: 34, label: 'Build',
    title: 'OI build-up class: LB long build-up, SB short build-up, SC short covering, LU long unwinding',
    value: () => null,
    text: (q) => (q.buildup ? BUILDUP_SHORT[q.buildup] : '') },
  { id: 'oi', width: 54, label: 'OI', title: 'Open interest (contracts), bar relative to the largest shown',
    value: (q) => q.open_interest, text: (q, c) => count(q.open_interest, c) },
  { id: 'oi_change', width: 40, label: 'OI chg', title: 'Change in open interest since the previous chain',
    value: (q) => q.oi_change ?? null, text: (q, c) => signedCount(q.oi_change, c) },
  { id: 'volume', width: 44, label: 'Volume', title: 'Contracts traded', value: (q) => q.volume, text: (q, c) => count(q.volume, c) },
  { id: 'iv', width: 42, label: 'IV', title: 'Implied volatility (annualised)', value: (q) => q.iv, text: (q) => vol(q.iv, 1) },
  { id: 'delta', width: 36, label: 'Delta', title: 'Delta per unit of the underlying', value: (q) => q.delta,
    text: (q) => decimal(q.delta, 2) },
  { id: 'gamma', width: 48, label: 'Gamma', title: 'Gamma per unit of the underlying', value: (q) => q.gamma,
    text: (q) => decimal(q.gamma, 5) },
  { id: 'theta', width: 42, label: 'Theta', title: 'Theta per calendar day (currency)', value: (q) => q.theta,
    text: (q) => decimal(q.theta, 2) },
  { id: 'vega', width: 38, label: 'Vega', title: 'Vega per 1 vol point (currency)', value: (q) => q.vega,
    text: (q) => decimal(q.vega, 2) },
  { id: 'last', width: 48, label: 'LTP', title: 'Last traded price', value: (q) => q.last, text: (q, c) => price(q.last, c) },
  { id: 'bid', width: 48, label: 'Bid', title: 'Best bid: click to SELL at the bid (adds a strategy leg)', value: (q) => q.bid,
    text: (q, c) => price(q.bid, c), leg: 'SELL' },
  { id: 'ask', width: 48, label: 'Ask', title: 'Best ask: click to BUY at the ask (adds a strategy leg)', value: (q) => q.ask,
    text: (q, c) => price(q.ask, c), leg: 'BUY' },
];

/** The put side's order, left to right, for the given call-side columns. */
export function putOrder(callOrder: readonly Column[]): Column[] {
  const mirrored = [...callOrder].reverse();
  const bid = mirrored.findIndex((c) => c.id === 'bid');
  const ask = mirrored.findIndex((c) => c.id === 'ask');
  if (bid >= 0 && ask >= 0 && ask < bid) [mirrored[ask], mirrored[bid]] = [mirrored[bid], mirrored[ask]];
  return mirrored;
}

export const DEFAULT_VISIBLE = ['buildup', 'oi', 'oi_change', 'volume', 'iv', 'delta', 'theta', 'last', 'bid', 'ask'];

/** Strike window sizes offered (the chain may have fewer). */
export const WINDOWS = [21, 41, 61, 81, 101];

/** Width of the strike column in px. */
export const STRIKE_WIDTH = 58;
