// Number formatting per product currency: INR in Indian grouping (1,23,45,678.50), USD in Western grouping
// (12,345,678.50). Formatters are cached: building an Intl.NumberFormat costs far more than using one.

const DASH = '–';
const cache = new Map<string, Intl.NumberFormat>();

/** The locale whose digit grouping traders of `currency` expect. */
export function localeOf(currency: string): string {
  return currency === 'INR' ? 'en-IN' : 'en-US';
}

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

function usable(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A price with the currency symbol: ₹24,512.35 or $5,123.40. */
export function money(v: number | null | undefined, currency: string, digits = 2): string {
  if (!usable(v)) return DASH;
  return formatter(localeOf(currency), {
    style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(v);
}

/** A price without symbol, grouped for the currency: 24,512.35. */
export function price(v: number | null | undefined, currency: string, digits = 2): string {
  if (!usable(v)) return DASH;
  return formatter(localeOf(currency), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}

/** A whole count (OI, volume) grouped for the currency: 12,34,500 (INR) or 1,234,500 (USD). */
export function count(v: number | null | undefined, currency: string): string {
  if (!usable(v)) return DASH;
  return formatter(localeOf(currency), { maximumFractionDigits: 0 }).format(v);
}

/** A count with a sign, for changes: +1,250 / −300. */
export function signedCount(v: number | null | undefined, currency: string): string {
  if (!usable(v)) return DASH;
  return formatter(localeOf(currency), { maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(v);
}

/** A compact count for chart axes and bars: 0.5L / 12.3L / 1.2Cr (INR), 12.3K / 1.2M (USD). */
export function compact(v: number | null | undefined, currency: string): string {
  if (!usable(v)) return DASH;
  const a = Math.abs(v);
  if (currency === 'INR') {
    if (a >= 1e7) return `${trim(v / 1e7)}Cr`;
    if (a >= 1e4) return `${trim(v / 1e5)}L`;
    if (a >= 1e3) return `${trim(v / 1e3)}K`;
    return String(Math.round(v));
  }
  if (a >= 1e9) return `${trim(v / 1e9)}B`;
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e3) return `${trim(v / 1e3)}K`;
  return String(Math.round(v));
}

function trim(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

/** An implied volatility given as a fraction, shown in percent: 0.2285 → 22.85%. */
export function vol(v: number | null | undefined, digits = 2): string {
  if (!usable(v)) return DASH;
  return `${(v * 100).toFixed(digits)}%`;
}

/** The figure `v` reads as once shown with `digits` decimals: -0.004 at 2 digits reads 0. */
function shown(v: number, digits: number): number {
  return Number(v.toFixed(digits));
}

/**
 * The colour class of a change shown with `digits` decimals: 'up', 'down', or '' (neutral) when it is unknown or
 * reads as zero, so a tiny loss shown as 0.00% is never red.
 */
export function changeTone(v: number | null | undefined, digits = 2): 'up' | 'down' | '' {
  if (!usable(v)) return '';
  const s = shown(v, digits);
  return s > 0 ? 'up' : s < 0 ? 'down' : '';
}

/** A signed percent from a value already in percent: +0.42% / -1.10%; 0.00% (unsigned) when it reads as zero. */
export function percentChange(v: number | null | undefined, digits = 2): string {
  if (!usable(v)) return DASH;
  const s = Math.abs(v).toFixed(digits);
  const tone = changeTone(v, digits);
  return tone === 'up' ? `+${s}%` : tone === 'down' ? `-${s}%` : `${(0).toFixed(digits)}%`;
}

/** A signed price change: +12.35 / −4.10, grouped for the currency. */
export function signedPrice(v: number | null | undefined, currency: string, digits = 2): string {
  if (!usable(v)) return DASH;
  return formatter(localeOf(currency), {
    minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero',
  }).format(v);
}

/** A plain decimal (Greeks, ratios): fixed digits, dash when unknown. */
export function decimal(v: number | null | undefined, digits: number): string {
  if (!usable(v)) return DASH;
  return v.toFixed(digits);
}
