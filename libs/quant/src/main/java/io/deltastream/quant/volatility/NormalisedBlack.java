package io.deltastream.quant.volatility;

import io.deltastream.quant.math.Exponential;
import io.deltastream.quant.math.NormalDistribution;

/**
 * The normalised Black call b(x, s) = e^{x/2} Phi(x/s + s/2) - e^{-x/2} Phi(x/s - s/2) for an out-of-the-money call,
 * x = ln(F/K) <= 0 and s = sigma sqrt(T), with its derivatives in s (Jäckel, "Let's Be Rational", Wilmott 2015).
 *
 * <p>For d1 = x/s + s/2 <= 0 both normal CDFs are tiny and nearly proportional, so b is evaluated as
 * 1/2 exp(-(h^2 + t^2)/2) [erfcx(-(h+t)/sqrt2) - erfcx(-(h-t)/sqrt2)] with h = x/s, t = s/2: a difference of two
 * positive, well-scaled numbers instead of two underflowing ones.
 */
final class NormalisedBlack {

    private static final double INV_SQRT_2 = 0.7071067811865476;

    private NormalisedBlack() {
    }

    /**
     * exp(-(x^2/s^2 + s^2/4) / 2): the common scale of b, its complement and its derivatives. Computing it once per s
     * gives both normal densities phi(x/s +- s/2) = scale e^{-+x/2} / sqrt(2 pi) without further exponentials.
     */
    static double scale(double x, double s) {
        double h = x == 0 ? 0 : x / s;
        double t = 0.5 * s;
        return Exponential.exp(-0.5 * (h * h + t * t));
    }

    /** db/ds = scale / sqrt(2 pi). */
    static double vega(double scale) {
        return NormalDistribution.INV_SQRT_2PI * scale;
    }

    /** b(x, s) for x <= 0; {@code expHalfX} = e^{x/2}, {@code scale} = {@link #scale}(x, s). */
    static double call(double x, double s, double expHalfX, double scale) {
        if (!(s > 0)) {
            return 0;
        }
        double h = x / s;
        double t = 0.5 * s;
        if (h + t <= 0) {
            return 0.5 * scale
                    * (NormalDistribution.erfcx(-(h + t) * INV_SQRT_2) - NormalDistribution.erfcx(-(h - t) * INV_SQRT_2));
        }
        double density = NormalDistribution.INV_SQRT_2PI * scale;
        return expHalfX * NormalDistribution.cdfGivenDensity(h + t, density / expHalfX)
                - NormalDistribution.cdfGivenDensity(h - t, density * expHalfX) / expHalfX;
    }

    /**
     * b_max - b(x, s) = e^{x/2} Phi(-(h+t)) + e^{-x/2} Phi(h-t): the distance to the upper bound without
     * cancellation, for large s.
     */
    static double complement(double x, double s, double expHalfX, double scale) {
        if (!(s > 0)) {
            return expHalfX;
        }
        double h = x / s;
        double t = 0.5 * s;
        if (h + t <= 0) {
            return expHalfX - call(x, s, expHalfX, scale);
        }
        double density = NormalDistribution.INV_SQRT_2PI * scale;
        return expHalfX * NormalDistribution.cdfGivenDensity(-(h + t), density / expHalfX)
                + NormalDistribution.cdfGivenDensity(h - t, density * expHalfX) / expHalfX;
    }

    /** (d2b/ds2) / (db/ds) = x^2/s^3 - s/4. */
    static double secondOverFirst(double x, double s) {
        return x * x / (s * s * s) - 0.25 * s;
    }

    /** (d3b/ds3) / (db/ds) = (x^2/s^3 - s/4)^2 - 3 x^2/s^4 - 1/4. */
    static double thirdOverFirst(double x, double s) {
        double a = secondOverFirst(x, s);
        double s2 = s * s;
        return a * a - 3 * x * x / (s2 * s2) - 0.25;
    }
}
