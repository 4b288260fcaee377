package io.deltastream.quant.pricing;

import io.deltastream.quant.math.BatchMath;
import io.deltastream.quant.math.Exponential;
import io.deltastream.quant.math.NormalDistribution;

import java.util.Arrays;

/**
 * American options on a dividend-paying spot to high accuracy: Andersen, Lake and Offengelden, "High-performance
 * American option pricing", Journal of Computational Finance 20(1), 2016.
 *
 * <p>The put is its European value plus the early-exercise premium
 * {@code integral_0^T [r K e^{-r t} Phi(-d-(t, S/B(T-t))) - q S e^{-q t} Phi(-d+(t, S/B(T-t)))] dt}, where the exercise
 * boundary B(tau) solves the fixed-point system FP-A {@code B = K e^{-(r-q) tau} N(tau, B) / D(tau, B)} (from smooth
 * pasting: N and D carry normal densities; name as in QuantLib's {@code QdFpAmericanEngine}). The boundary is carried
 * as {@code H(sqrt tau) = ln(B / X)^2} (X = B(0+) = K min(1, r/q)), which is smooth in sqrt(tau), on the Chebyshev
 * extrema in sqrt(tau); it starts from Li's QD+ approximation, and the collocation system is solved by Newton's method
 * with its full Jacobian (the paper takes one Jacobi–Newton step, which uses the slopes of the terms outside the
 * integrals only, then plain fixed-point steps): two steps in almost every case, also where the boundary is steep
 * (low volatility with the rate well above the yield) and plain steps oscillate; by default the first, from QD+, on
 * fewer points. Each integral is by Gauss–Legendre quadrature. {@link Accuracy} sets the node and point counts. A
 * Newton step evaluates the integrands at all points of all nodes at once, in array loops the JIT turns into SIMD code
 * ({@link BatchMath}'s exp and normal distribution function, accurate to ~1e-11, far inside the discretisation's
 * error).
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
     * Below sigma^2 = 0.6 (r - q) (the put's rate and yield) the boundary falls steeply from X near expiry and needs
     * more nodes and points for the same accuracy (the plain FP-A iteration even oscillates there: vol 4%,
     * r - q = 3%, T = 4 y, off by 10% after 16 steps; the Newton steps converge).
     */
    private static final double STEEP_BOUNDARY_VARIANCE_PER_CARRY = 0.6;
    /**
     * The Newton steps' stop: the largest change of a node's ln B in the last step. The error after a step is about
     * a constant times the square of that step (quadratic convergence); the constant is largest in the steep corner,
     * where a stop at 1e-4 was measured to leave 2e-6 relative in the price and 1e-5 leaves nothing visible.
     */
    private static final double NEWTON_CONVERGED = 1e-5;
    /**
     * The first (coarse) step's linear solve stops when a Gauss–Seidel sweep changes no entry by more than this
     * fraction of the largest: that step only starts the next one, whose own solve is exact.
     */
    private static final double COARSE_SOLVE_TOLERANCE = 0.1;
    /** Sweeps after which the coarse solve falls back to elimination (1.8 are needed on average). */
    private static final int COARSE_SOLVE_SWEEPS = 4;
    /** ln(1 / sqrt(2 pi)): in the exponent, e^x gives the normal density without a multiplication. */
    private static final double LOG_INV_SQRT_2PI = -0.5 * Math.log(2 * Math.PI);
    /** {@link Terms}: the relative change of volatility up to which a boundary starts from the previous one. */
    private static final double WARM_START_RANGE = 0.1;

    private AndersenLakeOffengelden() {
    }

    /**
     * Discretisation of the method, named as in the paper: {@code n} Chebyshev intervals for the boundary, at most
     * {@code m} Newton steps on the collocation system (the paper's m counts fixed-point iterations; a Newton step
     * costs a little more than one of them; the steps stop earlier once no node's ln B changes by more than 1e-5),
     * {@code l} Gauss–Legendre points for the fixed-point integrals and {@code p} for the premium integral. A level may
     * take its first Newton step from QD+ on fewer points: QD+ is ~1% off in ln B, a step removes most of that on a
     * coarse rule as well as on the fine one, and the next step, on the fine rule, starts close enough to converge;
     * such a level's QD+ start also solves only every other node above 3n / 8 and interpolates the others. A
     * level may also name other settings by the boundary's shape, which depends on (r T, q T, sigma^2 T) only (the
     * put's rate and yield): where it is steep (sigma^2 &lt; 0.6 (r - q)), by sigma^2 / (r - q), and elsewhere by r T,
     * separately where it starts at the strike (r &gt;= q) and below it (at K r / q): the price's error at a given n
     * grows with r T (the early exercise premium's share of the price), and a boundary that starts below the strike
     * bends sharply some way from expiry, which takes more nodes.
     */
    public static final class Accuracy {
        /**
         * The default, by the put's r T and where its boundary starts (see {@link Accuracy}); (n, m, l, p) at the
         * strike: (8, 2, 7, 32) below r T = 0.08, (9, 2, 9, 48) below 0.2, (10, 2, 9, 48) above; below the strike:
         * (8, 2, 6, 24) below 0.005, (10, 2, 6, 24) below 0.02, (11, 2, 7, 24) below 0.05, (12, 2, 9, 32) above; all
         * with 3 points in the first step. Steep boundary: (16, 2, 16, 64), and (24, 2, 24, 128) below
         * sigma^2 = 0.1 (r - q). Within 1e-6 relative (1e-8 K absolute) of the converged value over T &lt;= 5 years,
         * vol 1%–150%, r and q in [-1%, 10%]; docs/performance.md has the measured spread and cost.
         */
        public static final Accuracy STANDARD = new Accuracy(12, 2, 3, 9, 32, new Shapes(
                new Tier[]{new Tier(0.1, new Accuracy(24, 2, 24, 24, 128, null)),
                        new Tier(STEEP_BOUNDARY_VARIANCE_PER_CARRY, new Accuracy(16, 2, 16, 16, 64, null))},
                new Tier[]{new Tier(0.08, new Accuracy(8, 2, 3, 7, 32, null)),
                        new Tier(0.2, new Accuracy(9, 2, 3, 9, 48, null)),
                        new Tier(Double.POSITIVE_INFINITY, new Accuracy(10, 2, 3, 9, 48, null))},
                new Tier[]{new Tier(0.005, new Accuracy(8, 2, 3, 6, 24, null)),
                        new Tier(0.02, new Accuracy(10, 2, 3, 6, 24, null)),
                        new Tier(0.05, new Accuracy(11, 2, 3, 7, 24, null))}));
        /** Fewer nodes and points, (6, 2, 8, 16) everywhere: about 1e-5 relative at the 99th percentile, 5e-4 worst. */
        public static final Accuracy FAST = new Accuracy(6, 2, 8, 8, 16, null);
        /** The high-accuracy setting (32, 8, 64, 96) everywhere: within 1e-8 relative of the converged value. */
        public static final Accuracy HIGH = new Accuracy(32, 8, 64, 64, 96, null);

        final int n;
        final int m;
        /** The fixed-point integrals' rule of the first Newton step from QD+, and of the others. */
        final FixedPointRule firstStep;
        final FixedPointRule fixedPoint;
        /** Per premium quadrature point: t / T, its square root and inverse, (T - t) / T, weight / T. */
        final double[] premiumElapsed;
        final double[] premiumRootElapsed;
        final double[] premiumInverseRootElapsed;
        final double[] premiumRemaining;
        final double[] premiumWeights;
        final double[] chebyshevNodes;
        /**
         * H at the premium's quadrature points as a linear map of H at the nodes (as
         * {@link FixedPointRule#cardinals}), at coordinate 2 sqrt((T - t_j) / T) - 1.
         */
        final double[][] premiumCardinals;
        /** The settings by the boundary's shape, or null for this one everywhere. */
        private final Shapes shapes;
        /** The nodes whose start QD+ solves, in increasing order: all, unless the first step is coarse. */
        final int[] qdPlusNodes;
        /**
         * The other nodes, whose start (ln(X / B)) is interpolated: each from the four nearest nodes that QD+ solves
         * (node 0, where H = 0, among them), by their cubic interpolant in z, whose weights these are.
         */
        final int[] interpolatedNodes;
        final int[][] interpolationSources;
        final double[][] interpolationWeights;

        /**
         * @param firstStepPoints the first Newton step's l (from QD+ only): l itself, or fewer
         * @param shapes          the settings by the boundary's shape, or null for this one everywhere
         */
        private Accuracy(int n, int m, int firstStepPoints, int l, int p, Shapes shapes) {
            this.shapes = shapes;
            this.n = n;
            this.m = m;
            premiumElapsed = new double[p];
            premiumRemaining = new double[p];
            premiumWeights = new double[p];
            cosineRule(p, premiumElapsed, premiumRemaining, premiumWeights);
            premiumRootElapsed = new double[p];
            premiumInverseRootElapsed = new double[p];
            for (int j = 0; j < p; j++) {
                premiumRootElapsed[j] = Math.sqrt(premiumElapsed[j]);
                premiumInverseRootElapsed[j] = 1 / premiumRootElapsed[j];
            }
            chebyshevNodes = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                chebyshevNodes[i] = -Math.cos(i * Math.PI / n);
            }
            fixedPoint = new FixedPointRule(chebyshevNodes, l);
            firstStep = firstStepPoints == l ? fixedPoint : new FixedPointRule(chebyshevNodes, firstStepPoints);
            // with a coarse first step, QD+ solves every other node above 3n / 8, where the boundary is smooth enough
            // in z that the others' interpolated start ends at the same solution (below 3n / 8 it did not)
            boolean[] solved = new boolean[n + 1];
            solved[0] = true;
            int interpolated = 0;
            for (int i = 1; i <= n; i++) {
                solved[i] = firstStep == fixedPoint || nearExpiry(i, n) || (n - i) % 2 == 0;
                interpolated += solved[i] ? 0 : 1;
            }
            qdPlusNodes = new int[n - interpolated];
            interpolatedNodes = new int[interpolated];
            interpolationSources = new int[interpolated][4];
            interpolationWeights = new double[interpolated][4];
            for (int i = 1, solvedAt = 0, interpolatedAt = 0; i <= n; i++) {
                if (solved[i]) {
                    qdPlusNodes[solvedAt++] = i;
                    continue;
                }
                int[] sources = interpolationSources[interpolatedAt];
                for (int distance = 1, found = 0; found < 4; distance++) {
                    if (i - distance >= 0 && solved[i - distance]) {
                        sources[found++] = i - distance;
                    }
                    if (found < 4 && i + distance <= n && solved[i + distance]) {
                        sources[found++] = i + distance;
                    }
                }
                for (int a = 0; a < 4; a++) {
                    double weight = 1;
                    for (int b = 0; b < 4; b++) {
                        if (b != a) {
                            weight *= (chebyshevNodes[i] - chebyshevNodes[sources[b]])
                                    / (chebyshevNodes[sources[a]] - chebyshevNodes[sources[b]]);
                        }
                    }
                    interpolationWeights[interpolatedAt][a] = weight;
                }
                interpolatedNodes[interpolatedAt++] = i;
            }
            double[] premiumCoordinates = new double[p];
            for (int j = 0; j < p; j++) {
                premiumCoordinates[j] = 2 * Math.sqrt(premiumRemaining[j]) - 1;
            }
            premiumCardinals = cardinals(n, premiumCoordinates);
        }

        /**
         * Node-major (n x coordinates): the value at each coordinate of the interpolant through the Chebyshev extrema
         * z_i = -cos(i pi / n) of the data e_m (1 at node m, 0 elsewhere), m = 1..n. The interpolant is
         * sum_k c_k T_k(z) with c_k = (2 / n) sum_i'' f_i T_k(z_i) (halved end terms), evaluated by Clenshaw.
         */
        private static double[][] cardinals(int n, double[] coordinates) {
            double[][] table = new double[n][coordinates.length];
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
                    table[m - 1][at] = c[0] + z * b1 - b2;
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
         * True for the nodes up to 3n / 8, near expiry, where the boundary changes fastest in z: QD+ solves all of them
         * and starts them from the near-expiry form.
         */
        static boolean nearExpiry(int node, int n) {
            return 8 * node <= 3 * n;
        }

        /** tau_i / T of the Chebyshev node z_i: sqrt(tau / T) = (1 + z) / 2. */
        static double nodeTime(double z) {
            return 0.25 * (1 + z) * (1 + z);
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
            return new Accuracy(n, m, l, l, p, null);
        }

        /**
         * The setting this level uses for a unit-strike put's boundary with rate r, yield q (decimal, annualised),
         * t years to expiry and volatility vol (annualised): one that depends on neither spot nor strike, so that the
         * Greeks' spot bumps reuse the boundary.
         */
        Accuracy forBoundary(double r, double q, double t, double vol) {
            if (shapes == null) {
                return this;
            }
            double carry = r - q;
            double variance = vol * vol;
            if (variance < STEEP_BOUNDARY_VARIANCE_PER_CARRY * carry) {
                return pick(shapes.steep(), variance / carry);
            }
            return pick(startsBelowStrike(r, q) ? shapes.belowStrike() : shapes.atStrike(), r * t);
        }

        /** The first tier whose bound is above {@code measure}, or this setting. */
        private Accuracy pick(Tier[] tiers, double measure) {
            for (Tier tier : tiers) {
                if (measure < tier.below()) {
                    return tier.setting();
                }
            }
            return this;
        }

        @Override
        public String toString() {
            String points = firstStep == fixedPoint ? "l=" + fixedPoint.l
                    : "l=" + fixedPoint.l + " (" + firstStep.l + " in the first step)";
            String own = "(n=" + n + ", m=" + m + ", " + points + ", p=" + premiumWeights.length + ")";
            if (shapes == null) {
                return own;
            }
            return "steep boundary, by sigma^2 / (r - q): " + tiers(shapes.steep()) + "; at the strike, by r T: "
                    + tiers(shapes.atStrike()) + "; below it, by r T: " + tiers(shapes.belowStrike()) + ", else " + own;
        }

        private static String tiers(Tier[] tiers) {
            StringBuilder text = new StringBuilder();
            for (Tier tier : tiers) {
                text.append(text.isEmpty() ? "" : ", ").append("below ").append(tier.below()).append(' ')
                        .append(tier.setting());
            }
            return text.toString();
        }
    }

    /** A level's setting where a measure of the boundary's shape is below {@code below}. */
    private record Tier(double below, Accuracy setting) {
    }

    /**
     * A level's settings by the boundary's shape (see {@link Accuracy}), each list in increasing bounds: in the steep
     * corner by sigma^2 / (r - q), elsewhere by r T where the boundary starts at the strike and where it starts below.
     */
    private record Shapes(Tier[] steep, Tier[] atStrike, Tier[] belowStrike) {
    }

    /** A Gauss–Legendre rule of l points for every node's fixed-point integrals, with its interpolation tables. */
    static final class FixedPointRule {
        final int l;
        /**
         * Per point of every node i (point (i, j) at {@code (i - 1) l + j}), in units of T: the elapsed time u_j, the
         * time to go tau_i - u_j, its square root and inverse square root, and the weight.
         */
        final double[] elapsed;
        final double[] remaining;
        final double[] rootRemaining;
        final double[] inverseRootRemaining;
        final double[] weights;
        /**
         * H at every point as a linear map of H at the nodes 1..n (H_0 = 0): row m - 1 holds the cardinal function of
         * node m of the Chebyshev-extrema interpolant at each point's coordinate sqrt(u_j / tau_i)(1 + z_i) - 1
         * (point (i, j) at {@code (i - 1) l + j}), which depends on the discretisation only. The same numbers also
         * give the Newton step's Jacobian (dH(u)/dH_m is the cardinal function m). A row per node, so that the
         * sweeps index every array alike, which the JIT needs to vectorise them.
         */
        final double[][] cardinals;
        /** The same table point-major: the n cardinal functions of point {@code at} at {@code at n .. at n + n - 1}. */
        final double[] cardinalsByPoint;

        FixedPointRule(double[] chebyshevNodes, int l) {
            this.l = l;
            int n = chebyshevNodes.length - 1;
            // the rule on [0, 1]: u / tau, (tau - u) / tau and the weights
            double[] unitElapsed = new double[l];
            double[] unitRemaining = new double[l];
            double[] unitWeights = new double[l];
            Accuracy.cosineRule(l, unitElapsed, unitRemaining, unitWeights);
            elapsed = new double[n * l];
            remaining = new double[n * l];
            rootRemaining = new double[n * l];
            inverseRootRemaining = new double[n * l];
            weights = new double[n * l];
            double[] coordinates = new double[n * l];
            for (int i = 1; i <= n; i++) {
                double node = Accuracy.nodeTime(chebyshevNodes[i]);
                for (int j = 0; j < l; j++) {
                    int at = (i - 1) * l + j;
                    elapsed[at] = unitElapsed[j] * node;
                    remaining[at] = unitRemaining[j] * node;
                    rootRemaining[at] = Math.sqrt(remaining[at]);
                    inverseRootRemaining[at] = 1 / rootRemaining[at];
                    weights[at] = unitWeights[j] * node;
                    coordinates[at] = Math.sqrt(unitElapsed[j]) * (1 + chebyshevNodes[i]) - 1;
                }
            }
            cardinals = Accuracy.cardinals(n, coordinates);
            cardinalsByPoint = new double[n * n * l];
            for (int node = 0; node < n; node++) {
                for (int at = 0; at < n * l; at++) {
                    cardinalsByPoint[at * n + node] = cardinals[node][at];
                }
            }
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

    /**
     * Value and Greeks at the {@link Accuracy#STANDARD} setting, by the differences of {@link BumpedGreeks}. Every bump
     * is priced at the setting the unbumped option takes: where a bump crosses a bound of the default's settings (in r
     * T, or sigma^2 / (r - q) in the steep corner), a setting per bump would put the two settings' difference (up to
     * ~1e-6 of the price) over the bump in the Greek.
     */
    public static Greeks greeks(OptionType type, double spot, double strike, double years, double rate,
                                double dividendYield, double volatility) {
        GeneralizedBlackScholes.validate("spot", spot, strike, years, rate, dividendYield, volatility);
        Accuracy setting = defaultSetting(type, years, rate, dividendYield, volatility);
        return BumpedGreeks.of((t, s, k, y, r, q, v) -> priceValidated(t, s, k, y, r, q, v, setting),
                type, spot, strike, years, rate, dividendYield, volatility);
    }

    /**
     * The discretisation {@link Accuracy#STANDARD} takes for this option's boundary: that of its put (a call's is the
     * mirrored put's, with rate and yield exchanged).
     */
    static Accuracy defaultSetting(OptionType type, double years, double rate, double dividendYield,
                                   double volatility) {
        boolean put = type == OptionType.PUT;
        return Accuracy.STANDARD.forBoundary(put ? rate : dividendYield, put ? dividendYield : rate, years,
                volatility);
    }

    static double priceValidated(OptionType type, double spot, double strike, double years, double rate,
                                 double dividendYield, double volatility, Accuracy accuracy) {
        return priceValidated(type, spot, strike, years, rate, dividendYield, volatility, accuracy, null);
    }

    /** @param terms the search whose previous boundary starts this one, or null for a QD+ start */
    private static double priceValidated(OptionType type, double spot, double strike, double years, double rate,
                                         double dividendYield, double volatility, Accuracy accuracy, Terms terms) {
        if (years == 0) {
            return type.intrinsic(spot, strike);
        }
        return type == OptionType.PUT
                ? put(spot, strike, years, rate, dividendYield, volatility, accuracy, terms)
                : put(strike, spot, years, dividendYield, rate, volatility, accuracy, terms);
    }

    /**
     * An option's terms without its volatility, for pricing it at a sequence of volatilities at the
     * {@link Accuracy#STANDARD} setting (an implied-volatility search; {@link #price(double)} validates its inputs).
     */
    public static Terms terms(OptionType type, double spot, double strike, double years, double rate,
                              double dividendYield) {
        return new Terms(type, spot, strike, years, rate, dividendYield);
    }

    /**
     * An option's terms without its volatility, priced at a sequence of volatilities. Each exercise boundary starts
     * from the previous one's nodes instead of from QD+ where the two volatilities are within 10%
     * of each other and share a setting, with H scaled by the square of their ratio (near
     * expiry ln(B / X) is proportional to the volatility). The Newton steps and their stop are the same as from QD+,
     * and from this start they end closer to the discrete solution than a plain price, which stops up to ~3e-8
     * relative short of it: the two agree within 5e-8 relative (measured; tested at 1e-7). A price skips the QD+
     * start and, close to the previous volatility, one of the two Newton steps. Not thread-safe: one search's
     * object.
     */
    public static final class Terms {
        private final OptionType type;
        private final double spot;
        private final double strike;
        private final double years;
        private final double rate;
        private final double dividendYield;
        /** H at the nodes of the last boundary, its volatility and its setting (null before the first). */
        private double[] start = new double[0];
        private double startVolatility;
        private Accuracy startLevel;

        private Terms(OptionType type, double spot, double strike, double years, double rate, double dividendYield) {
            this.type = type;
            this.spot = spot;
            this.strike = strike;
            this.years = years;
            this.rate = rate;
            this.dividendYield = dividendYield;
        }

        /** The American value at this volatility (annualised, decimal), as {@link AndersenLakeOffengelden#price}. */
        public double price(double volatility) {
            GeneralizedBlackScholes.validate("spot", spot, strike, years, rate, dividendYield, volatility);
            return priceValidated(type, spot, strike, years, rate, dividendYield, volatility, Accuracy.STANDARD,
                    this);
        }

        private Boundary boundary(double t, double r, double q, double vol, Accuracy level) {
            Workspace work = Workspace.of(level);
            boolean warm = startLevel == level && Math.abs(vol / startVolatility - 1) <= WARM_START_RANGE;
            Boundary boundary = new Boundary(t, r, q, vol, level, work, warm ? start : null,
                    square(vol / startVolatility));
            // the thread's cached boundary was overwritten, and plain prices must not depend on this sequence
            work.last = null;
            if (start.length < level.n + 1) {
                start = new double[level.n + 1];
            }
            System.arraycopy(work.h, 0, start, 0, level.n + 1);
            startVolatility = vol;
            startLevel = level;
            return boundary;
        }
    }

    /**
     * True where the put with this rate and yield (decimal, annualised) has two exercise boundaries (q &lt; r &lt; 0),
     * which this method leaves to finite differences; for a call, pass the yield as the rate and the rate as the yield.
     */
    public static boolean doubleBoundary(double rate, double dividendYield) {
        return rate < 0 && dividendYield < rate;
    }

    /** @param terms the search whose previous boundary starts this one, or null for a QD+ start */
    private static double put(double s, double k, double t, double r, double q, double vol, Accuracy accuracy,
                              Terms terms) {
        double intrinsic = Math.max(k - s, 0);
        double european = GeneralizedBlackScholes.price(OptionType.PUT, s, k, t, r, r - q, vol);
        if (r <= 0 && q >= r) {
            return Math.max(european, intrinsic);
        }
        if (doubleBoundary(r, q)) {
            return CrankNicolsonAmerican.price(OptionType.PUT, s, k, t, r, q, vol, CrankNicolsonAmerican.Grid.PRICING);
        }
        // the boundary is proportional to the strike: solved for K = 1, it serves every spot and strike
        Accuracy level = accuracy.forBoundary(r, q, t, vol);
        Boundary boundary = terms == null ? Boundary.ofUnitStrike(t, r, q, vol, level)
                : terms.boundary(t, r, q, vol, level);
        double moneyness = s / k;
        if (moneyness <= boundary.atExpiryDistance()) {
            return intrinsic;
        }
        double value = european + k * boundary.premium(moneyness);
        return Math.max(value, Math.max(european, intrinsic));
    }

    /**
     * The exercise boundary on [0, T] of a put with unit strike for one (T, r, q, sigma), r &gt; 0 or
     * (r = 0, q &lt; 0): boundaries and premiums are proportional to the strike.
     */
    private static final class Boundary {

        /**
         * The boundary of a unit-strike put, the thread's last one again when (T, r, q, sigma, accuracy) repeat: the
         * Greeks' spot bumps (and a call's, whose spot is the mirrored put's strike) then cost a premium integral, not
         * a boundary. Only the last boundary is kept, as its nodes live in the thread's work arrays.
         */
        static Boundary ofUnitStrike(double t, double r, double q, double vol, Accuracy accuracy) {
            Workspace work = Workspace.of(accuracy);
            Boundary last = work.last;
            if (last != null && last.accuracy == accuracy && last.t == t && last.r == r && last.q == q
                    && last.vol == vol) {
                return last;
            }
            work.last = new Boundary(t, r, q, vol, accuracy, work, null, 0);
            return work.last;
        }

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

        /**
         * @param start H at the nodes to start from, or null for QD+
         * @param scale the factor on {@code start}
         */
        private Boundary(double t, double r, double q, double vol, Accuracy accuracy, Workspace work,
                         double[] start, double scale) {
            this.t = t;
            this.r = r;
            this.q = q;
            this.vol = vol;
            this.accuracy = accuracy;
            this.x = startsBelowStrike(r, q) ? r / q : 1;
            this.logX = Math.log(x);
            int n = accuracy.n;
            this.work = work;
            h = work.h;
            double[] tau = work.tau;
            h[0] = 0;
            double[] chebyshevNodes = accuracy.chebyshevNodes;
            for (int i = 1; i <= n; i++) {
                tau[i] = t * Accuracy.nodeTime(chebyshevNodes[i]);
                work.nodeSd[i] = vol * Math.sqrt(tau[i]);
                work.nodeResidualShift[i] = -logX - (r - q) * tau[i];
                if (start != null) {
                    h[i] = start[i] * scale;
                }
            }
            if (start == null) {
                int last = 0;
                int beforeLast = 0;
                double lastForm = 0;
                for (int i : accuracy.qdPlusNodes) {
                    // Halley's start (ln(X / B)): at the first node, the near-expiry form; up to 3n / 8, that form
                    // scaled to the last node's solution; above, extrapolated along sqrt(tau) (in which it is smooth)
                    // through the last two nodes solved. Each saves iterations over the last node's value.
                    double guess;
                    if (last == 0 || Accuracy.nearExpiry(i, n)) {
                        double form = nearExpiryDistance(tau[i]);
                        guess = last == 0 ? form : Math.sqrt(h[last]) * form / lastForm;
                        lastForm = form;
                    } else {
                        double lastRoot = Math.sqrt(h[last]);
                        double beforeLastRoot = Math.sqrt(h[beforeLast]);
                        guess = lastRoot + (lastRoot - beforeLastRoot) * (chebyshevNodes[i] - chebyshevNodes[last])
                                / (chebyshevNodes[last] - chebyshevNodes[beforeLast]);
                    }
                    double logB = QdPlus.logBoundary(tau[i], r, q, vol, logX, logX - Math.max(guess, 0));
                    h[i] = square(logB - logX);
                    beforeLast = last;
                    last = i;
                }
                for (int k = 0; k < accuracy.interpolatedNodes.length; k++) {
                    int[] sources = accuracy.interpolationSources[k];
                    double[] weights = accuracy.interpolationWeights[k];
                    double root = 0;
                    for (int j = 0; j < sources.length; j++) {
                        root += weights[j] * Math.sqrt(h[sources[j]]);
                    }
                    h[accuracy.interpolatedNodes[k]] = square(Math.max(root, 0));
                }
            }
            // from QD+ the first step may take fewer points: its solution only has to start the last step
            FixedPointRule rule = start == null ? accuracy.firstStep : accuracy.fixedPoint;
            prepareQuadrature(tau, rule);
            for (int step = 0; step < accuracy.m; step++) {
                double move = newtonStep(rule);
                if (rule != accuracy.fixedPoint) {
                    rule = accuracy.fixedPoint;
                    prepareQuadrature(tau, rule);
                } else if (move < NEWTON_CONVERGED) {
                    break;
                }
            }
        }

        /**
         * ln(X / B(tau)) for a small tau, QD+'s start at the first node (from X it took 3.8 Halley iterations on
         * average, from here 1.4): the short-time asymptotes' form, 0.63 sigma sqrt(tau) where the boundary starts
         * below the strike and sigma sqrt(2 tau ln(sigma^2 / (8 pi (r - q)^2 tau))) at the strike, with the factors
         * (0.63 and 0.7) that QD+ itself has at the first node on random options.
         */
        private double nearExpiryDistance(double tau) {
            double sd = vol * Math.sqrt(tau);
            if (x < 1) {
                return 0.63 * sd;
            }
            double carry = r - q;
            // within [e, 1e9]: infinite where r = q (the form is not that case's; QD+ there is ~4.5 sigma sqrt(tau))
            double ratio = Math.min(vol * vol / (8 * Math.PI * carry * carry * tau), 1e9);
            return 0.7 * sd * Math.sqrt(2 * Math.log(Math.max(ratio, Math.E)));
        }

        /**
         * Everything at the rule's points that does not depend on the boundary, once for the Newton steps on this
         * rule: the weights with their discount factors and the time-to-go terms (the rule's tables are in units of T,
         * so each is one vectorised product). The n nodes' own terms of N and D (outside the integrals) have the
         * integrands' form at u = 0, with B(0) replaced by K = 1 and unit weights: they follow the n l points as n
         * more, so that the same vectorised loops evaluate them.
         */
        private void prepareQuadrature(double[] tau, FixedPointRule rule) {
            int n = accuracy.n;
            int points = n * rule.l;
            double[] elapsed = rule.elapsed;
            double[] weights = rule.weights;
            double[] rateWeight = work.rateWeight;
            double[] rateTime = work.rateTime;
            double[] yieldWeight = work.yieldWeight;
            double[] sdToGo = work.sdToGo;
            double[] inverseSdToGo = work.inverseSdToGo;
            double[] drift = work.drift;
            double rateWeightScale = t * NormalDistribution.INV_SQRT_2PI;
            double rateTimeScale = r * t;
            double yieldTimeScale = q * t;
            double sdScale = vol * Math.sqrt(t);
            double inverseSdScale = 1 / sdScale;
            double driftScale = (r - q + 0.5 * vol * vol) * t;
            for (int at = 0; at < points; at++) {
                // the rate's discount factor e^{r u} joins the density's exp in the Newton steps
                rateWeight[at] = rateWeightScale * weights[at];
                rateTime[at] = rateTimeScale * elapsed[at];
                // e^{q u} times the weight, below by one vectorised exp
                yieldWeight[at] = yieldTimeScale * elapsed[at];
                sdToGo[at] = sdScale * rule.rootRemaining[at];
                inverseSdToGo[at] = inverseSdScale * rule.inverseRootRemaining[at];
                drift[at] = driftScale * rule.remaining[at];
            }
            BatchMath.exp(yieldWeight, points);
            for (int at = 0; at < points; at++) {
                yieldWeight[at] *= t * weights[at];
            }
            for (int i = 1; i <= n; i++) {
                double sd = work.nodeSd[i];
                // node i's terms outside the integrals: the integrands' form at u = 0 with B(0) = K = 1, weight 1
                int node = points + i - 1;
                rateWeight[node] = NormalDistribution.INV_SQRT_2PI;
                rateTime[node] = 0;
                yieldWeight[node] = 1;
                sdToGo[node] = sd;
                inverseSdToGo[node] = 1 / sd;
                drift[node] = logX + (r - q) * tau[i] + 0.5 * sd * sd;
            }
        }

        /**
         * One Newton step on the whole collocation system (FP-A, from smooth pasting), in the unknowns
         * v_i = sqrt(H_i) = ln(X / B(tau_i)): F_i(v) = v_i - ln(X / f_i(v)) = 0 with
         * f_i = K e^{-(r-q) tau_i} N_i / D_i. The integrands depend on the other nodes through the interpolated
         * H(u) = sum_m C_m v_m^2 and on node i through L = ln(B(tau_i) / B(u)) = sqrt(H(u)) - v_i, so every point of
         * row i contributes to the Jacobian's row: dL/dv_m = C_m v_m / sqrt(H(u)) - delta_im. The slopes come from
         * the densities already evaluated for the values (phi' = -z phi): a step costs a plain fixed-point step plus
         * n x l x n multiply-adds and an n x n solve, and it converges quadratically where the plain step gains a
         * factor of about ten (and where the plain step oscillates: the steep-boundary corner).
         *
         * @return the largest change of a node's ln B
         */
        private double newtonStep(FixedPointRule rule) {
            int n = accuracy.n;
            int l = rule.l;
            int points = n * l;
            int withNodes = points + n;
            double[][] cardinals = rule.cardinals;
            double[] cardinalsByPoint = rule.cardinalsByPoint;
            double[] rateWeight = work.rateWeight;
            double[] rateTime = work.rateTime;
            double[] yieldWeight = work.yieldWeight;
            double[] sdToGo = work.sdToGo;
            double[] inverseSdToGo = work.inverseSdToGo;
            double[] drift = work.drift;
            double[] v = work.next;
            double[][] jacobian = work.jacobian;
            double[] residual = work.residual;
            double[] slope = work.slope;
            double[] rootH = work.atPoints;
            double[] nodeSd = work.nodeSd;
            double[] nodeResidualShift = work.nodeResidualShift;
            for (int m = 1; m <= n; m++) {
                v[m] = Math.sqrt(h[m]);
            }
            interpolate(cardinals, points, rootH);
            double[] inverseRootH = work.inverseRootH;
            for (int at = 0; at < points; at++) {
                double hAt = Math.max(rootH[at], 0);
                double root = Math.sqrt(hAt);
                rootH[at] = root;
                // 1 / sqrt(H), and 0 where H = 0: branch-free, so that the JIT vectorises the loop
                inverseRootH[at] = root / Math.max(hAt, Double.MIN_NORMAL);
            }
            // the node terms' pseudo-points (see prepareQuadrature) have L = -v_i
            Arrays.fill(rootH, points, withNodes, 0);
            // the integrands for all nodes at once, in loops the JIT vectorises (see BatchMath)
            double[] plus = work.plus;
            double[] minus = work.minus;
            double[] densityPlus = work.densityPlus;
            double[] rateDensity = work.rateDensity;
            double[] cdfPlus = work.cdfPlus;
            double[] pointValue = work.pointValue;
            for (int i = 1; i <= n; i++) {
                Arrays.fill(pointValue, (i - 1) * l, i * l, v[i]);
                pointValue[points + i - 1] = v[i];
            }
            for (int at = 0; at < withNodes; at++) {
                double z = (rootH[at] - pointValue[at] + drift[at]) * inverseSdToGo[at];
                double zMinus = z - sdToGo[at];
                plus[at] = z;
                minus[at] = zMinus;
                densityPlus[at] = LOG_INV_SQRT_2PI - 0.5 * z * z;
                // e^{r u} phi(minus): the rate's discount joins the density's exponent
                rateDensity[at] = rateTime[at] - 0.5 * zMinus * zMinus;
            }
            BatchMath.exp(densityPlus, withNodes);
            BatchMath.exp(rateDensity, withNodes);
            BatchMath.cdfGivenDensity(plus, densityPlus, cdfPlus, withNodes);
            for (int at = 0; at < withNodes; at++) {
                double inverse = inverseSdToGo[at];
                // the 1/sqrt(tau - u) of the densities is integrable: the cosine rule's weight cancels it
                double rateTerm = rateWeight[at] * rateDensity[at] * inverse;
                double yieldDensityTerm = yieldWeight[at] * densityPlus[at] * inverse;
                rateDensity[at] = rateTerm;
                cdfPlus[at] = yieldWeight[at] * cdfPlus[at] + yieldDensityTerm;
                // the integrands' slopes in L
                minus[at] = -minus[at] * rateTerm * inverse;
                plus[at] = yieldDensityTerm * (1 - plus[at] * inverse);
            }
            for (int i = 1; i <= n; i++) {
                double ni = 0;
                double di = 0;
                double niSlope = 0;
                double diSlope = 0;
                int first = (i - 1) * l;
                for (int at = first; at < first + l; at++) {
                    ni += rateDensity[at];
                    di += cdfPlus[at];
                    niSlope += minus[at];
                    diSlope += plus[at];
                }
                int node = points + i - 1;
                double numerator = rateDensity[node] + r * ni;
                double denominator = cdfPlus[node] + q * di;
                double inverseNumerator = 1 / numerator;
                double inverseDenominator = 1 / denominator;
                residual[i] = v[i] + nodeResidualShift[i] + Math.log(numerator * inverseDenominator);
                // d/dv_i of the terms outside the integrals (whose L = -v_i) and of the -v_i inside them
                double numeratorSlope = -minus[node] - r * niSlope;
                double denominatorSlope = -plus[node] - q * diSlope;
                double rateScale = r * inverseNumerator;
                double yieldScale = q * inverseDenominator;
                for (int j = 0; j < l; j++) {
                    int at = first + j;
                    slope[j] = (minus[at] * rateScale - plus[at] * yieldScale) * inverseRootH[at];
                }
                double[] row = jacobian[i - 1];
                jacobianRow(slope, cardinalsByPoint, first * n, l, n, v, row);
                row[i - 1] += 1 + numeratorSlope * inverseNumerator - denominatorSlope * inverseDenominator;
            }
            if (rule == accuracy.fixedPoint || !sweep(jacobian, residual, n)) {
                solve(jacobian, residual, n);
            }
            double largestMove = 0;
            for (int m = 1; m <= n; m++) {
                // at most one standard deviation sigma sqrt(tau) per step: near expiry the boundary lies within a few
                // of them of X, and a larger step is an overshoot (seen with 48 nodes on a two-week option: the next
                // step's densities underflowed to 0 and the price became NaN)
                double cap = nodeSd[m];
                double updated = Math.max(v[m] - Math.max(-cap, Math.min(cap, residual[m])), 0);
                largestMove = Math.max(largestMove, Math.abs(updated - v[m]));
                h[m] = updated * updated;
            }
            return largestMove;
        }

        /**
         * A row of the Jacobian: entry m is v_{m+1} times the sum over the node's l points of their slope times their
         * cardinal function m. Four entries at a time in registers: each is a chain of l multiply-adds, and four chains
         * run side by side (a sweep per point over the row in memory was three times slower: every multiply-add went
         * through a load and a store, in loops too short for the JIT to vectorise).
         */
        private static void jacobianRow(double[] slope, double[] cardinalsByPoint, int start, int l, int n, double[] v,
                                        double[] row) {
            int m = 0;
            for (; m + 4 <= n; m += 4) {
                double a0 = 0;
                double a1 = 0;
                double a2 = 0;
                double a3 = 0;
                for (int j = 0, at = start + m; j < l; j++, at += n) {
                    double s = slope[j];
                    a0 = Math.fma(s, cardinalsByPoint[at], a0);
                    a1 = Math.fma(s, cardinalsByPoint[at + 1], a1);
                    a2 = Math.fma(s, cardinalsByPoint[at + 2], a2);
                    a3 = Math.fma(s, cardinalsByPoint[at + 3], a3);
                }
                row[m] = a0 * v[m + 1];
                row[m + 1] = a1 * v[m + 2];
                row[m + 2] = a2 * v[m + 3];
                row[m + 3] = a3 * v[m + 4];
            }
            for (; m < n; m++) {
                double a = 0;
                for (int j = 0, at = start + m; j < l; j++, at += n) {
                    a = Math.fma(slope[j], cardinalsByPoint[at], a);
                }
                row[m] = a * v[m + 1];
            }
        }

        /**
         * Solves J x = b roughly, for the first step on the coarse rule, whose solution only starts the next step:
         * Gauss–Seidel sweeps from x = b / diag(J) until one changes no entry by more than a tenth of the largest (J
         * is strongly diagonally dominant here: 1.8 sweeps of n^2 multiply-adds on average, against n^3 / 3 for an
         * elimination). True with x in b (indices 1..n); false, with b untouched, where the sweeps did not get there
         * (2 in 6,000 random options).
         */
        private boolean sweep(double[][] jacobian, double[] b, int n) {
            double[] x = work.solution;
            for (int i = 0; i < n; i++) {
                x[i] = b[i + 1] / jacobian[i][i];
            }
            for (int sweep = 0; sweep < COARSE_SOLVE_SWEEPS; sweep++) {
                double change = 0;
                double size = 0;
                for (int i = 0; i < n; i++) {
                    double[] row = jacobian[i];
                    double even = 0;
                    double odd = 0;
                    int m = 0;
                    for (; m + 1 < n; m += 2) {
                        even = Math.fma(row[m], x[m], even);
                        odd = Math.fma(row[m + 1], x[m + 1], odd);
                    }
                    if (m < n) {
                        even = Math.fma(row[m], x[m], even);
                    }
                    double correction = (b[i + 1] - (even + odd)) / row[i];
                    x[i] += correction;
                    change = Math.max(change, Math.abs(correction));
                    size = Math.max(size, Math.abs(x[i]));
                }
                if (change <= COARSE_SOLVE_TOLERANCE * size) {
                    System.arraycopy(x, 0, b, 1, n);
                    return true;
                }
            }
            return false;
        }

        /**
         * Solves J x = b in place by Gaussian elimination with partial pivoting: J is n rows (swapped by reference), b
         * sits at indices 1..n and receives x.
         */
        private static void solve(double[][] jacobian, double[] b, int n) {
            for (int col = 0; col < n; col++) {
                int pivot = col;
                double largest = Math.abs(jacobian[col][col]);
                for (int row = col + 1; row < n; row++) {
                    double size = Math.abs(jacobian[row][col]);
                    if (size > largest) {
                        largest = size;
                        pivot = row;
                    }
                }
                if (pivot != col) {
                    double[] swap = jacobian[col];
                    jacobian[col] = jacobian[pivot];
                    jacobian[pivot] = swap;
                    double swapB = b[col + 1];
                    b[col + 1] = b[pivot + 1];
                    b[pivot + 1] = swapB;
                }
                double[] pivotRow = jacobian[col];
                double inverseDiagonal = 1 / pivotRow[col];
                double pivotB = b[col + 1];
                for (int row = col + 1; row < n; row++) {
                    double[] target = jacobian[row];
                    double factor = target[col] * inverseDiagonal;
                    for (int m = col + 1; m < n; m++) {
                        target[m] = Math.fma(-factor, pivotRow[m], target[m]);
                    }
                    b[row + 1] = Math.fma(-factor, pivotB, b[row + 1]);
                }
            }
            for (int col = n - 1; col >= 0; col--) {
                double[] pivotRow = jacobian[col];
                double sum = b[col + 1];
                for (int m = col + 1; m < n; m++) {
                    sum = Math.fma(-pivotRow[m], b[m + 1], sum);
                }
                b[col + 1] = sum / pivotRow[col];
            }
        }

        /**
         * H at every point of a node-major cardinal table of {@link Accuracy}: one multiply-add sweep over the points
         * per node, which the JIT vectorises (a dot product per point is a serial chain of n multiply-adds).
         */
        private void interpolate(double[][] cardinals, int points, double[] out) {
            Arrays.fill(out, 0, points, 0);
            for (int m = 1; m <= accuracy.n; m++) {
                double hm = h[m];
                double[] cardinal = cardinals[m - 1];
                for (int at = 0; at < points; at++) {
                    out[at] += hm * cardinal[at];
                }
            }
        }

        /** B(T), the boundary at the option's time to expiry (the last Chebyshev node), as a fraction of the strike. */
        double atExpiryDistance() {
            return x * Exponential.exp(-Math.sqrt(h[accuracy.n]));
        }

        /** The early-exercise premium per unit of strike at spot s (a fraction of the strike), by the cosine rule. */
        double premium(double s) {
            double[] elapsed = accuracy.premiumElapsed;
            double[] gw = accuracy.premiumWeights;
            int p = gw.length;
            double[] hAt = work.atPoints;
            interpolate(accuracy.premiumCardinals, p, hAt);
            double logS = Math.log(s);
            double[] rootElapsed = accuracy.premiumRootElapsed;
            double[] inverseRootElapsed = accuracy.premiumInverseRootElapsed;
            double carry = r - q;
            double sdToExpiry = vol * Math.sqrt(t);
            double inverseSdToExpiry = 1 / sdToExpiry;
            double[] minusDPlus = work.plus;
            double[] minusDMinus = work.minus;
            double[] densityPlus = work.densityPlus;
            double[] densityMinus = work.rateDensity;
            double[] rateDiscount = work.cdfPlus;
            double[] yieldDiscount = work.pointValue;
            for (int j = 0; j < p; j++) {
                double time = elapsed[j] * t;
                double logB = logX - Math.sqrt(Math.max(hAt[j], 0));
                double sd = sdToExpiry * rootElapsed[j];
                double dPlus = (logS - logB + carry * time) * inverseSdToExpiry * inverseRootElapsed[j] + 0.5 * sd;
                double dMinus = dPlus - sd;
                minusDPlus[j] = -dPlus;
                minusDMinus[j] = -dMinus;
                densityPlus[j] = LOG_INV_SQRT_2PI - 0.5 * dPlus * dPlus;
                densityMinus[j] = LOG_INV_SQRT_2PI - 0.5 * dMinus * dMinus;
                rateDiscount[j] = -r * time;
                yieldDiscount[j] = -q * time;
            }
            BatchMath.exp(densityPlus, p);
            BatchMath.exp(densityMinus, p);
            BatchMath.exp(rateDiscount, p);
            BatchMath.exp(yieldDiscount, p);
            // Phi(-d) from phi(-d) = phi(d), in place of the densities
            BatchMath.cdfGivenDensity(minusDPlus, densityPlus, densityPlus, p);
            BatchMath.cdfGivenDensity(minusDMinus, densityMinus, densityMinus, p);
            double yieldSpot = q * s;
            double sum = 0;
            for (int j = 0; j < p; j++) {
                sum += gw[j] * (r * rateDiscount[j] * densityMinus[j]
                        - yieldSpot * yieldDiscount[j] * densityPlus[j]);
            }
            return sum * t;
        }
    }

    /**
     * Work arrays of one thread, grown to the largest discretisation seen: a price allocates nothing (the arrays of
     * the default setting take about 7 KB, which a per-call allocation would zero every time).
     */
    private static final class Workspace {
        private static final ThreadLocal<Workspace> OF_THREAD = ThreadLocal.withInitial(Workspace::new);

        double[] h = new double[0];
        double[] tau = h;
        double[] next = h;
        double[] residual = h;
        double[] nodeSd = h;
        double[] nodeResidualShift = h;
        double[] rateWeight = h;
        double[] rateTime = h;
        /** 1 / sqrt(H) at the fixed-point quadrature points, 0 where H = 0. */
        double[] inverseRootH = h;
        double[] yieldWeight = h;
        double[] sdToGo = h;
        double[] inverseSdToGo = h;
        double[] drift = h;
        /**
         * Per quadrature point of a Newton step (its node's ln(X / B), d+ and d-, the densities, Phi) or of the
         * premium (d+-, the densities and Phi, the discount factors).
         */
        double[] pointValue = h;
        double[] plus = h;
        double[] minus = h;
        double[] densityPlus = h;
        double[] rateDensity = h;
        double[] cdfPlus = h;
        double[][] jacobian = new double[0][];
        double[] solution = h;
        /** In a Newton step, the slope of each point of one node: the weights of the node's Jacobian row. */
        double[] slope = h;
        /**
         * H (then sqrt H) at the quadrature points of one sweep: the n l fixed-point points and the n nodes'
         * pseudo-points, or the p premium points.
         */
        double[] atPoints = h;
        /** The boundary these arrays hold now. */
        Boundary last;

        static Workspace of(Accuracy accuracy) {
            Workspace work = OF_THREAD.get();
            int n = accuracy.n;
            int l = accuracy.fixedPoint.l;
            // the fixed-point quadrature points and the nodes' pseudo-points, or the premium's points
            int points = Math.max(n * (l + 1), accuracy.premiumWeights.length);
            if (work.h.length < n + 1 || work.atPoints.length < points || work.slope.length < l) {
                work.last = null;
                n = Math.max(n, work.h.length - 1);
                l = Math.max(l, work.slope.length);
                points = Math.max(points, work.atPoints.length);
                work.h = new double[n + 1];
                work.tau = new double[n + 1];
                work.next = new double[n + 1];
                work.residual = new double[n + 1];
                work.nodeSd = new double[n + 1];
                work.nodeResidualShift = new double[n + 1];
                work.jacobian = new double[n][n];
                work.solution = new double[n];
                work.slope = new double[l];
                work.rateWeight = new double[points];
                work.rateTime = new double[points];
                work.inverseRootH = new double[points];
                work.yieldWeight = new double[points];
                work.sdToGo = new double[points];
                work.inverseSdToGo = new double[points];
                work.drift = new double[points];
                work.pointValue = new double[points];
                work.plus = new double[points];
                work.minus = new double[points];
                work.densityPlus = new double[points];
                work.rateDensity = new double[points];
                work.cdfPlus = new double[points];
                work.atPoints = new double[points];
            }
            return work;
        }
    }

    /** True where the put's boundary starts below the strike, at B(0+) = K r / q (for r &gt; 0). */
    private static boolean startsBelowStrike(double r, double q) {
        return q > 0 && r < q;
    }

    private static double square(double x) {
        return x * x;
    }
}
