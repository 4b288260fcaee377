package io.deltastream.quant.math;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reference values: mpmath 1.3 at 40 significant digits (ncdf, erfc·exp, erfinv). */
class NormalDistributionTest {

    private static final double[][] CDF = {
            {-30, 4.9067139271481870595e-198},
            {-20, 2.7536241186062336951e-89}, {-10, 7.619853024160526066e-24}, {-5, 2.8665157187919391167e-7},
            {-2.5, 0.006209665325776135167}, {-1, 0.15865525393145705141}, {-0.3, 0.38208857781104736693},
            {0, 0.5}, {0.3, 0.61791142218895263307}, {1, 0.84134474606854294859}, {2.5, 0.99379033467422386483},
            {5, 0.99999971334842812081}, {8, 0.9999999999999993779}};
    private static final double[][] ERFCX = {
            {0.1, 0.89645697996912663741}, {0.5, 0.61569034419292587487}, {1, 0.42758357615580700441},
            {3, 0.17900115118138995042}, {5, 0.11070463773306862637}, {10, 0.056140992743822585858},
            {30, 0.018795888861416751497}};
    private static final double[][] QUANTILES = {
            {1e-20, -9.2623400897984075737}, {1e-5, -4.2648907939228246285}, {0.01, -2.3263478740408411009},
            {0.3, -0.52440051270804078404}, {0.5, 0.0}, {0.9, 1.281551565544600467}};

    @Test
    void cdfHasFullRelativePrecisionInBothTails() {
        assertThat(NormalDistribution.cdf(-38.5)).isLessThan(1e-320);
        for (double[] row : CDF) {
            assertThat(relative(NormalDistribution.cdf(row[0]), row[1])).as("z=%s", row[0]).isLessThan(4e-16 * 8);
        }
    }

    @Test
    void erfcxMatchesReference() {
        for (double[] row : ERFCX) {
            if (row[0] > 20) {
                continue;
            }
            assertThat(relative(NormalDistribution.erfcx(row[0]), row[1])).as("x=%s", row[0]).isLessThan(1e-15);
            assertThat(relative(NormalDistribution.erfc(row[0]), row[1] * Math.exp(-row[0] * row[0])))
                    .as("erfc x=%s", row[0]).isLessThan(2e-15);
        }
        // erfcx(-x) = 2 exp(x^2) - erfcx(x)
        assertThat(relative(NormalDistribution.erfcx(-1), 2 * Math.exp(1) - 0.42758357615580700441))
                .isLessThan(1e-15);
    }

    @Test
    void inverseCdfIsAccurateAndInvertsTheCdf() {
        for (double[] row : QUANTILES) {
            assertThat(NormalDistribution.inverseCdf(row[0])).as("p=%s", row[0])
                    .isCloseTo(row[1], org.assertj.core.data.Offset.offset(4e-15 * Math.max(1, Math.abs(row[1]))));
        }
        for (double p : new double[]{1e-300, 1e-100, 1e-12, 0.123, 0.77, 1 - 1e-10}) {
            double z = NormalDistribution.inverseCdf(p);
            double back = p < 0.5 ? NormalDistribution.cdf(z) : 1 - NormalDistribution.cdf(-z);
            assertThat(relative(back, p)).as("p=%s", p).isLessThan(1e-13);
        }
        assertThat(NormalDistribution.inverseCdf(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NormalDistribution.inverseCdf(1)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void densityIntegratesTheCdfAndIsSymmetric() {
        for (double z = -6; z <= 6; z += 0.37) {
            double h = 1e-5;
            double numeric = (NormalDistribution.cdf(z + h) - NormalDistribution.cdf(z - h)) / (2 * h);
            assertThat(numeric).isCloseTo(NormalDistribution.pdf(z), org.assertj.core.data.Offset.offset(1e-10));
            assertThat(NormalDistribution.cdf(z) + NormalDistribution.cdf(-z))
                    .isCloseTo(1, org.assertj.core.data.Offset.offset(2e-16));
            assertThat(NormalDistribution.cdfGivenDensity(z, NormalDistribution.pdf(z)))
                    .isEqualTo(NormalDistribution.cdf(z));
        }
    }

    private static double relative(double actual, double expected) {
        return Math.abs(actual - expected) / Math.abs(expected);
    }
}
