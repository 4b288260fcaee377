import { describe, expect, it } from 'vitest';
import { type CalculatorInput, greeksRequest, impliedVolRequest, ivStatusText } from './calculatorForm';

const input = (over: Partial<CalculatorInput>): CalculatorInput => ({
  type: 'CALL', model: 'bsm', spot: '21500', strike: '21500', days: '7', rate: '6.5', dividendYield: '1.2',
  volatility: '13', price: '150', ...over,
});

describe('greeksRequest', () => {
  it('turns percentages into fractions', () => {
    expect(greeksRequest(input({}))).toEqual({ ok: true, body: { type: 'CALL', model: 'bsm', spot: 21500,
      strike: 21500, days: 7, rate: 0.065, dividend_yield: 0.012, volatility: 0.13 } });
  });

  it('names each bad field', () => {
    expect(greeksRequest(input({ spot: '', strike: '-5', volatility: '0', days: 'x' }))).toEqual({ ok: false,
      errors: { spot: 'Spot must be a number', strike: 'Strike must be above 0', days: 'Days to expiry must be a number',
        volatility: 'Volatility must be above 0' } });
  });

  it('accepts an option at expiry for its price', () => {
    expect(greeksRequest(input({ days: '0' })).ok).toBe(true);
  });
});

describe('impliedVolRequest', () => {
  it('sends the premium instead of the volatility', () => {
    expect(impliedVolRequest(input({ type: 'PUT', model: 'american' }))).toEqual({ ok: true, body: { type: 'PUT',
      model: 'american', spot: 21500, strike: 21500, days: 7, rate: 0.065, dividend_yield: 0.012, price: 150 } });
  });

  it('needs time left and a premium', () => {
    expect(impliedVolRequest(input({ days: '0', price: '' }))).toEqual({ ok: false, errors: {
      days: 'Days to expiry must be above 0 for implied volatility', price: 'Option price must be a number' } });
  });
});

describe('ivStatusText', () => {
  it('explains the solver statuses', () => {
    expect(ivStatusText('BELOW_INTRINSIC')).toMatch(/below the option's intrinsic value/);
    expect(ivStatusText('SOMETHING_NEW')).toBe('something new');
  });
});
