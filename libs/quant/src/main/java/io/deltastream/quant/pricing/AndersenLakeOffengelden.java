package io.deltastream.quant.pricing;

import io.deltastream.quant.math.Exponential;
import io.deltastream.quant.math.NormalDistribution;

/**
 * American options on a dividend-paying spot to high accuracy: Andersen, Lake and Offengelden, "High-performance
 * American option pricing", Journal of Computational Finance 20(1), 2016.
 *
 * <p>The put is its European value plus the early-exercise premium
 * {@code integral_0^T [r K e^{-r t} Phi(-d-(t, S/B(T-t))) - q S e^{-q t} Phi(-d+(t, S/B(T-t)))] dt}, where the exercise
 * boundary B(tau) solves a fixed-point system {@code B = K e^{-(r-q) tau} N(tau, B) / D(tau, B)}: FP-A (from smooth
 * pasting: N and D carry normal densities), which converges in a few steps, except where the boundary is steep (low
 * volatility with the rate well above the yield), where it oscillates and FP-B (from value matching: normal
 * distribution functions) is used instead (names as in QuantLib's {@code QdFpAmericanEngine}). The
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
    /**
     * Below sigma^2 = 0.6 (r - q) (the put's rate and yield) FP-A oscillates instead of converging (measured: e.g.
     * vol 4%, r - q = 3%, T = 4 y, off by 10% after 16 steps); there the boundary comes from FP-B, which converges
     * there but slowly, hence the level's finer steep-boundary setting. Above the ratio 0.6 FP-A's error was measured
     * to stay below 1e-6.
     */
    private static final double STEEP_BOUNDARY_VARIANCE_PER_CARRY = 0.6;

    private AndersenLakeOffengelden() {
    }

    /**
     * Discretisation of the method, named as in the paper: {@code n} Chebyshev intervals for the boundary, at most
     * {@code m} fixed-point iterations (the first a Jacobi–Newton step; the iteration stops earlier once no node moves
     * by more than {@link #CONVERGED} relative), {@code l} Gauss–Legendre points for the fixed-point integrals and
     * {@code p} for the premium integral; a level also names the setting used where the boundary is steep
     * (sigma^2 &lt; 0.6 (r - q) for the put, solved by FP-B; see the class notes).
     */
    public static final class Accuracy {
        /**
         * The default (n, m, l, p) = (12, 4, 8, 24), steep-boundary setting (12, 24, 12, 32), where FP-B converges
         * linearly and stops on {@link #CONVERGED} after about 15 iterations: within 1e-6 relative (1e-8 K absolute)
         * of the converged value over T &lt;= 5 years, vol 1%–150%, r and q in [-1%, 10%] (worst 4.5e-7 on 600 random
         * options); docs/performance.md has the measured spread and cost.
         */
        public static final Accuracy STANDARD = new Accuracy(12, 4, 8, 24, new Accuracy(12, 24, 12, 32, null));
        /** Fewer nodes and points, (6, 2, 8, 16) everywhere: about 1e-4 relative at the 99th percentile, 5e-4 worst. */
        public static final Accuracy FAST = new Accuracy(6, 2, 8, 16, null);
        /** The high-accuracy setting (32, 12, 64, 96) everywhere: within 1e-6 relative of the converged value. */
        public static final Accuracy HIGH = new Accuracy(32, 12, 64, 96, null);

        /**
         * The iteration's stop: the largest relative move of a node in the last step. Both systems contract by a
         * factor of 0.1 to 0.5 per step where they converge, so the remaining error is about the last move.
         */
        static final double CONVERGED = 1e-8;

        final int n;
        final int m;
        final int l;
        /** Per fixed-point quadrature point: u / tau, (tau - u) / tau, weight / tau. */
        final double[] fixedPointElapsed;
        final double[] fixedPointRemaining;
        final double[] fixedPointWeights;
        /** Per premium quadrature point: t / T, (T - t) / T, weight / T. */
        final double[] premiumElapsed;
        final double[] premiumRemaining;
        final double[] premiumWeights;
        final double[] chebyshevNodes;
        /**
         * H at every fixed-point quadrature point as a linear map of H at the nodes 1..n (H_0 = 0): row
         * {@code (i - 1) l + j} holds the n cardinal functions of the Chebyshev-extrema interpolant at the point's
         * coordinate sqrt(u_j / tau_i)(1 + z_i) - 1, which depends on the discretisation only. A dot product per point
         * instead of the coefficients and a Clenshaw recurrence (a serial chain of n steps) per point.
         */
        final double[] fixedPointCardinals;
        /** The same for the premium's quadrature points, at coordinate 2 sqrt((T - t_j) / T) - 1. */
        final double[] premiumCardinals;
        /** The setting where sigma^2 &lt; 0.6 (r - q): this one unless the level names a finer one. */
        final Accuracy steepBoundary;

        private Accuracy(int n, int m, int l, int p, Accuracy steepBoundary) {
            this.steepBoundary = steepBoundary == null ? this : steepBoundary;
            this.n = n;
            this.m = m;
            this.l = l;
            fixedPointElapsed = new double[l];
            fixedPointRemaining = new double[l];
            fixedPointWeights = new double[l];
            cosineRule(l, fixedPointElapsed, fixedPointRemaining, fixedPointWeights);
            premiumElapsed = new double[p];
            premiumRemaining = new double[p];
            premiumWeights = new double[p];
            cosineRule(p, premiumElapsed, premiumRemaining, premiumWeights);
            chebyshevNodes = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                chebyshevNodes[i] = -Math.cos(i * Math.PI / n);
            }
            double[] fixedPointCoordinates = new double[n * l];
            for (int i = 1; i <= n; i++) {
                for (int j = 0; j < l; j++) {
                    fixedPointCoordinates[(i - 1) * l + j] = Math.sqrt(fixedPointElapsed[j]) * (1 + chebyshevNodes[i])
                            - 1;
                }
            }
            fixedPointCardinals = cardinals(n, fixedPointCoordinates);
            double[] premiumCoordinates = new double[p];
            for (int j = 0; j < p; j++) {
                premiumCoordinates[j] = 2 * Math.sqrt(premiumRemaining[j]) - 1;
            }
            premiumCardinals = cardinals(n, premiumCoordinates);
        }

        /**
         * Row-major (coordinates x n): the value at each coordinate of the interpolant through the Chebyshev extrema
         * z_i = -cos(i pi / n) of the data e_m (1 at node m, 0 elsewhere), m = 1..n. The interpolant is
         * sum_k c_k T_k(z) with c_k = (2 / n) sum_i'' f_i T_k(z_i) (halved end terms), evaluated by Clenshaw.
         */
        private static double[] cardinals(int n, double[] coordinates) {
            double[] table = new double[coordinates.length * n];
            double[] c = new double[n + 1];
            for (int m = 1; m <= n; m++) {
                for (int k = 0; k <= n; k++) {
                    double endWeight = m == n ? 0.5 : 1;
                    c[k] = 2.0 / n * endWeight * Math.cos(k * (n - m) * Math.PI / n);
                }
                c[0] *= 0.5;
                c[n] *= 0.5;
                for (int at = 0; at < coordinates.length; at++) {
                    double z = coordinates[at];
                    double b1 = 0;
                    double b2 = 0;
                    for (int k = n; k >= 1; k--) {
                        double b0 = c[k] + 2 * z * b1 - b2;
                        b2 = b1;
                        b1 = b0;
                    }
                    table[at * n + m - 1] = c[0] + z * b1 - b2;
                }
            }
            return table;
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
         * A custom discretisation, the same where the boundary is steep.
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
            return new Accuracy(n, m, l, p, null);
        }

        @Override
        public String toString() {
            String own = "(n=" + n + ", m=" + m + ", l=" + l + ", p=" + premiumWeights.length
                    + ")";
            return steepBoundary == this ? own : own + ", steep boundary " + steepBoundary;
        }
    }

    /** American option value at the {@link Accuracy#STANDARD} setting, never below the European value or intrinsic. */
    public static double price(OptionType type, double spot, double strike, double years, double rate,
                               double dividendYield, double volatility) {
        return price(type, spot, strike, years, rate, dividendYield, volatility, Accuracy.STANDARD);
    }

    /** American option value at the given accuracy, never below the European value or intrinsic. */
    public static double price(OptionType type, double spot, double strike, double years, double rate,
                               double dividendYield, double volatility, Accuracy accuracy) {
        GeneralizedBlackScholes.validate("spot", spot, strike, years, rate, dividendYield, volatility);
        return priceValidated(type, spot, strike, years, rate, dividendYield, volatility, accuracy);
    }

    /** Value and Greeks at the {@link Accuracy#STANDARD} setting, by the differences of {@link BumpedGreeks}. */
    public static Greeks greeks(OptionType type, double spot, double strike, double years, double rate,
                                double dividendYield, double volatility) {
        GeneralizedBlackScholes.validate("spot", spot, strike, years, rate, dividendYield, volatility);
        return BumpedGreeks.of((t, s, k, y, r, q, v) -> priceValidated(t, s, k, y, r, q, v, Accuracy.STANDARD),
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
        boolean steep = vol * vol < STEEP_BOUNDARY_VARIANCE_PER_CARRY * (r - q);
        // the boundary is proportional to the strike: solved for K = 1, it serves every spot and strike
        Boundary boundary = Boundary.ofUnitStrike(t, r, q, vol, steep ? accuracy.steepBoundary : accuracy, !steep);
        double moneyness = s / k;
        if (moneyness <= boundary.atExpiryDistance()) {
            return intrinsic;
        }
        double value = european + k * boundary.premium(moneyness);
        return Math.max(value, Math.max(european, intrinsic));
    }

    /** The put's exercise boundary on [0, T] for one (K, T, r, q, sigma), r &gt; 0 or (r = 0, q &lt; 0). */
    private static final class Boundary {

        /**
         * The boundary of a unit-strike put, the thread's last one again when (T, r, q, sigma, accuracy) repeat: the
         * Greeks' spot bumps (and a call's, whose spot is the mirrored put's strike) then cost a premium integral, not
         * a boundary. Only the last boundary is kept, as its nodes live in the thread's work arrays.
         */
        static Boundary ofUnitStrike(double t, double r, double q, double vol, Accuracy accuracy,
                                     boolean densityForm) {
            Workspace work = Workspace.of(accuracy.n, accuracy.l);
            Boundary last = work.last;
            if (last != null && last.accuracy == accuracy && last.t == t && last.r == r && last.q == q
                    && last.vol == vol) {
                return last;
            }
            work.last = new Boundary(1, t, r, q, vol, accuracy, densityForm, work);
            return work.last;
        }

        private final double k;
        private final double t;
        private final double r;
        private final double q;
        private final double vol;
        private final double logX;
        private final double x;
        private final Accuracy accuracy;
        /** The calling thread's work arrays, among them H at the Chebyshev nodes (H_0 = 0 at tau = 0). */
        private final Workspace work;
        private final double[] h;

        /** FP-A (densities) where true, FP-B (distribution functions) otherwise. */
        private final boolean densityForm;

        private Boundary(double k, double t, double r, double q, double vol, Accuracy accuracy, boolean densityForm,
                         Workspace work) {
            this.densityForm = densityForm;
            this.k = k;
            this.t = t;
            this.r = r;
            this.q = q;
            this.vol = vol;
            this.accuracy = accuracy;
            this.x = q > 0 && r < q ? k * r / q : k;
            this.logX = Math.log(x);
            int n = accuracy.n;
            this.work = work;
            h = work.h;
            double[] tau = work.tau;
            h[0] = 0;
            double b = x;
            for (int i = 1; i <= n; i++) {
                double z = accuracy.chebyshevNodes[i];
                tau[i] = 0.25 * t * (1 + z) * (1 + z);
                b = QdPlus.boundary(k, tau[i], r, q, vol, x, b);
                h[i] = square(Math.log(b) - logX);
            }
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
            // iterations: the discount factors and the time-to-go terms.
            double[] rateWeight = work.rateWeight;
            double[] yieldWeight = work.yieldWeight;
            double[] sdToGo = work.sdToGo;
            double[] inverseSdToGo = work.inverseSdToGo;
            double[] drift = work.drift;
            for (int i = 1; i <= n; i++) {
                for (int j = 0; j < l; j++) {
                    int at = (i - 1) * l + j;
                    double u = elapsed[j] * tau[i];
                    double toGo = remaining[j] * tau[i];
                    double weight = gw[j] * tau[i];
                    rateWeight[at] = weight * Exponential.exp(r * u);
                    yieldWeight[at] = weight * Exponential.exp(q * u);
                    sdToGo[at] = vol * Math.sqrt(toGo);
                    inverseSdToGo[at] = 1 / sdToGo[at];
                    drift[at] = carry * toGo + 0.5 * variance * toGo;
                }
            }
            double[] next = work.next;
            for (int iteration = 0; iteration < accuracy.m; iteration++) {
                boolean newton = iteration == 0;
                double largestMove = 0;
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
                        double logRatio = Math.sqrt(Math.max(interpolate(accuracy.fixedPointCardinals, at), 0))
                                - sqrtH;
                        double plus = (logRatio + drift[at]) * inverseSdToGo[at];
                        double minus = plus - sdToGo[at];
                        if (densityForm) {
                            // the 1/sqrt(tau - u) of the densities is integrable: the cosine rule's weight cancels it
                            double densityPlus = NormalDistribution.pdf(plus);
                            ni += rateWeight[at] * NormalDistribution.pdf(minus) * inverseSdToGo[at];
                            di += yieldWeight[at] * (NormalDistribution.cdfGivenDensity(plus, densityPlus)
                                    + densityPlus * inverseSdToGo[at]);
                        } else {
                            ni += rateWeight[at] * NormalDistribution.cdf(minus);
                            di += yieldWeight[at] * NormalDistribution.cdf(plus);
                        }
                    }
                    double densityMinus = NormalDistribution.pdf(dMinus);
                    double densityPlus = NormalDistribution.pdf(dPlus);
                    double cdfPlus = NormalDistribution.cdfGivenDensity(dPlus, densityPlus);
                    double numerator = densityForm ? densityMinus / sd + r * ni
                            : NormalDistribution.cdfGivenDensity(dMinus, densityMinus) + r * ni;
                    double denominator = densityForm ? densityPlus / sd + cdfPlus + q * di : cdfPlus + q * di;
                    double scale = k * Exponential.exp(-carry * tau[i]);
                    double b = Exponential.exp(logB);
                    double f = scale * numerator / denominator;
                    double updated = f;
                    if (newton) {
                        double common = 1 / (b * sd);
                        // the slopes of the terms outside the integrals, as in the paper's Jacobi–Newton step
                        double numeratorSlope = densityForm ? -dMinus * densityMinus * common / sd
                                : densityMinus * common;
                        double denominatorSlope = densityForm ? densityPlus * common * (1 - dPlus / sd)
                                : densityPlus * common;
                        double slope = scale * (numeratorSlope / denominator
                                - denominatorSlope * numerator / (denominator * denominator));
                        double candidate = b - (f - b) / (slope - 1);
                        // the Newton step is a refinement, not a necessity: keep the plain step where it overshoots
                        if (candidate > 0 && candidate <= x) {
                            updated = candidate;
                        }
                    }
                    updated = Math.min(updated, x);
                    largestMove = Math.max(largestMove, Math.abs(updated - b) / b);
                    next[i] = square(Math.log(updated) - logX);
                }
                System.arraycopy(next, 1, h, 1, n);
                if (largestMove < Accuracy.CONVERGED) {
                    break;
                }
            }
        }

        /** H at quadrature point {@code at} of a cardinal table of {@link Accuracy}. */
        private double interpolate(double[] cardinals, int at) {
            int n = accuracy.n;
            int row = at * n;
            double sum = 0;
            for (int m = 1; m <= n; m++) {
                sum += h[m] * cardinals[row + m - 1];
            }
            return sum;
        }

        /** B(T), the boundary at the option's time to expiry (the last Chebyshev node), in currency units. */
        double atExpiryDistance() {
            return x * Exponential.exp(-Math.sqrt(h[accuracy.n]));
        }

        /** The early-exercise premium at spot s, by the cosine rule of {@link Accuracy}. */
        double premium(double s) {
            double[] elapsed = accuracy.premiumElapsed;
            double[] gw = accuracy.premiumWeights;
            double logS = Math.log(s);
            double carry = r - q;
            double sum = 0;
            for (int j = 0; j < gw.length; j++) {
                double time = elapsed[j] * t;
                double logB = logX - Math.sqrt(Math.max(interpolate(accuracy.premiumCardinals, j), 0));
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

    /**
     * Work arrays of one thread, grown to the largest discretisation seen: a price allocates nothing (the arrays of
     * the default setting take 5 KB, which a per-call allocation zeroed every time).
     */
    private static final class Workspace {
        private static final ThreadLocal<Workspace> OF_THREAD = ThreadLocal.withInitial(Workspace::new);

        double[] h = new double[0];
        double[] tau = h;
        double[] next = h;
        double[] rateWeight = h;
        double[] yieldWeight = h;
        double[] sdToGo = h;
        double[] inverseSdToGo = h;
        /** The boundary these arrays hold now. */
        Boundary last;
        double[] drift = h;

        static Workspace of(int n, int l) {
            Workspace work = OF_THREAD.get();
            if (work.h.length < n + 1 || work.rateWeight.length < n * l) {
                work.last = null;
            }
            if (work.h.length < n + 1) {
                work.h = new double[n + 1];
                work.tau = new double[n + 1];
                work.next = new double[n + 1];
            }
            if (work.rateWeight.length < n * l) {
                work.rateWeight = new double[n * l];
                work.yieldWeight = new double[n * l];
                work.sdToGo = new double[n * l];
                work.inverseSdToGo = new double[n * l];
                work.drift = new double[n * l];
            }
            return work;
        }
    }

    private static double square(double x) {
        return x * x;
    }
}
