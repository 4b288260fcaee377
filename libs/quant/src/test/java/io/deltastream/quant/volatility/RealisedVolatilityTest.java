package io.deltastream.quant.volatility;

import io.deltastream.quant.candles.OhlcBar;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class RealisedVolatilityTest {

    private static OhlcBar bar(double open, double high, double low, double close) {
        return new OhlcBar(Instant.EPOCH, Instant.EPOCH, open, high, low, close, 0, 1);
    }

    @Test
    void eachEstimatorMatchesItsFormulaWorkedByHand() {
        // five bars, four sessions. Worked separately from the textbook formulas (not with this class):
        // close-to-close returns ln(102/100.5), ln(101.2/102), ln(100.1/101.2), ln(101.9/100.1), sample variance
        // x 252 -> 0.237361228928668; Parkinson sum ln(H/L)^2 / (4 n ln 2) x 252 -> 0.209694213115601;
        // Garman-Klass (1/n) sum [ln(H/L)^2 / 2 - (2 ln 2 - 1) ln(C/O)^2] x 252 -> 0.223683032174868;
        // Yang-Zhang with k = 0.34 / (1.34 + 5/3) -> 0.230426436777473
        List<OhlcBar> bars = List.of(bar(100, 101, 99, 100.5), bar(100.8, 102.5, 100.2, 102.0),
                bar(101.5, 103.0, 100.9, 101.2), bar(101.0, 101.8, 99.5, 100.1), bar(100.4, 102.2, 100.0, 101.9));
        RealisedVolatility v = RealisedVolatility.of(bars, 4);
        assertThat(v.sessions()).isEqualTo(4);
        assertThat(v.closeToClose()).isCloseTo(0.23736122892866784, offset(1e-14));
        assertThat(v.parkinson()).isCloseTo(0.20969421311560146, offset(1e-14));
        assertThat(v.garmanKlass()).isCloseTo(0.22368303217486835, offset(1e-14));
        assertThat(v.yangZhang()).isCloseTo(0.23042643677747254, offset(1e-14));
        // only the last sessions count: an extra old bar changes nothing
        List<OhlcBar> longer = new ArrayList<>(List.of(bar(50, 60, 40, 55)));
        longer.addAll(bars);
        assertThat(RealisedVolatility.of(longer, 4)).isEqualTo(v);
    }

    @Test
    void allFourRecoverTheVolatilityOfASimulatedRandomWalk() {
        // 2000 sessions of 256 sub-steps each at 30% annual volatility, no drift, no overnight gap
        SplittableRandom random = new SplittableRandom(11);
        double sigma = 0.3;
        double step = sigma / Math.sqrt(252 * 256.0);
        List<OhlcBar> bars = new ArrayList<>();
        double price = 100;
        for (int d = 0; d <= 2000; d++) {
            double open = price;
            double high = price;
            double low = price;
            for (int s = 0; s < 256; s++) {
                price *= Math.exp(step * random.nextGaussian() - 0.5 * step * step);
                high = Math.max(high, price);
                low = Math.min(low, price);
            }
            bars.add(bar(open, high, low, price));
        }
        RealisedVolatility v = RealisedVolatility.of(bars, 2000);
        assertThat(v.closeToClose()).isCloseTo(sigma, offset(0.015));
        // the range-based estimators see only the sampled path's high and low, which understate the true range (the
        // known discrete-monitoring bias, a few percent at 256 samples a day): close, and low
        assertThat(v.yangZhang()).isCloseTo(sigma, offset(0.025)).isLessThan(sigma);
        assertThat(v.parkinson()).isCloseTo(sigma, offset(0.025)).isLessThan(sigma);
        assertThat(v.garmanKlass()).isCloseTo(sigma, offset(0.025)).isLessThan(sigma);
    }

    @Test
    void rejectsTooFewBarsAndImpossibleBars() {
        List<OhlcBar> two = List.of(bar(100, 101, 99, 100), bar(100, 101, 99, 100));
        assertThatThrownBy(() -> RealisedVolatility.of(two, 2)).hasMessageContaining("need 3 bars");
        assertThatThrownBy(() -> RealisedVolatility.of(List.of(bar(100, 101, 99, 100), bar(100, 99, 101, 100),
                bar(100, 101, 99, 100)), 2)).hasMessageContaining("OHLC");
    }
}
