import { describe, expect, it } from 'vitest';
import { modifyBody, type TicketInput, validateTicket } from './orderTicket';

const rules = { lotSize: 75, tickSize: 0.05, last: 120 };
const ticket = (over: Partial<TicketInput>): TicketInput => ({
  symbol: 'NIFTY20261208C21500', side: 'BUY', orderType: 'MARKET', validity: 'DAY', lots: '2', price: '',
  trigger: '', ...over,
});

describe('validateTicket', () => {
  it('turns a market order into units and drops prices', () => {
    expect(validateTicket(ticket({ price: '99' }), rules)).toEqual({ ok: true, body: {
      symbol: 'NIFTY20261208C21500', side: 'BUY', order_type: 'MARKET', quantity: 150, validity: 'DAY' } });
  });

  it('needs a price on the tick grid for LIMIT', () => {
    expect(validateTicket(ticket({ orderType: 'LIMIT' }), rules))
      .toEqual({ ok: false, errors: { price: 'Price must be a positive number' } });
    expect(validateTicket(ticket({ orderType: 'LIMIT', price: '101.03' }), rules))
      .toEqual({ ok: false, errors: { price: 'Price must be a multiple of the tick size 0.05' } });
    expect(validateTicket(ticket({ orderType: 'LIMIT', price: '101.15', validity: 'IOC' }), rules)).toEqual({
      ok: true, body: { symbol: 'NIFTY20261208C21500', side: 'BUY', order_type: 'LIMIT', quantity: 150,
        validity: 'IOC', price: 101.15 } });
  });

  it('needs a trigger beyond the last price for stops', () => {
    expect(validateTicket(ticket({ orderType: 'SL-M', trigger: '110' }), rules))
      .toEqual({ ok: false, errors: { trigger: 'A BUY stop triggers above the last price 120' } });
    expect(validateTicket(ticket({ orderType: 'SL-M', side: 'SELL', trigger: '110' }), rules)).toMatchObject({
      ok: true, body: { order_type: 'SL-M', trigger_price: 110, side: 'SELL' } });
  });

  it('keeps an SL order\'s price on the right side of its trigger', () => {
    expect(validateTicket(ticket({ orderType: 'SL', price: '125', trigger: '130' }), rules))
      .toEqual({ ok: false, errors: { price: 'A BUY stop-limit needs a price at or above its trigger' } });
    expect(validateTicket(ticket({ orderType: 'SL', price: '131', trigger: '130' }), rules)).toMatchObject({
      ok: true, body: { price: 131, trigger_price: 130 } });
  });

  it('names every bad field at once', () => {
    const r = validateTicket(ticket({ symbol: ' ', lots: '1.5', orderType: 'SL', price: 'x', trigger: '-1' }), rules);
    expect(r.ok).toBe(false);
    expect(Object.keys(r.ok ? {} : r.errors).sort()).toEqual(['lots', 'price', 'symbol', 'trigger']);
  });
});

describe('modifyBody', () => {
  const order = { order_type: 'LIMIT', price: 100, trigger_price: null, quantity: 150, filled_quantity: 0 };

  it('sends only what changed', () => {
    expect(modifyBody(order, { lots: '2', price: '101.5', trigger: '' }, rules))
      .toEqual({ ok: true, body: { price: 101.5 } });
    expect(modifyBody(order, { lots: '3', price: '100', trigger: '' }, rules))
      .toEqual({ ok: true, body: { quantity: 225 } });
    expect(modifyBody(order, { lots: '2', price: '100', trigger: '' }, rules))
      .toEqual({ ok: false, error: 'Nothing changed' });
  });

  it('refuses a quantity at or below the filled part', () => {
    expect(modifyBody({ ...order, filled_quantity: 150 }, { lots: '2', price: '100', trigger: '' }, rules))
      .toEqual({ ok: false, error: 'Quantity must exceed the 150 units already filled' });
  });

  it('changes the trigger of an untriggered stop only', () => {
    const stop = { order_type: 'SL-M', price: null, trigger_price: 130, quantity: 75, filled_quantity: 0 };
    expect(modifyBody(stop, { lots: '1', price: '', trigger: '135' }, rules))
      .toEqual({ ok: true, body: { trigger_price: 135 } });
    expect(modifyBody({ ...stop, triggered: true }, { lots: '1', price: '', trigger: '135' }, rules))
      .toEqual({ ok: false, error: 'Nothing changed' });
  });
});
