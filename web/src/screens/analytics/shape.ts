// Chart data shaped from the wire formats: pure functions, unit-tested, no ECharts here.
import type { EnrichedChain, Svi } from '../../api/types';

/** IV in percent of an SVI slice at `strike`: √(w(k)/T), k = ln(K/F); null where undefined. */
export function sviIv(svi: Svi, strike: number, forward: number, years: number): number | null {
  if (!(strike > 0 && forward > 0 && years > 0)) return null;
  const x = Math.log(strike / forward) - svi.m;
  const w = svi.a + svi.b * (svi.rho * x + Math.sqrt(x * x + svi.sigma * svi.sigma));
  return w > 0 ? Math.sqrt(w / years) * 100 : null;
}

/** The fitted smile on `points` strikes evenly spread over [from, to], as [strike, IV %] pairs. */
export function sviCurve(svi: Svi, forward: number, years: number, from: number, to: number, points = 80):
  [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < points; i++) {
    const k = from + ((to - from) * i) / (points - 1);
    const iv = sviIv(svi, k, forward, years);
    if (iv !== null) out.push([k, iv]);
  }
  return out;
}

/**
 * Market IVs of the smile as [strike, IV %]: the out-of-the-money option's (put below the forward, call at or above),
 * the other one's where that is unknown, as the enricher fits them.
 */
export function smilePoints(chain: EnrichedChain): [number, number][] {
  const f = chain.forward ?? chain.spot_price;
  const out: [number, number][] = [];
  chain.strikes.forEach((k, i) => {
    const otm = k < f ? chain.puts[i].iv : chain.calls[i].iv;
    const other = k < f ? chain.calls[i].iv : chain.puts[i].iv;
    const iv = otm ?? other;
    if (iv != null && Number.isFinite(iv)) out.push([k, iv * 100]);
  });
  return out;
}

/** Open interest and its change per strike, calls and puts, aligned with `strikes`. */
export interface OiProfile {
  strikes: number[];
  callOi: number[];
  putOi: number[];
  callChange: number[];
  putChange: number[];
  maxPain: number;
  spot: number;
}

export function oiProfile(chain: EnrichedChain): OiProfile {
  return {
    strikes: chain.strikes,
    callOi: chain.calls.map((q) => q.open_interest),
    putOi: chain.puts.map((q) => q.open_interest),
    callChange: chain.calls.map((q) => q.oi_change ?? 0),
    putChange: chain.puts.map((q) => q.oi_change ?? 0),
    maxPain: chain.max_pain_strike,
    spot: chain.spot_price,
  };
}

/**
 * Position of `x` on a category axis of ascending `values`, interpolated between neighbours (a marker line for spot
 * between two strikes); clamped to the ends.
 */
export function categoryPosition(values: readonly number[], x: number): number {
  if (values.length === 0) return 0;
  if (x <= values[0]) return 0;
  for (let i = 1; i < values.length; i++) {
    if (x <= values[i]) return i - 1 + (x - values[i - 1]) / (values[i] - values[i - 1]);
  }
  return values.length - 1;
}

export interface PcrPoint {
  expiry: string;
  pcr_oi: number;
  pcr_volume: number;
  timestamp: string;
}

/** PCR history oldest first as [time ms, PCR] pairs of OI and volume, one point per timestamp. */
export function pcrSeries(history: readonly PcrPoint[]): { oi: [number, number][]; volume: [number, number][] } {
  const byTime = new Map<number, PcrPoint>();
  for (const p of history) byTime.set(Date.parse(p.timestamp), p);
  const times = [...byTime.keys()].sort((a, b) => a - b);
  return {
    oi: times.map((t) => [t, byTime.get(t)!.pcr_oi]),
    volume: times.map((t) => [t, byTime.get(t)!.pcr_volume]),
  };
}

export interface Candle {
  open: number;
  high: number;
  low: number;
  close: number;
  start_time: string;
  end_time: string;
  num_ticks: number;
}

/** Candles oldest first, one per start time (the REST answer is newest first). */
export function candlesOldestFirst(list: readonly Candle[]): Candle[] {
  const byStart = new Map<string, Candle>();
  for (const c of list) byStart.set(c.start_time, c);
  return [...byStart.values()].sort((a, b) => Date.parse(a.start_time) - Date.parse(b.start_time));
}

/**
 * A live price folded into the candles (oldest first): it extends the open bucket, or opens the next one aligned to
 * the window since the epoch (as the server buckets them). Ticks older than the last bucket are ignored.
 */
export function applyTick(candles: readonly Candle[], priceNow: number, at: string, windowMinutes: number): Candle[] {
  const t = Date.parse(at);
  const span = windowMinutes * 60_000;
  const start = Math.floor(t / span) * span;
  const last = candles[candles.length - 1];
  if (last && Date.parse(last.start_time) === start) {
    const updated = { ...last, close: priceNow, high: Math.max(last.high, priceNow), low: Math.min(last.low, priceNow),
      num_ticks: last.num_ticks + 1 };
    return [...candles.slice(0, -1), updated];
  }
  if (last && Date.parse(last.start_time) > start) return candles as Candle[];
  const fresh: Candle = { open: priceNow, high: priceNow, low: priceNow, close: priceNow,
    start_time: new Date(start).toISOString(), end_time: new Date(start + span).toISOString(), num_ticks: 1 };
  return [...candles, fresh];
}

export interface SurfaceSlice {
  expiry: string;
  strikes: number[];
  ivs: (number | null)[];
  time_to_expiry: number;
  forward: number | null;
  atm_iv: number | null;
}

/**
 * The surface as a heat map over moneyness (strike / forward, in percent, bucketed) × expiry, so that expiries with
 * different strike grids line up: [moneyness index, expiry index, IV %] cells.
 */
export function heatmap(slices: readonly SurfaceSlice[], buckets: readonly number[]):
  { expiries: string[]; cells: [number, number, number][] } {
  const expiries = slices.map((s) => s.expiry);
  const cells: [number, number, number][] = [];
  slices.forEach((s, y) => {
    const f = s.forward ?? 0;
    if (!(f > 0)) return;
    const sums = new Map<number, { sum: number; n: number }>();
    s.strikes.forEach((k, i) => {
      const iv = s.ivs[i];
      if (iv == null || !Number.isFinite(iv)) return;
      const x = nearestBucket(buckets, (k / f) * 100);
      if (x < 0) return;
      const acc = sums.get(x) ?? { sum: 0, n: 0 };
      acc.sum += iv * 100;
      acc.n += 1;
      sums.set(x, acc);
    });
    for (const [x, { sum, n }] of sums) cells.push([x, y, Math.round((sum / n) * 100) / 100]);
  });
  return { expiries, cells };
}

/** Index of the bucket nearest to `m` when within half a bucket step of it, else -1. */
function nearestBucket(buckets: readonly number[], m: number): number {
  if (buckets.length < 2) return -1;
  const step = buckets[1] - buckets[0];
  const i = Math.round((m - buckets[0]) / step);
  return i >= 0 && i < buckets.length ? i : -1;
}

/**
 * Moneyness buckets (percent of the forward) covering every strike of the slices, about `target` of them, on a
 * round step (0.1, 0.25, 0.5, 1, 2.5 or 5 percent).
 */
export function bucketsFor(slices: readonly SurfaceSlice[], target = 21): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of slices) {
    const f = s.forward ?? 0;
    if (!(f > 0)) continue;
    s.strikes.forEach((k, i) => {
      if (s.ivs[i] == null) return;
      lo = Math.min(lo, (k / f) * 100);
      hi = Math.max(hi, (k / f) * 100);
    });
  }
  if (!Number.isFinite(lo)) return [];
  const step = [0.1, 0.25, 0.5, 1, 2.5, 5].find((x) => (hi - lo) / x <= target) ?? 10;
  return moneynessBuckets(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
}

/** Moneyness buckets from `from` to `to` percent of the forward. */
export function moneynessBuckets(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  const n = Math.round((to - from) / step);
  for (let i = 0; i <= n; i++) out.push(Math.round((from + i * step) * 100) / 100);
  return out;
}
