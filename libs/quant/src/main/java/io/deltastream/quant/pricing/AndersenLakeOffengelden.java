package io.deltastream.quant.pricing;

import io.deltastream.quant.math.Exponential;
import io.deltastream.quant.math.NormalDistribution;

/**
 * American options on a dividend-paying spot to high accuracy: Andersen, Lake and Offengelden, "High-performance
 * American option pricing", Journal of Computational Finance 20(1), 2016.
 *
 * <p>The put is its European value plus the early-exercise premium
 * {@code integral_0^T [r K e^{-r t} Phi(-d-(t, S/B(T-t))) - q S e^{-q t} Phi(-d+(t, S/B(T-t)))] dt}, where the exercise
 * boundary B(tau) solves the paper's fixed-point system FP-B' {@code B = K e^{-(r-q) tau} N(tau, B) / D(tau, B)}. The
 * boundary is carried as {@code H(sqrt tau) = ln(B / X)^2} (X = B(0+) = K min(1, r/q)), which is smooth in sqrt(tau), on
 * the Chebyshev extrema in sqrt(tau); it starts from Li's QD+ approximation, takes one Jacobi–Newton step and then plain
 * fixed-point steps, each integral by Gauss–Legendre quadrature. {@link Accuracy} sets the node and point counts.
 *
 * <p>Regimes (Andersen and Lake, "Fast American option pricing: the double-boundary case", Wilmott 2021): a put with
 * r &lt;= 0 and q &gt;= r is never exercised early (its value is the European one); a put with q &lt; r &lt; 0 has two
 * exercise boundaries, which this single-boundary method does not represent: there the value comes from
 * {@link CrankNicolsonAmerican} (about a millisecond instead of microseconds; it is a regime of negative rates only).
 * Calls use McDonald–Schroder symmetry C(S, K, r, q) = P(K, S, q, r), so a call with q = 0 and r &gt;= 0 is European.
 *
 * <p>Units and conventions as {@link BlackScholesMerton}; Greeks as {@link BjerksundStensland2002#greeks}: central
 * differences of the price.
 */
public final class AndersenLakeOffengelden {

    private static final double QUARTER_TURN = 0.5 * Math.PI;

    private AndersenLakeOffengelden() {
    }

    /**
     * Discretisation of the method, named as in the paper: {@code n} Chebyshev intervals for the boundary, {@code m}
     * fixed-point iterations (the first a Jacobi–Newton step), {@code l} Gauss–Legendre points for the fixed-point
     * integrals and {@code p} for the premium integral.
     */
    public static final class Accuracy {
        /**
         * The fast default (n, m, l, p) = (6, 2, 8, 16): median error about 1e-6 relative over T &lt;= 5 years, vol
         * 1%–150%, worst (low volatility, long dated) a few 1e-4; docs/performance.md has the measured spread.
         */
        public static final Accuracy FAST = new Accuracy(6, 2, 8, 16);
        /** The high-accuracy setting (32, 12, 64, 96): within 1e-6 relative of the finite-difference oracle. */
        public static final Accuracy HIGH = new Accuracy(32, 12, 64, 96);

        final int n;
        final int m;
        /** Per fixed-point quadrature point: u / tau, (tau - u) / tau, weight / tau. */
        final double[] fixedPointElapsed;
        final double[] fixedPointRemaining;
        final double[] fixedPointWeights;
        /** Per premium quadrature point: t / T, (T - t) / T, weight / T. */
        final double[] premiumElapsed;
        final double[] premiumRemaining;
        final double[] premiumWeights;
        final double[] chebyshevNodes;
        /** cos(k (n - i) pi / n) = T_k(z_i): the interpolation matrix of the Chebyshev extrema. */
        final double[][] chebyshevMatrix;

        private Accuracy(int n, int m, int l, int p) {
            this.n = n;
            this.m = m;
            fixedPointElapsed = new double[l];
            fixedPointRemaining = new double[l];
            fixedPointWeights = new double[l];
            cosineRule(l, fixedPointElapsed, fixedPointRemaining, fixedPointWeights);
            premiumElapsed = new double[p];
            premiumRemaining = new double[p];
            premiumWeights = new double[p];
            cosineRule(p, premiumElapsed, premiumRemaining, premiumWeights);
            chebyshevNodes = new double[n + 1];
            chebyshevMatrix = new double[n + 1][n + 1];
            for (int i = 0; i <= n; i++) {
                chebyshevNodes[i] = -Math.cos(i * Math.PI / n);
                for (int k = 0; k <= n; k++) {
                    chebyshevMatrix[k][i] = Math.cos(k * (n - i) * Math.PI / n);
                }
            }
        }

        /**
         * Gauss–Legendre on [0, 1] after the substitution u = (1 - cos phi) / 2, phi in [0, pi]: sqrt(u) and
         * sqrt(1 - u) are both smooth in phi, so the sqrt-type behaviour of the integrands at either end (the boundary
         * near expiry, the time-to-go near the node) costs no accuracy.
         */
        private static void cosineRule(int points, double[] elapsed, double[] remaining, double[] weights) {
            double[][] rule = GaussLegendre.rule(points);
            for (int j = 0; j < points; j++) {
                double phi = QUARTER_TURN * (1 + rule[0][j]);
                double cos = Math.cos(phi);
                elapsed[j] = 0.5 * (1 - cos);
                remaining[j] = 0.5 * (1 + cos);
                weights[j] = rule[1][j] * QUARTER_TURN * 0.5 * Math.sin(phi);
            }
        }

        /**
         * A custom discretisation.
         *
         * @param n Chebyshev intervals, 2..64
         * @param m fixed-point iterations, 1..32
         * @param l Gauss–Legendre points of the fixed-point integrals, 2..128
         * @param p Gauss–Legendre points of the premium integral, 2..128
         */
        public static Accuracy of(int n, int m, int l, int p) {
            if (n < 2 || n > 64 || m < 1 || m > 32 || l < 2 || l > 128 || p < 2 || p > 128) {
                throw new IllegalArgumentException("accuracy (n, m, l, p) = (" + n + ", " + m + ", " + l + ", " + p
                        + ") is outside n in [2, 64], m in [1, 32], l and p in [2, 128]");
            }
            return new Accuracy(n, m, l, p);
        }

        @Override
        public String toString() {
            return "(n=" + n + ", m=" + m + ", l=" + fixedPointWeights.length + ", p=" + premiumWeights.length + ")";
        }
    }

    /** American option value at the {@link Accuracy#FAST} setting, never below the European value or intrinsic. */
    public static double price(OptionType type, double spot, double strike, double years, double rate,
                               double dividendYield, double volatility) {
        return price(type, spot, strike, years, rate, dividendYield, volatility, Accuracy.FAST);
    }

    /** American option value at the given accuracy, never below the European value or intrinsic. */
    public static double price(OptionType type, double spot, double strike, double years, double rate,
                               double dividendYield, double volatility, Accuracy accuracy) {
        GeneralizedBlackScholes.validate("spot", spot, strike, years, rate, dividendYield, volatility);
        return priceValidated(type, spot, strike, years, rate, dividendYield, volatility, accuracy);
    }

    /** Value and Greeks at the {@link Accuracy#FAST} setting, by the differences of {@link BumpedGreeks}. */
    public static Greeks greeks(OptionType type, double spot, double strike, double years, double rate,
                                double dividendYield, double volatility) {
        GeneralizedBlackScholes.validate("spot", spot, strike, years, rate, dividendYield, volatility);
        return BumpedGreeks.of((t, s, k, y, r, q, v) -> priceValidated(t, s, k, y, r, q, v, Accuracy.FAST),
                type, spot, strike, years, rate, dividendYield, volatility);
    }

    static double priceValidated(OptionType type, double spot, double strike, double years, double rate,
                                 double dividendYield, double volatility, Accuracy accuracy) {
        if (years == 0) {
            return type.intrinsic(spot, strike);
        }
        return type == OptionType.PUT
                ? put(spot, strike, years, rate, dividendYield, volatility, accuracy)
                : put(strike, spot, years, dividendYield, rate, volatility, accuracy);
    }

    /** True where the put has two exercise boundaries (q &lt; r &lt; 0), which this method leaves to finite differences. */
    static boolean doubleBoundary(double rate, double dividendYield) {
        return rate < 0 && dividendYield < rate;
    }

    private static double put(double s, double k, double t, double r, double q, double vol, Accuracy accuracy) {
        double intrinsic = Math.max(k - s, 0);
        double european = GeneralizedBlackScholes.price(OptionType.PUT, s, k, t, r, r - q, vol);
        if (r <= 0 && q >= r) {
            return Math.max(european, intrinsic);
        }
        if (doubleBoundary(r, q)) {
            return CrankNicolsonAmerican.price(OptionType.PUT, s, k, t, r, q, vol, CrankNicolsonAmerican.Grid.PRICING);
        }
        Boundary boundary = new Boundary(k, t, r, q, vol, accuracy);
        if (s <= boundary.at(t)) {
            return intrinsic;
        }
        double value = european + boundary.premium(s);
        return Math.max(value, Math.max(european, intrinsic));
    }

    /** The put's exercise boundary on [0, T] for one (K, T, r, q, sigma), r &gt; 0 or (r = 0, q &lt; 0). */
    private static final class Boundary {
        private final double k;
        private final double t;
        private final double r;
        private final double q;
        private final double vol;
        private final double logX;
        private final Accuracy accuracy;
        /** H at the Chebyshev nodes, H_0 = 0 (tau = 0). */
        private final double[] h;
        private final double[] coefficients;

        Boundary(double k, double t, double r, double q, double vol, Accuracy accuracy) {
            this.k = k;
            this.t = t;
            this.r = r;
            this.q = q;
            this.vol = vol;
            this.accuracy = accuracy;
            double x = q > 0 && r < q ? k * r / q : k;
            this.logX = Math.log(x);
            int n = accuracy.n;
            h = new double[n + 1];
            coefficients = new double[n + 1];
            double[] tau = new double[n + 1];
            double b = x;
            for (int i = 1; i <= n; i++) {
                double z = accuracy.chebyshevNodes[i];
                tau[i] = 0.25 * t * (1 + z) * (1 + z);
                b = QdPlus.boundary(k, tau[i], r, q, vol, x, b);
                h[i] = square(Math.log(b) - logX);
            }
            updateCoefficients();
            iterate(tau);
        }

        private void iterate(double[] tau) {
            int n = accuracy.n;
            double[] elapsed = accuracy.fixedPointElapsed;
            double[] remaining = accuracy.fixedPointRemaining;
            double[] gw = accuracy.fixedPointWeights;
            int l = gw.length;
            double logK = Math.log(k);
            double variance = vol * vol;
            double carry = r - q;
            // Everything that depends on the node and the quadrature point but not on the boundary, once for all
            // iterations: the discount factors, the time-to-go terms and the Chebyshev coordinate of B(u).
            double[] rateWeight = new double[n * l];
            double[] yieldWeight = new double[n * l];
            double[] sdToGo = new double[n * l];
            double[] drift = new double[n * l];
            double[] zOfU = new double[n * l];
            for (int i = 1; i <= n; i++) {
                for (int j = 0; j < l; j++) {
                    int at = (i - 1) * l + j;
                    double u = elapsed[j] * tau[i];
                    double toGo = remaining[j] * tau[i];
                    double weight = gw[j] * tau[i];
                    rateWeight[at] = weight * Exponential.exp(r * u);
                    yieldWeight[at] = weight * Exponential.exp(q * u);
                    sdToGo[at] = vol * Math.sqrt(toGo);
                    drift[at] = carry * toGo + 0.5 * variance * toGo;
                    zOfU[at] = 2 * Math.sqrt(u / t) - 1;
                }
            }
            double[] next = new double[n + 1];
            for (int iteration = 0; iteration < accuracy.m; iteration++) {
                boolean newton = iteration == 0;
                for (int i = 1; i <= n; i++) {
                    double sqrtH = Math.sqrt(h[i]);
                    double logB = logX - sqrtH;
                    double sd = vol * Math.sqrt(tau[i]);
                    double dPlus = (logB - logK + carry * tau[i]) / sd + 0.5 * sd;
                    double dMinus = dPlus - sd;
                    double ni = 0;
                    double di = 0;
                    for (int j = 0; j < l; j++) {
                        int at = (i - 1) * l + j;
                        // ln(B(tau)/B(u)) = sqrt(H(u)) - sqrt(H(tau)): no exp or log inside the quadrature
                        double logRatio = Math.sqrt(Math.max(interpolate(zOfU[at]), 0)) - sqrtH;
                        double plus = (logRatio + drift[at]) / sdToGo[at];
                        double minus = plus - sdToGo[at];
                        ni += rateWeight[at] * NormalDistribution.cdf(minus);
                        di += yieldWeight[at] * NormalDistribution.cdf(plus);
                    }
                    double numerator = NormalDistribution.cdf(dMinus) + r * ni;
                    double denominator = NormalDistribution.cdf(dPlus) + q * di;
                    double scale = k * Exponential.exp(-carry * tau[i]);
                    double b = Exponential.exp(logB);
                    double f = scale * numerator / denominator;
                    double updated = f;
                    if (newton) {
                        double common = 1 / (b * sd);
                        double numeratorSlope = NormalDistribution.pdf(dMinus) * common;
                        double denominatorSlope = NormalDistribution.pdf(dPlus) * common;
                        double slope = scale * (numeratorSlope / denominator
                                - denominatorSlope * numerator / (denominator * denominator));
                        double candidate = b - (f - b) / (slope - 1);
                        // the Newton step is a refinement, not a necessity: keep the plain step where it overshoots
                        if (candidate > 0 && candidate <= Exponential.exp(logX)) {
                            updated = candidate;
                        }
                    }
                    updated = Math.min(updated, Exponential.exp(logX));
                    next[i] = square(Math.log(updated) - logX);
                }
                System.arraycopy(next, 1, h, 1, n);
                updateCoefficients();
            }
        }

        private void updateCoefficients() {
            int n = accuracy.n;
            for (int kk = 0; kk <= n; kk++) {
                double[] row = accuracy.chebyshevMatrix[kk];
                double sum = 0.5 * (h[0] * row[0] + h[n] * row[n]);
                for (int i = 1; i < n; i++) {
                    sum += h[i] * row[i];
                }
                coefficients[kk] = 2 * sum / n;
            }
            coefficients[0] *= 0.5;
            coefficients[n] *= 0.5;
        }

        /** H at Chebyshev coordinate z in [-1, 1], by Clenshaw's recurrence. */
        private double interpolate(double z) {
            double b1 = 0;
            double b2 = 0;
            double twoZ = 2 * z;
            for (int i = coefficients.length - 1; i >= 1; i--) {
                double b0 = coefficients[i] + twoZ * b1 - b2;
                b2 = b1;
                b1 = b0;
            }
            return coefficients[0] + z * b1 - b2;
        }

        /** B(tau) in currency units. */
        double at(double tau) {
            double z = 2 * Math.sqrt(tau / t) - 1;
            return Exponential.exp(logX - Math.sqrt(Math.max(interpolate(z), 0)));
        }

        /** The early-exercise premium at spot s, by the cosine rule of {@link Accuracy}. */
        double premium(double s) {
            double[] elapsed = accuracy.premiumElapsed;
            double[] remaining = accuracy.premiumRemaining;
            double[] gw = accuracy.premiumWeights;
            double logS = Math.log(s);
            double carry = r - q;
            double sum = 0;
            for (int j = 0; j < gw.length; j++) {
                double time = elapsed[j] * t;
                double zRemaining = 2 * Math.sqrt(remaining[j]) - 1;
                double logB = logX - Math.sqrt(Math.max(interpolate(zRemaining), 0));
                double sd = vol * Math.sqrt(time);
                double dPlus = (logS - logB + carry * time) / sd + 0.5 * sd;
                double dMinus = dPlus - sd;
                double integrand = r * k * Exponential.exp(-r * time) * NormalDistribution.cdf(-dMinus)
                        - q * s * Exponential.exp(-q * time) * NormalDistribution.cdf(-dPlus);
                sum += gw[j] * integrand;
            }
            return sum * t;
        }
    }

    private static double square(double x) {
        return x * x;
    }
}
