package io.deltastream.socket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.market.wire.Buildup;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedQuote;
import io.deltastream.market.wire.OptionQuote;
import io.deltastream.quant.pricing.OptionType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field order and values of the gateway's own payloads (clients that print them rely on the reference's order). */
class PayloadsTest {
    @Test
    void chainSummaryHasTheReferenceFieldsInOrderPlusMaxPainAtmIvAndExpectedMove() {
        Instant t = Instant.parse("2026-12-03T10:00:00.123456Z");
        LocalDate expiry = LocalDate.of(2026, 12, 31);
        OptionQuote call = new OptionQuote("N1", "NIFTY", 21500, expiry, OptionType.CALL, 1, 2, 1.5, 10, 100, 0.5, 0.1,
                1, -1, 0.2, t);
        OptionQuote put = new OptionQuote("N2", "NIFTY", 21500, expiry, OptionType.PUT, 1, 2, 1.5, 10, 100, -0.5, 0.1,
                1, -1, 0.2, t);
        EnrichedChain c = new EnrichedChain("NIFTY", expiry, 21510.5, new double[]{21500}, 0.8274, 0.8403, 21500,
                378.11, 21350, 1247931, 1032566, 604405, 707269,
                List.of(new EnrichedQuote(call, 0.1, 0, 0, Buildup.NEUTRAL)),
                List.of(new EnrichedQuote(put, -0.1, 0, 0, Buildup.NEUTRAL)), t, t, 0.1, 21520, 0.2, 0.01, 100, 0, 0,
                null);
        assertThat(Payloads.chainSummary(c)).isEqualTo("{\"product\":\"NIFTY\",\"expiry\":\"2026-12-31\","
                + "\"spot_price\":21510.5,\"pcr_oi\":0.8274,\"pcr_volume\":0.8403,\"atm_straddle_price\":378.11,"
                + "\"max_pain_strike\":21350.0,\"timestamp\":\"2026-12-03T10:00:00.123456Z\",\"atm_strike\":21500.0,"
                + "\"atm_iv\":0.2,\"expected_move\":100.0}");
    }

    @Test
    void repliesKeepTheReferenceShapes() {
        assertThat(Payloads.subscribed("chain:NIFTY"))
                .isEqualTo("{\"room\":\"chain:NIFTY\",\"message\":\"Subscribed to chain:NIFTY\"}");
        assertThat(Payloads.unsubscribed("product:AAPL"))
                .isEqualTo("{\"room\":\"product:AAPL\",\"message\":\"Unsubscribed from product:AAPL\"}");
        assertThat(Payloads.products(List.of("NIFTY", "AAPL"))).isEqualTo("{\"products\":[\"NIFTY\",\"AAPL\"]}");
        assertThat(Payloads.connected("abc", List.of("general"))).isEqualTo(
                "{\"message\":\"Connected to DeltaStream socket gateway\",\"client_id\":\"abc\",\"rooms\":[\"general\"]}");
    }
}
