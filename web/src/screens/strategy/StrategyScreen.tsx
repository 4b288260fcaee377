import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { decimal, money, price } from '../../format/numbers';
import { addLeg, type Leg, legs as legStore } from '../../state/legs';
import { currencyOf, instrument, instruments } from '../../state/products';
import { navigate, route, setQuery } from '../../state/route';
import { useStore } from '../../state/store';
import { Chart } from '../../charts/Chart';
import { useExpiries, useLiveChains, yearsLeft } from '../shared/liveChain';
import { ExpirySelect, ProductSelect } from '../shared/Pickers';
import { QuoteLadder } from '../shared/QuoteLadder';
import { user } from '../trading/auth';
import { legFromChain, legOrders, marketOf, netPremium, strategyRequest, templateLegs, TEMPLATES,
  type TemplateName, valuedLegs } from './legs';
import { payoffCurves, zeroCrossings } from './payoff';
import { payoffChartOption } from './payoffChart';
import { stockLeg } from './stock';
import '../shared/forms.css';
import './strategy.css';

/** Answer of `POST /api/analytics/strategy` (money in the product's currency, for all lots). */
interface StrategyAnswer {
  breakevens: number[];
  greeks: { delta: number; gamma: number; vega: number; theta: number; rho: number };
  max_loss: number | null;
  max_loss_unbounded: boolean;
  max_profit: number | null;
  max_profit_unbounded: boolean;
  probability_of_profit: number;
}

interface Placed {
  text: string;
  ok: boolean;
}

/**
 * The strategy builder: legs from the chain (here or on the option chain screen) or from a template; payoff at
 * expiry and today on one chart; breakevens, max profit and loss, probability of profit and net Greeks from the
 * analytics service; "place as orders" sends the legs to paper trading.
 */
export default function StrategyScreen() {
  const r = useStore(route);
  const products = useStore(instruments);
  const allLegs = useStore(legStore);
  const stock = useStore(stockLeg);
  const signedIn = useStore(user);

  const product = r.query.get('product') ?? allLegs[0]?.product ?? products[0]?.name ?? 'NIFTY';
  const options = allLegs.filter((l) => l.product === product);
  const aside = allLegs.filter((l) => l.product !== product);
  const stockHere = stock && stock.product === product ? stock : null;
  const expiries = useExpiries(product);
  const chosen = r.query.get('expiry');
  const expiry = chosen && expiries.includes(chosen) ? chosen : expiries[0];
  const chains = useLiveChains(product, expiry ? [expiry, ...options.map((l) => l.expiry)] : []);
  const chain = expiry ? chains.get(expiry) ?? null : null;
  const spec = instrument(product);
  const lotSize = spec?.lot_size ?? 1;
  const currency = currencyOf(product);
  const fmt = (v: number) => price(v, currency, 0);

  const [template, setTemplate] = useState<TemplateName>('long_straddle');
  const [lots, setLots] = useState('1');
  const [width, setWidth] = useState('2');
  const [answer, setAnswer] = useState<StrategyAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [placing, setPlacing] = useState(false);
  const [placed, setPlaced] = useState<Placed[]>([]);

  const market = chain && spec ? marketOf(chain, lotSize) : null;
  const yearsTo = (e: string) => {
    const c = chains.get(e);
    return c ? yearsLeft(c) : Number.NaN;
  };
  const valued = market && options.every((l) => chains.has(l.expiry)) ? valuedLegs(options, stockHere, yearsTo) : [];
  const pricedKey = JSON.stringify([valued, market && [Math.round(market.spot * 100), market.volatility]]);

  useEffect(() => {
    setProblem(null);
    if (valued.length === 0 || !market) {
      setAnswer(null);
      return undefined;
    }
    const abort = new AbortController();
    const t = setTimeout(() => {
      api.post<StrategyAnswer>('/api/analytics/strategy', strategyRequest(valued, market), { signal: abort.signal })
        .then(setAnswer)
        .catch((e: unknown) => {
          if (!(e instanceof DOMException && e.name === 'AbortError')) {
            setAnswer(null);
            setProblem(e instanceof Error ? e.message : String(e));
          }
        });
    }, 250);
    return () => {
      clearTimeout(t);
      abort.abort();
    };
  }, [pricedKey]);

  const curves = useMemo(() => (market && valued.length > 0 ? payoffCurves(valued, market) : null), [pricedKey]);
  const changeProduct = (next: string) => {
    setPlaced([]);
    setQuery({ product: next, expiry: undefined });
  };

  const clearHere = () => {
    legStore.set(aside);
    if (stockHere) {
      stockLeg.set(null);
    }
    setPlaced([]);
  };

  const applyTemplate = () => {
    if (!chain) {
      return;
    }
    try {
      const built = templateLegs(template, chain, Number(lots), Number(width));
      legStore.set(aside.concat(built.options));
      stockLeg.set(built.stock);
      setProblem(null);
      setPlaced([]);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };

  const editLeg = (leg: Leg, change: Partial<Leg>) =>
    legStore.update((all) => all.map((l) => (l === leg ? { ...l, ...change } : l)));

  const placeAll = async () => {
    setPlacing(true);
    const out: Placed[] = [];
    for (const o of legOrders(options, stockHere, lotSize)) {
      const what = `${o.side} ${o.quantity} ${o.symbol}`;
      try {
        const a = await api.post<{ status: string; filled_quantity: number; avg_fill_price: number }>(
          '/api/trade/order', o);
        out.push({ ok: a.status !== 'REJECTED', text: `${what}: ${a.status.toLowerCase()}`
          + (a.filled_quantity > 0 ? ` ${a.filled_quantity} @ ${price(a.avg_fill_price, currency)}` : '') });
      } catch (e) {
        out.push({ ok: false, text: `${what}: ${e instanceof Error ? e.message : String(e)}` });
        out.push({ ok: false, text: 'Stopped: the remaining legs were not sent.' });
        break;
      } finally {
        setPlaced([...out]);
      }
    }
    setPlacing(false);
  };

  const premium = valued.length > 0 ? netPremium(valued, lotSize) : 0;
  const todayBreakevens = curves ? zeroCrossings(curves.underlying, curves.today) : [];

  return (
    <section aria-labelledby="strategy-title" class="strategy">
      <div class="toolbar">
        <h1 id="strategy-title" class="screen-title">Strategy builder</h1>
        <ProductSelect products={products} product={product} onChange={changeProduct} />
        <ExpirySelect expiries={expiries} expiry={expiry} />
        <label>Template
          <select value={template} data-testid="template"
                  onChange={(e) => setTemplate((e.target as HTMLSelectElement).value as TemplateName)}>
            {TEMPLATES.map((t) => <option key={t.name} value={t.name}>{t.label}</option>)}
          </select>
        </label>
        <label>Lots
          <input type="number" min={1} step={1} value={lots} class="narrow"
                 onInput={(e) => setLots((e.target as HTMLInputElement).value)} />
        </label>
        <label title="Distance of the wings from the ATM strike, in strikes">Wing width
          <input type="number" min={1} step={1} value={width} class="narrow"
                 onInput={(e) => setWidth((e.target as HTMLInputElement).value)} />
        </label>
        <button type="button" class="button primary" onClick={applyTemplate} disabled={!chain}>Build</button>
        <button type="button" class="button" disabled={options.length === 0 && !stockHere}
                onClick={clearHere}>Clear legs</button>
      </div>
      {problem && <p class="form-error" role="alert">{problem}</p>}
      {aside.length > 0 && (
        <p class="muted">
          {aside.length} leg{aside.length > 1 ? 's' : ''} of {aside[0].product} kept aside (a strategy is in one
          product): <button type="button" class="link" onClick={() => setQuery({ product: aside[0].product,
            expiry: undefined })}>show {aside[0].product}</button>
        </p>
      )}
      <div class="strategy-grid">
        <div class="panel ladder-panel">
          <h2>Quotes {chain ? `· spot ${price(chain.spot_price, currency)}` : ''} — ask buys, bid sells</h2>
          {chain
            ? <QuoteLadder chain={chain} currency={currency}
                           onPick={(p) => addLeg(legFromChain(chain, p.index, p.kind, p.side, 1))} />
            : <p class="loading">Waiting for the {product} chain…</p>}
        </div>
        <div class="strategy-main">
          <div class="panel">
            <h2>Legs{spec ? ` (${spec.lot_size} units a lot)` : ''}</h2>
            {options.length === 0 && !stockHere
              ? <p class="empty">No legs yet: click a bid or ask, or build a template.</p>
              : <LegsTable options={options} stock={stockHere} currency={currency} chains={chains} spot={chain?.spot_price}
                           onEdit={editLeg} onRemove={(leg) => legStore.update((all) => all.filter((l) => l !== leg))}
                           onRemoveStock={() => stockLeg.set(null)} />}
          </div>
          {curves && market && (
            <div class="panel">
              <Chart label="Payoff at expiry and today" height={340} deps={[curves, answer]}
                     build={(c) => payoffChartOption(curves, market.spot, answer?.breakevens ?? [], c, fmt)} />
            </div>
          )}
          {valued.length > 0 && (
            <div class="panel summary" data-testid="strategy-summary">
              <Stat label={premium >= 0 ? 'Net debit' : 'Net credit'} value={money(Math.abs(premium), currency)} />
              <Stat label="Max profit" value={answer ? (answer.max_profit_unbounded ? 'Unlimited'
                : money(answer.max_profit, currency)) : '…'} tone="up" />
              <Stat label="Max loss" value={answer ? (answer.max_loss_unbounded ? 'Unlimited'
                : money(answer.max_loss, currency)) : '…'} tone="down" />
              <Stat label="Breakevens (expiry)" testid="breakevens" value={answer
                ? (answer.breakevens.length ? answer.breakevens.map((b) => fmt(b)).join(' · ') : 'none') : '…'} />
              <Stat label="Breakevens (today)" value={todayBreakevens.length
                ? todayBreakevens.map((b) => fmt(b)).join(' · ') : 'none'} />
              <Stat label="Probability of profit" value={answer ? `${(answer.probability_of_profit * 100).toFixed(1)}%`
                : '…'} />
              <Stat label="Delta" value={answer ? decimal(answer.greeks.delta, 2) : '…'} />
              <Stat label="Gamma" value={answer ? decimal(answer.greeks.gamma, 4) : '…'} />
              <Stat label="Theta / day" value={answer ? money(answer.greeks.theta, currency) : '…'} />
              <Stat label="Vega / vol pt" value={answer ? money(answer.greeks.vega, currency) : '…'} />
            </div>
          )}
          {valued.length > 0 && (
            <div class="panel place">
              {signedIn
                ? <button type="button" class="button primary" disabled={placing} onClick={placeAll}>
                    {placing ? 'Placing…' : `Place as ${legOrders(options, stockHere, lotSize).length} market orders`}
                  </button>
                : <p>
                    <a href="/trade" onClick={(e) => { e.preventDefault(); navigate('/trade', { product }); }}>
                      Log in on the Paper trading screen</a> to place this strategy as orders.
                  </p>}
              {placed.length > 0 && (
                <ul class="placed" aria-live="polite">
                  {placed.map((p, i) => <li key={i} class={p.ok ? 'up' : 'down'}>{p.text}</li>)}
                </ul>
              )}
              {placed.length > 0 && !placing && (
                <a href="/trade" onClick={(e) => { e.preventDefault(); navigate('/trade', { product }); }}>
                  Positions and P&L on the Paper trading screen</a>
              )}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

function Stat({ label, value, tone, testid }: { label: string; value: string; tone?: 'up' | 'down';
                                                testid?: string }) {
  return (
    <div class="stat" data-testid={testid}>
      <small>{label}</small>
      <b class={tone}>{value}</b>
    </div>
  );
}

interface LegsTableProps {
  options: Leg[];
  stock: { side: 'BUY' | 'SELL'; lots: number; price: number; product: string } | null;
  currency: string;
  chains: ReadonlyMap<string, { calls: { symbol: string; bid: number; ask: number }[];
    puts: { symbol: string; bid: number; ask: number }[] }>;
  spot: number | undefined;
  onEdit: (leg: Leg, change: Partial<Leg>) => void;
  onRemove: (leg: Leg) => void;
  onRemoveStock: () => void;
}

function LegsTable({ options, stock, currency, chains, spot, onEdit, onRemove, onRemoveStock }: LegsTableProps) {
  const mid = (leg: Leg) => {
    const c = chains.get(leg.expiry);
    const q = c && [...c.calls, ...c.puts].find((x) => x.symbol === leg.symbol);
    return q && q.bid > 0 && q.ask > 0 ? (q.bid + q.ask) / 2 : undefined;
  };
  return (
    <table class="data legs" data-testid="legs">
      <thead>
        <tr>
          <th class="text">Side</th><th>Lots</th><th class="text">Option</th><th class="text">Expiry</th>
          <th>Entry</th><th>Mid now</th><th>IV</th><th><span class="sr-only">Remove</span></th>
        </tr>
      </thead>
      <tbody>
        {stock && (
          <tr>
            <td class="text"><span class={stock.side === 'BUY' ? 'up' : 'down'}>{stock.side}</span></td>
            <td>{stock.lots}</td>
            <td class="text">{stock.product} (underlying)</td>
            <td class="text">–</td>
            <td>{price(stock.price, currency)}</td>
            <td>{price(spot, currency)}</td>
            <td>–</td>
            <td><button type="button" class="link" aria-label={`Remove ${stock.product}`} onClick={onRemoveStock}>✕</button></td>
          </tr>
        )}
        {options.map((l) => (
          <tr key={`${l.symbol}-${l.side}`}>
            <td class="text">
              <button type="button" class={`side-toggle ${l.side === 'BUY' ? 'up' : 'down'}`}
                      aria-label={`${l.side} ${l.symbol}: switch to ${l.side === 'BUY' ? 'SELL' : 'BUY'}`}
                      onClick={() => onEdit(l, { side: l.side === 'BUY' ? 'SELL' : 'BUY' })}>{l.side}</button>
            </td>
            <td>
              <input type="number" min={1} step={1} value={l.lots} class="narrow" aria-label={`Lots of ${l.symbol}`}
                     onChange={(e) => {
                       const n = Number((e.target as HTMLInputElement).value);
                       if (Number.isInteger(n) && n >= 1) {
                         onEdit(l, { lots: n });
                       }
                     }} />
            </td>
            <td class="text">{price(l.strike, currency, 0)} {l.kind === 'call' ? 'CE' : 'PE'}</td>
            <td class="text">{l.expiry}</td>
            <td>{price(l.price, currency)}</td>
            <td>{price(mid(l), currency)}</td>
            <td>{Number.isFinite(l.iv) ? `${(l.iv * 100).toFixed(1)}%` : '–'}</td>
            <td><button type="button" class="link" aria-label={`Remove ${l.side} ${l.symbol}`}
                        onClick={() => onRemove(l)}>✕</button></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
