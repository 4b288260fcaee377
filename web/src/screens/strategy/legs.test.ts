import { describe, expect, it } from 'vitest';
import { atmIndex, legFromChain, legOrders, marketOf, netPremium, strategyRequest, templateLegs, TEMPLATES,
  valuedLegs } from './legs';
import { niftyChain } from './testChain';

describe('legFromChain', () => {
  it('buys at the ask and sells at the bid', () => {
    const c = niftyChain();
    expect(legFromChain(c, 4, 'call', 'BUY')).toEqual({ symbol: 'NIFTY20261208C21500', product: 'NIFTY',
      expiry: '2026-12-08', strike: 21500, kind: 'call', side: 'BUY', lots: 1, price: 112, iv: 0.13 });
    expect(legFromChain(c, 4, 'put', 'SELL', 3)).toMatchObject({ price: 90, side: 'SELL', lots: 3, iv: 0.14 });
  });

  it('falls back to the mid or last price when the clicked side is empty, NaN IV when unknown', () => {
    const c = niftyChain();
    c.puts[0] = { symbol: 'X', bid: 0, ask: 10, last: 7, iv: null };
    const leg = legFromChain(c, 0, 'put', 'SELL');
    expect(leg.price).toBe(7);
    expect(leg.iv).toBeNaN();
  });

  it('refuses a strike outside the chain and fractional lots', () => {
    expect(() => legFromChain(niftyChain(), 9, 'call', 'BUY')).toThrow(/strike index 9/);
    expect(() => legFromChain(niftyChain(), 1, 'call', 'BUY', 1.5)).toThrow(/whole number/);
  });
});

describe('templateLegs', () => {
  const c = niftyChain();
  const described = (name: Parameters<typeof templateLegs>[0]) => {
    const t = templateLegs(name, c, 1, 2);
    const options = t.options.map((l) => `${l.side} ${l.lots} ${l.kind} ${l.strike}`);
    return t.stock ? [`${t.stock.side} ${t.stock.lots} ${t.stock.product} @ ${t.stock.price}`, ...options] : options;
  };

  it('finds the ATM strike', () => {
    expect(atmIndex(c)).toBe(4);
  });

  it('builds every template from the ATM strike', () => {
    expect(described('long_straddle')).toEqual(['BUY 1 call 21500', 'BUY 1 put 21500']);
    expect(described('short_straddle')).toEqual(['SELL 1 call 21500', 'SELL 1 put 21500']);
    expect(described('long_strangle')).toEqual(['BUY 1 call 21600', 'BUY 1 put 21400']);
    expect(described('short_strangle')).toEqual(['SELL 1 call 21600', 'SELL 1 put 21400']);
    expect(described('bull_call_spread')).toEqual(['BUY 1 call 21500', 'SELL 1 call 21600']);
    expect(described('bear_call_spread')).toEqual(['SELL 1 call 21500', 'BUY 1 call 21600']);
    expect(described('bull_put_spread')).toEqual(['SELL 1 put 21500', 'BUY 1 put 21400']);
    expect(described('bear_put_spread')).toEqual(['BUY 1 put 21500', 'SELL 1 put 21400']);
    expect(described('iron_condor')).toEqual(['BUY 1 put 21300', 'SELL 1 put 21400', 'SELL 1 call 21600',
      'BUY 1 call 21700']);
    expect(described('long_butterfly')).toEqual(['BUY 1 call 21400', 'SELL 2 call 21500', 'BUY 1 call 21600']);
    expect(described('covered_call')).toEqual(['BUY 1 NIFTY @ 21510', 'SELL 1 call 21600']);
  });

  it('names every template once', () => {
    expect(new Set(TEMPLATES.map((t) => t.name)).size).toBe(11);
  });

  it('says which wing is missing on a narrow chain', () => {
    expect(() => templateLegs('iron_condor', c, 1, 3)).toThrow(/6 steps below ATM/);
  });
});

describe('strategy request and orders', () => {
  const c = niftyChain();
  const { options, stock } = templateLegs('covered_call', c, 2, 1);
  const market = marketOf(c, 75);
  const valued = valuedLegs(options, stock, (expiry) => (expiry === c.expiry ? 0.02 : Number.NaN));

  it('reads the carry and the ATM IV from the chain', () => {
    expect(market.rate).toBeCloseTo(0.053, 9);
    expect(market.volatility).toBe(0.13);
    expect(marketOf({ ...c, atm_iv: null, forward: null }, 75)).toMatchObject({ rate: 0, volatility: 0.2 });
  });

  it('sends signed lots with the lot size as multiplier', () => {
    expect(strategyRequest(valued, market)).toEqual({
      spot: 21510, rate: market.rate, volatility: 0.13, multiplier: 75,
      legs: [
        { type: 'CALL', strike: 21550, years: 0.02, quantity: -2, entry_price: 100, volatility: 0.13 },
        { type: 'UNDERLYING', quantity: 2, entry_price: 21510 },
      ],
    });
  });

  it('leaves out an unknown IV so the market volatility applies', () => {
    const legs = valuedLegs([{ ...options[0], iv: Number.NaN }], null, () => 0.02);
    expect(strategyRequest(legs, market).legs).toEqual([
      { type: 'CALL', strike: 21550, years: 0.02, quantity: -2, entry_price: 100 }]);
  });

  it('refuses an empty strategy', () => {
    expect(() => strategyRequest([], market)).toThrow(/at least one leg/);
  });

  it('orders the sold legs after the bought ones', () => {
    const condor = templateLegs('iron_condor', c).options;
    expect(legOrders(condor, null, 75).map((o) => `${o.side} ${o.symbol}`)).toEqual([
      'BUY NIFTY20261208P21300', 'BUY NIFTY20261208C21700', 'SELL NIFTY20261208P21400', 'SELL NIFTY20261208C21600']);
  });

  it('turns legs into market orders in units, the stock first', () => {
    expect(legOrders(options, stock, 75)).toEqual([
      { symbol: 'NIFTY', side: 'BUY', order_type: 'MARKET', quantity: 150, validity: 'DAY' },
      { symbol: 'NIFTY20261208C21550', side: 'SELL', order_type: 'MARKET', quantity: 150, validity: 'DAY' },
    ]);
  });

  it('nets the premium: debit positive, credit negative', () => {
    const straddle = templateLegs('short_straddle', c).options;
    expect(netPremium(valuedLegs(straddle, null, () => 0.02), 75)).toBeCloseTo(-(110 + 90) * 75, 9);
  });
});
