package io.deltastream.quant.volatility;

import io.deltastream.quant.Inputs;
import io.deltastream.quant.pricing.AndersenLakeOffengelden;
import io.deltastream.quant.pricing.BjerksundStensland2002;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.quant.pricing.PricingModel;

/**
 * Implied volatility of American options under {@link AndersenLakeOffengelden} (the default) or
 * {@link BjerksundStensland2002}. The price is monotone in volatility, so the root is bracketed between zero and the
 * European implied volatility of the same price (an upper bound, since the early-exercise premium only adds value).
 * The first step is the European implied volatility of the de-Americanised price, the price less the early-exercise
 * premium at the upper bound: the premium changes much less with volatility than the price does, so this lands close
 * to the root, and the premium there is taken from ALO's {@code FAST} setting (about 4e-5 of the price; a first
 * guess needs no more). Secant steps follow, with Illinois regula falsi on the bracket as the fallback: typically one
 * fast and two or three default-setting American prices per solve.
 *
 * <p>Statuses: {@link ImpliedVolStatus#AT_INTRINSIC} when an in-the-money option's price is within a tick of its
 * exercise value max(+-(S - K), 0), where the volatility is not determined by the price;
 * {@link ImpliedVolStatus#BELOW_INTRINSIC} when the price is further below the exercise value, not above it (an
 * out-of-the-money option quoted at 0), or not above the value at zero volatility (the best deterministic exercise);
 * {@link ImpliedVolStatus#ABOVE_MAXIMUM} when it reaches the spot (call) or the strike (put). Never the search's lower
 * bound as an answer. ALO prices go through {@link AndersenLakeOffengelden.Terms}, so each boundary after the first
 * starts from the previous one. The search converges to a few 1e-9 in volatility on the prices it makes. Those are
 * within 4e-8 relative of plain {@link AndersenLakeOffengelden#price} values, so a plain price is reproduced to about
 * that, and to within 1e-8 + 1e-7 price / vega in volatility.
 */
public final class AmericanImpliedVolSolver {

    /** Default price tick in currency units: US equity options quote in cents. */
    public static final double TICK = 0.01;

    private static final double MIN_VOLATILITY = 1e-4;
    private static final double MAX_VOLATILITY = 20;
    private static final double TOLERANCE = 1e-10;
    /**
     * A secant step below this ends the search with the step's guess, unpriced: the secant's error is about the
     * product of the last two errors, so the guess is within a few 1e-9 of the root (3.2e-9 worst measured on 250
     * random options), at one American price less per solve.
     */
    private static final double SECANT_STEP_TOLERANCE = 1e-6;
    private static final int MAX_ITERATIONS = 100;
    /** {@link io.deltastream.quant.pricing.Greeks#vega()} is per vol point: 0.01 of volatility. */
    private static final double VEGA_PER_POINT = 0.01;

    private AmericanImpliedVolSolver() {
    }

    /**
     * Under {@link AndersenLakeOffengelden} at its default setting ({@code Accuracy.STANDARD}), with a one-cent
     * {@link #TICK}.
     *
     * @param price American option price in currency units; other arguments as
     *              {@link AndersenLakeOffengelden#price(OptionType, double, double, double, double, double, double)}
     */
    public static ImpliedVol solve(OptionType type, double price, double spot, double strike, double years,
                                   double rate, double dividendYield) {
        return solve(PricingModel.ANDERSEN_LAKE_OFFENGELDEN, type, price, spot, strike, years, rate, dividendYield,
                TICK);
    }

    /**
     * @param model an American model: {@link PricingModel#ANDERSEN_LAKE_OFFENGELDEN} or
     *              {@link PricingModel#BJERKSUND_STENSLAND_2002}
     * @param tick  price tick in currency units, >= 0: an in-the-money price within it of the exercise value is
     *              {@link ImpliedVolStatus#AT_INTRINSIC}
     */
    public static ImpliedVol solve(PricingModel model, OptionType type, double price, double spot, double strike,
                                   double years, double rate, double dividendYield, double tick) {
        Inputs.requireFinite("price", price);
        Inputs.requirePositive("years", years);
        Inputs.requireNonNegative("tick", tick);
        if (model != PricingModel.ANDERSEN_LAKE_OFFENGELDEN && model != PricingModel.BJERKSUND_STENSLAND_2002) {
            throw new IllegalArgumentException(model + " is not an American model");
        }
        Pricer pricer = model == PricingModel.ANDERSEN_LAKE_OFFENGELDEN
                ? AndersenLakeOffengelden.terms(type, spot, strike, years, rate, dividendYield)::price
                : (vol -> BjerksundStensland2002.price(type, spot, strike, years, rate, dividendYield, vol));
        Pricer firstGuess = model == PricingModel.ANDERSEN_LAKE_OFFENGELDEN
                ? (vol -> AndersenLakeOffengelden.price(type, spot, strike, years, rate, dividendYield, vol,
                AndersenLakeOffengelden.Accuracy.FAST))
                : pricer;
        return solve(pricer, firstGuess, type, price, spot, strike, years, rate, dividendYield, tick);
    }

    private interface Pricer {
        double price(double volatility);
    }

    /**
     * @param firstGuess the model, or a cheaper approximation of it, for the de-Americanised first step only: its
     *                   value at the European IV also stands for the bracket's upper end, which is one whatever the
     *                   model's value there (the American value is never below the European one)
     */
    private static ImpliedVol solve(Pricer pricer, Pricer firstGuess, OptionType type, double price, double spot,
                                    double strike, double years, double rate, double dividendYield, double tick) {
        double intrinsic = type.intrinsic(spot, strike);
        if (intrinsic > 0 && Math.abs(price - intrinsic) <= tick) {
            // validates the remaining inputs as a side effect of pricing
            pricer.price(MIN_VOLATILITY);
            return ImpliedVol.failed(ImpliedVolStatus.AT_INTRINSIC);
        }
        if (!(price > intrinsic)) {
            pricer.price(MIN_VOLATILITY);
            return ImpliedVol.failed(ImpliedVolStatus.BELOW_INTRINSIC);
        }
        if (price >= (type == OptionType.CALL ? spot : strike)) {
            return ImpliedVol.failed(ImpliedVolStatus.ABOVE_MAXIMUM);
        }
        double low = 0;
        double fLow = zeroVolatilityValue(type, spot, strike, years, rate, dividendYield) - price;
        if (fLow >= 0) {
            pricer.price(MIN_VOLATILITY);
            return ImpliedVol.failed(ImpliedVolStatus.BELOW_INTRINSIC);
        }
        // the European IV of the same price is an upper bound: the American value is the higher at any volatility
        ImpliedVol european = ImpliedVolSolver.bsm(type, price, spot, strike, years, rate, dividendYield);
        double high = european.isOk() ? Math.min(Math.max(european.volatility(), MIN_VOLATILITY), MAX_VOLATILITY)
                : 0.5;
        double fHigh = firstGuess.price(high) - price;
        int iterations = 1;
        if (fHigh < 0 && firstGuess != pricer) {
            // no premium to speak of, and the approximation's error put the value below the price: the model decides
            fHigh = pricer.price(high) - price;
            iterations++;
        }
        while (fHigh < 0) {
            low = high;
            fLow = fHigh;
            if (high >= MAX_VOLATILITY) {
                return ImpliedVol.failed(ImpliedVolStatus.ABOVE_MAXIMUM);
            }
            high = Math.min(high * 1.5 + 0.01, MAX_VOLATILITY);
            fHigh = pricer.price(high) - price;
            iterations++;
        }
        // The de-Americanised step first, then secant steps; any step leaving the bracket falls back to Illinois
        // regula falsi on it.
        double x = high;
        double fx = fHigh;
        double previousX = Double.NaN;
        double previousF = Double.NaN;
        int lastSide = 0;
        while (fx != 0 && high - low > TOLERANCE && iterations < MAX_ITERATIONS) {
            boolean secant = !Double.isNaN(previousX);
            double guess = secant ? x - fx * (x - previousX) / (fx - previousF)
                    : deAmericanised(type, x, fx, spot, strike, years, rate, dividendYield);
            if (secant && Math.abs(guess - x) <= SECANT_STEP_TOLERANCE && guess > low && guess < high) {
                x = guess;
                break;
            }
            if (!(guess > low && guess < high)) {
                guess = (low * fHigh - high * fLow) / (fHigh - fLow);
                if (!(guess > low && guess < high)) {
                    guess = 0.5 * (low + high);
                }
            }
            double f = pricer.price(guess) - price;
            iterations++;
            previousX = x;
            previousF = fx;
            x = guess;
            fx = f;
            if (f < 0) {
                low = guess;
                fLow = f;
                if (lastSide < 0) {
                    fHigh *= 0.5;
                }
                lastSide = -1;
            } else {
                high = guess;
                fHigh = f;
                if (lastSide > 0) {
                    fLow *= 0.5;
                }
                lastSide = 1;
            }
            if (Math.abs(f) <= 1e-14 * price) {
                break;
            }
        }
        if (x < MIN_VOLATILITY) {
            // indistinguishable from no time value: never answer with the search's lower end
            return ImpliedVol.failed(ImpliedVolStatus.BELOW_INTRINSIC);
        }
        return new ImpliedVol(x, ImpliedVolStatus.OK, iterations);
    }

    /**
     * The European implied volatility of the price less the early-exercise premium at volatility x (the American
     * value at x, fx above the price, less the European value at x); Newton's step with the European vega where that
     * price has no European volatility.
     */
    private static double deAmericanised(OptionType type, double x, double fx, double spot, double strike,
                                         double years, double rate, double dividendYield) {
        var european = BlackScholesMerton.greeks(type, spot, strike, years, rate, dividendYield, x);
        ImpliedVol start = ImpliedVolSolver.bsm(type, european.price() - fx, spot, strike, years, rate,
                dividendYield);
        return start.isOk() ? start.volatility() : x - fx / (european.vega() / VEGA_PER_POINT);
    }

    /**
     * The American value at zero volatility: the best deterministic exercise time of the forward path, checked at
     * now, at expiry and where the discounted payoff's derivative vanishes (t = ln(rK / (qS)) / (r - q)).
     */
    static double zeroVolatilityValue(OptionType type, double spot, double strike, double years, double rate,
                                      double dividendYield) {
        double best = Math.max(discountedPayoff(type, spot, strike, 0, rate, dividendYield),
                discountedPayoff(type, spot, strike, years, rate, dividendYield));
        double ratio = rate * strike / (dividendYield * spot);
        if (rate != dividendYield && ratio > 0) {
            double turning = Math.log(ratio) / (rate - dividendYield);
            if (turning > 0 && turning < years) {
                best = Math.max(best, discountedPayoff(type, spot, strike, turning, rate, dividendYield));
            }
        }
        return best;
    }

    private static double discountedPayoff(OptionType type, double spot, double strike, double t, double rate,
                                           double dividendYield) {
        return Math.max(type.sign() * (spot * Math.exp(-dividendYield * t) - strike * Math.exp(-rate * t)), 0);
    }
}
