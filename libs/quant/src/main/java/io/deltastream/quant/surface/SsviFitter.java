package io.deltastream.quant.surface;

import java.util.Arrays;
import java.util.List;

/**
 * Fits an {@link SsviSurface} to the smiles of several expiries: theta from each smile's ATM implied volatility
 * (linear in log-moneyness between the quotes around the forward, then made non-decreasing in expiry), and
 * (rho, eta, gamma) by Nelder–Mead on the squared implied-volatility errors of all quotes, in coordinates that keep
 * every trial point inside the arbitrage-free domain (rho = 0.999 tanh x, eta = 2 / (1 + |rho|) s(y),
 * gamma = s(z) / 2 with s the logistic function).
 */
public final class SsviFitter {

    private static final int MAX_EVALUATIONS = 800;
    private static final double TOLERANCE = 1e-12;
    private static final double MIN_THETA = 1e-8;

    /**
     * One expiry's quotes.
     *
     * @param years   ACT/365 years to expiry, &gt; 0
     * @param forward currency units, &gt; 0
     * @param strikes currency units
     * @param vols    implied volatility per strike (fraction); NaN where there is none
     */
    public record Smile(double years, double forward, double[] strikes, double[] vols) {
    }

    private SsviFitter() {
    }

    /**
     * The fit, or null when some expiry has no quote on each side of the forward (no ATM level) or fewer than two
     * quotes in all.
     *
     * @param smiles any order; the result is by ascending expiry
     */
    public static SsviSurface fit(List<Smile> smiles) {
        List<Smile> sorted = smiles.stream().sorted((a, b) -> Double.compare(a.years(), b.years())).toList();
        int n = sorted.size();
        if (n == 0) {
            return null;
        }
        double[] years = new double[n];
        double[] theta = new double[n];
        int points = 0;
        for (int i = 0; i < n; i++) {
            Smile s = sorted.get(i);
            years[i] = s.years();
            double atm = atmVol(s);
            if (Double.isNaN(atm) || !(s.years() > 0)) {
                return null;
            }
            theta[i] = Math.max(Math.max(atm * atm * s.years(), MIN_THETA), i > 0 ? theta[i - 1] : 0);
            for (double v : s.vols()) {
                points += Double.isNaN(v) ? 0 : 1;
            }
        }
        if (points < 2) {
            return null;
        }
        double[][] logMoneyness = new double[n][];
        for (int i = 0; i < n; i++) {
            Smile s = sorted.get(i);
            logMoneyness[i] = Arrays.stream(s.strikes()).map(k -> Math.log(k / s.forward())).toArray();
        }
        double[] best = NelderMead.minimize(x -> squaredError(surface(x, years, theta, 0), sorted, logMoneyness),
                new double[]{-0.3, 0, 0}, new double[]{0.5, 1, 1}, MAX_EVALUATIONS, TOLERANCE);
        double error = squaredError(surface(best, years, theta, 0), sorted, logMoneyness);
        return surface(best, years, theta, Math.sqrt(error / points));
    }

    /** Root-mean-square error in implied volatility of slice i (by expiry) of the fit against that smile's quotes. */
    public static double sliceRmseVol(SsviSurface surface, int i, Smile smile) {
        double sum = 0;
        int points = 0;
        for (int j = 0; j < smile.vols().length; j++) {
            if (!Double.isNaN(smile.vols()[j])) {
                double k = Math.log(smile.strikes()[j] / smile.forward());
                double d = Math.sqrt(Math.max(surface.totalVariance(k, i), 0) / smile.years()) - smile.vols()[j];
                sum += d * d;
                points++;
            }
        }
        return points == 0 ? Double.NaN : Math.sqrt(sum / points);
    }

    private static SsviSurface surface(double[] x, double[] years, double[] theta, double rmse) {
        double rho = 0.999 * Math.tanh(x[0]);
        double eta = 2 / (1 + Math.abs(rho)) * logistic(x[1]);
        double gamma = 0.5 * logistic(x[2]);
        return new SsviSurface(rho, eta, gamma, years, theta, rmse);
    }

    private static double squaredError(SsviSurface surface, List<Smile> smiles, double[][] logMoneyness) {
        double sum = 0;
        for (int i = 0; i < smiles.size(); i++) {
            Smile s = smiles.get(i);
            double theta = surface.theta()[i];
            double curvature = surface.phi(theta);
            for (int j = 0; j < s.vols().length; j++) {
                if (!Double.isNaN(s.vols()[j])) {
                    double model = Math.sqrt(Math.max(surface.totalVariance(logMoneyness[i][j], theta, curvature), 0)
                            / s.years());
                    double d = model - s.vols()[j];
                    sum += d * d;
                }
            }
        }
        return Double.isFinite(sum) ? sum : Double.POSITIVE_INFINITY;
    }

    /** ATM volatility by linear interpolation in log-moneyness between the nearest quotes around k = 0. */
    private static double atmVol(Smile s) {
        double below = Double.NaN;
        double belowK = Double.NEGATIVE_INFINITY;
        double above = Double.NaN;
        double aboveK = Double.POSITIVE_INFINITY;
        for (int j = 0; j < s.strikes().length; j++) {
            double v = s.vols()[j];
            if (Double.isNaN(v)) {
                continue;
            }
            double k = Math.log(s.strikes()[j] / s.forward());
            if (k <= 0 && k > belowK) {
                belowK = k;
                below = v;
            }
            if (k >= 0 && k < aboveK) {
                aboveK = k;
                above = v;
            }
        }
        if (Double.isNaN(below) || Double.isNaN(above)) {
            return Double.NaN;
        }
        return aboveK == belowK ? below : below + (above - below) * (0 - belowK) / (aboveK - belowK);
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
