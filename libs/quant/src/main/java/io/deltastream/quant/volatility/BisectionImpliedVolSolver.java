package io.deltastream.quant.volatility;

import io.deltastream.quant.Inputs;
import io.deltastream.quant.pricing.Black76;
import io.deltastream.quant.pricing.OptionType;

/**
 * The plain, obviously correct implied-volatility solver: bisection of the Black-76 pricer on sigma. It shares no
 * code with {@link ImpliedVolSolver} beyond the status rules, and is the test oracle for it. Slow (about a hundred
 * price evaluations); not for production paths.
 */
public final class BisectionImpliedVolSolver {

    private static final double MAX_VOLATILITY = 1e3;

    private BisectionImpliedVolSolver() {
    }

    /** Same contract as {@link ImpliedVolSolver#black76}. */
    public static ImpliedVol black76(OptionType type, double price, double forward, double strike, double years,
                                     double rate) {
        Inputs.requireFinite("price", price);
        double discount = Math.exp(-rate * years);
        if (!(price > discount * type.intrinsic(forward, strike))) {
            return ImpliedVol.failed(ImpliedVolStatus.BELOW_INTRINSIC);
        }
        if (price >= discount * (type == OptionType.CALL ? forward : strike)) {
            return ImpliedVol.failed(ImpliedVolStatus.ABOVE_MAXIMUM);
        }
        double low = 0;
        double high = 1;
        while (Black76.price(type, forward, strike, years, rate, high) < price && high < MAX_VOLATILITY) {
            low = high;
            high *= 2;
        }
        int iterations = 0;
        while (true) {
            double middle = 0.5 * (low + high);
            if (middle <= low || middle >= high) {
                break;
            }
            iterations++;
            if (Black76.price(type, forward, strike, years, rate, middle) < price) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return new ImpliedVol(0.5 * (low + high), ImpliedVolStatus.OK, iterations);
    }
}
