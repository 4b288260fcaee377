import { useEffect, useRef, useState } from 'preact/hooks';
import { live } from '../../live/live';
import { api } from '../../api/client';
import { useStore } from '../../state/store';
import { currencyOf, instruments } from '../../state/products';
import { route, setQuery } from '../../state/route';
import { reportError } from '../../ui/notices';
import { compact, price } from '../../format/numbers';
import type { ChainSummary, EnrichedChain } from '../../api/types';
import { axis, baseOption, Chart, type ChartColors } from '../../charts/Chart';
import type { ChartOption } from '../../charts/echarts';
import { utcToday } from '../overview/model';
import {
  applyTick, bucketsFor, candlesOldestFirst, categoryPosition, heatmap, oiProfile, pcrSeries, smilePoints,
  sviCurve, type Candle, type PcrPoint, type SurfaceSlice,
} from './shape';
import './analytics.css';

const CANDLE_WINDOWS = [1, 5, 15];
const SURFACE_REFRESH_MS = 15_000;

/** Open interest, PCR, smile, surface and candles of one product, live. */
export default function Analytics() {
  const list = useStore(instruments);
  const r = useStore(route);
  const product = r.query.get('product') ?? list[0]?.name ?? 'NIFTY';
  const wanted = r.query.get('expiry');
  const windowMinutes = Number(r.query.get('candles') ?? 5);
  const candleWindow = CANDLE_WINDOWS.includes(windowMinutes) ? windowMinutes : 5;
  const [chains, setChains] = useState<ReadonlyMap<string, EnrichedChain>>(new Map());
  const [pcr, setPcr] = useState<PcrPoint[]>([]);
  const [surface, setSurface] = useState<SurfaceSlice[]>([]);
  const [candles, setCandles] = useState<Candle[]>([]);
  const today = utcToday();
  const expiries = [...chains.keys()].sort();
  const expiry = wanted && chains.has(wanted) ? wanted : expiries.find((e) => e >= today) ?? expiries[0];
  const chain = expiry ? chains.get(expiry) : undefined;
  const cur = currencyOf(product);
  const lastSurface = useRef(0);

  useEffect(() => {
    setChains(new Map());
    const client = live();
    const offs = [
      client.on('chain_update', (c) => {
        if (c.product !== product) return;
        setChains((m) => {
          const prev = m.get(c.expiry);
          if (prev && prev.timestamp > c.timestamp) return m;
          return new Map(m).set(c.expiry, c);
        });
        if (Date.now() - lastSurface.current > SURFACE_REFRESH_MS) loadSurface();
      }),
      client.subscribe('chain', product),
    ];
    const abort = new AbortController();
    const loadSurface = () => {
      lastSurface.current = Date.now();
      api.get<{ expiries: SurfaceSlice[] }>(`/api/analytics/volatility-surface/${product}`, { signal: abort.signal })
        .then((s) => setSurface(s.expiries))
        .catch((e) => {
          // No recent chain yet (a fresh platform): the next chain retries.
          if (!(e?.status === 404)) reportError(e);
          lastSurface.current = 0;
        });
    };
    loadSurface();
    return () => {
      offs.forEach((off) => off());
      abort.abort();
    };
  }, [product]);

  useEffect(() => {
    if (!expiry) return;
    const abort = new AbortController();
    setPcr([]);
    api.get<{ history?: (PcrPoint & { product: string })[] }>(`/api/analytics/pcr/${product}`,
      { query: { expiry, history: true, limit: 500 }, signal: abort.signal })
      .then((b) => setPcr((live) => [...(b.history ?? []), ...live]))
      .catch(reportError);
    const off = live().on('chain_summary', (s: ChainSummary) => {
      if (s.product === product && s.expiry === expiry) {
        setPcr((p) => [...p, { expiry: s.expiry, pcr_oi: s.pcr_oi, pcr_volume: s.pcr_volume, timestamp: s.timestamp }]
          .slice(-2000));
      }
    });
    return () => {
      off();
      abort.abort();
    };
  }, [product, expiry]);

  useEffect(() => {
    const abort = new AbortController();
    setCandles([]);
    api.get<{ candles: Candle[] }>(`/api/analytics/candles/${product}`,
      { query: { window: candleWindow, limit: 120 }, signal: abort.signal })
      .then((b) => setCandles((liveOnes) => {
        let merged = candlesOldestFirst(b.candles);
        for (const c of liveOnes) merged = applyTick(merged, c.close, c.start_time, candleWindow);
        return merged;
      }))
      .catch(reportError);
    const off = live().on('underlying_update', (u) => {
      if (u.product === product) setCandles((c) => applyTick(c, u.price, u.timestamp, candleWindow).slice(-240));
    });
    const leave = live().subscribe('product', product);
    return () => {
      off();
      leave();
      abort.abort();
    };
  }, [product, candleWindow]);

  return (
    <section aria-labelledby="analytics-title">
      <div class="toolbar">
        <h1 id="analytics-title" class="screen-title">Analytics</h1>
        <label>
          Product
          <select value={product} onChange={(e) => setQuery({ product: (e.target as HTMLSelectElement).value,
            expiry: undefined })}>
            {list.map((i) => <option key={i.name} value={i.name}>{i.name}</option>)}
          </select>
        </label>
        <label>
          Expiry
          <select value={expiry ?? ''} data-testid="analytics-expiry"
            onChange={(e) => setQuery({ expiry: (e.target as HTMLSelectElement).value })}>
            {expiries.map((e) => <option key={e} value={e}>{e}</option>)}
          </select>
        </label>
        {chain && (
          <span class="muted">
            Spot {price(chain.spot_price, cur)} · max pain {price(chain.max_pain_strike, cur, 0)} · PCR (OI){' '}
            {chain.pcr_oi.toFixed(2)}
          </span>
        )}
      </div>
      {!chain && <p class="loading">Waiting for the first {product} chain…</p>}
      <div class="grid-2 charts">
        <Panel title="Open interest by strike" id="oi">
          <Chart label="Open interest by strike, calls and puts" deps={[chain]} build={(c) => oiChart(c, chain, cur)} />
        </Panel>
        <Panel title="Change in open interest by strike" id="oi-change">
          <Chart label="Change in open interest by strike" deps={[chain]} build={(c) => oiChangeChart(c, chain, cur)} />
        </Panel>
        <Panel title={`IV smile${expiry ? ` · ${expiry}` : ''} (points: market, line: SVI fit)`} id="smile">
          <Chart label="Implied volatility smile with SVI fit" deps={[chain]} build={(c) => smileChart(c, chain, cur)} />
        </Panel>
        <Panel title={`Put-call ratio history${expiry ? ` · ${expiry}` : ''}`} id="pcr">
          <Chart label="Put-call ratio history" deps={[pcr]} build={(c) => pcrChart(c, pcr)} />
        </Panel>
        <Panel title="Volatility surface (IV % by moneyness and expiry)" id="surface">
          <Chart label="Volatility surface heat map" deps={[surface]} build={(c) => surfaceChart(c, surface)}
            height={280} />
        </Panel>
        <Panel title="Underlying candles" id="candles" extra={
          <label class="inline">
            <span class="sr-only">Candle window</span>
            <select value={String(candleWindow)} data-testid="candle-window"
              onChange={(e) => setQuery({ candles: (e.target as HTMLSelectElement).value })}>
              {CANDLE_WINDOWS.map((w) => <option key={w} value={w}>{w} min</option>)}
            </select>
          </label>
        }>
          <Chart label="Underlying candles with tick volume" deps={[candles]} build={(c) => candleChart(c, candles, cur)}
            height={280} />
        </Panel>
      </div>
    </section>
  );
}

function Panel({ title, id, extra, children }: { title: string; id: string; extra?: preact.ComponentChildren;
  children: preact.ComponentChildren }) {
  return (
    <div class="panel chart-panel" data-chart={id}>
      <div class="panel-head">
        <h2>{title}</h2>
        {extra}
      </div>
      {children}
    </div>
  );
}

function strikeLabels(chain: EnrichedChain, cur: string): string[] {
  return chain.strikes.map((k) => price(k, cur, Number.isInteger(k) ? 0 : 2));
}

function markers(c: ChartColors, chain: EnrichedChain, cur: string) {
  return {
    symbol: 'none',
    silent: true,
    label: { color: c.muted, fontSize: 10, formatter: '{b}' },
    data: [
      { name: `spot ${price(chain.spot_price, cur)}`, xAxis: categoryPosition(chain.strikes, chain.spot_price),
        lineStyle: { color: c.spot, type: 'solid', width: 1.5 }, label: { color: c.spot, position: 'end' } },
      { name: 'max pain', xAxis: categoryPosition(chain.strikes, chain.max_pain_strike),
        lineStyle: { color: c.accent, type: 'dashed', width: 1.5 }, label: { color: c.accent, position: 'insideEndTop' } },
    ],
  };
}

/** Calls and puts side by side per strike, with spot and max-pain lines. */
function strikeBars(c: ChartColors, chain: EnrichedChain | undefined, cur: string,
  pick: (p: ReturnType<typeof oiProfile>) => [number[], number[]], names: [string, string]): ChartOption | null {
  if (!chain) return null;
  const [calls, puts] = pick(oiProfile(chain));
  return {
    ...baseOption(c),
    xAxis: { type: 'category', data: strikeLabels(chain, cur), ...axis(c, { splitLine: { show: false } }) },
    yAxis: { type: 'value', ...axis(c, { axisLabel: { color: c.muted, formatter: (v: number) => compact(v, cur) } }) },
    series: [
      { name: names[0], type: 'bar', data: calls, itemStyle: { color: c.call }, barGap: '0%',
        markLine: markers(c, chain, cur) },
      { name: names[1], type: 'bar', data: puts, itemStyle: { color: c.put } },
    ],
  };
}

function oiChart(c: ChartColors, chain: EnrichedChain | undefined, cur: string): ChartOption | null {
  return strikeBars(c, chain, cur, (p) => [p.callOi, p.putOi], ['Calls OI', 'Puts OI']);
}

function oiChangeChart(c: ChartColors, chain: EnrichedChain | undefined, cur: string): ChartOption | null {
  return strikeBars(c, chain, cur, (p) => [p.callChange, p.putChange], ['Calls OI change', 'Puts OI change']);
}

function smileChart(c: ChartColors, chain: EnrichedChain | undefined, cur: string): ChartOption | null {
  if (!chain) return null;
  const points = smilePoints(chain);
  const lo = chain.strikes[0];
  const hi = chain.strikes[chain.strikes.length - 1];
  const fit = chain.smile && chain.forward ? sviCurve(chain.smile, chain.forward, chain.time_to_expiry, lo, hi) : [];
  return {
    ...baseOption(c),
    tooltip: { trigger: 'item', backgroundColor: c.panel, borderColor: c.grid, textStyle: { color: c.text },
      formatter: (p: { seriesName: string; value: [number, number] }) =>
        `${p.seriesName}<br>${price(p.value[0], cur, 0)}: ${p.value[1].toFixed(2)}%` },
    grid: { left: 56, right: 28, top: 28, bottom: 28 },
    xAxis: { type: 'value', min: lo, max: hi, ...axis(c, { splitLine: { show: false },
      axisLabel: { color: c.muted, hideOverlap: true, formatter: (v: number) => price(v, cur, 0) } }) },
    yAxis: { type: 'value', scale: true, name: 'IV %', ...axis(c) },
    series: [
      { name: 'Market IV', type: 'scatter', data: points, symbolSize: 7, itemStyle: { color: c.call } },
      { name: 'SVI fit', type: 'line', data: fit, showSymbol: false, smooth: false, lineStyle: { color: c.put,
        width: 2 }, itemStyle: { color: c.put },
        markLine: { symbol: 'none', silent: true, data: [{ name: 'spot', xAxis: chain.spot_price,
          lineStyle: { color: c.spot, width: 1.5, type: 'solid' }, label: { color: c.spot, formatter: 'spot' } }] } },
    ],
  };
}

function pcrChart(c: ChartColors, history: PcrPoint[]): ChartOption | null {
  const s = pcrSeries(history);
  return {
    ...baseOption(c),
    xAxis: { type: 'time', ...axis(c, { splitLine: { show: false } }) },
    yAxis: { type: 'value', scale: true, ...axis(c) },
    series: [
      { name: 'PCR (OI)', type: 'line', data: s.oi, showSymbol: s.oi.length < 30, itemStyle: { color: c.accent } },
      { name: 'PCR (volume)', type: 'line', data: s.volume, showSymbol: s.volume.length < 30,
        itemStyle: { color: c.muted }, lineStyle: { type: 'dashed' } },
      { name: 'parity', type: 'line', data: [], markLine: { symbol: 'none', silent: true, data: [{ yAxis: 1 }],
        lineStyle: { color: c.grid, type: 'dotted' }, label: { show: false } } },
    ],
    legend: { ...baseOption(c).legend as object, data: ['PCR (OI)', 'PCR (volume)'] },
  };
}

function surfaceChart(c: ChartColors, slices: SurfaceSlice[]): ChartOption | null {
  const buckets = bucketsFor(slices);
  if (buckets.length === 0) return null;
  const { expiries, cells } = heatmap(slices, buckets);
  const values = cells.map((x) => x[2]);
  return {
    ...baseOption(c),
    grid: { left: 84, right: 70, top: 12, bottom: 36 },
    tooltip: { trigger: 'item', backgroundColor: c.panel, borderColor: c.grid, textStyle: { color: c.text },
      formatter: (p: { value: [number, number, number] }) =>
        `${expiries[p.value[1]]} · ${buckets[p.value[0]]}% of forward<br>IV ${p.value[2].toFixed(2)}%` },
    xAxis: { type: 'category', data: buckets.map((b) => `${b}%`), name: 'strike / forward', nameLocation: 'middle',
      nameGap: 22, ...axis(c, { splitLine: { show: false } }) },
    yAxis: { type: 'category', data: expiries, ...axis(c, { splitLine: { show: false } }) },
    legend: { show: false },
    visualMap: { min: Math.min(...values), max: Math.max(...values), calculable: true, orient: 'vertical', right: 4,
      top: 'middle', itemHeight: 160, textStyle: { color: c.muted }, precision: 1,
      inRange: { color: ['#2c7bb6', '#abd9e9', '#ffffbf', '#fdae61', '#d7191c'] } },
    series: [{ name: 'IV %', type: 'heatmap', data: cells, progressive: 0 }],
  };
}

function candleChart(c: ChartColors, list: Candle[], cur: string): ChartOption | null {
  const times = list.map((k) => k.start_time.slice(11, 16));
  const range = Math.max(...list.map((k) => k.high)) - Math.min(...list.map((k) => k.low));
  // Enough decimals that neighbouring axis labels differ.
  const digits = !(range >= 100) ? (range >= 10 ? 1 : 2) : 0;
  return {
    ...baseOption(c),
    tooltip: { trigger: 'axis', axisPointer: { type: 'cross' }, backgroundColor: c.panel, borderColor: c.grid,
      textStyle: { color: c.text } },
    grid: [{ left: 76, right: 16, top: 12, height: '62%' }, { left: 76, right: 16, top: '80%', height: '14%' }],
    xAxis: [
      { type: 'category', data: times, ...axis(c, { splitLine: { show: false } }) },
      { type: 'category', data: times, gridIndex: 1, ...axis(c, { axisLabel: { show: false }, splitLine: { show: false } }) },
    ],
    yAxis: [
      { type: 'value', scale: true, ...axis(c, { axisLabel: { color: c.muted,
        formatter: (v: number) => price(v, cur, digits) } }) },
      { type: 'value', gridIndex: 1, splitNumber: 2, ...axis(c, { axisLabel: { show: false } }) },
    ],
    series: [
      { name: 'Price', type: 'candlestick', data: list.map((k) => [k.open, k.close, k.low, k.high]),
        itemStyle: { color: c.up, color0: c.down, borderColor: c.up, borderColor0: c.down } },
      { name: 'Ticks', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: list.map((k) => ({ value: k.num_ticks,
        itemStyle: { color: k.close >= k.open ? c.up : c.down, opacity: 0.6 } })) },
    ],
    legend: { show: false },
  };
}
