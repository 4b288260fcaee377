package io.deltastream.quant.pricing;

/**
 * Black–Scholes–Merton for European options on a spot with a continuous dividend yield (equities, ETFs, an index
 * quoted as spot).
 *
 * <p>Conventions: rates and the dividend yield are continuously compounded, annualised fractions (0.05 = 5%);
 * {@code years} is ACT/365 time to the exchange expiry time; {@code volatility} is a fraction (0.2 = 20%). See
 * {@link Greeks} for the unit of each sensitivity; rho holds the dividend yield fixed. {@code years = 0} prices the
 * payoff. Invalid inputs (spot, strike or volatility not positive, negative time, non-finite rate) throw
 * {@link io.deltastream.quant.InvalidInputException} naming the field.
 */
public final class BlackScholesMerton {

    private BlackScholesMerton() {
    }

    /** Option value. */
    public static double price(OptionType type, double spot, double strike, double years, double rate,
                               double dividendYield, double volatility) {
        GeneralizedBlackScholes.validate("spot", spot, strike, years, rate, dividendYield, volatility);
        return GeneralizedBlackScholes.price(type, spot, strike, years, rate, rate - dividendYield, volatility);
    }

    /** Value and all Greeks (delta, gamma, vega, theta, rho, vanna, volga, charm) in one pass. */
    public static Greeks greeks(OptionType type, double spot, double strike, double years, double rate,
                                double dividendYield, double volatility) {
        GeneralizedBlackScholes.validate("spot", spot, strike, years, rate, dividendYield, volatility);
        return GeneralizedBlackScholes.greeks(type, spot, strike, years, rate, rate - dividendYield, volatility,
                true);
    }

    /** Forward price S e^{(r-q)T} of the spot for the expiry. */
    public static double forward(double spot, double years, double rate, double dividendYield) {
        return spot * Math.exp((rate - dividendYield) * years);
    }
}
