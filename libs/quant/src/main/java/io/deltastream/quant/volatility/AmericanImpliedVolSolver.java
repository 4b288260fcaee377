package io.deltastream.quant.volatility;

import io.deltastream.quant.Inputs;
import io.deltastream.quant.pricing.BjerksundStensland2002;
import io.deltastream.quant.pricing.OptionType;

/**
 * Implied volatility of American options under {@link BjerksundStensland2002}. The price is monotone in volatility, so
 * the root is bracketed and found by the Illinois variant of regula falsi, started from the European implied
 * volatility of the same price (a tight lower estimate, since the early-exercise premium only adds value).
 *
 * <p>Statuses: {@link ImpliedVolStatus#BELOW_INTRINSIC} when the price is not above the exercise value
 * max(+-(S - K), 0) or below the model value at vanishing volatility (1e-4); {@link ImpliedVolStatus#ABOVE_MAXIMUM}
 * when it reaches the spot (call) or the strike (put). Converges to 1e-10 absolute in volatility.
 */
public final class AmericanImpliedVolSolver {

    private static final double MIN_VOLATILITY = 1e-4;
    private static final double MAX_VOLATILITY = 20;
    private static final double TOLERANCE = 1e-10;
    private static final int MAX_ITERATIONS = 100;

    private AmericanImpliedVolSolver() {
    }

    /**
     * @param price American option price in currency units; other arguments as
     *              {@link BjerksundStensland2002#price(OptionType, double, double, double, double, double, double)}
     */
    public static ImpliedVol solve(OptionType type, double price, double spot, double strike, double years,
                                   double rate, double dividendYield) {
        Inputs.requireFinite("price", price);
        Inputs.requirePositive("years", years);
        if (!(price > type.intrinsic(spot, strike))) {
            // validates the remaining inputs as a side effect of pricing
            BjerksundStensland2002.price(type, spot, strike, years, rate, dividendYield, MIN_VOLATILITY);
            return ImpliedVol.failed(ImpliedVolStatus.BELOW_INTRINSIC);
        }
        if (price >= (type == OptionType.CALL ? spot : strike)) {
            return ImpliedVol.failed(ImpliedVolStatus.ABOVE_MAXIMUM);
        }
        double low = MIN_VOLATILITY;
        double fLow = BjerksundStensland2002.price(type, spot, strike, years, rate, dividendYield, low) - price;
        if (fLow >= 0) {
            return fLow == 0 ? new ImpliedVol(low, ImpliedVolStatus.OK, 1)
                    : ImpliedVol.failed(ImpliedVolStatus.BELOW_INTRINSIC);
        }
        ImpliedVol european = ImpliedVolSolver.bsm(type, price, spot, strike, years, rate, dividendYield);
        double high = european.isOk() ? Math.min(Math.max(european.volatility(), low * 2), MAX_VOLATILITY) : 0.5;
        double fHigh = BjerksundStensland2002.price(type, spot, strike, years, rate, dividendYield, high) - price;
        int iterations = 2;
        while (fHigh < 0) {
            low = high;
            fLow = fHigh;
            if (high >= MAX_VOLATILITY) {
                return ImpliedVol.failed(ImpliedVolStatus.ABOVE_MAXIMUM);
            }
            high = Math.min(high * 1.5 + 0.01, MAX_VOLATILITY);
            fHigh = BjerksundStensland2002.price(type, spot, strike, years, rate, dividendYield, high) - price;
            iterations++;
        }
        int lastSide = 0;
        while (high - low > TOLERANCE && iterations < MAX_ITERATIONS) {
            double guess = (low * fHigh - high * fLow) / (fHigh - fLow);
            if (!(guess > low && guess < high)) {
                guess = 0.5 * (low + high);
            }
            double f = BjerksundStensland2002.price(type, spot, strike, years, rate, dividendYield, guess) - price;
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
