/**
 * The order ticket's checks, run in the browser before `POST /api/trade/order` so that a typo is named next to its
 * field; the simulator checks the same rules again (and the risk limits, which only it knows).
 */
export type OrderType = 'MARKET' | 'LIMIT' | 'SL' | 'SL-M';
export type Validity = 'DAY' | 'IOC';
export type Side = 'BUY' | 'SELL';

export const ORDER_TYPES: readonly OrderType[] = ['MARKET', 'LIMIT', 'SL', 'SL-M'];
export const VALIDITIES: readonly Validity[] = ['DAY', 'IOC'];

/** What the user typed; numbers as the text of the inputs. */
export interface TicketInput {
  symbol: string;
  side: Side;
  orderType: OrderType;
  validity: Validity;
  /** whole lots */
  lots: string;
  price: string;
  trigger: string;
}

/** What the ticket knows about the instrument. */
export interface InstrumentRules {
  lotSize: number;
  tickSize: number;
  /** last traded price, 0 or absent when unknown */
  last?: number;
}

export interface OrderBody {
  symbol: string;
  side: Side;
  order_type: OrderType;
  quantity: number;
  validity: Validity;
  price?: number;
  trigger_price?: number;
}

export type TicketField = 'symbol' | 'lots' | 'price' | 'trigger';
export type TicketResult = { ok: true; body: OrderBody } | { ok: false; errors: Partial<Record<TicketField, string>> };

export const hasPrice = (t: OrderType): boolean => t === 'LIMIT' || t === 'SL';
export const isStop = (t: OrderType): boolean => t === 'SL' || t === 'SL-M';

export function validateTicket(input: TicketInput, rules: InstrumentRules): TicketResult {
  const errors: Partial<Record<TicketField, string>> = {};
  const symbol = input.symbol.trim();
  if (symbol === '') {
    errors.symbol = 'Choose an instrument (click a bid or ask in the chain)';
  }
  const lots = Number(input.lots);
  if (input.lots.trim() === '' || !Number.isInteger(lots) || lots < 1) {
    errors.lots = 'Lots must be a whole number of at least 1';
  }
  const price = hasPrice(input.orderType) ? priceField(input.price, 'Price', rules.tickSize) : undefined;
  if (typeof price === 'string') {
    errors.price = price;
  }
  const trigger = isStop(input.orderType) ? priceField(input.trigger, 'Trigger price', rules.tickSize) : undefined;
  if (typeof trigger === 'string') {
    errors.trigger = trigger;
  }
  if (typeof trigger === 'number') {
    if (typeof price === 'number' && (input.side === 'BUY' ? price < trigger : price > trigger)) {
      errors.price = input.side === 'BUY'
        ? 'A BUY stop-limit needs a price at or above its trigger'
        : 'A SELL stop-limit needs a price at or below its trigger';
    }
    const last = rules.last ?? 0;
    if (last > 0 && (input.side === 'BUY' ? trigger <= last : trigger >= last)) {
      errors.trigger = `A ${input.side} stop triggers ${input.side === 'BUY' ? 'above' : 'below'} the last price `
        + `${last}`;
    }
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  const body: OrderBody = {
    symbol, side: input.side, order_type: input.orderType, quantity: lots * rules.lotSize, validity: input.validity,
  };
  if (typeof price === 'number') {
    body.price = price;
  }
  if (typeof trigger === 'number') {
    body.trigger_price = trigger;
  }
  return { ok: true, body };
}

/** The body of a modification (`PATCH /api/trade/order/{id}`): only what changed, or an error message. */
export function modifyBody(order: { order_type: string; price: number | null; trigger_price: number | null;
                                    quantity: number; filled_quantity: number; triggered?: boolean },
                           edit: { lots: string; price: string; trigger: string }, rules: InstrumentRules)
  : { ok: true; body: Record<string, number> } | { ok: false; error: string } {
  const body: Record<string, number> = {};
  const lots = Number(edit.lots);
  if (!Number.isInteger(lots) || lots < 1) {
    return { ok: false, error: 'Lots must be a whole number of at least 1' };
  }
  const quantity = lots * rules.lotSize;
  if (quantity <= order.filled_quantity) {
    return { ok: false, error: `Quantity must exceed the ${order.filled_quantity} units already filled` };
  }
  if (quantity !== order.quantity) {
    body.quantity = quantity;
  }
  const type = order.order_type as OrderType;
  if (hasPrice(type)) {
    const p = priceField(edit.price, 'Price', rules.tickSize);
    if (typeof p === 'string') {
      return { ok: false, error: p };
    }
    if (p !== order.price) {
      body.price = p;
    }
  }
  if (isStop(type) && !order.triggered) {
    const t = priceField(edit.trigger, 'Trigger price', rules.tickSize);
    if (typeof t === 'string') {
      return { ok: false, error: t };
    }
    if (t !== order.trigger_price) {
      body.trigger_price = t;
    }
  }
  return Object.keys(body).length === 0 ? { ok: false, error: 'Nothing changed' } : { ok: true, body };
}

/** A positive price on the tick grid, or the message saying why not. */
function priceField(text: string, label: string, tick: number): number | string {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v <= 0) {
    return `${label} must be a positive number`;
  }
  const steps = v / tick;
  if (Math.abs(steps - Math.round(steps)) > 1e-6) {
    return `${label} must be a multiple of the tick size ${tick}`;
  }
  return v;
}
