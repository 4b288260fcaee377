package io.deltastream.quant.surface;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class SsviFitterTest {

    private static final double[] YEARS = {0.05, 0.15, 0.4, 1.0};
    private static final double[] ATM = {0.22, 0.21, 0.20, 0.19};

    /** Quotes from a known SSVI (rho -0.4, eta 1.1, gamma 0.35) on 21 strikes per expiry. */
    private static List<SsviFitter.Smile> quotesFrom(SsviSurface truth) {
        List<SsviFitter.Smile> out = new ArrayList<>();
        for (int i = 0; i < YEARS.length; i++) {
            double[] strikes = new double[21];
            double[] vols = new double[21];
            for (int j = 0; j < 21; j++) {
                double k = -0.3 + 0.03 * j;
                strikes[j] = 100 * Math.exp(k);
                vols[j] = Math.sqrt(truth.totalVariance(k, i) / YEARS[i]);
            }
            out.add(new SsviFitter.Smile(YEARS[i], 100, strikes, vols));
        }
        return out;
    }

    private static double[] theta() {
        double[] theta = new double[YEARS.length];
        for (int i = 0; i < YEARS.length; i++) {
            theta[i] = ATM[i] * ATM[i] * YEARS[i];
        }
        return theta;
    }

    @Test
    void recoversTheParametersOfAnSsviSurface() {
        SsviSurface truth = new SsviSurface(-0.4, 1.1, 0.35, YEARS, theta(), 0);
        SsviSurface fit = SsviFitter.fit(quotesFrom(truth));
        assertThat(fit.rho()).isCloseTo(-0.4, offset(1e-4));
        assertThat(fit.eta()).isCloseTo(1.1, offset(1e-3));
        assertThat(fit.gamma()).isCloseTo(0.35, offset(1e-3));
        assertThat(fit.rmseVol()).isLessThan(1e-5);
        // a slice written as raw SVI has the same total variance
        for (double k = -0.5; k <= 0.5; k += 0.1) {
            assertThat(fit.slice(2).totalVariance(k)).isCloseTo(fit.totalVariance(k, 2), offset(1e-14));
        }
    }

    @Test
    void theFitIsFreeOfStaticArbitrageEvenOnQuotesThatAreNot() {
        // quotes from raw SVI slices with butterfly arbitrage (Vogt's) and a calendar crossing: SSVI cannot follow
        // them into arbitrage, and the independent check confirms it
        SviParameters vogt = new SviParameters(-0.0410, 0.1331, 0.3060, 0.3586, 0.4153);
        SviParameters flatter = new SviParameters(0.05, 0.05, 0.0, 0.0, 0.1);
        List<SsviFitter.Smile> quotes = new ArrayList<>();
        double[] years = {0.5, 1.0};
        SviParameters[] raw = {flatter, vogt};
        for (int i = 0; i < 2; i++) {
            double[] strikes = new double[31];
            double[] vols = new double[31];
            for (int j = 0; j < 31; j++) {
                double k = -0.6 + 0.04 * j;
                strikes[j] = 100 * Math.exp(k);
                vols[j] = Math.sqrt(raw[i].totalVariance(k) / years[i]);
            }
            quotes.add(new SsviFitter.Smile(years[i], 100, strikes, vols));
        }
        assertThat(StaticArbitrage.check(List.of(new StaticArbitrage.Smile(0.5, flatter),
                new StaticArbitrage.Smile(1.0, vogt))).arbitrageFree()).isFalse();
        SsviSurface fit = SsviFitter.fit(quotes);
        assertThat(fit.eta() * (1 + Math.abs(fit.rho()))).isLessThanOrEqualTo(2 + 1e-12);
        assertThat(fit.gamma()).isBetween(0.0, 0.5);
        assertThat(fit.theta()[1]).isGreaterThanOrEqualTo(fit.theta()[0]);
        StaticArbitrage check = StaticArbitrage.check(List.of(new StaticArbitrage.Smile(0.5, fit.slice(0)),
                new StaticArbitrage.Smile(1.0, fit.slice(1))));
        assertThat(check.arbitrageFree()).isTrue();
    }

    @Test
    void noFitWithoutAnAtmLevel() {
        // every quote above the forward: no ATM volatility to anchor theta
        assertThat(SsviFitter.fit(List.of(new SsviFitter.Smile(0.5, 100, new double[]{110, 120},
                new double[]{0.2, 0.21})))).isNull();
        assertThat(SsviFitter.fit(List.of())).isNull();
    }
}
