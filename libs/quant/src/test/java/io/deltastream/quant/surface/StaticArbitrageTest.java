package io.deltastream.quant.surface;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StaticArbitrageTest {

    /** Axel Vogt's slice, Gatheral and Jacquier (2014) section 2.2: raw SVI with butterfly arbitrage, T = 1. */
    private static final SviParameters VOGT = new SviParameters(-0.0410, 0.1331, 0.3060, 0.3586, 0.4153);
    private static final SviParameters CALM = new SviParameters(0.01, 0.1, -0.4, 0.0, 0.2);

    /** Durrleman's g from finite differences of w alone: an independent check of where the density is negative. */
    private static double gByDifferences(SviParameters p, double k) {
        double h = 1e-4;
        double w = p.totalVariance(k);
        double w1 = (p.totalVariance(k + h) - p.totalVariance(k - h)) / (2 * h);
        double w2 = (p.totalVariance(k + h) - 2 * w + p.totalVariance(k - h)) / (h * h);
        double term = 1 - k * w1 / (2 * w);
        return term * term - 0.25 * w1 * w1 * (1 / w + 0.25) + 0.5 * w2;
    }

    @Test
    void vogtsSliceHasButterflyArbitrageWhereTheDensityIsNegative() {
        StaticArbitrage check = StaticArbitrage.check(List.of(new StaticArbitrage.Smile(1, VOGT)));
        StaticArbitrage.SliceCheck slice = check.slices().getFirst();
        assertThat(slice.butterflyViolations()).isNotEmpty();
        assertThat(slice.minG()).isNegative();
        assertThat(check.arbitrageFree()).isFalse();
        for (StaticArbitrage.Interval v : slice.butterflyViolations()) {
            double middle = 0.5 * (v.kFrom() + v.kTo());
            assertThat(gByDifferences(VOGT, middle)).isNegative();
            assertThat(v.extent()).isNegative().isGreaterThanOrEqualTo(slice.minG());
        }
        // outside the reported intervals g is non-negative
        assertThat(gByDifferences(VOGT, -1.0)).isPositive();
    }

    @Test
    void aCalmSmileAndRisingVarianceAreArbitrageFree() {
        SviParameters later = new SviParameters(0.03, 0.1, -0.4, 0.0, 0.2);
        StaticArbitrage check = StaticArbitrage.check(List.of(new StaticArbitrage.Smile(1, later),
                new StaticArbitrage.Smile(0.5, CALM)));
        assertThat(check.arbitrageFree()).isTrue();
        assertThat(check.slices()).extracting(StaticArbitrage.SliceCheck::years).containsExactly(0.5, 1.0);
        assertThat(check.slices().getFirst().wingSlope()).isCloseTo(0.14, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void crossingTotalVarianceIsACalendarViolationLocatedInK() {
        // the later slice is flatter: lower total variance in the wings than the earlier one
        SviParameters steepEarly = new SviParameters(0.01, 0.3, 0.0, 0.0, 0.1);
        SviParameters flatLate = new SviParameters(0.06, 0.05, 0.0, 0.0, 0.1);
        StaticArbitrage check = StaticArbitrage.check(List.of(new StaticArbitrage.Smile(0.25, steepEarly),
                new StaticArbitrage.Smile(0.5, flatLate)));
        assertThat(check.calendar()).hasSize(1);
        List<StaticArbitrage.Interval> intervals = check.calendar().getFirst().intervals();
        // w_early(k) = 0.01 + 0.3 sqrt(k^2 + 0.01) exceeds w_late(k) = 0.06 + 0.05 sqrt(k^2 + 0.01) where
        // sqrt(k^2 + 0.01) > 0.2, i.e. |k| > 0.1732: one interval in each wing
        assertThat(intervals).hasSize(2);
        assertThat(intervals.get(0).kTo()).isCloseTo(-0.18, org.assertj.core.data.Offset.offset(0.011));
        assertThat(intervals.get(1).kFrom()).isCloseTo(0.18, org.assertj.core.data.Offset.offset(0.011));
        // the largest drop is at the grid's ends: 0.25 sqrt(1.5^2 + 0.01) - 0.05
        assertThat(intervals.get(0).extent()).isCloseTo(0.25 * Math.sqrt(2.26) - 0.05,
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(check.arbitrageFree()).isFalse();
    }

    @Test
    void steepWingsBreakLeesMomentBound() {
        StaticArbitrage check = StaticArbitrage.check(List.of(new StaticArbitrage.Smile(1,
                new SviParameters(0.01, 1.8, 0.5, 0.0, 0.2))));
        assertThat(check.slices().getFirst().wingSlope()).isCloseTo(2.7, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(check.slices().getFirst().wingSlopeOk()).isFalse();
        assertThat(check.arbitrageFree()).isFalse();
    }
}
