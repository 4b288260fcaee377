/**
 * The paper-trading account as the screen shows it: orders, positions, trades and portfolio from the REST snapshot,
 * kept current by the user room's events (`order_update`, `trade`, `position_update`, `portfolio_update`) and
 * marked to market by the live chain. Pure functions over immutable values, so a late or repeated event cannot
 * corrupt what is shown.
 */
export interface Order {
  order_id: string;
  symbol: string;
  product?: string;
  order_type: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  price: number | null;
  trigger_price: number | null;
  validity: string;
  status: string;
  filled_quantity: number;
  avg_fill_price: number;
  placed_at?: string;
  updated_at?: string;
  triggered?: boolean;
  rejection_reason?: string | null;
  cancel_reason?: string | null;
  /** the simulator's sequence number: a higher one is a later state of the order */
  seq?: number;
}

export interface Position {
  symbol: string;
  product?: string;
  quantity: number;
  avg_entry_price: number;
  current_price: number;
  unrealized_pnl: number;
  realized_pnl: number;
  margin_required?: number;
}

export interface Trade {
  trade_id: string;
  order_id: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  price: number;
  commission: number;
  realized_pnl: number;
  executed_at: string;
}

export interface Portfolio {
  cash_balance: number;
  margin_used: number;
  margin_available: number;
  total_pnl: number;
  realized_pnl: number;
  unrealized_pnl: number;
  equity: number;
  initial_capital: number;
  updated_at?: string;
}

/** A line for the event log: what happened, in words. */
export interface Notice {
  tone: 'fill' | 'reject' | 'info';
  text: string;
}

export interface AccountState {
  orders: Order[];
  positions: Position[];
  trades: Trade[];
  portfolio: Portfolio | null;
}

export const EMPTY_ACCOUNT: AccountState = { orders: [], positions: [], trades: [], portfolio: null };

export const OPEN_STATUSES: ReadonlySet<string> = new Set(['PENDING', 'OPEN', 'PARTIALLY_FILLED', 'TRIGGER_PENDING']);

export function isOpen(o: Order): boolean {
  return OPEN_STATUSES.has(o.status);
}

const MAX_TRADES = 200;

/** Orders newest first; an update replaces the order unless it is older (lower `seq`, or earlier `updated_at`). */
export function withOrder(orders: Order[], o: Order): Order[] {
  const i = orders.findIndex((x) => x.order_id === o.order_id);
  if (i < 0) {
    return [o, ...orders];
  }
  if (isOlder(o, orders[i])) {
    return orders;
  }
  const next = orders.slice();
  next[i] = o;
  return next;
}

function isOlder(candidate: Order, current: Order): boolean {
  if (candidate.seq !== undefined && current.seq !== undefined && candidate.seq !== current.seq) {
    return candidate.seq < current.seq;
  }
  if (candidate.updated_at && current.updated_at) {
    return candidate.updated_at < current.updated_at
      || (candidate.updated_at === current.updated_at && candidate.filled_quantity < current.filled_quantity);
  }
  return false;
}

/** A position update; quantity 0 means the position is closed and leaves the list. */
export function withPosition(positions: Position[], p: Position): Position[] {
  const rest = positions.filter((x) => x.symbol !== p.symbol);
  return p.quantity === 0 ? rest : [...rest, p].sort((a, b) => a.symbol.localeCompare(b.symbol));
}

export function withTrade(trades: Trade[], t: Trade): Trade[] {
  if (trades.some((x) => x.trade_id === t.trade_id)) {
    return trades;
  }
  return [t, ...trades].slice(0, MAX_TRADES);
}

export type UserEventName = 'order_update' | 'trade' | 'position_update' | 'portfolio_update';

/** The account after one user-room event. */
export function applyUserEvent(state: AccountState, event: UserEventName, data: unknown): AccountState {
  switch (event) {
    case 'order_update': return { ...state, orders: withOrder(state.orders, data as Order) };
    case 'trade': return { ...state, trades: withTrade(state.trades, data as Trade) };
    case 'position_update': return { ...state, positions: withPosition(state.positions, data as Position) };
    case 'portfolio_update': return { ...state, portfolio: data as Portfolio };
  }
}

/** What to tell the user about one user-room event: fills, rejections, cancellations, expiries; null otherwise. */
export function userEventNotice(event: UserEventName, data: unknown): Notice | null {
  if (event === 'trade') {
    const t = data as Trade;
    return { tone: 'fill', text: `Filled ${t.side} ${t.quantity} ${t.symbol} @ ${t.price}` };
  }
  return event === 'order_update' ? orderNotice(data as Order) : null;
}

function orderNotice(o: Order): Notice | null {
  const what = `${o.side} ${o.quantity} ${o.symbol}`;
  switch (o.status) {
    case 'REJECTED': return { tone: 'reject', text: `Rejected ${what}: ${o.rejection_reason ?? 'no reason given'}` };
    case 'CANCELLED': return { tone: 'info', text: `Cancelled ${what}${o.cancel_reason ? `: ${o.cancel_reason}` : ''}` };
    case 'EXPIRED': return { tone: 'info', text: `Expired ${what}` };
    default: return null;
  }
}

/** The price of a position now: the live mark when there is one, the simulator's last mark otherwise. */
export function markToMarket(p: Position, mark: number | undefined): Position {
  if (mark === undefined || !(mark > 0)) {
    return p;
  }
  return { ...p, current_price: mark, unrealized_pnl: (mark - p.avg_entry_price) * p.quantity };
}

/** Sum of the positions' unrealized P&L. */
export function totalUnrealized(positions: Position[]): number {
  return positions.reduce((sum, p) => sum + p.unrealized_pnl, 0);
}

/** The quotes of a chain that the marks need: symbol to mid (bid/ask average, the last price when one side is empty). */
export function chainMarks(chain: { calls: Array<{ symbol: string; bid: number; ask: number; last?: number }>;
                                     puts: Array<{ symbol: string; bid: number; ask: number; last?: number }> })
  : Map<string, number> {
  const marks = new Map<string, number>();
  for (const q of [...chain.calls, ...chain.puts]) {
    const mid = q.bid > 0 && q.ask > 0 ? (q.bid + q.ask) / 2 : (q.last ?? 0);
    if (mid > 0) {
      marks.set(q.symbol, mid);
    }
  }
  return marks;
}
