package io.deltastream.quant.pricing;

import io.deltastream.quant.math.NormalDistribution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class BivariateNormalTest {

    /** mpmath 40-digit quadrature of phi(x) Phi((b - rho x)/sqrt(1 - rho^2)) over x < a. */
    private static final double[][] REFERENCE = {
            {0.3, -0.4, 0.786, 0.32490572333129605838}, {-1.5, -2, -0.786, 2.0551429766161882146e-9},
            {2, 1, 0.5, 0.83186083113088047692}, {-3, 0.5, -0.3, 0.00041342395818299146083}};

    @Test
    void matchesIndependentQuadrature() {
        for (double[] row : REFERENCE) {
            assertThat(BivariateNormal.cdf(row[0], row[1], row[2])).isCloseTo(row[3], offset(1e-15));
        }
    }

    @Test
    void satisfiesClosedFormIdentities() {
        for (double rho : new double[]{-0.786, -0.3, 0.2, 0.786}) {
            assertThat(BivariateNormal.cdf(0, 0, rho)).isCloseTo(0.25 + Math.asin(rho) / (2 * Math.PI), offset(1e-15));
            for (double a = -3; a <= 3; a += 0.7) {
                for (double b = -3; b <= 3; b += 0.9) {
                    assertThat(BivariateNormal.cdf(a, b, rho) + BivariateNormal.cdf(a, -b, -rho))
                            .isCloseTo(NormalDistribution.cdf(a), offset(1e-15));
                    assertThat(BivariateNormal.cdf(a, b, rho)).isCloseTo(BivariateNormal.cdf(b, a, rho), offset(1e-15));
                }
            }
        }
    }

    @Test
    void refusesCorrelationsWhereTheQuadratureIsNotAccurate() {
        assertThatThrownBy(() -> BivariateNormal.cdf(0, 0, 0.99)).isInstanceOf(IllegalArgumentException.class);
    }
}
