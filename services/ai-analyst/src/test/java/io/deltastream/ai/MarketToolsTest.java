package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.ai.model.ScriptedModelServer;
import io.deltastream.analytics.AnalyticsService;
import io.deltastream.market.store.MarketCollections;
import io.deltastream.market.store.MarketRetention;
import io.deltastream.market.store.StoredCandle;
import io.deltastream.market.store.StoredChain;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.storage.StorageService;
import io.deltastream.store.DocumentStore;
import io.deltastream.store.Documents;
import io.deltastream.store.Stores;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model's market-history tools over real HTTP: the analytics and storage services started beside the analyst,
 * reading chains and candles stored as the enricher stores them; the analyst calls them as the gateway would.
 */
class MarketToolsTest {
    static final Instant T = Instant.parse("2026-12-03T10:00:00Z");
    static ScriptedModelServer model;
    static TestServices services;
    static HttpJson ai;
    static EnrichedChain chain;

    /** Writes a stored chain and two 5-minute candles into the market database, as the enricher would. */
    static final class StoredMarket implements Service {
        @Override
        public String name() {
            return "stored-market";
        }

        @Override
        public int defaultPort() {
            return 0;
        }

        @Override
        public void install(ServiceContext ctx) {
            DocumentStore store = Stores.open(ctx, MarketCollections.DATABASE);
            store.collection(MarketCollections.optionChains(MarketRetention.DEFAULTS))
                    .insert(StoredChain.toDocument(Documents.newId(), chain));
            var candles = store.collection(MarketCollections.candles(MarketRetention.DEFAULTS));
            candles.insert(StoredCandle.toDocument(new Candle("NIFTY", 5, 21500, 21540, 21490, 21530, T,
                    T.plusSeconds(300), 40)));
            candles.insert(StoredCandle.toDocument(new Candle("NIFTY", 5, 21530, 21560, 21520, 21555,
                    T.plusSeconds(300), T.plusSeconds(600), 35)));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        model = new ScriptedModelServer();
        services = new TestServices().env("JWT_SECRET", ModelChatTest.SECRET).env("AI_EMBEDDINGS", "false").env("AI_CHAT_BURST", "1000");
        model.env("sk-test", 1).forEach(services::env);
        chain = ModelChatTest.cacheLiveChain(services);
        services.start(new StoredMarket());
        services.env("ANALYTICS_SERVICE_URL", services.start(new AnalyticsService()).baseUrl());
        services.env("STORAGE_SERVICE_URL", services.start(new StorageService()).baseUrl());
        ai = TestServices.http(services.start(new AiAnalystService()));
    }

    @AfterAll
    static void stop() {
        services.close();
        model.close();
    }

    private static JsonNode toolResult(String tool, String arguments) throws Exception {
        return AccountToolsTest.toolResult(model, ai, tool, arguments);
    }

    @Test
    void pcrHistoryComesFromTheStoredChains() throws Exception {
        JsonNode pcr = toolResult("pcr_history", "{\"product\":\"nifty\",\"limit\":5}");
        assertThat(pcr.get("history")).hasSize(1);
        assertThat(pcr.get("history").get(0).get("pcr_oi").asDouble()).isEqualTo(1.31);
        assertThat(pcr.get("history").get(0).get("expiry").asText()).isEqualTo(chain.expiry().toString());
        assertThat(toolResult("pcr_history", "{\"product\":\"NIFTY\",\"expiry\":\"soon\"}").get("error").asText())
                .isEqualTo("expiry must be YYYY-MM-DD, got 'soon'");
        assertThat(toolResult("pcr_history", "{\"product\":\"DOGE\"}").get("error").asText())
                .startsWith("the analytics service answered HTTP 404: ").contains("DOGE");
    }

    @Test
    void candlesComeFromStorageNewestFirst() throws Exception {
        JsonNode candles = toolResult("candles", "{\"product\":\"NIFTY\",\"window_minutes\":5}");
        assertThat(candles.get("count").asInt()).isEqualTo(2);
        assertThat(candles.get("candles").get(0).get("close").asDouble()).isEqualTo(21555.0);
        assertThat(toolResult("candles", "{\"product\":\"NIFTY\",\"window_minutes\":7}").get("error").asText())
                .startsWith("the storage service answered HTTP 400: ").contains("window");
    }

    @Test
    void theSurfaceSpansTheLiveExpiries() throws Exception {
        JsonNode surface = toolResult("volatility_surface", "{\"product\":\"NIFTY\"}");
        assertThat(surface.toString()).contains(chain.expiry().toString()).contains("21400");
    }
}
