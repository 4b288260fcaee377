package io.deltastream.quant.pricing;

import io.deltastream.quant.math.Exponential;
import io.deltastream.quant.math.NormalDistribution;

/**
 * Li's QD+ approximation of the American put's exercise boundary at one time to expiry (M. Li, "Analytical
 * approximations for the critical stock prices of American options: a performance comparison", Review of Derivatives
 * Research 13, 2010), solved by Halley's method from the boundary's short-time limit X. It is the starting guess that
 * {@link AndersenLakeOffengelden}'s fixed-point iteration refines, as in the paper.
 *
 * <p>The QD+ coefficients are written with rho = r / (1 - e^{-r tau}) so that they stay finite as r tends to 0 (the put
 * with r = 0 and q &lt; 0, the mirror of a call with q = 0 and r &lt; 0).
 */
final class QdPlus {

    private static final int MAX_ITERATIONS = 40;
    /**
     * Halley's stop, the last relative step (Halley converges cubically, so the error left is far smaller): the
     * result is a starting guess whose own error (QD+ against the true boundary, ~1e-3) the Newton steps of
     * {@link AndersenLakeOffengelden} remove, so a tighter stop only costs iterations.
     */
    private static final double RELATIVE_TOLERANCE = 1e-4;

    private QdPlus() {
    }

    /**
     * The boundary B(tau) in currency units, in (0, x].
     *
     * @param x     the boundary's limit at tau = 0+, K min(1, r/q)
     * @param start where Halley's iteration starts, in (0, x]: x, or the boundary at a shorter tau (it falls with tau)
     */
    static double boundary(double k, double tau, double r, double q, double vol, double x, double start) {
        double variance = vol * vol;
        double v = vol * Math.sqrt(tau);
        double dr = Exponential.exp(-r * tau);
        double dq = Exponential.exp(-q * tau);
        double omega = 2 * (r - q) / variance;
        double rateTime = r * tau;
        // 1 - e^{-r tau} without Math.expm1 (a slow library call): its series where the difference would cancel
        double discountLoss = Math.abs(rateTime) < 1e-3 ? rateTime * (1 - rateTime * (0.5 - rateTime / 6)) : 1 - dr;
        double rho = r == 0 ? 1 / tau : r / discountLoss;
        double root = Math.sqrt((omega - 1) * (omega - 1) + 8 * rho / variance);
        double lambda = 0.5 * (-(omega - 1) - root);
        double a = -2 / (variance * root);
        double beta = a * dr * rho - 2 * a * dr * rho * rho / (variance * root * root) - lambda;
        double low = x * 1e-12;
        double s = start;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double dPlus = Math.log(s * dq / (k * dr)) / v + 0.5 * v;
            double dMinus = dPlus - v;
            double density = NormalDistribution.pdf(dPlus);
            // one exp for the three: phi(d-) = phi(d+) S e^{-q tau} / (K e^{-r tau}) and phi is even
            double cdfMinusDPlus = NormalDistribution.cdfGivenDensity(-dPlus, density);
            double cdfMinusDMinus = NormalDistribution.cdfGivenDensity(-dMinus, density * s * dq / (k * dr));
            double european = k * dr * cdfMinusDMinus - s * dq * cdfMinusDPlus;
            double theta = r * k * dr * cdfMinusDMinus - q * s * dq * cdfMinusDPlus - variance * s * dq * density / (2 * v);
            double charm = -dq * (density * ((r - q) / v - dMinus / (2 * tau)) + q * cdfMinusDPlus);
            double gamma = density * dq / (v * s);
            double colour = gamma * (q + (r - q) * dPlus / v + (1 - dPlus * dMinus) / (2 * tau));
            double exerciseDelta = 1 - dq * cdfMinusDPlus;

            double f = exerciseDelta * s - beta * (k - s - european) + a * theta;
            double slope = exerciseDelta + dq * density / v + beta * exerciseDelta + a * charm;
            double curvature = dq * (density / (s * v) - density * dPlus / (s * v * v)) + beta * gamma + a * colour;
            double step = f / slope / (1 - 0.5 * f * curvature / (slope * slope));
            double next = Math.min(Math.max(s - step, low), x);
            if (!(Math.abs(next - s) > RELATIVE_TOLERANCE * s)) {
                return Double.isFinite(next) ? next : x;
            }
            s = next;
        }
        return s;
    }
}
