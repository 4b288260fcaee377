package io.deltastream.quant.pricing;

import io.deltastream.quant.math.NormalDistribution;

/**
 * Standard bivariate normal CDF M(a, b; rho) = P(X <= a, Y <= b) for moderate correlation, by Sheppard's integral
 * M = Phi(a) Phi(b) + 1/(2 pi) * integral_0^{asin rho} exp(-(a^2 + b^2 - 2ab sin t) / (2 cos^2 t)) dt
 * with 20-point Gauss–Legendre quadrature.
 *
 * <p>The integrand is smooth while |rho| stays away from 1; Bjerksund–Stensland 2002 only ever needs
 * rho = ±sqrt(t1/T) = ±0.786, where this is accurate to about 1e-15. Larger |rho| is rejected rather than silently
 * inaccurate.
 */
final class BivariateNormal {

    static final double MAX_ABS_CORRELATION = 0.9;
    private static final int POINTS = 20;
    private static final double[][] RULE = GaussLegendre.rule(POINTS);
    private static final double[] NODES = RULE[0];
    private static final double[] WEIGHTS = RULE[1];

    private BivariateNormal() {
    }

    static double cdf(double a, double b, double rho) {
        if (!(Math.abs(rho) <= MAX_ABS_CORRELATION)) {
            throw new IllegalArgumentException("correlation " + rho + " outside [-0.9, 0.9]");
        }
        double independent = NormalDistribution.cdf(a) * NormalDistribution.cdf(b);
        if (rho == 0) {
            return independent;
        }
        double halfRange = 0.5 * Math.asin(rho);
        double sumSquares = a * a + b * b;
        double sum = 0;
        for (int i = 0; i < POINTS; i++) {
            double angle = halfRange * (NODES[i] + 1);
            double sin = Math.sin(angle);
            double cosSquared = 1 - sin * sin;
            sum += WEIGHTS[i] * Math.exp(-(sumSquares - 2 * a * b * sin) / (2 * cosSquared));
        }
        double value = independent + halfRange * sum / (2 * Math.PI);
        return Math.min(Math.max(value, 0), 1);
    }
}
