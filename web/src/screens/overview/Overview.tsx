import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { sample } from '../../perf';
import { live } from '../../live/live';
import { api } from '../../api/client';
import { useStore } from '../../state/store';
import { currencyOf, instruments } from '../../state/products';
import { navigate } from '../../state/route';
import { reportError } from '../../ui/notices';
import { changeTone, count, decimal, percentChange, price, signedPrice, vol } from '../../format/numbers';
import { applyOpen, applySummary, applyUnderlying, change, emptyRow, utcToday, type OverviewRows } from './model';
import './overview.css';

interface CandlesResponse {
  candles: { open: number; start_time: string }[];
}

/** Every product at a glance, live: prices from `underlying_update`, chain figures from `chain_summary`. */
export default function Overview() {
  const list = useStore(instruments);
  const [rows, setRows] = useState<OverviewRows>(new Map());
  const current = useRef<OverviewRows>(rows);
  // When the oldest change not yet on screen arrived: the time to render it is measured up to the DOM commit.
  const pending = useRef<number | null>(null);
  const changed = (next: (r: OverviewRows) => OverviewRows) => {
    const updated = next(current.current);
    if (updated === current.current) return;
    current.current = updated;
    pending.current ??= performance.now();
    setRows(updated);
  };
  useLayoutEffect(() => {
    if (pending.current !== null) {
      sample('overview-update', performance.now() - pending.current);
      pending.current = null;
    }
  }, [rows]);

  useEffect(() => {
    const client = live();
    const offs = [
      client.on('underlying_update', (u) => changed((r) => applyUnderlying(r, u))),
      client.on('chain_summary', (s) => changed((r) => applySummary(r, s, utcToday()))),
      // Product rooms send each product's cached price and chain summaries on (re)subscribe.
      ...list.map((i) => client.subscribe('product', i.name)),
    ];
    return () => offs.forEach((off) => off());
  }, [list]);

  useEffect(() => {
    const abort = new AbortController();
    const start = `${utcToday()}T00:00:00Z`;
    for (const i of list) {
      api
        .get<CandlesResponse>(`/api/analytics/candles/${i.name}`, {
          query: { window: 15, start, limit: 100 },
          signal: abort.signal,
        })
        .then((r) => {
          const first = r.candles[r.candles.length - 1];
          if (first) changed((rs) => applyOpen(rs, i.name, first.open));
        })
        .catch(reportError);
    }
    return () => abort.abort();
  }, [list]);

  if (list.length === 0) return <p class="loading">Loading products…</p>;
  return (
    <section aria-labelledby="overview-title">
      <div class="toolbar">
        <h1 id="overview-title" class="screen-title">Market overview</h1>
        <span class="muted">Nearest expiry per product · change since 00:00 UTC · click a row for its option chain</span>
      </div>
      <div class="panel table-panel">
        <table class="data overview" data-testid="overview-table">
          <thead>
            <tr>
              <th class="text">Product</th>
              <th>Spot</th>
              <th>Change</th>
              <th>%</th>
              <th class="text">Expiry</th>
              <th>ATM IV</th>
              <th>PCR (OI)</th>
              <th>Max pain</th>
              <th>Straddle</th>
              <th>Expected move</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {list.map((i) => {
              const r = rows.get(i.name) ?? emptyRow(i.name);
              const c = change(r);
              const cur = currencyOf(i.name);
              const s = r.summary;
              const open = () => navigate('/chain', { product: i.name });
              return (
                <tr
                  key={i.name}
                  data-product={i.name}
                  tabIndex={0}
                  class="clickable"
                  onClick={open}
                  onKeyDown={(e) => e.key === 'Enter' && open()}
                >
                  <td class="text">
                    <b>{i.name}</b> <span class="muted small">{cur}</span>
                  </td>
                  <td class="spot" data-field="spot">{price(r.spot, cur)}</td>
                  <td class={changeTone(c.abs)}>{signedPrice(c.abs, cur)}</td>
                  <td class={changeTone(c.pct)}>{percentChange(c.pct)}</td>
                  <td class="text">{s?.expiry ?? '–'}</td>
                  <td data-field="atm_iv">{vol(s?.atm_iv)}</td>
                  <td data-field="pcr">{decimal(s?.pcr_oi, 2)}</td>
                  <td>{price(s?.max_pain_strike, cur, s && Number.isInteger(s.max_pain_strike) ? 0 : 2)}</td>
                  <td>{price(s?.atm_straddle_price, cur)}</td>
                  <td>
                    {s?.expected_move != null ? `±${price(s.expected_move, cur)}` : '–'}
                    {s?.expected_move != null && s.spot_price > 0 && (
                      <span class="muted small"> ({decimal((s.expected_move / s.spot_price) * 100, 1)}%)</span>
                    )}
                  </td>
                  <td class="muted">{r.updatedAt ? r.updatedAt.slice(11, 19) : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="muted small">
        Lot sizes: {list.map((i) => `${i.name} ${count(i.lot_size, i.currency)}`).join(' · ')}
      </p>
    </section>
  );
}
