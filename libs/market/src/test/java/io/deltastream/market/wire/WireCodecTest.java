package io.deltastream.market.wire;

import io.deltastream.quant.pricing.OptionType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private static List<String> keys(String json) throws Exception {
        List<String> keys = new ArrayList<>();
        Json.tree(json).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void underlyingTickHasTheReferenceFieldsInOrder() throws Exception {
        String json = WireCodec.encode(new UnderlyingTick("NIFTY", 21503.1, WireSamples.T, 7));
        assertThat(json).isEqualTo("{\"type\":\"UNDERLYING\",\"product\":\"NIFTY\",\"price\":21503.1,"
                + "\"timestamp\":\"2026-11-23T16:14:09.003260Z\",\"tick_id\":7}");
        UnderlyingTick back = WireCodec.decodeTick(json);
        assertThat(back).isEqualTo(new UnderlyingTick("NIFTY", 21503.1, WireSamples.T, 7));
    }

    @Test
    void readsTheReferencesNaiveTimestampsAsUtc() throws Exception {
        UnderlyingTick t = WireCodec.decodeTick("{\"type\": \"UNDERLYING\", \"product\": \"NIFTY\", \"price\": 21503.1,"
                + " \"timestamp\": \"2026-11-23T16:14:09.003260\", \"tick_id\": 0}");
        assertThat(t.timestamp()).isEqualTo(WireSamples.T);
    }

    @Test
    void quoteAndChainKeepTheReferenceOrder() throws Exception {
        OptionChain chain = WireSamples.chain();
        String json = WireCodec.encode(chain);
        assertThat(keys(json)).containsExactly("product", "expiry", "spot_price", "strikes", "calls", "puts", "timestamp");
        JsonNode call = Json.tree(json).get("calls").get(0);
        List<String> quoteKeys = new ArrayList<>();
        call.fieldNames().forEachRemaining(quoteKeys::add);
        assertThat(quoteKeys).containsExactly("symbol", "product", "strike", "expiry", "option_type", "bid", "ask",
                "last", "volume", "open_interest", "delta", "gamma", "vega", "theta", "iv", "timestamp");
        assertThat(call.get("symbol").asText()).isEqualTo("NIFTY20261126C21450");
        assertThat(call.get("option_type").asText()).isEqualTo("CALL");
        assertThat(WireCodec.encode(WireCodec.decodeChain(json))).isEqualTo(json);
    }

    @Test
    void enrichedChainRoundTripsWithNullsForUnknownValues() throws Exception {
        EnrichedChain e = WireSamples.enriched();
        String json = WireCodec.encode(e);
        assertThat(keys(json)).startsWith("product", "expiry", "spot_price", "strikes", "pcr_oi", "pcr_volume",
                "atm_strike", "atm_straddle_price", "max_pain_strike", "total_call_oi", "total_put_oi",
                "call_buildup_otm", "put_buildup_otm", "calls", "puts", "timestamp", "processed_at");
        JsonNode third = Json.tree(json).get("calls").get(2);
        assertThat(third.get("iv").isNull()).isTrue();
        assertThat(third.get("buildup").asText()).isEqualTo("short_covering");
        assertThat(third.get("mid").asDouble()).isEqualTo(40.5);
        assertThat(WireCodec.encode(WireCodec.decodeEnrichedChain(json))).isEqualTo(json);
    }

    @Test
    void aPublishedChainCarriesItsTraceparentWhichReadersWithoutTracingIgnore() throws Exception {
        String json = WireCodec.encode(WireSamples.enriched());
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String published = WireCodec.withTraceparent(json, traceparent);
        assertThat(keys(published).getFirst()).isEqualTo("traceparent");
        Traced<EnrichedChain> traced = WireCodec.decodeTracedEnrichedChain(published);
        assertThat(traced.traceparent()).isEqualTo(traceparent);
        assertThat(WireCodec.encode(traced.message())).isEqualTo(json);
        assertThat(WireCodec.encode(WireCodec.decodeEnrichedChain(published))).isEqualTo(json);
        assertThat(WireCodec.decodeTracedEnrichedChain(json).traceparent()).isNull();
        // escaped like any string: a value from elsewhere cannot break the JSON
        assertThat(Json.tree(WireCodec.withTraceparent("{}", "a\"b")).get("traceparent").asText()).isEqualTo("a\"b");
    }

    @Test
    void malformedMessagesAreRejectedWithTheFieldNamed() {
        String chain = WireCodec.encode(WireSamples.chain());
        assertThatThrownBy(() -> WireCodec.decodeChain("{not json"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> WireCodec.decodeChain("[1,2]"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> WireCodec.decodeChain(chain.replace("\"spot_price\":21503.1", "\"spot_price\":\"x\"")))
                .hasMessageContaining("spot_price");
        assertThatThrownBy(() -> WireCodec.decodeChain(chain.replaceFirst("\"bid\":120.0", "\"bid\":-1")))
                .hasMessageContaining("calls[0].bid");
        assertThatThrownBy(() -> WireCodec.decodeChain(chain.replace("[21450.0,21500.0,21550.0]", "[21500.0,21450.0,21550.0]")))
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> WireCodec.decodeChain(chain.replace("\"expiry\":\"2026-11-26\",\"spot", "\"expiry\":\"26/11\",\"spot")))
                .hasMessageContaining("expiry");
        assertThatThrownBy(() -> WireCodec.decodeTick("{\"product\":\"NIFTY\",\"price\":0,\"timestamp\":\"2026-11-23T00:00:00Z\"}"))
                .hasMessageContaining("price must be greater than 0");
        assertThatThrownBy(() -> WireCodec.decodeTick("{\"product\":\"NIFTY\",\"price\":1}"))
                .hasMessageContaining("timestamp is missing");
    }

    @Test
    void optionSymbolsFormatAndParse() {
        assertThat(OptionSymbol.format("NIFTY", WireSamples.EXPIRY, OptionType.CALL, 21500)).isEqualTo("NIFTY20261126C21500");
        assertThat(OptionSymbol.format("AAPL", WireSamples.EXPIRY, OptionType.PUT, 182.5)).isEqualTo("AAPL20261126P182.5");
        OptionSymbol s = OptionSymbol.parse("BANKNIFTY20261229P45100");
        assertThat(s).isEqualTo(new OptionSymbol("BANKNIFTY", java.time.LocalDate.of(2026, 12, 29), OptionType.PUT, 45100));
        assertThat(OptionSymbol.parse("AAPL20261126P182.5").strike()).isEqualTo(182.5);
        assertThatThrownBy(() -> OptionSymbol.parse("NIFTY2026C1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OptionSymbol.parse("NIFTY20261399C21500")).isInstanceOf(IllegalArgumentException.class);
    }
}
