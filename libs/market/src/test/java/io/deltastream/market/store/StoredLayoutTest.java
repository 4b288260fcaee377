package io.deltastream.market.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.UnderlyingTick;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.market.wire.WireSamples;
import io.deltastream.platform.json.Json;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.store.DocumentCollection;
import io.deltastream.store.Filter;
import io.deltastream.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredLayoutTest {
    @TempDir
    Path dir;

    @Test
    void aStoredChainRebuildsTheEnrichedChainAndIsMuchSmallerThanTheNestedShape() {
        EnrichedChain chain = WireSamples.enriched();
        try (SqliteStore store = new SqliteStore(dir.resolve("m.db"), false)) {
            DocumentCollection chains = store.collection(MarketCollections.optionChains(MarketRetention.DEFAULTS));
            chains.insert(StoredChain.toDocument("run1-1", chain));
            ObjectNode doc = chains.latest(Filter.eq("product", "NIFTY").and("expiry", "2026-11-26")).orElseThrow();
            EnrichedChain back = StoredChain.fromDocument(doc);
            // The row keeps its times to the nanosecond (the store's time field keeps milliseconds).
            assertThat(WireCodec.encode(back)).isEqualTo(WireCodec.encode(chain));
            assertThat(doc.path("timestamp").asText()).isEqualTo("2026-11-23T16:14:09.003Z");
            assertThat(Json.string(doc).length()).isLessThan(WireCodec.encode(chain).length() / 2);
        }
    }

    @Test
    void quotesWithTheirOwnTimesKeepThem() {
        EnrichedChain c = WireSamples.enriched();
        var calls = new java.util.ArrayList<>(c.calls());
        var first = calls.getFirst();
        var q = first.quote();
        calls.set(0, new io.deltastream.market.wire.EnrichedQuote(new io.deltastream.market.wire.OptionQuote(q.symbol(),
                q.product(), q.strike(), q.expiry(), q.optionType(), q.bid(), q.ask(), q.last(), q.volume(),
                q.openInterest(), q.delta(), q.gamma(), q.vega(), q.theta(), q.iv(), WireSamples.T.minusSeconds(2)),
                first.rho(), first.oiChange(), first.priceChange(), first.buildup()));
        EnrichedChain withTimes = new EnrichedChain(c.product(), c.expiry(), c.spotPrice(), c.strikes(), c.pcrOi(),
                c.pcrVolume(), c.atmStrike(), c.atmStraddlePrice(), c.maxPainStrike(), c.totalCallOi(), c.totalPutOi(),
                c.callBuildupOtm(), c.putBuildupOtm(), calls, c.puts(), c.timestamp(), c.processedAt(),
                c.yearsToExpiry(), c.forward(), c.atmIv(), c.ivSkew(), c.expectedMove(), c.totalCallOiChange(),
                c.totalPutOiChange(), null);
        EnrichedChain back = StoredChain.fromDocument(StoredChain.toDocument("x", withTimes));
        assertThat(back.calls().getFirst().quote().timestamp()).isEqualTo(WireSamples.T.minusSeconds(2));
        assertThat(back.calls().get(1).quote().timestamp()).isEqualTo(WireSamples.T);
        assertThat(back.smile()).isNull();
        assertThat(WireCodec.encode(back)).isEqualTo(WireCodec.encode(withTimes));
    }

    @Test
    void ticksQuotesAndCandlesRoundTrip() {
        UnderlyingTick tick = new UnderlyingTick("NIFTY", 21503.1, WireSamples.T, 42);
        assertThat(StoredTick.fromDocument(StoredTick.toDocument("r-1", tick, WireSamples.T))).isEqualTo(tick);
        var quote = WireSamples.quote(OptionType.PUT, 21500, 10.05, 10.4, 12, 3400);
        assertThat(StoredQuote.fromDocument(StoredQuote.toDocument("r-2", quote, WireSamples.T))).isEqualTo(quote);
        Candle candle = new Candle("NIFTY", 5, 1, 3, 0.5, 2, Instant.parse("2026-11-23T10:05:00Z"),
                Instant.parse("2026-11-23T10:10:00Z"), 17);
        assertThat(StoredCandle.fromDocument(StoredCandle.toDocument(candle))).isEqualTo(candle);
        assertThat(StoredCandle.id(candle)).isEqualTo("NIFTY:5m:" + Instant.parse("2026-11-23T10:05:00Z").getEpochSecond() / 60);
    }
}
