import { Store } from './store';

/**
 * The strategy being built, shared by the option chain (which adds legs when a bid or ask is clicked) and the
 * strategy builder (which shows, edits, prices and places them).
 *
 * A click on an ask adds a BUY leg at the ask; a click on a bid adds a SELL leg at the bid. Quantity is in lots.
 */
export type Side = 'BUY' | 'SELL';
export type OptionKind = 'call' | 'put';

export interface Leg {
  /** Option symbol as the REST API spells it, e.g. NIFTY20261126C21500. */
  symbol: string;
  product: string;
  /** YYYY-MM-DD. */
  expiry: string;
  strike: number;
  kind: OptionKind;
  side: Side;
  /** Number of lots (multiply by the product's lot size for units). */
  lots: number;
  /** Price per unit when the leg was added, product currency. */
  price: number;
  /** Implied volatility when the leg was added (fraction), NaN when unknown. */
  iv: number;
}

export const legs = new Store<readonly Leg[]>([]);

/** Adds a leg; the same option on the same side adds a lot to the existing leg instead. */
export function addLeg(leg: Leg): void {
  legs.update((current) => {
    const i = current.findIndex((l) => l.symbol === leg.symbol && l.side === leg.side);
    if (i < 0) return [...current, leg];
    const merged = { ...current[i], lots: current[i].lots + leg.lots, price: leg.price, iv: leg.iv };
    return current.map((l, j) => (j === i ? merged : l));
  });
}

export function removeLeg(index: number): void {
  legs.update((current) => current.filter((_, j) => j !== index));
}

export function clearLegs(): void {
  legs.set([]);
}

/** The option symbol of the REST API: PRODUCTyyyyMMdd[C|P]STRIKE. */
export function optionSymbol(product: string, expiry: string, kind: OptionKind, strike: number): string {
  return `${product}${expiry.replaceAll('-', '')}${kind === 'call' ? 'C' : 'P'}${strike}`;
}
