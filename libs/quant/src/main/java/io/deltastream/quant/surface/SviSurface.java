package io.deltastream.quant.surface;

import io.deltastream.quant.Inputs;
import io.deltastream.quant.InvalidInputException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Implied volatility for any strike and expiry from SVI slices.
 *
 * <p>Between two slices, total variance is interpolated linearly in T at constant log-moneyness k = ln(K/F(T)); this
 * keeps the surface free of calendar arbitrage whenever the slices are (total variance non-decreasing in T at every
 * k, see {@link #calendarViolations()}). Before the first slice, w scales linearly from 0 at T = 0; after the last,
 * the last slice's implied volatility is held. The forward is interpolated log-linearly in T from the spot at T = 0
 * through the slices' forwards, and continues at the last carry rate.
 */
public final class SviSurface {

    private static final int CALENDAR_GRID = 101;

    private final double spot;
    private final List<SviSlice> slices;

    private SviSurface(double spot, List<SviSlice> slices) {
        this.spot = spot;
        this.slices = slices;
    }

    /** @param slices at least one, distinct expiries, any order */
    public static SviSurface of(double spot, List<SviSlice> slices) {
        Inputs.requirePositive("spot", spot);
        if (slices.isEmpty()) {
            throw new InvalidInputException("slices", 0, "[1, +inf) slices");
        }
        List<SviSlice> sorted = new ArrayList<>(slices);
        sorted.sort(Comparator.comparingDouble(SviSlice::years));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).years() == sorted.get(i - 1).years()) {
                throw new InvalidInputException("years", sorted.get(i).years(), "distinct expiries");
            }
        }
        return new SviSurface(spot, List.copyOf(sorted));
    }

    public List<SviSlice> slices() {
        return slices;
    }

    /** Forward for expiry {@code years}. */
    public double forward(double years) {
        Inputs.requireNonNegative("years", years);
        double previousT = 0;
        double previousLog = Math.log(spot);
        for (SviSlice slice : slices) {
            double log = Math.log(slice.forward());
            if (years <= slice.years()) {
                return Math.exp(previousLog + (log - previousLog) * (years - previousT) / (slice.years() - previousT));
            }
            previousT = slice.years();
            previousLog = log;
        }
        double carry = (previousLog - Math.log(spot)) / previousT;
        return Math.exp(previousLog + carry * (years - previousT));
    }

    /** Total implied variance sigma^2 T at a strike and expiry. */
    public double totalVariance(double strike, double years) {
        Inputs.requirePositive("strike", strike);
        Inputs.requirePositive("years", years);
        double k = Math.log(strike / forward(years));
        return totalVarianceAtMoneyness(k, years);
    }

    /** Implied volatility (fraction) at a strike and expiry. */
    public double impliedVol(double strike, double years) {
        return Math.sqrt(totalVariance(strike, years) / years);
    }

    double totalVarianceAtMoneyness(double k, double years) {
        SviSlice first = slices.get(0);
        if (years <= first.years()) {
            return first.totalVariance(k) * years / first.years();
        }
        for (int i = 1; i < slices.size(); i++) {
            SviSlice next = slices.get(i);
            if (years <= next.years()) {
                SviSlice previous = slices.get(i - 1);
                double fraction = (years - previous.years()) / (next.years() - previous.years());
                return previous.totalVariance(k) + fraction * (next.totalVariance(k) - previous.totalVariance(k));
            }
        }
        SviSlice last = slices.get(slices.size() - 1);
        return last.totalVariance(k) * years / last.years();
    }

    /**
     * Calendar-arbitrage check: for each consecutive pair of slices, the largest drop of total variance from the
     * earlier to the later expiry over a log-moneyness grid spanning [-1.5, 1.5] (0 where w is non-decreasing).
     * The surface is free of calendar arbitrage when every entry is 0.
     */
    public List<Double> calendarViolations() {
        List<Double> violations = new ArrayList<>();
        for (int i = 1; i < slices.size(); i++) {
            double worst = 0;
            for (int j = 0; j < CALENDAR_GRID; j++) {
                double k = -1.5 + 3.0 * j / (CALENDAR_GRID - 1);
                worst = Math.max(worst, slices.get(i - 1).totalVariance(k) - slices.get(i).totalVariance(k));
            }
            violations.add(worst);
        }
        return violations;
    }

    public boolean calendarArbitrageFree() {
        return calendarViolations().stream().allMatch(v -> v == 0);
    }

    public boolean butterflyArbitrageFree() {
        return slices.stream().allMatch(SviSlice::butterflyArbitrageFree);
    }

    /** ATM volatility, 25-delta risk reversal and butterfly and skew slope per expiry: the term structure. */
    public List<SmileMetrics> termStructure() {
        return slices.stream().map(SmileMetrics::of).toList();
    }
}
