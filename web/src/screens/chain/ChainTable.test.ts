import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EnrichedChain, Quote } from '../../api/types';
import { ChainTable } from './ChainTable';

function quote(strike: number, kind: 'CALL' | 'PUT', last: number): Quote {
  return { symbol: `NIFTY${strike}${kind[0]}`, product: 'NIFTY', strike, expiry: '2026-12-29', option_type: kind,
    bid: last - 0.5, ask: last + 0.5, last, volume: 100, open_interest: 1000, delta: 0.5, gamma: 0.001, vega: 1,
    theta: -1, iv: 0.15, timestamp: '2026-12-06T10:00:00Z' };
}

function chain(callLast: number, timestamp = '2026-12-06T10:00:00Z'): EnrichedChain {
  const strikes = [21400, 21500, 21600];
  return { product: 'NIFTY', expiry: '2026-12-29', spot_price: 21510, strikes, pcr_oi: 1, pcr_volume: 1,
    atm_strike: 21500, atm_straddle_price: 300, max_pain_strike: 21500, total_call_oi: 3000, total_put_oi: 3000,
    call_buildup_otm: 0, put_buildup_otm: 0, calls: strikes.map((k) => quote(k, 'CALL', callLast)),
    puts: strikes.map((k) => quote(k, 'PUT', 50)), timestamp, processed_at: timestamp, time_to_expiry: 0.06,
    forward: null, atm_iv: 0.15, iv_skew: null, expected_move: null, total_call_oi_change: 0,
    total_put_oi_change: 0, smile: null };
}

function table(): { host: HTMLDivElement; t: ChainTable } {
  const host = document.createElement('div');
  document.body.append(host);
  return { host, t: new ChainTable(host, ['last', 'bid', 'ask'], 21, () => {}) };
}

const lastWidth = (host: HTMLElement) => Number.parseFloat(host.querySelectorAll('col')[0].style.width);

// jsdom has no canvas: the table then estimates text widths from their lengths (and jsdom stays quiet about it).
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = () => null;
});
afterEach(() => document.body.replaceChildren());

describe('ChainTable', () => {
  it('patches changed cells in place and highlights them by the direction of the change', () => {
    const { host, t } = table();
    t.update(chain(120.25), 'INR');
    const row = host.querySelector('tr[data-strike="21400"]')!;
    const cell = row.querySelector('td.c.last .v')!;
    expect(cell.textContent).toBe('120.25');
    expect(cell.className).toBe('v');
    t.update(chain(119.75, '2026-12-06T10:00:01Z'), 'INR');
    expect(host.querySelector('tr[data-strike="21400"]')).toBe(row);
    expect(cell.textContent).toBe('119.75');
    expect(cell.className).toBe('v flash-down');
    expect(row.querySelector('td.c.last')!.classList.contains('itm')).toBe(true);
    expect(host.querySelector('tr[data-strike="21600"] td.c.last')!.classList.contains('itm')).toBe(false);
  });

  it('widens the columns, keeping the rows, when a text grows longer than any it was sized for', () => {
    const { host, t } = table();
    t.update(chain(99.5), 'INR');
    const before = lastWidth(host);
    t.update(chain(99.75, '2026-12-06T10:00:01Z'), 'INR');
    expect(lastWidth(host)).toBe(before);
    const row = host.querySelector('tr[data-strike="21400"]');
    t.update(chain(12_345.5, '2026-12-06T10:00:02Z'), 'INR');
    expect(lastWidth(host)).toBeGreaterThan(before);
    // Only the widths change: the rows are the same elements and the change still shows.
    expect(host.querySelector('tr[data-strike="21400"]')).toBe(row);
    expect(row!.querySelector('td.c.last .v')!.textContent).toBe('12,345.50');
    expect(row!.querySelector('td.c.last .v')!.className).toBe('v flash-up');
  });
});
