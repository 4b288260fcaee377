import { describe, expect, it } from 'vitest';
import { applyUserEvent, chainMarks, EMPTY_ACCOUNT, isOpen, markToMarket, type Order, type Position, totalUnrealized,
  userEventNotice, withOrder, withPosition, withTrade } from './account';

const order = (over: Partial<Order>): Order => ({
  order_id: 'ORD-1', symbol: 'NIFTY20261208C21500', order_type: 'LIMIT', side: 'BUY', quantity: 75, price: 100,
  trigger_price: null, validity: 'DAY', status: 'OPEN', filled_quantity: 0, avg_fill_price: 0, seq: 1, ...over,
});
const position = (over: Partial<Position>): Position => ({
  symbol: 'NIFTY20261208C21500', quantity: 75, avg_entry_price: 100, current_price: 100, unrealized_pnl: 0,
  realized_pnl: 0, ...over,
});

describe('orders', () => {
  it('puts a new order first and replaces it with later states only', () => {
    let orders = withOrder([order({ order_id: 'ORD-0' })], order({}));
    expect(orders.map((o) => o.order_id)).toEqual(['ORD-1', 'ORD-0']);
    orders = withOrder(orders, order({ status: 'FILLED', filled_quantity: 75, seq: 3 }));
    orders = withOrder(orders, order({ status: 'OPEN', seq: 2 }));
    expect(orders[0].status).toBe('FILLED');
  });

  it('falls back to update times without a sequence number', () => {
    const a = order({ seq: undefined, updated_at: '2026-12-06T10:00:01Z', status: 'CANCELLED' });
    const b = order({ seq: undefined, updated_at: '2026-12-06T10:00:00Z', status: 'OPEN' });
    expect(withOrder([a], b)[0].status).toBe('CANCELLED');
  });

  it('knows the working statuses', () => {
    expect(['OPEN', 'PENDING', 'TRIGGER_PENDING', 'PARTIALLY_FILLED'].every((s) => isOpen(order({ status: s }))))
      .toBe(true);
    expect(isOpen(order({ status: 'REJECTED' }))).toBe(false);
  });
});

describe('positions and trades', () => {
  it('drops a closed position and keeps the rest sorted', () => {
    const ps = withPosition([position({ symbol: 'B' }), position({ symbol: 'A' })], position({ symbol: 'C' }));
    expect(ps.map((p) => p.symbol)).toEqual(['A', 'B', 'C']);
    expect(withPosition(ps, position({ symbol: 'B', quantity: 0 })).map((p) => p.symbol)).toEqual(['A', 'C']);
  });

  it('ignores a repeated trade', () => {
    const t = { trade_id: 'T1', order_id: 'O', symbol: 'S', side: 'BUY' as const, quantity: 75, price: 1,
      commission: 0, realized_pnl: 0, executed_at: '' };
    expect(withTrade(withTrade([], t), t)).toHaveLength(1);
  });
});

describe('user events', () => {
  const trade = { trade_id: 'T1', order_id: 'O', symbol: 'S', side: 'SELL', quantity: 75, price: 101.5,
    commission: 3.8, realized_pnl: 0, executed_at: '' };

  it('tells a rejection with its reason, a cancellation, a fill; nothing for an order that rests', () => {
    expect(userEventNotice('order_update',
      order({ status: 'REJECTED', rejection_reason: 'Quantity 1875 exceeds the freeze quantity 1800' })))
      .toEqual({ tone: 'reject',
        text: 'Rejected BUY 75 NIFTY20261208C21500: Quantity 1875 exceeds the freeze quantity 1800' });
    expect(userEventNotice('order_update', order({ status: 'CANCELLED', cancel_reason: 'IOC remainder' })))
      .toEqual({ tone: 'info', text: 'Cancelled BUY 75 NIFTY20261208C21500: IOC remainder' });
    expect(userEventNotice('trade', trade)).toEqual({ tone: 'fill', text: 'Filled SELL 75 S @ 101.5' });
    expect(userEventNotice('order_update', order({ status: 'OPEN' }))).toBeNull();
    expect(userEventNotice('portfolio_update', {})).toBeNull();
  });

  it('records the order, trade, position and portfolio', () => {
    let s = applyUserEvent(EMPTY_ACCOUNT, 'order_update', order({ status: 'REJECTED' }));
    s = applyUserEvent(s, 'trade', trade);
    s = applyUserEvent(s, 'position_update', position({ symbol: 'S', quantity: -75 }));
    s = applyUserEvent(s, 'portfolio_update', { cash_balance: 5, margin_used: 1, margin_available: 4,
      total_pnl: 0, realized_pnl: 0, unrealized_pnl: 0, equity: 5, initial_capital: 5 });
    expect(s.orders).toHaveLength(1);
    expect(s.trades).toHaveLength(1);
    expect(s.positions[0].quantity).toBe(-75);
    expect(s.portfolio?.cash_balance).toBe(5);
  });
});

describe('marking to market', () => {
  it('revalues long and short positions at the live mark', () => {
    expect(markToMarket(position({}), 104).unrealized_pnl).toBe(300);
    expect(markToMarket(position({ quantity: -150 }), 104).unrealized_pnl).toBe(-600);
    expect(markToMarket(position({ unrealized_pnl: 7 }), undefined).unrealized_pnl).toBe(7);
    expect(totalUnrealized([position({ unrealized_pnl: 10 }), position({ unrealized_pnl: -4 })])).toBe(6);
  });

  it('marks at the mid, or the last price when a side is empty', () => {
    const marks = chainMarks({ calls: [{ symbol: 'C', bid: 10, ask: 11 }], puts: [{ symbol: 'P', bid: 0, ask: 5,
      last: 4 }, { symbol: 'Q', bid: 0, ask: 0 }] });
    expect([...marks]).toEqual([['C', 10.5], ['P', 4]]);
  });
});
