import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { changeTone, count, decimal, price, signedPrice } from '../../format/numbers';
import { currencyOf, instrument } from '../../state/products';
import { isOpen, type Notice, type Order, type Portfolio, type Position, type Trade } from './account';
import { hasPrice, isStop, modifyBody, type OrderType } from './orderTicket';

/** The product of an instrument symbol: the longest listed product name it starts with. */
export function productOf(symbol: string, names: readonly string[]): string | undefined {
  return names.filter((n) => symbol.startsWith(n)).sort((a, b) => b.length - a.length)[0];
}

/** An account amount: grouped, two decimals, no currency sign. */
const amount = (v: number | null | undefined) => price(v, 'USD');
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Cash, equity, margin and P&L; unrealized P&L and equity follow the live marks. The simulator keeps one cash
 * balance for every product without converting currencies, so account amounts are shown without a currency sign.
 */
export function Funds({ portfolio, liveUnrealized }: { portfolio: Portfolio | null; liveUnrealized: number }) {
  if (!portfolio) {
    return <p class="loading">Loading funds…</p>;
  }
  const equity = portfolio.equity - portfolio.unrealized_pnl + liveUnrealized;
  const total = portfolio.realized_pnl + liveUnrealized;
  const cells: Array<[string, string, string?]> = [
    ['Equity', amount(equity)],
    ['Cash', amount(portfolio.cash_balance)],
    ['Margin used', amount(portfolio.margin_used)],
    ['Margin available', amount(portfolio.margin_available)],
    ['Realized P&L', amount(portfolio.realized_pnl), changeTone(portfolio.realized_pnl)],
    ['Unrealized P&L', amount(liveUnrealized), changeTone(liveUnrealized)],
    ['Total P&L', amount(total), changeTone(total)],
  ];
  return (
    <dl class="funds" data-testid="funds">
      {cells.map(([k, v, c]) => <div key={k} class="stat"><dt><small>{k}</small></dt><dd><b class={c}>{v}</b></dd></div>)}
    </dl>
  );
}

/** Open positions, marked to the live mid. */
export function PositionsTable({ positions, names }: { positions: Position[]; names: readonly string[] }) {
  if (positions.length === 0) {
    return <p class="empty">No open positions.</p>;
  }
  return (
    <table class="data" data-testid="positions">
      <thead>
        <tr><th class="text">Instrument</th><th>Qty</th><th>Avg price</th><th>Mark</th><th>Unrealized P&L</th>
          <th>Realized P&L</th></tr>
      </thead>
      <tbody>
        {positions.map((p) => {
          const cur = currencyOf(p.product ?? productOf(p.symbol, names) ?? '');
          return (
            <tr key={p.symbol} tabIndex={0} data-symbol={p.symbol}>
              <td class="text">{p.symbol}</td>
              <td class={p.quantity > 0 ? 'up' : 'down'}>{count(p.quantity, cur)}</td>
              <td>{price(p.avg_entry_price, cur)}</td>
              <td data-testid="mark">{price(p.current_price, cur)}</td>
              <td class={changeTone(p.unrealized_pnl)} data-testid="unrealized">{signedPrice(p.unrealized_pnl, cur)}</td>
              <td class={changeTone(p.realized_pnl)}>{signedPrice(p.realized_pnl, cur)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The order book: working orders can be modified in place or cancelled. */
export function OrdersTable({ orders, names, onChanged }: {
  orders: Order[];
  names: readonly string[];
  /** an order's new state as the server answered (the cancel answer has only id, status and filled quantity) */
  onChanged: (o: Partial<Order> & { order_id: string }) => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (orders.length === 0) {
    return <p class="empty">No orders yet.</p>;
  }
  const cancel = async (o: Order) => {
    setError(null);
    try {
      onChanged(await api.delete<Partial<Order> & { order_id: string }>(
        `/api/trade/order/${encodeURIComponent(o.order_id)}`));
    } catch (e) {
      setError(`Cancel ${o.order_id}: ${errorText(e)}`);
    }
  };
  return (
    <>
      {error && <p class="form-error" role="alert">{error}</p>}
      <table class="data orders" data-testid="orders">
        <thead>
          <tr><th class="text">Placed</th><th class="text">Instrument</th><th class="text">Side</th>
            <th class="text">Type</th><th>Qty</th><th>Filled</th><th>Price</th><th>Trigger</th><th>Avg fill</th>
            <th class="text">Status</th><th class="text">Actions</th></tr>
        </thead>
        <tbody>
          {orders.map((o) => {
            const product = o.product ?? productOf(o.symbol, names) ?? '';
            const cur = currencyOf(product);
            if (editing === o.order_id) {
              return <ModifyRow key={o.order_id} order={o} product={product} onDone={(changed) => {
                setEditing(null);
                if (changed) {
                  onChanged(changed);
                }
              }} onError={setError} />;
            }
            const reason = o.rejection_reason ?? o.cancel_reason;
            return (
              <tr key={o.order_id} data-order={o.order_id} data-status={o.status}>
                <td class="text">{o.placed_at ? new Date(o.placed_at).toLocaleTimeString() : '–'}</td>
                <td class="text">{o.symbol}</td>
                <td class={`text ${o.side === 'BUY' ? 'up' : 'down'}`}>{o.side}</td>
                <td class="text">{o.order_type} {o.validity}</td>
                <td>{count(o.quantity, cur)}</td>
                <td>{count(o.filled_quantity, cur)}</td>
                <td>{price(o.price, cur)}</td>
                <td>{price(o.trigger_price, cur)}</td>
                <td>{o.filled_quantity > 0 ? price(o.avg_fill_price, cur) : '–'}</td>
                <td class="text" title={reason ?? undefined}>
                  <span class={`status status-${o.status.toLowerCase()}`}>{o.status}</span>
                  {reason && <span class="muted reason"> {reason}</span>}
                </td>
                <td class="text">
                  {isOpen(o) && <>
                    <button type="button" class="link" onClick={() => { setError(null); setEditing(o.order_id); }}
                            aria-label={`Modify ${o.order_id}`}>Modify</button>
                    <button type="button" class="link" onClick={() => cancel(o)}
                            aria-label={`Cancel ${o.order_id}`}>Cancel</button>
                  </>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function ModifyRow({ order, product, onDone, onError }: { order: Order; product: string;
                                                          onDone: (changed: Order | null) => void;
                                                          onError: (e: string | null) => void }) {
  const spec = instrument(product);
  const lotSize = spec?.lot_size ?? 1;
  const [lots, setLots] = useState(String(order.quantity / lotSize));
  const [px, setPx] = useState(order.price === null ? '' : String(order.price));
  const [trigger, setTrigger] = useState(order.trigger_price === null ? '' : String(order.trigger_price));
  const type = order.order_type as OrderType;
  const save = async (e: Event) => {
    e.preventDefault();
    const m = modifyBody(order, { lots, price: px, trigger }, { lotSize, tickSize: spec?.tick_size ?? 0.05 });
    if (!m.ok) {
      onError(`Modify ${order.order_id}: ${m.error}`);
      return;
    }
    try {
      const changed = await api.patch<Order>(`/api/trade/order/${encodeURIComponent(order.order_id)}`, m.body);
      onError(null);
      onDone(changed);
    } catch (err) {
      onError(`Modify ${order.order_id}: ${errorText(err)}`);
    }
  };
  return (
    <tr class="editing" data-order={order.order_id}>
      <td class="text" colSpan={4}>{order.symbol} {order.side} {order.order_type}</td>
      <td colSpan={7} class="text">
        <form class="inline-form" onSubmit={save}>
          <label>Lots <input type="number" min={1} step={1} value={lots} class="narrow"
                             onInput={(e) => setLots((e.target as HTMLInputElement).value)} /></label>
          {hasPrice(type) && <label>Price <input type="number" step={spec?.tick_size ?? 0.05} value={px} class="mid"
                                                  onInput={(e) => setPx((e.target as HTMLInputElement).value)} /></label>}
          {isStop(type) && !order.triggered && <label>Trigger <input type="number" step={spec?.tick_size ?? 0.05}
            value={trigger} class="mid" onInput={(e) => setTrigger((e.target as HTMLInputElement).value)} /></label>}
          <button type="submit" class="button primary">Save</button>
          <button type="button" class="button" onClick={() => { onError(null); onDone(null); }}>Back</button>
        </form>
      </td>
    </tr>
  );
}

/** Executions, newest first. */
export function TradesTable({ trades, names }: { trades: Trade[]; names: readonly string[] }) {
  if (trades.length === 0) {
    return <p class="empty">No trades yet.</p>;
  }
  return (
    <table class="data" data-testid="trades">
      <thead>
        <tr><th class="text">Time</th><th class="text">Instrument</th><th class="text">Side</th><th>Qty</th>
          <th>Price</th><th>Fee</th><th>Realized P&L</th></tr>
      </thead>
      <tbody>
        {trades.map((t) => {
          const cur = currencyOf(productOf(t.symbol, names) ?? '');
          return (
            <tr key={t.trade_id} tabIndex={0}>
              <td class="text">{new Date(t.executed_at).toLocaleTimeString()}</td>
              <td class="text">{t.symbol}</td>
              <td class={`text ${t.side === 'BUY' ? 'up' : 'down'}`}>{t.side}</td>
              <td>{count(t.quantity, cur)}</td>
              <td>{price(t.price, cur)}</td>
              <td>{price(t.commission, cur)}</td>
              <td class={changeTone(t.realized_pnl)}>{signedPrice(t.realized_pnl, cur)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Answer of `GET /api/trade/risk`. */
export interface RiskReport {
  margin_used: number;
  margin_available: number;
  margin_utilization: number;
  span_margin: number;
  exposure_margin: number;
  open_positions: number;
  max_positions: number;
  day_pnl: number;
  daily_loss_limit: number;
  max_concentration: number;
  concentration_limit: number;
  greeks: { delta: number; gamma: number; vega: number; theta: number };
  limits: Array<{ name: string; limit: number; current: number | null }>;
}

const LIMIT_LABELS: Record<string, string> = {
  margin: 'Margin (cash)', max_order_value: 'Largest order value', max_open_positions: 'Open positions',
  daily_loss_limit: 'Daily loss limit', concentration_limit: 'Concentration (share of equity)',
  price_band_pct: 'Limit price band', freeze_lots: 'Freeze quantity (lots)', orders_per_second: 'Orders per second',
};

/** The risk report: margin split, limits with their current use, net Greeks. Amounts in account units (see {@link Funds}). */
export function RiskPanel({ risk }: { risk: RiskReport | null }) {
  if (!risk) {
    return <p class="loading">Loading the risk report…</p>;
  }
  const fraction = (name: string) => name === 'concentration_limit' || name === 'price_band_pct';
  const show = (name: string, v: number | null) => (v === null ? '–' : fraction(name) ? `${(v * 100).toFixed(1)}%`
    : ['max_open_positions', 'freeze_lots', 'orders_per_second'].includes(name) ? String(v) : amount(v));
  return (
    <div class="risk" data-testid="risk">
      <div class="risk-stats">
        <div class="stat"><small>SPAN margin</small><b>{amount(risk.span_margin)}</b></div>
        <div class="stat"><small>Exposure margin</small><b>{amount(risk.exposure_margin)}</b></div>
        <div class="stat"><small>Margin used</small><b>{(risk.margin_utilization * 100).toFixed(1)}% of cash</b></div>
        <div class="stat"><small>Day P&L</small><b class={changeTone(risk.day_pnl)}>{amount(risk.day_pnl)}</b></div>
        <div class="stat"><small>Delta</small><b>{decimal(risk.greeks.delta, 2)}</b></div>
        <div class="stat"><small>Gamma</small><b>{decimal(risk.greeks.gamma, 4)}</b></div>
        <div class="stat"><small>Theta / day</small><b>{decimal(risk.greeks.theta, 2)}</b></div>
        <div class="stat"><small>Vega / vol pt</small><b>{decimal(risk.greeks.vega, 2)}</b></div>
      </div>
      <table class="data">
        <thead><tr><th class="text">Limit</th><th>Limit</th><th>Now</th></tr></thead>
        <tbody>
          {risk.limits.map((l) => (
            <tr key={l.name} tabIndex={0}>
              <td class="text">{LIMIT_LABELS[l.name] ?? l.name}</td>
              <td>{show(l.name, l.limit)}</td>
              <td>{show(l.name, l.current)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What happened, newest first: fills, rejections, cancellations, as the user room reports them. */
export function EventLog({ events }: { events: Array<Notice & { at: string }> }) {
  if (events.length === 0) {
    return <p class="empty">Fills and rejections appear here as they happen.</p>;
  }
  return (
    <ol class="event-log" aria-live="polite" data-testid="event-log">
      {events.map((e, i) => <li key={i} class={`event-${e.tone}`}><time>{e.at}</time> {e.text}</li>)}
    </ol>
  );
}
