import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { decimal, price } from '../../format/numbers';
import { currencyOf, instruments } from '../../state/products';
import { route } from '../../state/route';
import { useStore } from '../../state/store';
import { ProductSelect } from '../shared/Pickers';
import { useExpiries, useLiveChains, yearsLeft } from '../shared/liveChain';
import type { OptionValue } from '../strategy/blackScholes';
import { atmIndex, marketOf } from '../strategy/legs';
import { type CalculatorField, type CalculatorInput, type Errors, greeksRequest, impliedVolRequest, ivStatusText,
  type Model } from './calculatorForm';
import '../shared/forms.css';
import './calculator.css';

/** Answer of `/greeks`: the Black-Scholes figures in the same units, and second-order Greeks. */
type GreeksAnswer = OptionValue & { vanna?: number; volga?: number; charm?: number };

interface IvAnswer {
  implied_volatility: number | null;
  status: string;
  iterations?: number;
}

const FIELDS: Array<[CalculatorField, string, string]> = [
  ['spot', 'Spot', ''],
  ['strike', 'Strike', ''],
  ['days', 'Days to expiry', 'calendar days'],
  ['rate', 'Rate', '% a year'],
  ['dividendYield', 'Dividend yield', '% a year'],
  ['volatility', 'Volatility', '% a year, for price and Greeks'],
  ['price', 'Option price', 'for implied volatility'],
];

const MODELS: Array<[Model, string]> = [
  ['bsm', 'Black-Scholes-Merton (European)'],
  ['black76', 'Black-76 (options on futures)'],
  ['american', 'American (Bjerksund-Stensland 2002)'],
];

/** One option's price, Greeks and implied volatility from the analytics calculators. */
export default function CalculatorScreen() {
  const r = useStore(route);
  const products = useStore(instruments);
  const product = r.query.get('product') ?? products[0]?.name ?? 'NIFTY';
  const currency = currencyOf(product);
  const expiries = useExpiries(product);
  const chain = useLiveChains(product, expiries.slice(0, 1)).get(expiries[0] ?? '') ?? null;
  const [input, setInput] = useState<CalculatorInput>({ type: 'CALL', model: 'bsm', spot: '100', strike: '100',
    days: '30', rate: '5', dividendYield: '0', volatility: '20', price: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [greeks, setGreeks] = useState<GreeksAnswer | null>(null);
  const [iv, setIv] = useState<IvAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fillFromMarket = () => {
    if (!chain) {
      return;
    }
    const i = atmIndex(chain);
    const q = input.type === 'CALL' ? chain.calls[i] : chain.puts[i];
    const m = marketOf(chain, 1);
    const mid = q.bid > 0 && q.ask > 0 ? (q.bid + q.ask) / 2 : q.last;
    setInput({ ...input, spot: String(chain.spot_price), strike: String(chain.strikes[i]),
      days: (yearsLeft(chain) * 365).toFixed(3), rate: (m.rate * 100).toFixed(3), dividendYield: '0',
      volatility: ((q.iv ?? m.volatility) * 100).toFixed(2), price: mid.toFixed(2) });
  };

  const calculate = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    const g = greeksRequest(input);
    const wantIv = input.price.trim() !== '';
    const v = wantIv ? impliedVolRequest(input) : null;
    const errs = { ...(g.ok ? {} : g.errors), ...(v && !v.ok ? v.errors : {}) };
    setErrors(errs);
    if (!g.ok || (v && !v.ok)) {
      return;
    }
    setBusy(true);
    try {
      const [ga, va] = await Promise.all([
        api.post<GreeksAnswer>('/api/analytics/greeks', g.body),
        v && v.ok ? api.post<IvAnswer>('/api/analytics/implied-vol', v.body) : Promise.resolve(null),
      ]);
      setGreeks(ga);
      setIv(va);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="calc-title" class="calculator">
      <div class="toolbar">
        <h1 id="calc-title" class="screen-title">Option calculator</h1>
        <ProductSelect products={products} product={product} label="Market" />
        <button type="button" class="button" onClick={fillFromMarket} disabled={!chain}
                title="Spot, ATM strike, days, carry, IV and mid price of the nearest expiry">
          Fill from {product} ATM {expiries[0] ? `(${expiries[0]})` : ''}</button>
      </div>
      <div class="calc-grid">
        <form class="panel form" onSubmit={calculate} aria-label="Option inputs" data-testid="calculator-form">
          <label for="calc-type">Type</label>
          <select id="calc-type" value={input.type}
                  onChange={(e) => setInput({ ...input, type: (e.target as HTMLSelectElement).value as 'CALL' | 'PUT' })}>
            <option value="CALL">Call</option>
            <option value="PUT">Put</option>
          </select>
          <label for="calc-model">Model</label>
          <select id="calc-model" value={input.model}
                  onChange={(e) => setInput({ ...input, model: (e.target as HTMLSelectElement).value as Model })}>
            {MODELS.map(([m, label]) => <option key={m} value={m}>{label}</option>)}
          </select>
          {FIELDS.map(([field, label, hint]) => (
            <Fragment key={field}>
              <label for={`calc-${field}`}>{label}{hint && <span class="hint"> ({hint})</span>}</label>
              <div>
                <input id={`calc-${field}`} inputMode="decimal" value={input[field]} aria-invalid={!!errors[field]}
                       aria-describedby={`calc-${field}-error`}
                       onInput={(e) => setInput({ ...input, [field]: (e.target as HTMLInputElement).value })} />
                {errors[field] && <div class="field-error" id={`calc-${field}-error`}>{errors[field]}</div>}
              </div>
            </Fragment>
          ))}
          {problem && <p class="form-error span" role="alert">{problem}</p>}
          <button type="submit" class="button primary span" disabled={busy}>{busy ? 'Calculating…' : 'Calculate'}</button>
        </form>
        <div class="panel results" aria-live="polite" data-testid="calculator-results">
          <h2>Results</h2>
          {!greeks && <p class="empty">Enter the option and press Calculate. Leave the option price empty to skip
            implied volatility.</p>}
          {greeks && (
            <table class="data">
              <tbody>
                <tr><th class="text" scope="row">Price</th><td data-testid="calc-price">{price(greeks.price, currency, 4)}</td></tr>
                <tr><th class="text" scope="row">Delta</th><td>{decimal(greeks.delta, 4)}</td></tr>
                <tr><th class="text" scope="row">Gamma</th><td>{decimal(greeks.gamma, 6)}</td></tr>
                <tr><th class="text" scope="row">Theta (per day)</th><td>{decimal(greeks.theta, 4)}</td></tr>
                <tr><th class="text" scope="row">Vega (per vol point)</th><td>{decimal(greeks.vega, 4)}</td></tr>
                <tr><th class="text" scope="row">Rho (per 1% rate)</th><td>{decimal(greeks.rho, 4)}</td></tr>
                {greeks.vanna !== undefined && <tr><th class="text" scope="row">Vanna</th><td>{decimal(greeks.vanna, 6)}</td></tr>}
                {greeks.volga !== undefined && <tr><th class="text" scope="row">Volga</th><td>{decimal(greeks.volga, 6)}</td></tr>}
                {greeks.charm !== undefined && <tr><th class="text" scope="row">Charm</th><td>{decimal(greeks.charm, 6)}</td></tr>}
              </tbody>
            </table>
          )}
          {iv && (
            <p class="iv" data-testid="calc-iv">
              Implied volatility: <b>{iv.implied_volatility === null ? '–' : `${(iv.implied_volatility * 100).toFixed(2)}%`}</b>
              {' '}<span class="muted">({ivStatusText(iv.status)}{iv.iterations ? `, ${iv.iterations} iterations` : ''})</span>
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
