package io.deltastream.quant.math;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Exponential#exp} against {@link Math#exp}, the plain version it stands in for. */
class ExponentialTest {

    @Test
    void agreesWithMathExpWithinTwoUlpOnRandomInputs() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000_000; i++) {
            // half over the whole normal range, half over the kernels' usual [-50, 50]
            double x = i % 2 == 0 ? -708 + random.nextDouble() * 1417 : -50 + random.nextDouble() * 100;
            assertWithinUlps(x, 2);
        }
    }

    @Test
    void agreesNearZeroAndAtTheTableBoundaries() {
        for (int j = -200; j <= 200; j++) {
            double x = j * Math.log(2) / 64;
            assertWithinUlps(x, 2);
            assertWithinUlps(Math.nextUp(x), 2);
            assertWithinUlps(Math.nextDown(x), 2);
        }
        for (double x : new double[]{0, -0.0, 1e-300, -1e-300, 1e-10, -1e-10, Double.MIN_VALUE}) {
            assertWithinUlps(x, 1);
        }
        assertThat(Exponential.exp(0)).isEqualTo(1.0);
        assertThat(Exponential.exp(1)).isEqualTo(Math.E);
    }

    @Test
    void edgesAreThoseOfMathExp() {
        double[] edges = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -745.2, -745.1, -720, -708,
                709, 709.78, 709.8, 1000, -1000};
        for (double x : edges) {
            assertThat(Double.valueOf(Exponential.exp(x))).as("x=%s", x).isEqualTo(Double.valueOf(Math.exp(x)));
        }
        assertWithinUlps(Math.nextUp(-708.0), 2);
        assertWithinUlps(Math.nextDown(709.0), 2);
    }

    private static void assertWithinUlps(double x, int ulps) {
        double expected = Math.exp(x);
        double actual = Exponential.exp(x);
        assertThat(Math.abs(actual - expected)).as("exp(%s) = %s, Math.exp %s", x, actual, expected)
                .isLessThanOrEqualTo(ulps * Math.ulp(expected));
    }
}
