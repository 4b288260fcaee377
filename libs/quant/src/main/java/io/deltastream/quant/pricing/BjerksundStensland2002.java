package io.deltastream.quant.pricing;

import io.deltastream.quant.math.NormalDistribution;

/**
 * American options on a dividend-paying spot (SPY, QQQ, AAPL, TSLA) by the Bjerksund–Stensland (2002) two-step flat
 * exercise boundary ("Closed form valuation of American options", NHH working paper; formulas as in Haug, "The
 * Complete Guide to Option Pricing Formulas", 2nd ed., ch. 3, American options).
 *
 * <p>The value is that of a feasible exercise strategy, so it is a lower bound of the true American value: within a
 * few 1e-3 relative for typical equity inputs, up to ~1.5% below for long-dated options with a high carry (tested
 * against a binomial tree). It is floored at the European value and at intrinsic, so it is never below either. Puts use
 * the put–call transformation P(S, K, T, r, q) = C(K, S, T, q, r). Where the formula's early-exercise premium is zero
 * (a call with q <= 0; a put with r <= 0) or undefined (negative rates with a positive carry), the
 * value is max(European, intrinsic).
 *
 * <p>Units and conventions as {@link BlackScholesMerton}. Greeks are central finite differences of the price (the
 * closed form has no simple analytic derivatives), with bumps scaled to the inputs.
 */
public final class BjerksundStensland2002 {

    private static final double T1_FRACTION = 0.5 * (Math.sqrt(5) - 1);
    private static final double RHO = Math.sqrt(T1_FRACTION);

    private BjerksundStensland2002() {
    }

    /** American option value, never below the European value or intrinsic. */
    public static double price(OptionType type, double spot, double strike, double years, double rate,
                               double dividendYield, double volatility) {
        GeneralizedBlackScholes.validate("spot", spot, strike, years, rate, dividendYield, volatility);
        return priceValidated(type, spot, strike, years, rate, dividendYield, volatility);
    }

    /** Value and Greeks by the central differences of {@link BumpedGreeks}. */
    public static Greeks greeks(OptionType type, double spot, double strike, double years, double rate,
                                double dividendYield, double volatility) {
        GeneralizedBlackScholes.validate("spot", spot, strike, years, rate, dividendYield, volatility);
        return BumpedGreeks.of(BjerksundStensland2002::priceValidated, type, spot, strike, years, rate,
                dividendYield, volatility);
    }

    static double priceValidated(OptionType type, double spot, double strike, double years, double rate,
                                 double dividendYield, double volatility) {
        double european = GeneralizedBlackScholes.price(type, spot, strike, years, rate, rate - dividendYield,
                volatility);
        if (years == 0) {
            return european;
        }
        double american = type == OptionType.CALL
                ? call(spot, strike, years, rate, rate - dividendYield, volatility)
                : call(strike, spot, years, dividendYield, dividendYield - rate, volatility);
        // NaN (approximation undefined) must not win the max: Math.max propagates NaN.
        double floor = Math.max(european, type.intrinsic(spot, strike));
        return american > floor ? american : floor;
    }

    /** The 2002 call approximation with cost of carry b; NaN where it is undefined (caller floors at European). */
    private static double call(double s, double k, double t, double r, double b, double vol) {
        if (b >= r) {
            return Double.NaN;
        }
        double variance = vol * vol;
        double drift = b / variance - 0.5;
        double discriminant = drift * drift + 2 * r / variance;
        if (!(discriminant > 0)) {
            return Double.NaN;
        }
        double beta = -drift + Math.sqrt(discriminant);
        if (!(beta > 1)) {
            return Double.NaN;
        }
        double bInfinity = beta / (beta - 1) * k;
        double b0 = Math.max(k, r / (r - b) * k);
        double t1 = T1_FRACTION * t;
        double scale = k * k / ((bInfinity - b0) * b0);
        double i1 = b0 + (bInfinity - b0) * (1 - Math.exp(-(b * t1 + 2 * vol * Math.sqrt(t1)) * scale));
        double i2 = b0 + (bInfinity - b0) * (1 - Math.exp(-(b * t + 2 * vol * Math.sqrt(t)) * scale));
        if (s >= i2) {
            return s - k;
        }
        double alpha1 = (i1 - k) * Math.pow(i1, -beta);
        double alpha2 = (i2 - k) * Math.pow(i2, -beta);
        return alpha2 * Math.pow(s, beta)
                - alpha2 * phi(s, t1, beta, i2, i2, r, b, vol)
                + phi(s, t1, 1, i2, i2, r, b, vol)
                - phi(s, t1, 1, i1, i2, r, b, vol)
                - k * phi(s, t1, 0, i2, i2, r, b, vol)
                + k * phi(s, t1, 0, i1, i2, r, b, vol)
                + alpha1 * phi(s, t1, beta, i1, i2, r, b, vol)
                - alpha1 * psi(s, t, beta, i1, i2, i1, t1, r, b, vol)
                + psi(s, t, 1, i1, i2, i1, t1, r, b, vol)
                - psi(s, t, 1, k, i2, i1, t1, r, b, vol)
                - k * psi(s, t, 0, i1, i2, i1, t1, r, b, vol)
                + k * psi(s, t, 0, k, i2, i1, t1, r, b, vol);
    }

    /**
     * The 1993 single flat boundary call (Bjerksund & Stensland 1993), kept beside the 2002 formula because its
     * published example values (Haug 1998, p. 27) check the shared building block {@link #phi}; tests only.
     */
    static double call1993(double s, double k, double t, double r, double b, double vol) {
        double variance = vol * vol;
        double drift = b / variance - 0.5;
        double beta = -drift + Math.sqrt(drift * drift + 2 * r / variance);
        double bInfinity = beta / (beta - 1) * k;
        double b0 = Math.max(k, r / (r - b) * k);
        double boundary = b0 + (bInfinity - b0)
                * (1 - Math.exp(-(b * t + 2 * vol * Math.sqrt(t)) * b0 / (bInfinity - b0)));
        if (s >= boundary) {
            return s - k;
        }
        double alpha = (boundary - k) * Math.pow(boundary, -beta);
        return alpha * Math.pow(s, beta) - alpha * phi(s, t, beta, boundary, boundary, r, b, vol)
                + phi(s, t, 1, boundary, boundary, r, b, vol) - phi(s, t, 1, k, boundary, r, b, vol)
                - k * phi(s, t, 0, boundary, boundary, r, b, vol) + k * phi(s, t, 0, k, boundary, r, b, vol);
    }

    private static double phi(double s, double t, double gamma, double h, double i, double r, double b, double vol) {
        double variance = vol * vol;
        double sd = vol * Math.sqrt(t);
        double lambda = (-r + gamma * b + 0.5 * gamma * (gamma - 1) * variance) * t;
        double d = -(Math.log(s / h) + (b + (gamma - 0.5) * variance) * t) / sd;
        double kappa = 2 * b / variance + 2 * gamma - 1;
        double logRatio = Math.log(i / s);
        return Math.exp(lambda + gamma * Math.log(s))
                * (NormalDistribution.cdf(d) - Math.exp(kappa * logRatio) * NormalDistribution.cdf(d - 2 * logRatio / sd));
    }

    private static double psi(double s, double t, double gamma, double h, double i2, double i1, double t1, double r,
                              double b, double vol) {
        double variance = vol * vol;
        double mu = b + (gamma - 0.5) * variance;
        double sd1 = vol * Math.sqrt(t1);
        double sd = vol * Math.sqrt(t);
        double e1 = (Math.log(s / i1) + mu * t1) / sd1;
        double e2 = (Math.log(i2 * i2 / (s * i1)) + mu * t1) / sd1;
        double e3 = (Math.log(s / i1) - mu * t1) / sd1;
        double e4 = (Math.log(i2 * i2 / (s * i1)) - mu * t1) / sd1;
        double f1 = (Math.log(s / h) + mu * t) / sd;
        double f2 = (Math.log(i2 * i2 / (s * h)) + mu * t) / sd;
        double f3 = (Math.log(i1 * i1 / (s * h)) + mu * t) / sd;
        double f4 = (Math.log(s * i1 * i1 / (h * i2 * i2)) + mu * t) / sd;
        double kappa = 2 * b / variance + 2 * gamma - 1;
        double lambda = -r + gamma * b + 0.5 * gamma * (gamma - 1) * variance;
        return Math.exp(lambda * t + gamma * Math.log(s))
                * (BivariateNormal.cdf(-e1, -f1, RHO)
                - Math.exp(kappa * Math.log(i2 / s)) * BivariateNormal.cdf(-e2, -f2, RHO)
                - Math.exp(kappa * Math.log(i1 / s)) * BivariateNormal.cdf(-e3, -f3, -RHO)
                + Math.exp(kappa * Math.log(i1 / i2)) * BivariateNormal.cdf(-e4, -f4, -RHO));
    }
}
