import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { money } from '../../format/numbers';
import { hasPrice, type InstrumentRules, isStop, ORDER_TYPES, type OrderType, type TicketField, type TicketInput,
  validateTicket, VALIDITIES, type Validity } from './orderTicket';

/** Answer of `POST /api/trade/order`. */
export interface PlacedOrder {
  order_id: string;
  status: string;
  filled_quantity: number;
  avg_fill_price: number;
  message?: string;
}

interface Props {
  ticket: TicketInput;
  onChange: (t: TicketInput) => void;
  rules: InstrumentRules | null;
  currency: string;
  onPlaced: (o: PlacedOrder, t: TicketInput) => void;
}

/** The order ticket: MARKET, LIMIT, SL, SL-M; DAY or IOC; quantity in lots. Field errors are shown beside fields. */
export function OrderTicket({ ticket, onChange, rules, currency, onPlaced }: Props) {
  const [errors, setErrors] = useState<Partial<Record<TicketField, string>>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<TicketInput>) => {
    setServerError(null);
    onChange({ ...ticket, ...change });
  };
  const text = (field: 'symbol' | 'lots' | 'price' | 'trigger') =>
    (e: Event) => set({ [field]: (e.target as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    setServerError(null);
    if (!rules) {
      setErrors({ symbol: 'Unknown instrument: choose one from the quotes' });
      return;
    }
    const v = validateTicket(ticket, rules);
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onPlaced(await api.post<PlacedOrder>('/api/trade/order', v.body), ticket);
    } catch (err) {
      setServerError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const lots = Number(ticket.lots);
  const units = rules && Number.isInteger(lots) && lots > 0 ? lots * rules.lotSize : null;
  const refPrice = hasPrice(ticket.orderType) ? Number(ticket.price) : rules?.last;
  return (
    <form class="form ticket" onSubmit={submit} aria-labelledby="ticket-title" data-testid="order-ticket">
      <h2 id="ticket-title" class="span">Order ticket</h2>
      <label for="ticket-symbol">Instrument</label>
      <div>
        <input id="ticket-symbol" value={ticket.symbol} onInput={text('symbol')} placeholder="Click a bid or ask"
               aria-invalid={!!errors.symbol} aria-describedby="ticket-symbol-error" />
        {errors.symbol && <div class="field-error" id="ticket-symbol-error">{errors.symbol}</div>}
      </div>
      <span class="label">Side</span>
      <div class="segmented" role="radiogroup" aria-label="Side">
        {(['BUY', 'SELL'] as const).map((s) => (
          <button type="button" key={s} role="radio" aria-checked={ticket.side === s}
                  class={ticket.side === s ? (s === 'BUY' ? 'on buy' : 'on sell') : ''}
                  onClick={() => set({ side: s })}>{s}</button>
        ))}
      </div>
      <label for="ticket-type">Order type</label>
      <select id="ticket-type" value={ticket.orderType}
              onChange={(e) => set({ orderType: (e.target as HTMLSelectElement).value as OrderType })}>
        {ORDER_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
      </select>
      <label for="ticket-validity">Validity</label>
      <select id="ticket-validity" value={ticket.validity}
              onChange={(e) => set({ validity: (e.target as HTMLSelectElement).value as Validity })}>
        {VALIDITIES.map((v) => <option key={v} value={v}>{v}</option>)}
      </select>
      <label for="ticket-lots">Lots</label>
      <div>
        <input id="ticket-lots" type="number" min={1} step={1} value={ticket.lots} onInput={text('lots')}
               aria-invalid={!!errors.lots} aria-describedby="ticket-lots-error" />
        <span class="muted"> {units !== null ? `${units} units` : ''}</span>
        {errors.lots && <div class="field-error" id="ticket-lots-error">{errors.lots}</div>}
      </div>
      {hasPrice(ticket.orderType) && <>
        <label for="ticket-price">Limit price</label>
        <div>
          <input id="ticket-price" type="number" min={0} step={rules?.tickSize ?? 0.05} value={ticket.price}
                 onInput={text('price')} aria-invalid={!!errors.price} aria-describedby="ticket-price-error" />
          {errors.price && <div class="field-error" id="ticket-price-error">{errors.price}</div>}
        </div>
      </>}
      {isStop(ticket.orderType) && <>
        <label for="ticket-trigger">Trigger price</label>
        <div>
          <input id="ticket-trigger" type="number" min={0} step={rules?.tickSize ?? 0.05} value={ticket.trigger}
                 onInput={text('trigger')} aria-invalid={!!errors.trigger} aria-describedby="ticket-trigger-error" />
          {errors.trigger && <div class="field-error" id="ticket-trigger-error">{errors.trigger}</div>}
        </div>
      </>}
      <span class="label">Value</span>
      <span class="muted">{units !== null && refPrice && refPrice > 0 ? `≈ ${money(units * refPrice, currency)}` : '–'}
        {rules?.last ? ` · last ${money(rules.last, currency)}` : ''}</span>
      {serverError && <p class="form-error span" role="alert" data-testid="ticket-error">{serverError}</p>}
      <button type="submit" class={`button span ${ticket.side === 'BUY' ? 'buy' : 'sell'}`} disabled={busy}>
        {busy ? 'Sending…' : `${ticket.side === 'BUY' ? 'Buy' : 'Sell'} ${ticket.orderType}`}
      </button>
    </form>
  );
}
