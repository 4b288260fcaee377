package io.deltastream.quant.pricing;

/**
 * Black-76: European options priced off the forward (index options on futures or on a synthetic forward from
 * put–call parity). The forward already contains all carry, so there is no dividend yield.
 *
 * <p>Delta and gamma are with respect to the forward; rho holds the forward fixed (rho = -T V / 100). Other units as
 * in {@link Greeks}; {@code years} is ACT/365 to the exchange expiry time. {@code years = 0} prices the payoff.
 */
public final class Black76 {

    private Black76() {
    }

    /** Option value, discounted at {@code rate}. */
    public static double price(OptionType type, double forward, double strike, double years, double rate,
                               double volatility) {
        GeneralizedBlackScholes.validate("forward", forward, strike, years, rate, 0, volatility);
        return GeneralizedBlackScholes.price(type, forward, strike, years, rate, 0, volatility);
    }

    /** Value and all Greeks in one pass. */
    public static Greeks greeks(OptionType type, double forward, double strike, double years, double rate,
                                double volatility) {
        GeneralizedBlackScholes.validate("forward", forward, strike, years, rate, 0, volatility);
        return GeneralizedBlackScholes.greeks(type, forward, strike, years, rate, 0, volatility, false);
    }
}
