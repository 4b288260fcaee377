import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { EnrichedChain } from '../../api/types';
import { live } from '../../live/live';
import { currencyOf, instrument, instruments } from '../../state/products';
import { route } from '../../state/route';
import { useStore } from '../../state/store';
import { reportError } from '../../ui/notices';
import { useExpiries, useLiveChains } from '../shared/liveChain';
import { ExpirySelect, ProductSelect } from '../shared/Pickers';
import { QuoteLadder } from '../shared/QuoteLadder';
import { type AccountState, applyUserEvent, chainMarks, EMPTY_ACCOUNT, isOpen, markToMarket, type Notice,
  type Order, type Portfolio, type Position, type Trade, totalUnrealized, type UserEventName, userEventNotice,
  withOrder } from './account';
import { EventLog, Funds, OrdersTable, PositionsTable, productOf, type RiskReport, RiskPanel,
  TradesTable } from './AccountTables';
import { logout, user } from './auth';
import { LoginPanel } from './LoginPanel';
import { OrderTicket, type PlacedOrder } from './OrderTicket';
import type { TicketInput } from './orderTicket';
import '../shared/forms.css';
import './trading.css';

/** Paper trading: log in, then the ticket, the quotes, funds, positions, orders, trades, risk and live events. */
export default function TradingScreen() {
  const who = useStore(user);
  return (
    <section aria-labelledby="trading-title" class="trading">
      <div class="toolbar">
        <h1 id="trading-title" class="screen-title">Paper trading</h1>
        {who && <>
          <span class="muted" data-testid="signed-in">Signed in as {who.email}</span>
          <button type="button" class="button" onClick={() => logout().catch(reportError)}>Log out</button>
        </>}
      </div>
      {who ? <Desk /> : <LoginPanel />}
    </section>
  );
}

const EVENTS: UserEventName[] = ['order_update', 'trade', 'position_update', 'portfolio_update'];
const now = () => new Date().toLocaleTimeString();

function Desk() {
  const r = useStore(route);
  const products = useStore(instruments);
  const names = useMemo(() => products.map((p) => p.name), [products]);
  const product = r.query.get('product') ?? products[0]?.name ?? 'NIFTY';
  const expiries = useExpiries(product);
  const chosen = r.query.get('expiry');
  const expiry = chosen && expiries.includes(chosen) ? chosen : expiries[0];
  const chain = useLiveChains(product, expiry ? [expiry] : []).get(expiry ?? '') ?? null;
  const currency = currencyOf(product);

  const [account, setAccount] = useState<AccountState>(EMPTY_ACCOUNT);
  const [risk, setRisk] = useState<RiskReport | null>(null);
  const [events, setEvents] = useState<Array<Notice & { at: string }>>([]);
  const [marks, setMarks] = useState<ReadonlyMap<string, number>>(new Map());
  const [tab, setTab] = useState<'positions' | 'orders' | 'trades' | 'risk'>('positions');
  const [ticket, setTicket] = useState<TicketInput>({ symbol: '', side: 'BUY', orderType: 'MARKET', validity: 'DAY',
    lots: '1', price: '', trigger: '' });
  const log = (n: Notice) => setEvents((list) => [{ ...n, at: now() }, ...list].slice(0, 30));

  const loadRisk = () => api.get<RiskReport>('/api/trade/risk').then(setRisk).catch(reportError);

  useEffect(() => {
    Promise.all([
      api.get<Portfolio>('/api/trade/portfolio'),
      api.get<{ positions: Position[] }>('/api/trade/positions'),
      api.get<{ orders: Order[] }>('/api/trade/orders', { query: { limit: 100 } }),
      api.get<{ trades: Trade[] }>('/api/trade/trades', { query: { limit: 100 } }),
    ]).then(([portfolio, p, o, t]) => setAccount((current) => ({
      // Events that arrived while loading are newer than the snapshot: keep them on top of it.
      portfolio: current.portfolio ?? portfolio,
      positions: current.positions.length > 0 ? current.positions : p.positions,
      orders: current.orders.reduce(withOrder, o.orders),
      trades: [...current.trades, ...t.trades.filter((x) => !current.trades.some((y) => y.trade_id === x.trade_id))],
    }))).catch(reportError);
    void loadRisk();
    const client = live();
    const offs = EVENTS.map((name) => client.on(name, (data) => {
      setAccount((state) => applyUserEvent(state, name, data));
      const notice = userEventNotice(name, data);
      if (notice) {
        log(notice);
      }
      if (name === 'portfolio_update') {
        void loadRisk();
      }
    }));
    return () => offs.forEach((off) => off());
  }, []);

  // Live marks: the chain rooms of every product with a position, and the underlying price for stock positions.
  const heldProducts = [...new Set(account.positions.map((p) => p.product ?? productOf(p.symbol, names) ?? ''))]
    .filter((p) => p !== '').sort().join(',');
  useEffect(() => {
    const client = live();
    const held = heldProducts === '' ? [] : heldProducts.split(',');
    const offs = [
      client.on('chain_update', (c: EnrichedChain) => {
        if (held.includes(c.product)) {
          setMarks((m) => new Map([...m, ...chainMarks(c)]));
        }
      }),
      client.on('underlying_update', (u) => {
        if (held.includes(u.product)) {
          setMarks((m) => new Map(m).set(u.product, u.price));
        }
      }),
      ...held.flatMap((p) => [client.subscribe('chain', p), client.subscribe('product', p)]),
    ];
    return () => offs.forEach((off) => off());
  }, [heldProducts]);

  const positions = account.positions.map((p) => markToMarket(p, marks.get(p.symbol)));
  const liveUnrealized = totalUnrealized(positions);
  const spec = instrument(productOf(ticket.symbol, names) ?? product);
  const quote = chain && [...chain.calls, ...chain.puts].find((q) => q.symbol === ticket.symbol);
  const rules = spec ? { lotSize: spec.lot_size, tickSize: spec.tick_size, last: quote?.last } : null;
  const open = account.orders.filter(isOpen).length;

  const placed = (o: PlacedOrder, t: TicketInput) => {
    log({ tone: o.status === 'REJECTED' ? 'reject' : 'info', text: `${t.side} ${t.symbol}: ${o.message ?? o.status}`
      + (o.filled_quantity > 0 ? ` (${o.filled_quantity} @ ${o.avg_fill_price})` : '') });
    if (isOpen({ status: o.status } as Order)) {
      setTab('orders');
    }
  };
  const changed = (o: Partial<Order> & { order_id: string }) => setAccount((s) => ({
    ...s, orders: s.orders.map((x) => (x.order_id === o.order_id ? { ...x, ...o } : x)),
  }));

  return (
    <div class="desk">
      <div class="desk-left">
        <div class="panel">
          <OrderTicket ticket={ticket} onChange={setTicket} rules={rules} currency={currencyOf(spec?.name ?? product)}
                       onPlaced={placed} />
        </div>
        <div class="panel">
          <div class="toolbar">
            <ProductSelect products={products} product={product} />
            <ExpirySelect expiries={expiries} expiry={expiry} />
          </div>
          {chain
            ? <QuoteLadder chain={chain} currency={currency} around={6} selected={ticket.symbol} onPick={(p) => {
              const q = (p.kind === 'call' ? chain.calls : chain.puts)[p.index];
              const px = p.side === 'BUY' ? q.ask : q.bid;
              setTicket({ ...ticket, symbol: q.symbol, side: p.side, price: String(px) });
            }} />
            : <p class="loading">Waiting for the {product} chain…</p>}
        </div>
      </div>
      <div class="desk-right">
        <div class="panel"><h2>Funds</h2><Funds portfolio={account.portfolio} liveUnrealized={liveUnrealized} /></div>
        <div class="panel">
          <div class="tabs" role="tablist" aria-label="Account">
            {([['positions', `Positions (${positions.length})`], ['orders', `Orders (${open} open)`],
              ['trades', 'Trades'], ['risk', 'Risk']] as const).map(([id, label]) => (
              <button type="button" role="tab" key={id} id={`tab-${id}`} aria-selected={tab === id}
                      aria-controls={`panel-${id}`} onClick={() => setTab(id)}>{label}</button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} class="tab-body">
            {tab === 'positions' && <PositionsTable positions={positions} names={names} />}
            {tab === 'orders' && <OrdersTable orders={account.orders} names={names} onChanged={changed} />}
            {tab === 'trades' && <TradesTable trades={account.trades} names={names} />}
            {tab === 'risk' && <RiskPanel risk={risk} />}
          </div>
        </div>
        <div class="panel"><h2>Live events</h2><EventLog events={events} /></div>
      </div>
    </div>
  );
}
