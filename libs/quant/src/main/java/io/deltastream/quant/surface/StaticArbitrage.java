package io.deltastream.quant.surface;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Static-arbitrage checks of a set of raw SVI slices, after Gatheral and Jacquier, "Arbitrage-free SVI volatility
 * surfaces" (Quantitative Finance 14, 2014), with the violations located:
 * <ul>
 *   <li>butterfly: Durrleman's g(k) &lt; 0 (a negative implied density), reported as the log-moneyness intervals of
 *       the grid where it happens, with the minimum of g in each;</li>
 *   <li>wings: Lee's moment bound on the asymptotic slope of total variance, b (1 + |rho|) &lt;= 2;</li>
 *   <li>calendar: total variance falling from one expiry to the next at some k, reported as the intervals and the
 *       largest drop.</li>
 * </ul>
 * All checks run on a log-moneyness grid of {@value #GRID_POINTS} points over [{@value #K_MIN}, {@value #K_MAX}].
 *
 * @param slices   per slice, ordered by expiry
 * @param calendar per consecutive pair of slices with a calendar violation
 */
public record StaticArbitrage(List<SliceCheck> slices, List<CalendarViolation> calendar) {

    /** Lower end of the log-moneyness grid. */
    public static final double K_MIN = -1.5;
    /** Upper end of the log-moneyness grid. */
    public static final double K_MAX = 1.5;
    /** Grid points. */
    public static final int GRID_POINTS = 301;
    /** Lee's bound on the wing slope of total variance. */
    public static final double MAX_WING_SLOPE = 2;

    /**
     * One expiry's smile.
     *
     * @param years      time to expiry, ACT/365 years, &gt; 0
     * @param parameters raw SVI of total variance in log-moneyness ln(K/F)
     */
    public record Smile(double years, SviParameters parameters) {
    }

    /**
     * A log-moneyness interval of the grid.
     *
     * @param kFrom  first grid point of the interval
     * @param kTo    last grid point of the interval
     * @param extent the worst value in it: the minimum of g (butterfly) or the largest variance drop (calendar)
     */
    public record Interval(double kFrom, double kTo, double extent) {
    }

    /**
     * @param years                time to expiry
     * @param minG                 minimum of Durrleman's g on the grid
     * @param butterflyViolations  where g &lt; 0
     * @param wingSlope            b (1 + |rho|)
     */
    public record SliceCheck(double years, double minG, List<Interval> butterflyViolations, double wingSlope) {
        public boolean wingSlopeOk() {
            return wingSlope <= MAX_WING_SLOPE;
        }

        public boolean arbitrageFree() {
            return butterflyViolations.isEmpty() && wingSlopeOk();
        }
    }

    /**
     * @param earlierYears the shorter expiry
     * @param laterYears   the longer expiry
     * @param intervals    where w(earlier) &gt; w(later), with the largest drop of total variance in each
     */
    public record CalendarViolation(double earlierYears, double laterYears, List<Interval> intervals) {
    }

    /** Checks the smiles (in any order; they are sorted by expiry). */
    public static StaticArbitrage check(List<Smile> smiles) {
        List<Smile> sorted = smiles.stream().sorted(Comparator.comparingDouble(Smile::years)).toList();
        List<SliceCheck> slices = new ArrayList<>();
        for (Smile s : sorted) {
            SviParameters p = s.parameters();
            double[] g = new double[GRID_POINTS];
            double minG = Double.POSITIVE_INFINITY;
            for (int i = 0; i < GRID_POINTS; i++) {
                g[i] = p.durrlemanG(k(i));
                minG = Math.min(minG, g[i]);
            }
            slices.add(new SliceCheck(s.years(), minG, negativeIntervals(g, true),
                    p.b() * (1 + Math.abs(p.rho()))));
        }
        List<CalendarViolation> calendar = new ArrayList<>();
        for (int j = 1; j < sorted.size(); j++) {
            double[] gain = new double[GRID_POINTS];
            for (int i = 0; i < GRID_POINTS; i++) {
                gain[i] = sorted.get(j).parameters().totalVariance(k(i))
                        - sorted.get(j - 1).parameters().totalVariance(k(i));
            }
            List<Interval> intervals = negativeIntervals(gain, false);
            if (!intervals.isEmpty()) {
                calendar.add(new CalendarViolation(sorted.get(j - 1).years(), sorted.get(j).years(), intervals));
            }
        }
        return new StaticArbitrage(List.copyOf(slices), List.copyOf(calendar));
    }

    /** No butterfly, wing or calendar violation. */
    public boolean arbitrageFree() {
        return calendar.isEmpty() && slices.stream().allMatch(SliceCheck::arbitrageFree);
    }

    private static double k(int i) {
        return K_MIN + (K_MAX - K_MIN) * i / (GRID_POINTS - 1);
    }

    /** Runs of negative values; extent = the minimum (asMinimum) or the largest magnitude (a drop). */
    private static List<Interval> negativeIntervals(double[] values, boolean asMinimum) {
        List<Interval> out = new ArrayList<>();
        int start = -1;
        double worst = 0;
        for (int i = 0; i <= values.length; i++) {
            boolean negative = i < values.length && values[i] < 0;
            if (negative) {
                if (start < 0) {
                    start = i;
                    worst = 0;
                }
                worst = Math.min(worst, values[i]);
            } else if (start >= 0) {
                out.add(new Interval(k(start), k(i - 1), asMinimum ? worst : -worst));
                start = -1;
            }
        }
        return out;
    }
}
