import type { ChainSummary, UnderlyingUpdate } from '../../api/types';

/** One product's line on the overview. */
export interface OverviewRow {
  product: string;
  spot: number | null;
  /** The day's first price (open of the first candle since 00:00 UTC); null until known. */
  open: number | null;
  /** Summary of the nearest live expiry's latest chain. */
  summary: ChainSummary | null;
  updatedAt: string | null;
}

export type OverviewRows = ReadonlyMap<string, OverviewRow>;

export function emptyRow(product: string): OverviewRow {
  return { product, spot: null, open: null, summary: null, updatedAt: null };
}

function row(rows: OverviewRows, product: string): OverviewRow {
  return rows.get(product) ?? emptyRow(product);
}

function put(rows: OverviewRows, next: OverviewRow): OverviewRows {
  const m = new Map(rows);
  m.set(next.product, next);
  return m;
}

/** A new price; an older one than shown (a late snapshot) is ignored. */
export function applyUnderlying(rows: OverviewRows, u: UnderlyingUpdate): OverviewRows {
  const r = row(rows, u.product);
  if (r.updatedAt && u.timestamp < r.updatedAt) return rows;
  return put(rows, { ...r, spot: u.price, updatedAt: u.timestamp });
}

/**
 * A chain summary: the overview shows the nearest expiry that has not passed (`today`, YYYY-MM-DD), so a summary of
 * a nearer live expiry replaces a farther one, one of the same expiry replaces it when not older, and a farther one
 * is ignored unless the shown expiry has passed.
 */
export function applySummary(rows: OverviewRows, s: ChainSummary, today: string): OverviewRows {
  if (s.expiry < today) return rows;
  const r = row(rows, s.product);
  const shown = r.summary;
  const take =
    !shown ||
    shown.expiry < today ||
    s.expiry < shown.expiry ||
    (s.expiry === shown.expiry && s.timestamp >= shown.timestamp);
  return take ? put(rows, { ...r, summary: s }) : rows;
}

export function applyOpen(rows: OverviewRows, product: string, open: number): OverviewRows {
  return put(rows, { ...row(rows, product), open });
}

/** Change since the day's open, in currency units and percent; nulls until both are known. */
export function change(r: OverviewRow): { abs: number | null; pct: number | null } {
  if (r.spot === null || r.open === null || r.open === 0) return { abs: null, pct: null };
  const abs = r.spot - r.open;
  return { abs, pct: (abs / r.open) * 100 };
}

/** Today's date in UTC as YYYY-MM-DD. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
