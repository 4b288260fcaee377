package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.platform.json.Json;
import io.deltastream.testkit.ManualClock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The model's tools, called as the model calls them: by name with JSON arguments. */
class AnalystToolsTest {
    private final LiveMarketFacts live = new LiveMarketFacts(t -> Optional.empty(), Runnable::run,
            new ManualClock(Instant.parse("2026-12-03T10:00:00Z")));
    private final AnalystTools tools = new AnalystTools(live);

    private JsonNode call(String name, String arguments) throws Exception {
        return Json.mapper().readTree(tools.tools().execute().apply(name, arguments));
    }

    @Test
    void chainMetricsAndTheSmileOfTheLiveChain() throws Exception {
        live.accept(MarketPulseTest.chain(1.31, new long[] {10, 20, 90}, new long[] {70, 30, 5}));
        JsonNode metrics = call("chain_metrics", "{\"product\":\"nifty\"}");
        assertThat(metrics.get("pcr_oi").asDouble()).isEqualTo(1.31);
        assertThat(metrics.get("max_pain_strike").asDouble()).isEqualTo(21450.0);
        assertThat(metrics.get("as_of").asText()).isEqualTo("2026-12-03T10:00:00Z");
        assertThat(call("chain_metrics", "{\"product\":\"NIFTY\",\"expiry\":\"2026-12-10\"}").get("pcr_oi")
                .asDouble()).isEqualTo(1.31);
        JsonNode smile = call("volatility_smile", "{\"product\":\"NIFTY\"}");
        assertThat(smile.get("points")).hasSize(3);
        assertThat(smile.get("points").get(0).get("strike").asDouble()).isEqualTo(21400.0);
        assertThat(smile.get("points").get(0).get("call_iv").asDouble()).isEqualTo(0.15);
    }

    @Test
    void theCalculatorPricesAEuropeanOption() throws Exception {
        // S = K = 100, one year, no rate or dividend, 20% vol: the textbook call value 7.9656 (Hull), delta 0.5398
        JsonNode r = call("option_price", "{\"type\":\"call\",\"spot\":100,\"strike\":100,\"days_to_expiry\":365,"
                + "\"volatility\":0.2}");
        assertThat(r.get("price").asDouble()).isCloseTo(7.9656, within(1e-4));
        assertThat(r.get("delta").asDouble()).isCloseTo(0.5398, within(1e-4));
    }

    @Test
    void badCallsAreErrorsTheModelCanRead() throws Exception {
        assertThat(call("chain_metrics", "{\"product\":\"SPY\"}").get("error").asText())
                .isEqualTo("no live chain for SPY");
        assertThat(call("chain_metrics", "{}").get("error").asText()).isEqualTo("product is required");
        assertThat(call("chain_metrics", "{\"product\":\"NIFTY\",\"expiry\":\"soon\"}").get("error").asText())
                .isEqualTo("expiry must be YYYY-MM-DD, got 'soon'");
        assertThat(call("chain_metrics", "[1]").get("error").asText()).isEqualTo("arguments must be a JSON object");
        assertThat(call("chain_metrics", "{oops").get("error").asText()).isEqualTo("arguments must be a JSON object");
        assertThat(call("option_price", "{\"type\":\"straddle\"}").get("error").asText())
                .isEqualTo("type must be call or put");
        assertThat(call("option_price", "{\"type\":\"put\",\"spot\":100,\"strike\":100,\"days_to_expiry\":30,"
                + "\"volatility\":-1}").get("error").asText()).isNotBlank();
        assertThat(call("option_price", "{\"type\":\"put\",\"spot\":\"x\",\"strike\":100,\"days_to_expiry\":30,"
                + "\"volatility\":0.2}").get("error").asText()).isEqualTo("spot must be a number");
        assertThat(call("nope", "{}").get("error").asText()).startsWith("unknown tool 'nope'");
    }
}
