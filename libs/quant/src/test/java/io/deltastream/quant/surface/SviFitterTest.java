package io.deltastream.quant.surface;

import io.deltastream.quant.InvalidInputException;
import io.deltastream.quant.math.NormalDistribution;
import io.deltastream.quant.pricing.Black76;
import io.deltastream.quant.pricing.OptionType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class SviFitterTest {

    private static final double FORWARD = 100;
    private static final double YEARS = 0.25;
    private static final SviParameters EQUITY = new SviParameters(0.004, 0.06, -0.55, 0.02, 0.12);

    private static double[] strikes(int n) {
        double[] strikes = new double[n];
        for (int i = 0; i < n; i++) {
            strikes[i] = FORWARD * Math.exp(-0.5 + 0.8 * i / (n - 1));
        }
        return strikes;
    }

    private static double[] vols(SviParameters p, double[] strikes, double noise, SplittableRandom random) {
        double[] vols = new double[strikes.length];
        for (int i = 0; i < strikes.length; i++) {
            vols[i] = p.impliedVol(Math.log(strikes[i] / FORWARD), YEARS) + (noise == 0 ? 0 : noise * random.nextGaussian());
        }
        return vols;
    }

    private static double[] ones(int n) {
        double[] weights = new double[n];
        java.util.Arrays.fill(weights, 1);
        return weights;
    }

    @Test
    void recoversTheParametersOfAnExactSviSmile() {
        double[] strikes = strikes(41);
        SviSlice slice = SviFitter.fit(YEARS, FORWARD, strikes, vols(EQUITY, strikes, 0, null), ones(41));
        assertThat(slice.rmseVol()).isLessThan(1e-7);
        for (double k = -0.5; k <= 0.3; k += 0.05) {
            assertThat(slice.totalVariance(k)).isCloseTo(EQUITY.totalVariance(k), offset(1e-8));
        }
        assertThat(slice.butterflyArbitrageFree()).isTrue();
    }

    @Test
    void quasiExplicitFitIsAtLeastAsGoodAsTheDirectFiveParameterFit() {
        SplittableRandom random = new SplittableRandom(21);
        for (int trial = 0; trial < 10; trial++) {
            SviParameters truth = new SviParameters(0.002 + 0.01 * random.nextDouble(), 0.02 + 0.1 * random.nextDouble(),
                    -0.8 + 1.2 * random.nextDouble(), -0.1 + 0.2 * random.nextDouble(), 0.05 + 0.2 * random.nextDouble());
            double[] strikes = strikes(41);
            double[] vols = vols(truth, strikes, 0.003, random);
            double[] weights = ones(41);
            SviSlice fast = SviFitter.fit(YEARS, FORWARD, strikes, vols, weights);
            SviSlice plain = SviFitter.fitDirect(YEARS, FORWARD, strikes, vols, weights);
            assertThat(objective(fast, strikes, vols)).as("trial %d", trial)
                    .isLessThanOrEqualTo(objective(plain, strikes, vols) * (1 + 1e-6) + 1e-14);
        }
    }

    private static double objective(SviSlice slice, double[] strikes, double[] vols) {
        double sum = 0;
        for (int i = 0; i < strikes.length; i++) {
            double r = slice.totalVariance(Math.log(strikes[i] / FORWARD)) - vols[i] * vols[i] * YEARS;
            sum += r * r;
        }
        return sum / strikes.length;
    }

    @Test
    void skipsMissingAndZeroWeightQuotesAndNeedsFive() {
        double[] strikes = strikes(21);
        double[] vols = vols(EQUITY, strikes, 0, null);
        double[] weights = ones(21);
        vols[3] = Double.NaN;
        vols[10] = 0;
        weights[15] = 0;
        vols[18] = 5; // an absurd print with no weight must not move the fit
        weights[18] = Double.NaN;
        SviSlice slice = SviFitter.fit(YEARS, FORWARD, strikes, vols, weights);
        assertThat(slice.rmseVol()).isLessThan(1e-7);
        assertThatThrownBy(() -> SviFitter.fit(YEARS, FORWARD, new double[]{90, 100, 110, 120},
                new double[]{0.2, 0.2, 0.2, 0.2}, ones(4)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("strikes");
    }

    /**
     * Durrleman's g against an independent reading of the density: the second strike-derivative of Black call prices
     * built from the same smile. Axel Vogt's example of butterfly arbitrage, as given in Gatheral & Jacquier (2014):
     * a=-0.0410, b=0.1331, rho=0.3060, m=0.3586, sigma=0.4153, T=1.
     */
    @Test
    void durrlemanConditionAgreesWithTheSignOfTheDensity() {
        SviParameters vogt = new SviParameters(-0.0410, 0.1331, 0.3060, 0.3586, 0.4153);
        double minimum = Double.POSITIVE_INFINITY;
        for (double k = -1.5; k <= 1.5; k += 0.01) {
            double g = vogt.durrlemanG(k);
            minimum = Math.min(minimum, g);
            double density = density(vogt, 1, k);
            if (Math.abs(g) > 1e-3) {
                assertThat(Math.signum(density)).as("k=%s g=%s", k, g).isEqualTo(Math.signum(g));
            }
        }
        assertThat(minimum).isNegative();
        for (double k = -1.5; k <= 1.5; k += 0.05) {
            assertThat(EQUITY.durrlemanG(k)).isPositive();
            assertThat(density(EQUITY, YEARS, k)).isPositive();
        }
    }

    private static double density(SviParameters p, double years, double k) {
        double strike = FORWARD * Math.exp(k);
        double h = strike * 1e-3;
        return (call(p, years, strike + h) - 2 * call(p, years, strike) + call(p, years, strike - h)) / (h * h);
    }

    private static double call(SviParameters p, double years, double strike) {
        return Black76.price(OptionType.CALL, FORWARD, strike, years, 0, p.impliedVol(Math.log(strike / FORWARD), years));
    }

    @Test
    void fitsTheSmileOfAnAnalysedChain() {
        java.util.List<io.deltastream.quant.chain.ChainRow> rows = new java.util.ArrayList<>();
        for (double strike : strikes(41)) {
            double vol = EQUITY.impliedVol(Math.log(strike / FORWARD), YEARS);
            rows.add(new io.deltastream.quant.chain.ChainRow(strike,
                    new io.deltastream.quant.chain.ChainQuote(Black76.price(OptionType.CALL, FORWARD, strike, YEARS, 0.02, vol), 1, 1),
                    new io.deltastream.quant.chain.ChainQuote(Black76.price(OptionType.PUT, FORWARD, strike, YEARS, 0.02, vol), 1, 1)));
        }
        var analysis = io.deltastream.quant.chain.ChainAnalyzer.analyze(
                io.deltastream.quant.chain.ChainInputs.onForward(99, FORWARD, YEARS, 0.02, rows));
        SviSlice slice = SviFitter.fit(analysis, YEARS);
        assertThat(slice.rmseVol()).isLessThan(1e-6);
        assertThat(slice.impliedVol(90)).isCloseTo(EQUITY.impliedVol(Math.log(0.9), YEARS), offset(1e-6));
    }

    @Test
    void smileMetrics() {
        SviSlice flat = new SviSlice(YEARS, FORWARD, new SviParameters(0.04 * YEARS, 0, 0, 0, 0.1), 0, 1, true);
        SmileMetrics flatMetrics = SmileMetrics.of(flat);
        assertThat(flatMetrics.atmVol()).isCloseTo(0.2, offset(1e-12));
        assertThat(flatMetrics.riskReversal25()).isCloseTo(0, offset(1e-12));
        assertThat(flatMetrics.butterfly25()).isCloseTo(0, offset(1e-12));
        assertThat(flatMetrics.skewSlope()).isCloseTo(0, offset(1e-12));

        SviSlice skewed = new SviSlice(YEARS, FORWARD, EQUITY, 0, 1, true);
        SmileMetrics metrics = SmileMetrics.of(skewed);
        assertThat(metrics.riskReversal25()).isNegative();
        assertThat(metrics.butterfly25()).isPositive();
        assertThat(metrics.skewSlope()).isNegative();
        double h = 1e-6;
        double numericSlope = (EQUITY.impliedVol(h, YEARS) - EQUITY.impliedVol(-h, YEARS)) / (2 * h);
        assertThat(metrics.skewSlope()).isCloseTo(numericSlope, offset(1e-7));
        // the 25-delta call strike really has forward delta 0.25 at its own vol
        double k = SmileMetrics.strikeForCallDelta(EQUITY, 0.25);
        double root = Math.sqrt(EQUITY.totalVariance(k));
        assertThat(NormalDistribution.cdf(-k / root + root / 2)).isCloseTo(0.25, offset(1e-10));
    }

    @Test
    void theTwentyFiveDeltaStrikesOfAShortExpiryFitAreTheCrossingsNearestTheForward() {
        // the enricher's fit of the synthetic feed's nearest SPY expiry (T = 4.25 days): the vertex lies beyond the
        // last strike with a wing slope b(1 + rho) = 4.0, so N(d1) falls below 0.25 near the money and returns to 1
        // far out; a bisection over [-10, 10] ended at k = 10 and read a skew of -57 (5,700 vol points)
        double years = 0.01164;
        SviParameters shortExpiry = new SviParameters(-0.020363957759263748, 2.0159464067179065, 0.984179731500037,
                0.3340123237925704, 0.05766929244621588);
        SmileMetrics metrics = SmileMetrics.of(shortExpiry, years);
        // independent: scan k outward from the forward on a fine grid for the first sign change of N(d1) - delta
        double call = scanForCallDelta(shortExpiry, 0.25, 1);
        double put = scanForCallDelta(shortExpiry, 0.75, -1);
        assertThat(call).isBetween(0.0, 0.05);
        assertThat(put).isBetween(-0.05, 0.0);
        double expected = shortExpiry.impliedVol(call, years) - shortExpiry.impliedVol(put, years);
        assertThat(metrics.riskReversal25()).isCloseTo(expected, offset(1e-6)).isBetween(-0.2, 0.2);
        assertThat(metrics.butterfly25()).isCloseTo(0.5 * (shortExpiry.impliedVol(call, years)
                + shortExpiry.impliedVol(put, years)) - shortExpiry.impliedVol(0, years), offset(1e-6));

        // a smile whose delta never reaches 0.25 within 20 ATM deviations has no 25-delta strike: NaN, not a wing vol
        SviParameters steepWing = new SviParameters(1e-4, 3.9, 0.99, 0, 0.01);
        assertThat(SmileMetrics.of(steepWing, 0.01).riskReversal25()).isNaN();
    }

    private static double scanForCallDelta(SviParameters p, double delta, int direction) {
        double previous = Double.NaN;
        for (int i = 0; i < 2_000_000; i++) {
            double k = direction * i * 1e-7;
            double root = Math.sqrt(p.totalVariance(k));
            double gap = NormalDistribution.cdf(-k / root + root / 2) - delta;
            if (i > 0 && Math.signum(gap) != Math.signum(previous)) {
                return k - direction * 0.5e-7;
            }
            previous = gap;
        }
        return Double.NaN;
    }

    @Test
    void surfaceInterpolatesTotalVarianceAndChecksCalendarArbitrage() {
        SviSlice near = new SviSlice(0.1, 101, new SviParameters(0.002, 0.03, -0.5, 0, 0.1), 0, 1, true);
        SviSlice far = new SviSlice(0.5, 104, new SviParameters(0.012, 0.08, -0.5, 0, 0.15), 0, 1, true);
        SviSurface surface = SviSurface.of(100, List.of(far, near));
        assertThat(surface.calendarArbitrageFree()).isTrue();
        assertThat(surface.calendarViolations()).containsExactly(0.0);
        assertThat(surface.impliedVol(110, 0.1)).isCloseTo(near.impliedVol(110), offset(1e-14));
        assertThat(surface.impliedVol(95, 0.5)).isCloseTo(far.impliedVol(95), offset(1e-14));
        assertThat(surface.forward(0.3)).isCloseTo(Math.exp((Math.log(101) + Math.log(104)) / 2), offset(1e-9));
        for (double k = -0.5; k <= 0.5; k += 0.1) {
            double previous = 0;
            for (double t = 0.02; t <= 1; t += 0.02) {
                double w = surface.totalVarianceAtMoneyness(k, t);
                assertThat(w).isGreaterThanOrEqualTo(previous);
                previous = w;
            }
        }
        assertThat(surface.termStructure()).hasSize(2);
        assertThat(surface.termStructure().get(0).years()).isEqualTo(0.1);

        SviSlice crossing = new SviSlice(0.6, 104, new SviParameters(0.001, 0.02, -0.5, 0, 0.1), 0, 1, true);
        SviSurface bad = SviSurface.of(100, List.of(near, far, crossing));
        assertThat(bad.calendarArbitrageFree()).isFalse();
        assertThat(bad.calendarViolations().get(1)).isPositive();
    }
}
