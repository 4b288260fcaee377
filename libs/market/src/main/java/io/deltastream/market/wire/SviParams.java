package io.deltastream.market.wire;

/**
 * A fitted raw-SVI smile for one expiry: total implied variance {@code w(k) = a + b (rho (k - m) + sqrt((k - m)^2 +
 * sigma^2))} as a function of log-moneyness {@code k = ln(K / F)}; implied vol is {@code sqrt(w / T)}. Wire shape:
 * {@code {"a", "b", "rho", "m", "sigma", "rmse"}}.
 *
 * @param rmse root-mean-square error of the fit in implied volatility (fraction)
 */
public record SviParams(double a, double b, double rho, double m, double sigma, double rmse) {
}
