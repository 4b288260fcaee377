package io.deltastream.quant.math;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link BatchMath} against the full-precision {@link Math#exp} and {@link NormalDistribution#cdf}. */
class BatchMathTest {

    @Test
    void expIsWithinItsStatedRelativeErrorOfMathExpOnRandomInputs() {
        SplittableRandom random = new SplittableRandom(3);
        double[] x = new double[1000];
        double[] e = new double[x.length];
        double worst = 0;
        for (int batch = 0; batch < 400; batch++) {
            for (int i = 0; i < x.length; i++) {
                // half over the whole range it serves, half over the quadrature's usual exponents
                x[i] = i % 2 == 0 ? -700 + random.nextDouble() * 1400 : -60 + random.nextDouble() * 61;
            }
            System.arraycopy(x, 0, e, 0, x.length);
            BatchMath.exp(e, x.length);
            for (int i = 0; i < x.length; i++) {
                double relative = Math.abs(e[i] / Math.exp(x[i]) - 1);
                assertThat(relative).as("exp(%s) = %s, Math.exp %s", x[i], e[i], Math.exp(x[i])).isLessThan(3e-12);
                worst = Math.max(worst, relative);
            }
        }
        // the bound is not slack by orders of magnitude: the squarings do amplify the rounding
        assertThat(worst).isGreaterThan(1e-13);
    }

    @Test
    void expEdges() {
        double[] x = {0, -0.0, 1, -1e-300, -700, -701, -1e6, Double.NEGATIVE_INFINITY, 709, 710, Double.NaN, 5e-324};
        double[] e = x.clone();
        BatchMath.exp(e, x.length);
        assertThat(e[0]).isEqualTo(1.0);
        assertThat(e[1]).isEqualTo(1.0);
        assertThat(e[2]).isCloseTo(Math.E, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(e[3]).isEqualTo(1.0);
        double floor = Math.exp(-700);
        for (int i = 4; i <= 7; i++) {
            assertThat(Math.abs(e[i] / floor - 1)).as("x=%s clamps to e^-700", x[i]).isLessThan(3e-12);
        }
        assertThat(Math.abs(e[8] / Math.exp(709) - 1)).isLessThan(3e-12);
        assertThat(e[9]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(e[10]).isNaN();
        assertThat(e[11]).isEqualTo(1.0);
    }

    @Test
    void expLeavesTheElementsPastTheCountAlone() {
        double[] e = {1, 2, 3};
        BatchMath.exp(e, 2);
        assertThat(e[2]).isEqualTo(3.0);
    }

    @Test
    void cdfIsWithinItsStatedErrorOfTheFullPrecisionCdfOnRandomInputs() {
        SplittableRandom random = new SplittableRandom(5);
        double[] z = new double[1000];
        double[] density = new double[z.length];
        double[] cdf = new double[z.length];
        double worstRelative = 0;
        for (int batch = 0; batch < 400; batch++) {
            for (int i = 0; i < z.length; i++) {
                z[i] = i % 4 == 0 ? -40 + random.nextDouble() * 80 : -9 + random.nextDouble() * 18;
                density[i] = NormalDistribution.pdf(z[i]);
            }
            BatchMath.cdfGivenDensity(z, density, cdf, z.length);
            for (int i = 0; i < z.length; i++) {
                double expected = NormalDistribution.cdf(z[i]);
                String name = "Phi(" + z[i] + ") = " + cdf[i] + ", full precision " + expected;
                if (Math.abs(z[i]) <= 8.4) {
                    double relative = Math.abs(cdf[i] / expected - 1);
                    assertThat(relative).as(name).isLessThan(2e-11);
                    worstRelative = Math.max(worstRelative, relative);
                } else {
                    assertThat(Math.abs(cdf[i] - expected)).as(name).isLessThan(2e-17);
                }
            }
        }
        assertThat(worstRelative).isGreaterThan(1e-13);
    }

    @Test
    void cdfIsExactlyOneHalfAtTheMeanAndKeepsTheLowerTailRelative() {
        double[] z = {0, -0.0, -5, -8};
        double[] density = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            density[i] = NormalDistribution.pdf(z[i]);
        }
        double[] cdf = new double[z.length];
        BatchMath.cdfGivenDensity(z, density, cdf, z.length);
        assertThat(cdf[0]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-11));
        assertThat(cdf[1]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-11));
        // Phi(-8) ~ 6.2e-16: a 1 - Phi(8) computation would have no digit of it left
        assertThat(Math.abs(cdf[3] / NormalDistribution.cdf(-8) - 1)).isLessThan(2e-11);
        assertThat(Math.abs(cdf[2] / NormalDistribution.cdf(-5) - 1)).isLessThan(2e-11);
    }
}
