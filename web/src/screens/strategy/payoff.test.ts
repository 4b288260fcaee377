import { describe, expect, it } from 'vitest';
import { bsm } from './blackScholes';
import { marketOf, templateLegs, type TemplateName, valuedLegs, type ValuedLeg } from './legs';
import { niftyChain } from './testChain';
import { horizonOf, payoffCurves, priceGrid, strategyPnl, zeroCrossings } from './payoff';

const chain = niftyChain();
const market = marketOf(chain, 75);
const legsOf = (name: TemplateName, width = 2): ValuedLeg[] => {
  const t = templateLegs(name, chain, 1, width);
  return valuedLegs(t.options, t.stock, () => chain.time_to_expiry);
};

describe('strategyPnl', () => {
  it('is the long straddle\'s V shape at expiry', () => {
    const legs = legsOf('long_straddle');
    const premium = 112 + 92;
    expect(strategyPnl(legs, market, 21500, horizonOf(legs))).toBeCloseTo(-premium * 75, 6);
    expect(strategyPnl(legs, market, 21800, horizonOf(legs))).toBeCloseTo((300 - premium) * 75, 6);
    expect(strategyPnl(legs, market, 21200, horizonOf(legs))).toBeCloseTo((300 - premium) * 75, 6);
  });

  it('values each option with Black-Scholes today', () => {
    const legs = legsOf('long_straddle');
    const call = bsm({ kind: 'CALL', spot: 21600, strike: 21500, years: 0.02, volatility: 0.13, rate: market.rate });
    const put = bsm({ kind: 'PUT', spot: 21600, strike: 21500, years: 0.02, volatility: 0.14, rate: market.rate });
    expect(strategyPnl(legs, market, 21600, 0)).toBeCloseTo((call.price - 112 + put.price - 92) * 75, 6);
  });

  it('keeps time value in a later leg at the earliest expiry (calendar)', () => {
    const near = legsOf('short_straddle')[0];
    const far: ValuedLeg = { ...near, side: 'BUY', years: 0.1, price: 250 };
    const legs = [near, far];
    expect(horizonOf(legs)).toBe(0.02);
    const farLeft = bsm({ kind: 'CALL', spot: 21500, strike: 21500, years: 0.08, volatility: 0.13, rate: market.rate });
    expect(strategyPnl(legs, market, 21500, 0.02)).toBeCloseTo((110 - 0 + farLeft.price - 250) * 75, 6);
  });

  it('moves one to one with the underlying for a stock leg', () => {
    const stock = legsOf('covered_call').filter((l) => l.kind === 'UNDERLYING');
    expect(strategyPnl(stock, market, 21610, 0)).toBeCloseTo(100 * 75, 9);
  });
});

describe('payoffCurves', () => {
  it('shapes both curves on one grid around spot, covering the strikes', () => {
    const legs = legsOf('iron_condor', 2);
    const c = payoffCurves(legs, market, 61);
    expect(c.underlying).toHaveLength(61);
    expect(c.atExpiry).toHaveLength(61);
    expect(c.today).toHaveLength(61);
    expect(c.underlying[0]).toBeLessThan(21300);
    expect(c.underlying[60]).toBeGreaterThan(21700);
    // A short condor's T+0 curve lies inside its expiry payoff at the wings: less gained in the middle.
    const mid = c.underlying.findIndex((s) => s >= 21510);
    expect(c.today[mid]).toBeLessThan(c.atExpiry[mid]);
  });

  it('samples at least two points', () => {
    expect(priceGrid(legsOf('long_straddle'), market, 1)).toHaveLength(2);
  });
});

describe('zeroCrossings', () => {
  it('interpolates sign changes and keeps exact zeros once', () => {
    expect(zeroCrossings([0, 1, 2, 3], [-1, 1, 1, -3])).toEqual([0.5, 2.25]);
    expect(zeroCrossings([0, 1, 2], [-1, 0, 1])).toEqual([1]);
    expect(zeroCrossings([0, 1], [1, 2])).toEqual([]);
  });

  it('finds a long straddle\'s two breakevens at expiry', () => {
    const legs = legsOf('long_straddle');
    const c = payoffCurves(legs, market, 401);
    const be = zeroCrossings(c.underlying, c.atExpiry);
    expect(be).toHaveLength(2);
    expect(be[0]).toBeCloseTo(21500 - 204, 0);
    expect(be[1]).toBeCloseTo(21500 + 204, 0);
  });
});
