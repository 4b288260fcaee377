/**
 * The calculator's form: what the user types (percentages, days) turned into the bodies of
 * `POST /api/analytics/greeks` and `POST /api/analytics/implied-vol` (fractions, days), with a message per bad field.
 */
export type Model = 'bsm' | 'black76' | 'american';

export interface CalculatorInput {
  type: 'CALL' | 'PUT';
  model: Model;
  spot: string;
  strike: string;
  /** calendar days to expiry */
  days: string;
  /** % per year */
  rate: string;
  /** % per year */
  dividendYield: string;
  /** % per year, for the price and Greeks */
  volatility: string;
  /** option premium, for the implied volatility */
  price: string;
}

export type CalculatorField = 'spot' | 'strike' | 'days' | 'rate' | 'dividendYield' | 'volatility' | 'price';
export type Errors = Partial<Record<CalculatorField, string>>;

type Body = Record<string, string | number>;

function num(input: CalculatorInput, field: CalculatorField, label: string, min: number, max: number, errors: Errors,
             exclusiveMin = true): number {
  const text = input[field].trim();
  const v = Number(text);
  if (text === '' || !Number.isFinite(v)) {
    errors[field] = `${label} must be a number`;
  } else if (exclusiveMin ? v <= min : v < min) {
    errors[field] = `${label} must be ${exclusiveMin ? 'above' : 'at least'} ${min}`;
  } else if (v > max) {
    errors[field] = `${label} must be at most ${max}`;
  }
  return v;
}

function common(input: CalculatorInput, errors: Errors): Body {
  const spot = num(input, 'spot', 'Spot', 0, 1e12, errors);
  const strike = num(input, 'strike', 'Strike', 0, 1e12, errors);
  const days = num(input, 'days', 'Days to expiry', 0, 36_500, errors, false);
  const rate = num(input, 'rate', 'Rate', -100, 100, errors, false);
  const q = num(input, 'dividendYield', 'Dividend yield', -100, 100, errors, false);
  return { type: input.type, model: input.model, spot, strike, days, rate: rate / 100, dividend_yield: q / 100 };
}

/** Body of `/greeks`, or the errors. */
export function greeksRequest(input: CalculatorInput): { ok: true; body: Body } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const body = common(input, errors);
  const vol = num(input, 'volatility', 'Volatility', 0, 2000, errors);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body: { ...body, volatility: vol / 100 } };
}

/** Body of `/implied-vol`, or the errors; it needs time left and a premium. */
export function impliedVolRequest(input: CalculatorInput): { ok: true; body: Body } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const body = common(input, errors);
  if (!errors.days && Number(input.days) <= 0) {
    errors.days = 'Days to expiry must be above 0 for implied volatility';
  }
  const price = num(input, 'price', 'Option price', 0, 1e12, errors);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body: { ...body, price } };
}

/** The solver's status in words (`implied_volatility` is null unless OK). */
export function ivStatusText(status: string): string {
  switch (status) {
    case 'OK': return 'solved';
    case 'BELOW_INTRINSIC': return 'the price is below the option\'s intrinsic value: no volatility gives it';
    case 'ABOVE_MAXIMUM': return 'the price is at or above the most any volatility gives';
    case 'NO_QUOTE': return 'there is no price to solve for';
    default: return status.toLowerCase().replace(/_/g, ' ');
  }
}
