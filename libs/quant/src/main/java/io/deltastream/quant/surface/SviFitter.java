package io.deltastream.quant.surface;

import io.deltastream.quant.Inputs;
import io.deltastream.quant.InvalidInputException;
import io.deltastream.quant.chain.ChainAnalysis;
import io.deltastream.quant.chain.StrikeAnalytics;

import java.util.List;

/**
 * Weighted least-squares fit of a raw SVI slice to implied volatilities, in total variance.
 *
 * <p>{@link #fit} is the quasi-explicit method (Zeller & Mahlau; De Marco & Martini): for a fixed vertex (m, sigma),
 * with y = (k - m)/sigma, the model a + d y + c sqrt(y^2 + 1) (c = b sigma, d = rho b sigma) is linear, so the best
 * (a, c, d) is a 3x3 weighted least-squares solve, restricted to the no-arbitrage-friendly domain c >= 0, |d| <= c,
 * |d| <= 4 sigma - c (Roger Lee's wing bound b(1 + |rho|) <= 4) and a non-negative minimum variance; on violation the
 * best feasible solution on the domain's faces is taken. Only the two vertex parameters are searched, by Nelder–Mead.
 * {@link #fitDirect} is the plain five-parameter Nelder–Mead fit kept as the oracle.
 *
 * <p>Quotes with a NaN or non-positive volatility or weight are skipped (missing and illiquid strikes); at least five
 * usable quotes are required.
 */
public final class SviFitter {

    static final int MIN_QUOTES = 5;
    private static final int GRID_POINTS = 201;

    private SviFitter() {
    }

    /**
     * @param years   time to expiry, > 0
     * @param forward forward of the expiry, > 0
     * @param strikes strikes of the quotes
     * @param vols    implied volatilities as fractions (NaN = missing)
     * @param weights relative weights, e.g. vega or 1/spread (NaN or <= 0 = skip)
     */
    public static SviSlice fit(double years, double forward, double[] strikes, double[] vols, double[] weights) {
        Quotes quotes = Quotes.of(years, forward, strikes, vols, weights);
        double[] vertex = NelderMead.minimize(p -> quotes.innerFit(p[0], Math.exp(p[1]), null), quotes.startVertex(),
                new double[]{0.1, 0.7}, 400, 1e-12);
        double[] abcd = new double[3];
        quotes.innerFit(vertex[0], Math.exp(vertex[1]), abcd);
        double sigma = Math.exp(vertex[1]);
        double c = abcd[1];
        double d = abcd[2];
        SviParameters parameters = new SviParameters(abcd[0], c / sigma, c > 0 ? clampRho(d / c) : 0, vertex[0],
                sigma);
        return quotes.slice(parameters);
    }

    /** Fits the smile of an analysed chain, weighting each strike by the vega of its out-of-the-money option. */
    public static SviSlice fit(ChainAnalysis analysis, double years) {
        List<StrikeAnalytics> rows = analysis.strikes();
        double[] strikes = new double[rows.size()];
        double[] vols = new double[rows.size()];
        double[] weights = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            StrikeAnalytics row = rows.get(i);
            strikes[i] = row.strike();
            vols[i] = row.smileIv();
            var otm = row.strike() < analysis.forward() ? row.putGreeks() : row.callGreeks();
            weights[i] = otm == null ? Double.NaN : otm.vega();
        }
        return fit(years, analysis.forward(), strikes, vols, weights);
    }

    /** The plain five-parameter Nelder–Mead fit of the same objective: slow, the oracle for {@link #fit}. */
    public static SviSlice fitDirect(double years, double forward, double[] strikes, double[] vols, double[] weights) {
        Quotes quotes = Quotes.of(years, forward, strikes, vols, weights);
        double[] vertex = quotes.startVertex();
        double[] start = {quotes.minW * 0.9, 0.1, 0, vertex[0], 0.1};
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int restart = 0; restart < 4; restart++) {
            double[] point = NelderMead.minimize(quotes::rawObjective, best == null ? start : best,
                    new double[]{0.01, 0.05, 0.3, 0.1, 0.05}, 20_000, 1e-15);
            double value = quotes.rawObjective(point);
            if (value < bestValue) {
                bestValue = value;
                best = point;
            }
        }
        return quotes.slice(new SviParameters(best[0], best[1], best[2], best[3], best[4]));
    }

    private static double clampRho(double rho) {
        return Math.max(-1 + 1e-12, Math.min(1 - 1e-12, rho));
    }

    /** The usable quotes in total-variance form. */
    private static final class Quotes {
        final double years;
        final double forward;
        final double[] k;
        final double[] w;
        final double[] weight;
        final double minW;
        final double maxW;
        final int minIndex;
        /**
         * Scratch for {@link #innerFit}, which runs hundreds of times per fit: reusing these instead of allocating
         * them each time was 30% of the embedded pipeline's allocation. A Quotes serves one fit on one thread.
         */
        private final double[] y;
        private final double[] z;

        private Quotes(double years, double forward, double[] k, double[] w, double[] weight) {
            this.years = years;
            this.forward = forward;
            this.k = k;
            this.w = w;
            this.weight = weight;
            this.y = new double[k.length];
            this.z = new double[k.length];
            int argMin = 0;
            double max = 0;
            for (int i = 0; i < w.length; i++) {
                if (w[i] < w[argMin]) {
                    argMin = i;
                }
                max = Math.max(max, w[i]);
            }
            this.minIndex = argMin;
            this.minW = w[argMin];
            this.maxW = max;
        }

        static Quotes of(double years, double forward, double[] strikes, double[] vols, double[] weights) {
            Inputs.requirePositive("years", years);
            Inputs.requirePositive("forward", forward);
            if (strikes.length != vols.length || strikes.length != weights.length) {
                throw new InvalidInputException("vols", vols.length, "one volatility and one weight per strike ("
                        + strikes.length + ")");
            }
            int usable = 0;
            for (int i = 0; i < strikes.length; i++) {
                if (usable(strikes[i], vols[i], weights[i])) {
                    usable++;
                }
            }
            if (usable < MIN_QUOTES) {
                throw new InvalidInputException("strikes", usable, "[" + MIN_QUOTES
                        + ", +inf) quotes with a positive strike, volatility and weight");
            }
            double[] k = new double[usable];
            double[] w = new double[usable];
            double[] weight = new double[usable];
            double total = 0;
            int j = 0;
            for (int i = 0; i < strikes.length; i++) {
                if (usable(strikes[i], vols[i], weights[i])) {
                    k[j] = Math.log(strikes[i] / forward);
                    w[j] = vols[i] * vols[i] * years;
                    weight[j] = weights[i];
                    total += weights[i];
                    j++;
                }
            }
            for (int i = 0; i < usable; i++) {
                weight[i] /= total;
            }
            return new Quotes(years, forward, k, w, weight);
        }

        private static boolean usable(double strike, double vol, double weight) {
            return strike > 0 && vol > 0 && Double.isFinite(vol) && weight > 0 && Double.isFinite(weight);
        }

        double[] startVertex() {
            return new double[]{k[minIndex], Math.log(0.1)};
        }

        /**
         * Best (a, c, d) for the vertex (m, sigma) over the feasible domain; returns the weighted squared error and,
         * when {@code out} is not null, stores the parameters in it.
         */
        double innerFit(double m, double sigma, double[] out) {
            int n = k.length;
            for (int i = 0; i < n; i++) {
                y[i] = (k[i] - m) / sigma;
                z[i] = Math.sqrt(y[i] * y[i] + 1);
            }
            double[] best = new double[3];
            double bestError = Double.POSITIVE_INFINITY;
            double[] candidate = solveFree(y, z);
            if (candidate != null && feasible(candidate, sigma)) {
                best = candidate;
                bestError = error(candidate, y, z);
            } else {
                // faces: d = +-c, d = +-(4 sigma - c), c = d = 0
                for (int face = 0; face < 5; face++) {
                    candidate = solveFace(face, y, z, sigma);
                    if (candidate != null && feasible(candidate, sigma)) {
                        double e = error(candidate, y, z);
                        if (e < bestError) {
                            bestError = e;
                            best = candidate;
                        }
                    }
                }
            }
            if (out != null) {
                System.arraycopy(best, 0, out, 0, 3);
            }
            return bestError;
        }

        private double[] solveFree(double[] y, double[] z) {
            double s1 = 0, sy = 0, sz = 0, syy = 0, szz = 0, syz = 0, sw = 0, syw = 0, szw = 0;
            for (int i = 0; i < y.length; i++) {
                double q = weight[i];
                s1 += q;
                sy += q * y[i];
                sz += q * z[i];
                syy += q * y[i] * y[i];
                szz += q * z[i] * z[i];
                syz += q * y[i] * z[i];
                sw += q * w[i];
                syw += q * y[i] * w[i];
                szw += q * z[i] * w[i];
            }
            // unknowns (a, c, d): rows for a, c, d of the normal equations
            return solve3(s1, sz, sy, sz, szz, syz, sy, syz, syy, sw, szw, syw);
        }

        /** Two-unknown least squares w - shift*y ~ a + c u on one face of the domain. */
        private double[] solveFace(int face, double[] y, double[] z, double sigma) {
            double s1 = 0, su = 0, suu = 0, sw = 0, suw = 0;
            double shift = face == 2 ? 4 * sigma : face == 3 ? -4 * sigma : 0;
            for (int i = 0; i < y.length; i++) {
                double u = switch (face) {
                    case 0 -> z[i] + y[i];
                    case 1 -> z[i] - y[i];
                    case 2 -> z[i] - y[i];
                    case 3 -> z[i] + y[i];
                    default -> 0;
                };
                double target = w[i] - shift * y[i];
                double q = weight[i];
                s1 += q;
                su += q * u;
                suu += q * u * u;
                sw += q * target;
                suw += q * u * target;
            }
            double a;
            double c;
            if (face == 4) {
                a = sw / s1;
                c = 0;
            } else {
                double det = s1 * suu - su * su;
                if (!(Math.abs(det) > 1e-300)) {
                    return null;
                }
                a = (sw * suu - su * suw) / det;
                c = (s1 * suw - su * sw) / det;
            }
            double d = switch (face) {
                case 0 -> c;
                case 1 -> -c;
                case 2 -> 4 * sigma - c;
                case 3 -> -(4 * sigma - c);
                default -> 0;
            };
            return new double[]{a, c, d};
        }

        private boolean feasible(double[] acd, double sigma) {
            double a = acd[0];
            double c = acd[1];
            double d = acd[2];
            double slack = 1e-12 * (1 + c);
            return c >= -slack && Math.abs(d) <= c + slack && Math.abs(d) <= 4 * sigma - c + slack
                    && a + Math.sqrt(Math.max(c * c - d * d, 0)) >= -slack && a <= maxW + slack;
        }

        private double error(double[] acd, double[] y, double[] z) {
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                double r = acd[0] + acd[2] * y[i] + acd[1] * z[i] - w[i];
                sum += weight[i] * r * r;
            }
            return sum;
        }

        /** Objective on raw parameters (a, b, rho, m, sigma); +inf outside the model's domain. */
        double rawObjective(double[] p) {
            if (!(p[1] >= 0 && Math.abs(p[2]) < 1 && p[4] > 0 && p[1] * (1 + Math.abs(p[2])) <= 4
                    && p[0] + p[1] * p[4] * Math.sqrt(1 - p[2] * p[2]) >= 0)) {
                return Double.POSITIVE_INFINITY;
            }
            double sum = 0;
            for (int i = 0; i < k.length; i++) {
                double x = k[i] - p[3];
                double r = p[0] + p[1] * (p[2] * x + Math.sqrt(x * x + p[4] * p[4])) - w[i];
                sum += weight[i] * r * r;
            }
            return sum;
        }

        SviSlice slice(SviParameters parameters) {
            double squaredVolError = 0;
            for (int i = 0; i < k.length; i++) {
                double r = parameters.impliedVol(k[i], years) - Math.sqrt(w[i] / years);
                squaredVolError += weight[i] * r * r;
            }
            double low = k[0];
            double high = k[0];
            for (double value : k) {
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
            low -= 1;
            high += 1;
            double minG = Double.POSITIVE_INFINITY;
            for (int i = 0; i < GRID_POINTS; i++) {
                minG = Math.min(minG, parameters.durrlemanG(low + (high - low) * i / (GRID_POINTS - 1)));
            }
            return new SviSlice(years, forward, parameters, Math.sqrt(squaredVolError), minG, minG >= 0);
        }

        private static double[] solve3(double a11, double a12, double a13, double a21, double a22, double a23,
                                       double a31, double a32, double a33, double b1, double b2, double b3) {
            double det = a11 * (a22 * a33 - a23 * a32) - a12 * (a21 * a33 - a23 * a31) + a13 * (a21 * a32 - a22 * a31);
            if (!(Math.abs(det) > 1e-300)) {
                return null;
            }
            double x1 = (b1 * (a22 * a33 - a23 * a32) - a12 * (b2 * a33 - a23 * b3) + a13 * (b2 * a32 - a22 * b3)) / det;
            double x2 = (a11 * (b2 * a33 - a23 * b3) - b1 * (a21 * a33 - a23 * a31) + a13 * (a21 * b3 - b2 * a31)) / det;
            double x3 = (a11 * (a22 * b3 - b2 * a32) - a12 * (a21 * b3 - b2 * a31) + b1 * (a21 * a32 - a22 * a31)) / det;
            return new double[]{x1, x2, x3};
        }
    }
}
