package io.deltastream.quant.pricing;

/**
 * Greeks of an American pricer by central differences of its price, with bumps scaled to the inputs: spot 1e-4 S,
 * volatility min(1e-4, sigma/2), rate 1e-5; theta and charm use a one-day step (backward, shortened when less than a day
 * remains). The pricers have no simple analytic derivatives, and their prices are smooth in every input, so the
 * differences carry the pricer's own accuracy divided by the bump.
 */
final class BumpedGreeks {

    private static final double RELATIVE_SPOT_BUMP = 1e-4;
    private static final double VOL_BUMP = 1e-4;
    private static final double RATE_BUMP = 1e-5;
    private static final double DAY = 1 / GeneralizedBlackScholes.DAYS_PER_YEAR;

    /** A validated-input American price function. */
    @FunctionalInterface
    interface Pricer {
        double price(OptionType type, double spot, double strike, double years, double rate, double dividendYield,
                     double volatility);
    }

    private BumpedGreeks() {
    }

    /** Inputs must have been validated; at expiry the payoff's Greeks. */
    static Greeks of(Pricer pricer, OptionType type, double spot, double strike, double years, double rate,
                     double dividendYield, double volatility) {
        if (years == 0) {
            return GeneralizedBlackScholes.greeks(type, spot, strike, 0, rate, rate - dividendYield, volatility, true);
        }
        double price = pricer.price(type, spot, strike, years, rate, dividendYield, volatility);
        double h = spot * RELATIVE_SPOT_BUMP;
        double up = pricer.price(type, spot + h, strike, years, rate, dividendYield, volatility);
        double down = pricer.price(type, spot - h, strike, years, rate, dividendYield, volatility);
        double delta = (up - down) / (2 * h);
        double gamma = (up - 2 * price + down) / (h * h);

        // each volatility's spot bumps right after its price: an ALO boundary is reused across spot bumps
        double dv = Math.min(VOL_BUMP, 0.5 * volatility);
        double volUp = pricer.price(type, spot, strike, years, rate, dividendYield, volatility + dv);
        double deltaUp = deltaAt(pricer, type, spot, h, strike, years, rate, dividendYield, volatility + dv);
        double volDown = pricer.price(type, spot, strike, years, rate, dividendYield, volatility - dv);
        double deltaDown = deltaAt(pricer, type, spot, h, strike, years, rate, dividendYield, volatility - dv);
        double vega = (volUp - volDown) / (2 * dv);
        double volga = (volUp - 2 * price + volDown) / (dv * dv);
        double vanna = (deltaUp - deltaDown) / (2 * dv);

        double rho = (pricer.price(type, spot, strike, years, rate + RATE_BUMP, dividendYield, volatility)
                - pricer.price(type, spot, strike, years, rate - RATE_BUMP, dividendYield, volatility))
                / (2 * RATE_BUMP);

        double later = Math.max(years - DAY, 0);
        double step = years - later;
        double timeDecay = (pricer.price(type, spot, strike, later, rate, dividendYield, volatility) - price)
                / step * DAY;
        double charm = (deltaAt(pricer, type, spot, h, strike, later, rate, dividendYield, volatility) - delta)
                / step * DAY;

        double perPoint = GeneralizedBlackScholes.PER_POINT;
        return new Greeks(price, delta, gamma, vega * perPoint, timeDecay, rho * perPoint, vanna * perPoint,
                volga * perPoint * perPoint, charm);
    }

    private static double deltaAt(Pricer pricer, OptionType type, double spot, double h, double strike, double years,
                                  double rate, double dividendYield, double volatility) {
        return (pricer.price(type, spot + h, strike, years, rate, dividendYield, volatility)
                - pricer.price(type, spot - h, strike, years, rate, dividendYield, volatility)) / (2 * h);
    }
}
