package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.market.wire.OptionSymbol;
import io.deltastream.quant.pricing.OptionType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule-based reading against chains whose figures are chosen by hand. */
class MarketPulseTest {
    private static final LocalDate EXPIRY = LocalDate.of(2026, 12, 10);
    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");
    private static final double[] STRIKES = {21400, 21500, 21600};

    @Test
    void sentimentFollowsThePutCallRatioOfOpenInterestWithItsThresholds() {
        assertThat(MarketPulse.of(chain(1.25, new long[]{1, 1, 1}, new long[]{1, 1, 1})).sentiment())
                .isEqualTo("Bullish");
        assertThat(MarketPulse.of(chain(MarketPulse.BULLISH_PCR, new long[]{1, 1, 1}, new long[]{1, 1, 1}))
                .sentiment()).isEqualTo("Bullish");
        assertThat(MarketPulse.of(chain(1.19, new long[]{1, 1, 1}, new long[]{1, 1, 1})).sentiment())
                .isEqualTo("Neutral");
        assertThat(MarketPulse.of(chain(0.81, new long[]{1, 1, 1}, new long[]{1, 1, 1})).sentiment())
                .isEqualTo("Neutral");
        assertThat(MarketPulse.of(chain(MarketPulse.BEARISH_PCR, new long[]{1, 1, 1}, new long[]{1, 1, 1}))
                .sentiment()).isEqualTo("Bearish");
    }

    @Test
    void everySentenceIsTracedToTheFiguresItReports() {
        MarketPulse p = MarketPulse.of(chain(1.31, new long[]{10, 20, 90}, new long[]{70, 30, 5}));
        assertThat(p.data()).containsEntry("pcr", 1.31).containsEntry("pcr_oi", 1.31).containsEntry("pcr_vol", 0.9)
                .containsEntry("max_pain_strike", 21450.0).containsEntry("atm_strike", 21500.0)
                .containsEntry("atm_straddle_price", 172.0).containsEntry("atm_iv", 0.151)
                .containsEntry("spot_price", 21500.0).containsEntry("expiry", "2026-12-10")
                .containsEntry("support", 21400.0).containsEntry("resistance", 21600.0)
                .containsEntry("sentiment", "Bullish");
        assertThat(p.analysis())
                .startsWith("NIFTY, expiry 2026-12-10, spot 21,500.00. PCR(OI) 1.31 and PCR(volume) 0.90: Bullish")
                .contains("Max pain 21,450.00 is 0.23% below spot.")
                .contains("The ATM straddle at 21,500.00 costs 172.00, a move of about ±0.80% priced to expiry; "
                        + "ATM IV 15.1%.")
                .endsWith("Most put open interest (support) at 21,400.00, most call open interest (resistance) at "
                        + "21,600.00.");
    }

    @Test
    void anUnknownAtmIvIsLeftOutRatherThanPrintedAsNaN() {
        MarketPulse p = MarketPulse.of(chain(1.0, new long[]{1, 1, 1}, new long[]{1, 1, 1}, Double.NaN));
        assertThat(p.analysis()).doesNotContain("NaN").contains("priced to expiry. Most put");
        assertThat(p.data()).containsEntry("atm_iv", null).containsEntry("sentiment", "Neutral");
    }

    @Test
    void maxPainWithinHalfABasisPointOfSpotIsAtSpot() {
        EnrichedChain c = chain(1.0, new long[]{1, 1, 1}, new long[]{1, 1, 1});
        EnrichedChain atSpot = new EnrichedChain(c.product(), c.expiry(), 21500.68, c.strikes(), c.pcrOi(),
                c.pcrVolume(), c.atmStrike(), c.atmStraddlePrice(), 21500, 0, 0, 0, 0, c.calls(), c.puts(),
                c.timestamp(), c.processedAt(), c.yearsToExpiry(), c.forward(), c.atmIv(), c.ivSkew(),
                c.expectedMove(), 0, 0, null);
        assertThat(MarketPulse.of(atSpot).analysis()).contains("Max pain 21,500.00 is at spot.");
    }

    static EnrichedChain chain(double pcrOi, long[] callOi, long[] putOi) {
        return chain(pcrOi, callOi, putOi, 0.151);
    }

    private static EnrichedChain chain(double pcrOi, long[] callOi, long[] putOi, double atmIv) {
        List<EnrichedQuote> calls = new ArrayList<>();
        List<EnrichedQuote> puts = new ArrayList<>();
        for (int i = 0; i < STRIKES.length; i++) {
            calls.add(quote(OptionType.CALL, STRIKES[i], callOi[i]));
            puts.add(quote(OptionType.PUT, STRIKES[i], putOi[i]));
        }
        return new EnrichedChain("NIFTY", EXPIRY, 21500, STRIKES, pcrOi, 0.9, 21500, 172, 21450, 0, 0, 0, 0, calls,
                puts, T, T, 0.02, 21510, atmIv, 0.01, 200, 0, 0, null);
    }

    private static EnrichedQuote quote(OptionType type, double strike, long openInterest) {
        OptionQuote q = new OptionQuote(OptionSymbol.format("NIFTY", EXPIRY, type, strike), "NIFTY", strike, EXPIRY,
                type, 80, 81, 80.5, 100, openInterest, 0.5, 0.0004, 11, -12, 0.15, T);
        return new EnrichedQuote(q, 1, 0, 0, Buildup.values()[0]);
    }
}
