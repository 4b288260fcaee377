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
     * Halley's stop: the last step in ln B at most this fraction of the distance ln(x / B) (Halley converges
     * cubically, so the error left is far smaller). The result is a starting guess whose own error (QD+ against the
     * true boundary, ~1%) the Newton steps of {@link AndersenLakeOffengelden} remove: the default's accuracy was the
     * same with 1e-1 on 60,000 random options. A stop in ln B alone (1e-4 before) was too loose near expiry at low
     * volatility, where ln(x / B) is itself ~1e-4, and too tight far from it (2.05 iterations per node, 1.37 now).
     */
    private static final double TOLERANCE_OF_DISTANCE = 3e-2;
    /** The stop where B reaches x (distance 0). */
    private static final double ABSOLUTE_TOLERANCE = 1e-8;
    /** The boundary is kept above x e^{-28} (~1e-12 x), where the put is all but never exercised. */
    private static final double LOG_RANGE = 28;

    private QdPlus() {
    }

    /**
     * The logarithm of the boundary of a put with unit strike (boundaries are proportional to the strike), ln B(tau)
     * with B a fraction of the strike, in (ln x - 28, ln x]. Halley's iteration runs in y = ln B: the d's are then
     * linear in y, so an iteration takes one exp (for B) and no log; it stops relative to the distance ln(x / B).
     *
     * @param logX  ln x, x the boundary's limit at tau = 0+, min(1, r/q)
     * @param start ln of where Halley's iteration starts, in (-inf, logX]: logX, or the log boundary at a shorter tau
     *              (it falls with tau)
     */
    static double logBoundary(double tau, double r, double q, double vol, double logX, double start) {
        double variance = vol * vol;
        double v = vol * Math.sqrt(tau);
        double inverseV = 1 / v;
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
        // ln(B e^{-q tau} / e^{-r tau}) = y + shift, and B e^{-q tau} / e^{-r tau} = B forwardRatio
        double shift = (r - q) * tau;
        double forwardRatio = dq / dr;
        double carryOverV = (r - q) * inverseV;
        double inverseTwoTau = 0.5 / tau;
        double lowest = logX - LOG_RANGE;
        double y = start;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double s = Exponential.exp(y);
            double dPlus = (y + shift) * inverseV + 0.5 * v;
            double dMinus = dPlus - v;
            double density = NormalDistribution.pdf(dPlus);
            // phi(d-) = phi(d+) S e^{-q tau} / e^{-r tau} (K = 1) and phi is even: one exp for the three
            double cdfMinusDPlus = NormalDistribution.cdfGivenDensity(-dPlus, density);
            double cdfMinusDMinus = NormalDistribution.cdfGivenDensity(-dMinus, density * s * forwardRatio);
            double european = dr * cdfMinusDMinus - s * dq * cdfMinusDPlus;
            // g = S gamma = e^{-q tau} phi(d+) / v
            double g = dq * density * inverseV;
            double theta = r * dr * cdfMinusDMinus - q * s * dq * cdfMinusDPlus - 0.5 * variance * s * g;
            double charm = -dq * (density * (carryOverV - dMinus * inverseTwoTau) + q * cdfMinusDPlus);
            double exerciseDelta = 1 - dq * cdfMinusDPlus;
            double f = exerciseDelta * s - beta * (1 - s - european) + a * theta;
            // df/dS, and S times d2f/dS2 (curvature, gamma and colour carry a 1/S)
            double slope = exerciseDelta + g + beta * exerciseDelta + a * charm;
            double curvature = g * (1 - dPlus * inverseV + beta
                    + a * (q + carryOverV * dPlus + (1 - dPlus * dMinus) * inverseTwoTau));
            // in y: F' = S f', F'' = S f' + S^2 f''
            // Halley's step newton / (1 - newton (F'' / F') / 2), newton = F / F', with one division: the iteration
            // is a chain of dependent operations, in which a division is the slowest link
            double step = f * slope / (s * slope * slope - 0.5 * f * (slope + curvature));
            double next = Math.min(Math.max(y - step, lowest), logX);
            if (!(Math.abs(next - y) > TOLERANCE_OF_DISTANCE * (logX - next) + ABSOLUTE_TOLERANCE)) {
                return Double.isFinite(next) ? next : logX;
            }
            y = next;
        }
        return y;
    }
}
