package io.deltastream.quant.surface;

import io.deltastream.quant.Inputs;
import io.deltastream.quant.InvalidInputException;

/**
 * Raw SVI total implied variance (Gatheral 2004): w(k) = a + b (rho (k - m) + sqrt((k - m)^2 + sigma^2)), with
 * k = ln(K/F) the log-moneyness and w = sigma_implied^2 T.
 *
 * @param a     vertical level, any sign as long as the minimum variance a + b sigma sqrt(1 - rho^2) >= 0
 * @param b     slope of the wings, >= 0
 * @param rho   skew / rotation, in (-1, 1)
 * @param m     horizontal shift of the minimum
 * @param sigma smoothness of the vertex, > 0
 */
public record SviParameters(double a, double b, double rho, double m, double sigma) {

    public SviParameters {
        Inputs.requireFinite("a", a);
        Inputs.requireNonNegative("b", b);
        if (!(Math.abs(rho) < 1)) {
            throw new InvalidInputException("rho", rho, "(-1, 1)");
        }
        Inputs.requireFinite("m", m);
        Inputs.requirePositive("sigma", sigma);
        if (a + b * sigma * Math.sqrt(1 - rho * rho) < -1e-12) {
            throw new InvalidInputException("a", a, "[-b sigma sqrt(1 - rho^2), +inf) so that variance stays >= 0");
        }
    }

    /** Total implied variance w(k). */
    public double totalVariance(double k) {
        double x = k - m;
        return a + b * (rho * x + Math.sqrt(x * x + sigma * sigma));
    }

    /** dw/dk. */
    public double firstDerivative(double k) {
        double x = k - m;
        return b * (rho + x / Math.sqrt(x * x + sigma * sigma));
    }

    /** d2w/dk2. */
    public double secondDerivative(double k) {
        double x = k - m;
        double root = Math.sqrt(x * x + sigma * sigma);
        return b * sigma * sigma / (root * root * root);
    }

    /**
     * Durrleman's condition: the implied risk-neutral density at k is non-negative iff
     * g(k) = (1 - k w'/(2w))^2 - (w'^2/4)(1/w + 1/4) + w''/2 >= 0 (no butterfly arbitrage).
     */
    public double durrlemanG(double k) {
        double w = totalVariance(k);
        double w1 = firstDerivative(k);
        double w2 = secondDerivative(k);
        double term = 1 - k * w1 / (2 * w);
        return term * term - 0.25 * w1 * w1 * (1 / w + 0.25) + 0.5 * w2;
    }

    /** Implied volatility sqrt(w(k) / T) for expiry {@code years}. */
    public double impliedVol(double k, double years) {
        return Math.sqrt(Math.max(totalVariance(k), 0) / years);
    }
}
