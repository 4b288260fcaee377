import { useEffect, useRef, useState } from 'preact/hooks';
import { live } from '../../live/live';
import { useStore } from '../../state/store';
import { currencyOf, instruments, loadInstruments } from '../../state/products';
import { route, setQuery } from '../../state/route';
import { addLeg, optionSymbol } from '../../state/legs';
import { notify } from '../../ui/notices';
import { decimal, price, vol } from '../../format/numbers';
import { count, markPaintedOnce, sampleToNextFrame, timed } from '../../perf';
import type { EnrichedChain } from '../../api/types';
import { COLUMNS, DEFAULT_VISIBLE, WINDOWS } from './columns';
import { ChainTable, type LegRequest } from './ChainTable';
import { utcToday } from '../overview/model';
import './chain.css';

const COLUMNS_KEY = 'deltastream.chain.columns';
const SIZE_KEY = 'deltastream.chain.strikes';

function saved<T>(key: string, fallback: T, valid: (v: unknown) => boolean): T {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? 'null');
    return valid(v) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
}

function remember(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // private mode: the choice lasts for this page only
  }
}

const STATS: [string, string][] = [
  ['spot', 'Spot'], ['atm_iv', 'ATM IV'], ['iv_skew', '25Δ skew'], ['pcr_oi', 'PCR (OI)'], ['pcr_volume', 'PCR (vol)'],
  ['max_pain', 'Max pain'], ['straddle', 'ATM straddle'], ['expected_move', 'Expected move'], ['dte', 'Days left'],
  ['updated', 'Updated'],
];

function statText(id: string, c: EnrichedChain, cur: string): string {
  switch (id) {
    case 'spot': return price(c.spot_price, cur);
    case 'atm_iv': return vol(c.atm_iv);
    // Above 100 vol points the enricher's 25-delta extrapolation has failed (very short expiries): not a market figure.
    case 'iv_skew': return c.iv_skew == null || Math.abs(c.iv_skew) >= 1 ? '–' : `${decimal(c.iv_skew * 100, 2)} pts`;
    case 'pcr_oi': return decimal(c.pcr_oi, 2);
    case 'pcr_volume': return decimal(c.pcr_volume, 2);
    case 'max_pain': return price(c.max_pain_strike, cur, Number.isInteger(c.max_pain_strike) ? 0 : 2);
    case 'straddle': return price(c.atm_straddle_price, cur);
    case 'expected_move': return c.expected_move == null ? '–' : `±${price(c.expected_move, cur)}`;
    case 'dte': return decimal(c.time_to_expiry * 365, 1);
    case 'updated': return c.timestamp.slice(11, 19);
    default: return '–';
  }
}

/** The live option chain of one product and expiry: calls | strike | puts, centred on the money. */
export default function ChainScreen() {
  const list = useStore(instruments);
  const r = useStore(route);
  const product = r.query.get('product') ?? list[0]?.name ?? 'NIFTY';
  const wanted = r.query.get('expiry');
  const [expiries, setExpiries] = useState<string[]>([]);
  const [visible, setVisible] = useState<string[]>(() =>
    saved(COLUMNS_KEY, DEFAULT_VISIBLE, (v) => Array.isArray(v) && v.every((x) => COLUMNS.some((c) => c.id === x))));
  const [size, setSize] = useState<number>(() => saved(SIZE_KEY, 21, (v) => WINDOWS.includes(v as number)));
  const [waiting, setWaiting] = useState(true);
  const host = useRef<HTMLDivElement>(null);
  const stats = useRef<HTMLDivElement>(null);
  const table = useRef<ChainTable | null>(null);
  const chains = useRef(new Map<string, EnrichedChain>());
  const today = utcToday();
  const expiry = wanted && expiries.includes(wanted) ? wanted : expiries.find((e) => e >= today) ?? expiries[0];
  const shown = useRef<string | undefined>(undefined);
  shown.current = expiry;

  useEffect(() => {
    table.current = new ChainTable(host.current!, visible, size, (leg) => onLeg(leg));
    return () => {
      table.current?.dispose();
      table.current = null;
    };
  }, []);

  // Nothing is drawn before the product universe has loaded (or failed to): a table drawn in a guessed currency
  // would show that currency and its number grouping, then be rebuilt on the next update. The ref is what the socket
  // listener reads; the state re-runs the effect that draws the latest chain.
  const [universe, setUniverse] = useState(false);
  const ready = useRef(false);
  useEffect(() => {
    let mounted = true;
    void loadInstruments().then(() => {
      if (!mounted) return;
      ready.current = true;
      setUniverse(true);
    });
    return () => {
      mounted = false;
    };
  }, []);

  useEffect(() => table.current?.setColumns(visible), [visible]);
  useEffect(() => table.current?.setSize(size), [size]);

  const present = (c: EnrichedChain) => {
    if (!ready.current) return;
    show(c);
    setWaiting(false);
    markPaintedOnce('chain-painted');
  };

  const show = (c: EnrichedChain) => {
    const cur = currencyOf(c.product);
    timed('chain-update', () => {
      timed('chain-script', () => {
        table.current!.update(c, cur);
        const el = stats.current;
        if (el) {
          for (const [id] of STATS) {
            const span = el.querySelector<HTMLElement>(`[data-stat="${id}"]`);
            const text = statText(id, c, cur);
            if (span && span.textContent !== text) span.textContent = text;
          }
        }
      });
      // Reading layout here makes the measured time include style and layout of the patched cells, not only script.
      void host.current!.offsetHeight;
    });
  };

  useEffect(() => {
    chains.current = new Map();
    setExpiries([]);
    setWaiting(true);
    const client = live();
    const off = client.on('chain_update', (c) => {
      if (c.product !== product) return;
      const known = chains.current.has(c.expiry);
      const prev = chains.current.get(c.expiry);
      if (prev && prev.timestamp > c.timestamp) return;
      chains.current.set(c.expiry, c);
      if (!known) setExpiries([...chains.current.keys()].sort());
      if (c.expiry === shown.current && ready.current) {
        count('chain-received');
        sampleToNextFrame('chain-frame', performance.now());
        present(c);
      }
    });
    const leave = client.subscribe('chain', product);
    return () => {
      off();
      leave();
    };
  }, [product]);

  // A newly chosen expiry shows its latest chain at once.
  useEffect(() => {
    const c = expiry ? chains.current.get(expiry) : undefined;
    if (c) {
      present(c);
    } else {
      setWaiting(true);
    }
  }, [expiry, product, universe]);

  const cur = currencyOf(product);
  return (
    <section aria-labelledby="chain-title" class="chain-screen">
      <div class="toolbar">
        <h1 id="chain-title" class="screen-title">Option chain</h1>
        <label>
          Product
          <select
            value={product}
            onChange={(e) => setQuery({ product: (e.target as HTMLSelectElement).value, expiry: undefined })}
          >
            {list.map((i) => (
              <option key={i.name} value={i.name}>{i.name}</option>
            ))}
          </select>
        </label>
        <label>
          Expiry
          <select
            value={expiry ?? ''}
            data-testid="expiry-select"
            onChange={(e) => setQuery({ expiry: (e.target as HTMLSelectElement).value })}
          >
            {expiries.map((e) => (
              <option key={e} value={e}>{e}{e < today ? ' (expired)' : ''}</option>
            ))}
          </select>
        </label>
        <label>
          Strikes
          <select
            value={String(size)}
            onChange={(e) => {
              const n = Number((e.target as HTMLSelectElement).value);
              setSize(n);
              remember(SIZE_KEY, n);
            }}
          >
            {WINDOWS.map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        </label>
        <details class="column-chooser">
          <summary>Columns</summary>
          <fieldset>
            <legend>Columns shown on both sides</legend>
            {COLUMNS.map((c) => (
              <label key={c.id} title={c.title}>
                <input
                  type="checkbox"
                  checked={visible.includes(c.id)}
                  onChange={(e) => {
                    const on = (e.target as HTMLInputElement).checked;
                    const next = COLUMNS.map((x) => x.id).filter((id) => (id === c.id ? on : visible.includes(id)));
                    setVisible(next);
                    remember(COLUMNS_KEY, next);
                  }}
                />
                {c.label}
              </label>
            ))}
          </fieldset>
        </details>
        <span class="muted small">Click a bid to sell or an ask to buy: it becomes a strategy leg.</span>
      </div>
      <div class="chain-stats" ref={stats} aria-live="off">
        {STATS.map(([id, label]) => (
          <span class="stat" key={id}>
            <small>{label}</small>
            <b data-stat={id}>–</b>
          </span>
        ))}
        <span class="stat">
          <small>Currency</small>
          <b>{cur}</b>
        </span>
      </div>
      {waiting && <p class="loading">Waiting for the first {product} chain{expiry ? ` of ${expiry}` : ''}…</p>}
      <div class={`panel table-panel chain-host${waiting ? ' hidden' : ''}`} ref={host} />
    </section>
  );
}

function onLeg({ quote, side, price: at }: LegRequest) {
  const kind = quote.option_type === 'CALL' ? 'call' : 'put';
  addLeg({
    symbol: quote.symbol || optionSymbol(quote.product, quote.expiry, kind, quote.strike),
    product: quote.product,
    expiry: quote.expiry,
    strike: quote.strike,
    kind,
    side,
    lots: 1,
    price: at,
    iv: quote.iv ?? Number.NaN,
  });
  notify('info', `Strategy leg added: ${side} 1 lot ${quote.product} ${quote.expiry} ${quote.strike} `
    + `${kind === 'call' ? 'CE' : 'PE'} at ${price(at, currencyOf(quote.product))}`);
}
