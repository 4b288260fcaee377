package io.deltastream.quant.pricing;

/**
 * American options by finite differences: the plain, slow, obviously-correct method beside
 * {@link AndersenLakeOffengelden}, and its pricer in the double-boundary regime that method leaves out.
 *
 * <p>Crank–Nicolson in x = ln S on a uniform grid with the strike on a node, time steps clustered at expiry
 * (tau_k = T (k/M)^2, where the boundary moves fastest), Rannacher start-up (the first two steps as four implicit
 * half-steps, which damps the payoff kink), the early-exercise constraint solved exactly at every step as the linear
 * complementarity problem min(A V - b, V - payoff) = 0 by policy iteration (any number of exercise regions: one for
 * the usual put or call, two in the double-boundary case), and the value at the spot read by cubic interpolation.
 * The result is the Richardson extrapolation (4 V(2N, 2M) - V(N, M)) / 3 of two grids. The spatial domain is the spot
 * and strike widened by 8 standard deviations plus the drift on each side; its far edges carry the asymptotic values.
 */
final class CrankNicolsonAmerican {

    /**
     * Grid of the coarser of the two solves.
     *
     * @param spaceSteps intervals in ln S
     * @param timeSteps  time steps
     */
    record Grid(int spaceSteps, int timeSteps) {
        /** For pricing in the double-boundary regime: about 1e-6 relative, a few milliseconds. */
        static final Grid PRICING = new Grid(400, 200);
    }

    private static final double WIDTH_IN_DEVIATIONS = 8;
    private static final int MAX_POLICY_ITERATIONS = 100;

    private CrankNicolsonAmerican() {
    }

    /** Value in currency units; inputs validated, years &gt; 0. */
    static double price(OptionType type, double s, double k, double t, double r, double q, double vol, Grid grid) {
        double coarse = solve(type, s, k, t, r, q, vol, grid.spaceSteps(), grid.timeSteps());
        double fine = solve(type, s, k, t, r, q, vol, 2 * grid.spaceSteps(), 2 * grid.timeSteps());
        return Math.max((4 * fine - coarse) / 3, type.intrinsic(s, k));
    }

    /** One Crank–Nicolson solve on n space intervals and m time steps. */
    static double solve(OptionType type, double s, double k, double t, double r, double q, double vol, int n, int m) {
        double logS = Math.log(s);
        double logK = Math.log(k);
        double mu = r - q - 0.5 * vol * vol;
        double width = WIDTH_IN_DEVIATIONS * vol * Math.sqrt(t) + Math.abs(mu) * t;
        double low = Math.min(logS, logK) - width;
        double dx = (Math.max(logS, logK) + width - low) / n;
        low = logK - Math.round((logK - low) / dx) * dx;

        double[] spot = new double[n + 1];
        double[] payoff = new double[n + 1];
        double[] value = new double[n + 1];
        for (int j = 0; j <= n; j++) {
            spot[j] = Math.exp(low + j * dx);
            payoff[j] = type.intrinsic(spot[j], k);
            value[j] = payoff[j];
        }
        double a = 0.5 * vol * vol / (dx * dx);
        double b = mu / (2 * dx);
        double[] rhs = new double[n + 1];
        double[] lower = new double[n + 1];
        double[] diagonal = new double[n + 1];
        double[] upper = new double[n + 1];
        boolean[] exercised = new boolean[n + 1];
        double[] scratch = new double[n + 1];

        double previousTau = 0;
        for (int step = 1; step <= m; step++) {
            double tau = t * square((double) step / m);
            if (step <= 2) {
                double middle = 0.5 * (previousTau + tau);
                advance(value, rhs, lower, diagonal, upper, exercised, scratch, payoff, spot, type, k, r, q, a, b,
                        middle - previousTau, middle, 1);
                advance(value, rhs, lower, diagonal, upper, exercised, scratch, payoff, spot, type, k, r, q, a, b,
                        tau - middle, tau, 1);
            } else {
                advance(value, rhs, lower, diagonal, upper, exercised, scratch, payoff, spot, type, k, r, q, a, b,
                        tau - previousTau, tau, 0.5);
            }
            previousTau = tau;
        }
        return cubic(value, (logS - low) / dx);
    }

    private static void advance(double[] value, double[] rhs, double[] lower, double[] diagonal, double[] upper,
                                boolean[] exercised, double[] scratch, double[] payoff, double[] spot,
                                OptionType type, double k, double r, double q, double a, double b, double dt,
                                double tau, double theta) {
        int n = value.length - 1;
        double explicit = (1 - theta) * dt;
        for (int j = 1; j < n; j++) {
            double operator = a * (value[j + 1] - 2 * value[j] + value[j - 1]) + b * (value[j + 1] - value[j - 1])
                    - r * value[j];
            rhs[j] = value[j] + explicit * operator;
            lower[j] = -theta * dt * (a - b);
            diagonal[j] = 1 + theta * dt * (2 * a + r);
            upper[j] = -theta * dt * (a + b);
        }
        value[0] = edge(type, spot[0], k, tau, r, q);
        value[n] = edge(type, spot[n], k, tau, r, q);
        for (int iteration = 0; iteration < MAX_POLICY_ITERATIONS; iteration++) {
            solveTridiagonal(value, rhs, lower, diagonal, upper, exercised, payoff, scratch);
            boolean changed = false;
            for (int j = 1; j < n; j++) {
                if (exercised[j]) {
                    double residual = lower[j] * value[j - 1] + diagonal[j] * value[j] + upper[j] * value[j + 1]
                            - rhs[j];
                    if (residual < 0) {
                        exercised[j] = false;
                        changed = true;
                    }
                } else if (value[j] < payoff[j]) {
                    exercised[j] = true;
                    changed = true;
                }
            }
            if (!changed) {
                return;
            }
        }
        throw new IllegalStateException("policy iteration did not settle");
    }

    /** Thomas algorithm on rows 1..n-1, with exercised rows replaced by V = payoff; value[0], value[n] are fixed. */
    private static void solveTridiagonal(double[] value, double[] rhs, double[] lower, double[] diagonal,
                                         double[] upper, boolean[] exercised, double[] payoff, double[] scratch) {
        int n = value.length - 1;
        double previousUpper = 0;
        double previousRhs = value[0];
        for (int j = 1; j < n; j++) {
            double lo = exercised[j] ? 0 : lower[j];
            double di = exercised[j] ? 1 : diagonal[j];
            double up = exercised[j] ? 0 : upper[j];
            double rh = exercised[j] ? payoff[j] : rhs[j];
            if (j == 1) {
                rh -= lo * value[0];
                lo = 0;
            }
            if (j == n - 1) {
                rh -= up * value[n];
                up = 0;
            }
            double pivot = di - lo * previousUpper;
            scratch[j] = up / pivot;
            value[j] = (rh - lo * previousRhs) / pivot;
            previousUpper = scratch[j];
            previousRhs = value[j];
        }
        for (int j = n - 2; j >= 1; j--) {
            value[j] -= scratch[j] * value[j + 1];
        }
    }

    /** Far-edge value: the larger of exercising now and the forward-style European asymptote. */
    private static double edge(OptionType type, double s, double k, double tau, double r, double q) {
        double forwardValue = type.sign() * (s * Math.exp(-q * tau) - k * Math.exp(-r * tau));
        return Math.max(Math.max(forwardValue, 0), type.intrinsic(s, k));
    }

    /** Four-point Lagrange interpolation at fractional node index x. */
    private static double cubic(double[] value, double x) {
        int j = Math.min(Math.max((int) Math.floor(x) - 1, 0), value.length - 4);
        double u = x - j;
        double v0 = value[j];
        double v1 = value[j + 1];
        double v2 = value[j + 2];
        double v3 = value[j + 3];
        return v0 * (u - 1) * (u - 2) * (u - 3) / -6 + v1 * u * (u - 2) * (u - 3) / 2
                + v2 * u * (u - 1) * (u - 3) / -2 + v3 * u * (u - 1) * (u - 2) / 6;
    }

    private static double square(double x) {
        return x * x;
    }
}
