package io.deltastream.quant.math;

/**
 * The standard normal distribution to full double precision, including far in the tails where the textbook
 * {@code 0.5 * erfc(-z / sqrt 2)} loses relative accuracy.
 *
 * <p>The error functions use W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for
 * the error function", Math. Comp. 23 (1969) 631–637; coefficients as published in his SPECFUN/CALERF, written out
 * below as literals in Horner form), which are
 * accurate to about 1e-16 relative on each of their three intervals. The tail of the CDF is computed as
 * {@code pdf(z) * Mills-type ratio}, where the ratio is the scaled complementary error function {@code erfcx}: it has
 * no cancellation and no {@code exp} of a rounded square.
 */
public final class NormalDistribution {

    /** 1/sqrt(2 pi). */
    public static final double INV_SQRT_2PI = 0.3989422804014327;
    private static final double INV_SQRT_2 = 0.7071067811865476;
    private static final double SQRT_PI_OVER_2 = 1.2533141373155003;
    private static final double INV_SQRT_PI = 0.5641895835477563;
    private static final double ERF_SMALL_LIMIT = 0.46875;
    private static final double ERFCX_MID_LIMIT = 4.0;


    // Acklam's rational approximation of the inverse CDF.
    private static final double[] IA = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] IB = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] IC = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] ID = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
    private static final double INVERSE_TAIL = 0.02425;

    private NormalDistribution() {
    }

    /** Density phi(z). The square is split with an FMA so that the tail keeps full relative precision. */
    public static double pdf(double z) {
        double square = z * z;
        double squareError = Math.fma(z, z, -square);
        return INV_SQRT_2PI * Exponential.exp(-0.5 * square) * (1 - 0.5 * squareError);
    }

    /** Cumulative distribution Phi(z), with full relative precision in both tails. */
    public static double cdf(double z) {
        double w = -z * INV_SQRT_2;
        if (Math.abs(w) <= ERF_SMALL_LIMIT) {
            return 0.5 - 0.5 * erfSmall(w);
        }
        return cdfGivenDensity(z, pdf(z));
    }

    /**
     * Phi(z) when the density phi(z) is already known (the pricing kernels have it), saving an {@code exp}.
     *
     * @param density phi(z), as computed by {@link #pdf(double)} or an exact identity
     */
    public static double cdfGivenDensity(double z, double density) {
        double w = -z * INV_SQRT_2;
        if (Math.abs(w) <= ERF_SMALL_LIMIT) {
            return 0.5 - 0.5 * erfSmall(w);
        }
        // Phi(z) = 0.5 erfc(w) = 0.5 exp(-z^2/2) erfcx(w) = sqrt(pi/2) phi(z) erfcx(w) in the lower tail
        double tail = SQRT_PI_OVER_2 * density * erfcxLarge(Math.abs(w));
        return w > 0 ? tail : 1 - tail;
    }

    /** Complementary error function erfc(x). */
    public static double erfc(double x) {
        if (Math.abs(x) <= ERF_SMALL_LIMIT) {
            return 1 - erfSmall(x);
        }
        double ax = Math.abs(x);
        double square = ax * ax;
        double squareError = Math.fma(ax, ax, -square);
        double tail = Math.exp(-square) * (1 - squareError) * erfcxLarge(ax);
        return x > 0 ? tail : 2 - tail;
    }

    /** Scaled complementary error function erfcx(x) = exp(x^2) erfc(x); finite for every x below ~26.6. */
    public static double erfcx(double x) {
        if (x >= ERF_SMALL_LIMIT) {
            return erfcxLarge(x);
        }
        if (x >= -ERF_SMALL_LIMIT) {
            return Math.exp(x * x) * (1 - erfSmall(x));
        }
        return 2 * Math.exp(x * x) - erfcxLarge(-x);
    }

    /**
     * Inverse of the CDF: the z with Phi(z) = p, for p in (0, 1), to full precision. Returns -inf for 0 and +inf
     * for 1.
     */
    public static double inverseCdf(double p) {
        double z = inverseCdfApproximation(p);
        if (!Double.isFinite(z)) {
            return z;
        }
        // One Halley step on Phi(z) - p; the error is measured on the smaller tail so it keeps relative precision.
        double error = z < 0 ? cdf(z) - p : (1 - p) - cdf(-z);
        double u = error / pdf(z);
        return z - u / (1 + 0.5 * z * u);
    }

    /**
     * Acklam's rational approximation of the inverse CDF, relative error below 1.2e-9 and no exponential: for
     * starting points of iterations that refine it anyway.
     */
    public static double inverseCdfApproximation(double p) {
        if (!(p > 0)) {
            return p == 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
        }
        if (!(p < 1)) {
            return p == 1 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (p < INVERSE_TAIL) {
            return lowerTail(p);
        }
        if (p > 1 - INVERSE_TAIL) {
            return -lowerTail(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((IA[0] * r + IA[1]) * r + IA[2]) * r + IA[3]) * r + IA[4]) * r + IA[5]) * q
                / (((((IB[0] * r + IB[1]) * r + IB[2]) * r + IB[3]) * r + IB[4]) * r + 1);
    }

    private static double lowerTail(double p) {
        double q = Math.sqrt(-2 * Math.log(p));
        return (((((IC[0] * q + IC[1]) * q + IC[2]) * q + IC[3]) * q + IC[4]) * q + IC[5])
                / ((((ID[0] * q + ID[1]) * q + ID[2]) * q + ID[3]) * q + 1);
    }

    /** erf(x) for |x| <= 0.46875 (Cody's first interval; Horner form with FMA so the JIT emits straight-line code). */
    private static double erfSmall(double x) {
        double y = x * x;
        double num = Math.fma(Math.fma(Math.fma(Math.fma(1.85777706184603153e-1, y, 3.16112374387056560e0), y,
                1.13864154151050156e2), y, 3.77485237685302021e2), y, 3.20937758913846947e3);
        double den = Math.fma(Math.fma(Math.fma(y + 2.36012909523441209e1, y, 2.44024637934444173e2), y,
                1.28261652607737228e3), y, 2.84423683343917062e3);
        return x * num / den;
    }

    /** erfcx(x) for x >= 0.46875 (Cody's second and third intervals). */
    private static double erfcxLarge(double x) {
        if (x <= ERFCX_MID_LIMIT) {
            return erfcxMiddle(x);
        }
        double z = 1 / (x * x);
        double num = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(1.63153871373020978e-2, z, 3.05326634961232344e-1),
                z, 3.60344899949804439e-1), z, 1.25781726111229246e-1), z, 1.60837851487422766e-2), z,
                6.58749161529837803e-4);
        double den = Math.fma(Math.fma(Math.fma(Math.fma(z + 2.56852019228982242e0, z, 1.87295284992346047e0), z,
                5.27905102951428412e-1), z, 6.05183413124413191e-2), z, 2.33520497626869185e-3);
        return (INV_SQRT_PI - z * num / den) / x;
    }

    /**
     * Cody's rational for erfcx on his second interval, [0.46875, 4], where it is within 1e-16 relative; it also holds
     * to 5e-12 on [0, 0.46875] and to 7e-13 on [4, 6] ({@link BatchMath} uses it on all of [0, 6]).
     */
    static double erfcxMiddle(double x) {
        // Estrin's scheme: the same polynomials with a dependency chain of 4 instead of 8 multiply-adds
        double x2 = x * x;
        double x4 = x2 * x2;
        double num = Math.fma(x4 * x4, 2.15311535474403846e-8,
                Math.fma(x4, Math.fma(x2, Math.fma(x, 5.64188496988670089e-1, 8.88314979438837594e0),
                                Math.fma(x, 6.61191906371416295e1, 2.98635138197400131e2)),
                        Math.fma(x2, Math.fma(x, 8.81952221241769090e2, 1.71204761263407058e3),
                                Math.fma(x, 2.05107837782607147e3, 1.23033935479799725e3))));
        double den = Math.fma(x4 * x4, 1,
                Math.fma(x4, Math.fma(x2, Math.fma(x, 1.57449261107098347e1, 1.17693950891312499e2),
                                Math.fma(x, 5.37181101862009858e2, 1.62138957456669019e3)),
                        Math.fma(x2, Math.fma(x, 3.29079923573345963e3, 4.36261909014324716e3),
                                Math.fma(x, 3.43936767414372164e3, 1.23033935480374942e3))));
        return num / den;
    }
}
