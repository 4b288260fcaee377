package io.deltastream.quant.volatility;

import io.deltastream.quant.Inputs;
import io.deltastream.quant.pricing.AndersenLakeOffengelden;
import io.deltastream.quant.pricing.BjerksundStensland2002;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.quant.pricing.PricingModel;

/**
 * Implied volatility of American options under {@link AndersenLakeOffengelden} (the default) or
 * {@link BjerksundStensland2002}. The price is monotone in volatility, so the root is bracketed and found by the
 * Illinois variant of regula falsi, started from the European implied volatility of the same price (a tight lower
 * estimate, since the early-exercise premium only adds value).
 *
 * <p>Statuses: {@link ImpliedVolStatus#AT_INTRINSIC} when an in-the-money option's price is within a tick of its
 * exercise value max(+-(S - K), 0), where the volatility is not determined by the price;
 * {@link ImpliedVolStatus#BELOW_INTRINSIC} when the price is further below the exercise value, not above it (an
 * out-of-the-money option quoted at 0), or below the model value at vanishing volatility (1e-4);
 * {@link ImpliedVolStatus#ABOVE_MAXIMUM} when it reaches the spot (call) or the strike (put). Never the search's lower
 * bound as an answer. Converges to 1e-10 absolute in volatility.
 */
public final class AmericanImpliedVolSolver {

    /** Default price tick in currency units: US equity options quote in cents. */
    public static final double TICK = 0.01;

    private static final double MIN_VOLATILITY = 1e-4;
    private static final double MAX_VOLATILITY = 20;
    private static final double TOLERANCE = 1e-10;
    private static final int MAX_ITERATIONS = 100;

    private AmericanImpliedVolSolver() {
    }

    /**
     * Under {@link AndersenLakeOffengelden} at its fast setting, with a one-cent {@link #TICK}.
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
                ? (vol -> AndersenLakeOffengelden.price(type, spot, strike, years, rate, dividendYield, vol))
                : (vol -> BjerksundStensland2002.price(type, spot, strike, years, rate, dividendYield, vol));
        return solve(pricer, type, price, spot, strike, years, rate, dividendYield, tick);
    }

    private interface Pricer {
        double price(double volatility);
    }

    private static ImpliedVol solve(Pricer pricer, OptionType type, double price, double spot, double strike,
                                    double years, double rate, double dividendYield, double tick) {
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
        double low = MIN_VOLATILITY;
        double fLow = pricer.price(low) - price;
        if (fLow >= 0) {
            return ImpliedVol.failed(ImpliedVolStatus.BELOW_INTRINSIC);
        }
        ImpliedVol european = ImpliedVolSolver.bsm(type, price, spot, strike, years, rate, dividendYield);
        double high = european.isOk() ? Math.min(Math.max(european.volatility(), low * 2), MAX_VOLATILITY) : 0.5;
        double fHigh = pricer.price(high) - price;
        int iterations = 2;
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
        int lastSide = 0;
        while (high - low > TOLERANCE && iterations < MAX_ITERATIONS) {
            double guess = (low * fHigh - high * fLow) / (fHigh - fLow);
            if (!(guess > low && guess < high)) {
                guess = 0.5 * (low + high);
            }
            double f = pricer.price(guess) - price;
            iterations++;
            if (f == 0) {
                return new ImpliedVol(guess, ImpliedVolStatus.OK, iterations);
            }
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
                return new ImpliedVol(guess, ImpliedVolStatus.OK, iterations);
            }
        }
        return new ImpliedVol(0.5 * (low + high), ImpliedVolStatus.OK, iterations);
    }
}
