/**
 * The strikes shown: `size` strikes centred on the at-the-money strike (the one nearest to spot), shifted inwards at
 * the ends of the chain. Returns the [from, to) index range into the ascending strikes.
 */
export function strikeWindow(strikes: readonly number[], spot: number, size: number): [number, number] {
  const n = strikes.length;
  if (n <= size) return [0, n];
  const atm = nearestIndex(strikes, spot);
  let from = atm - Math.floor(size / 2);
  from = Math.max(0, Math.min(from, n - size));
  return [from, from + size];
}

/** Index of the strike nearest to `x` (the lower on a tie). */
export function nearestIndex(strikes: readonly number[], x: number): number {
  let best = 0;
  for (let i = 1; i < strikes.length; i++) {
    if (Math.abs(strikes[i] - x) < Math.abs(strikes[best] - x)) best = i;
  }
  return best;
}

/** Number of strikes below `spot` within [from, to): the spot line goes after that many rows. */
export function spotRow(strikes: readonly number[], spot: number, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) if (strikes[i] < spot) k++;
  return k;
}
