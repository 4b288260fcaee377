package io.deltastream.enricher.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.deltastream.enricher.TestChains;
import io.deltastream.market.product.ExpiryCalendar;
import io.deltastream.market.product.Product;
import io.deltastream.market.product.ProductUniverse;
import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.OptionChain;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.quant.pricing.BlackScholesMerton;
import io.deltastream.quant.pricing.Greeks;
import io.deltastream.quant.pricing.OptionType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ChainEnricherTest {
    private static final ProductUniverse UNIVERSE = ProductUniverse.defaults();
    private static final Instant T0 = Instant.parse("2026-11-25T05:00:00Z");
    private static final LocalDate EXPIRY = LocalDate.parse("2026-12-29");

    @Test
    void ivAndGreeksComeBackFromTheMidPricesAndSummaryFieldsMatchTheirDefinitions() {
        Product nifty = UNIVERSE.get("NIFTY");
        double spot = 21_530;
        DoubleUnaryOperator vol = TestChains.smile(spot, 0.14, 0.25);
        SplittableRandom r = new SplittableRandom(1);
        long[][] oi = new long[21][2];
        for (long[] row : oi) {
            row[0] = 1000 + r.nextInt(50_000);
            row[1] = 1000 + r.nextInt(50_000);
        }
        OptionChain chain = TestChains.chain(nifty, spot, EXPIRY, T0, 21, vol, (i, call) -> oi[i][call ? 0 : 1]);
        EnrichedChain e = ChainEnricher.enrich(nifty, chain, null, T0.plusMillis(3)).chain();

        double years = ExpiryCalendar.yearsToExpiry(nifty, EXPIRY, T0);
        assertThat(e.yearsToExpiry()).isCloseTo(years, within(1e-12));
        for (int i = 0; i < 21; i++) {
            double k = chain.strikes()[i];
            EnrichedQuote c = e.calls().get(i);
            EnrichedQuote p = e.puts().get(i);
            assertThat(c.quote().iv()).as("call iv at %s", k).isCloseTo(vol.applyAsDouble(k), within(1e-6));
            assertThat(p.quote().iv()).as("put iv at %s", k).isCloseTo(vol.applyAsDouble(k), within(1e-6));
            Greeks g = BlackScholesMerton.greeks(OptionType.PUT, spot, k, years, nifty.rate(), nifty.dividendYield(),
                    vol.applyAsDouble(k));
            // Six significant digits are kept: a relative error of at most 5e-6.
            assertThat(p.quote().delta()).isCloseTo(g.delta(), within(5e-6 * Math.abs(g.delta()) + 1e-15));
            assertThat(p.quote().vega()).isCloseTo(g.vega(), within(5e-6 * Math.abs(g.vega()) + 1e-15));
            assertThat(p.quote().theta()).isCloseTo(g.theta(), within(5e-6 * Math.abs(g.theta()) + 1e-15));
            assertThat(p.rho()).isCloseTo(g.rho(), within(5e-6 * Math.abs(g.rho()) + 1e-15));
            assertThat(c.buildup()).isEqualTo(Buildup.NEUTRAL);
            assertThat(c.oiChange()).isZero();
        }

        // Independent brute-force definitions (the reference's formulas).
        long callOi = 0;
        long putOi = 0;
        long callOtm = 0;
        long putOtm = 0;
        for (int i = 0; i < 21; i++) {
            callOi += oi[i][0];
            putOi += oi[i][1];
            callOtm += chain.strikes()[i] > spot ? oi[i][0] : 0;
            putOtm += chain.strikes()[i] < spot ? oi[i][1] : 0;
        }
        assertThat(e.totalCallOi()).isEqualTo(callOi);
        assertThat(e.totalPutOi()).isEqualTo(putOi);
        assertThat(e.callBuildupOtm()).isEqualTo(callOtm);
        assertThat(e.putBuildupOtm()).isEqualTo(putOtm);
        assertThat(e.pcrOi()).isCloseTo((double) putOi / callOi, within(5e-5));
        assertThat(e.atmStrike()).isEqualTo(21_550);
        assertThat(e.atmStraddlePrice()).isCloseTo(chain.calls().get(10).last() + chain.puts().get(10).last(),
                within(0.005));
        double bestPain = Double.MAX_VALUE;
        double maxPain = Double.NaN;
        for (double s : chain.strikes()) {
            double pain = 0;
            for (int i = 0; i < 21; i++) {
                pain += oi[i][0] * Math.max(0, s - chain.strikes()[i]) + oi[i][1] * Math.max(0, chain.strikes()[i] - s);
            }
            if (pain < bestPain) {
                bestPain = pain;
                maxPain = s;
            }
        }
        assertThat(e.maxPainStrike()).isEqualTo(maxPain);

        double forward = spot * Math.exp((nifty.rate() - nifty.dividendYield()) * years);
        assertThat(e.forward()).isCloseTo(forward, within(1e-6));
        // ATM IV is taken at the listed strike nearest the forward (the smile's centre), 21,650 here.
        assertThat(Math.round(forward / 50) * 50.0).isEqualTo(21_650);
        assertThat(e.atmIv()).isCloseTo(vol.applyAsDouble(21_650), within(1e-6));
        assertThat(e.expectedMove()).isCloseTo(forward * e.atmIv() * Math.sqrt(years), within(1e-6));
        // Puts dearer than calls of the same delta: a positive 25-delta skew, and a smile that fits the quotes.
        assertThat(e.ivSkew()).isPositive();
        assertThat(e.smile()).isNotNull();
        assertThat(e.smile().rmse()).isLessThan(0.002);
    }

    @Test
    void oiChangePriceChangeAndBuildUpCompareWithThePreviousChain() {
        Product nifty = UNIVERSE.get("NIFTY");
        double spot = 21_500;
        OptionChain before = TestChains.chain(nifty, spot, EXPIRY, T0, 21, TestChains.smile(spot, 0.14, 0.2),
                (i, call) -> 10_000);
        // Later: vol up (all options dearer), call OI up at every strike, put OI down.
        OptionChain after = TestChains.chain(nifty, spot, EXPIRY, T0.plusSeconds(5), 21,
                TestChains.smile(spot, 0.16, 0.2), (i, call) -> call ? 10_500 : 9_000);
        EnrichedChain e = ChainEnricher.enrich(nifty, after, before, T0.plusSeconds(5)).chain();
        for (int i = 0; i < 21; i++) {
            assertThat(e.calls().get(i).oiChange()).isEqualTo(500);
            assertThat(e.puts().get(i).oiChange()).isEqualTo(-1000);
            assertThat(e.calls().get(i).priceChange())
                    .isCloseTo(after.calls().get(i).last() - before.calls().get(i).last(), within(1e-8));
            if (e.calls().get(i).priceChange() > 0) {
                assertThat(e.calls().get(i).buildup()).isEqualTo(Buildup.LONG_BUILDUP);
            }
            if (e.puts().get(i).priceChange() > 0) {
                assertThat(e.puts().get(i).buildup()).isEqualTo(Buildup.SHORT_COVERING);
            }
        }
        assertThat(e.totalCallOiChange()).isEqualTo(21 * 500);
        assertThat(e.totalPutOiChange()).isEqualTo(-21 * 1000);
    }

    @Test
    void americanChainsAreInvertedWithTheAmericanModel() {
        Product aapl = UNIVERSE.get("AAPL");
        double spot = 185;
        DoubleUnaryOperator vol = TestChains.smile(spot, 0.27, 0.1);
        OptionChain chain = TestChains.chain(aapl, spot, LocalDate.parse("2027-01-15"), T0, 21, vol, (i, c) -> 500);
        EnrichedChain e = ChainEnricher.enrich(aapl, chain, null, T0).chain();
        for (int i = 0; i < 21; i++) {
            OptionQuote put = e.puts().get(i).quote();
            if (!Double.isNaN(put.iv())) {
                assertThat(put.iv()).isCloseTo(vol.applyAsDouble(put.strike()), within(1e-4));
            }
        }
        assertThat(e.puts().stream().filter(q -> !Double.isNaN(q.quote().iv())).count()).isGreaterThan(15);
    }

    @Test
    void anExpiredChainIsRefused() {
        Product nifty = UNIVERSE.get("NIFTY");
        OptionChain chain = TestChains.chain(nifty, 21_500, EXPIRY, T0, 21, k -> 0.15, (i, c) -> 1);
        OptionChain late = new OptionChain(chain.product(), chain.expiry(), chain.spotPrice(), chain.strikes(),
                chain.calls(), chain.puts(), Instant.parse("2026-12-30T00:00:00Z"));
        assertThatThrownBy(() -> ChainEnricher.enrich(nifty, late, null, T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expiry");
    }

    @Test
    void pythonRoundingIsHalfEvenOnTheBinaryValue() {
        assertThat(ChainEnricher.round(0.125, 2)).isEqualTo(0.12);
        assertThat(ChainEnricher.round(2.675, 2)).isEqualTo(2.67);
        assertThat(ChainEnricher.nearestToSpot(new double[]{100, 110}, 105)).isZero();
        assertThat(ChainEnricher.significant(0.000123456789)).isEqualTo(0.000123457);
        assertThat(ChainEnricher.significant(-12345.6789)).isEqualTo(-12345.7);
        assertThat(ChainEnricher.significant(0)).isZero();
        assertThat(ChainEnricher.significant(Double.NaN)).isNaN();
    }
}
