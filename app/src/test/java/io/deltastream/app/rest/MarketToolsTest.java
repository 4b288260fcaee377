package io.deltastream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.ai.AiAnalystService;
import io.deltastream.analytics.AnalyticsService;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.storage.StorageService;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.ScriptedModelServer;
import io.deltastream.testkit.TestServices;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model's market-history tools over real HTTP: the analytics and storage services started beside the analyst,
 * reading chains and candles stored as the enricher stores them; the analyst calls them as the gateway would.
 */
class MarketToolsTest {
    static final Instant T = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(3600);
    static ScriptedModelServer model;
    static TestServices services;
    static HttpJson ai;
    static EnrichedChain chain;

    @BeforeAll
    static void start() throws Exception {
        model = new ScriptedModelServer();
        services = new TestServices().env("JWT_SECRET", AccountToolsTest.SECRET).env("AI_EMBEDDINGS", "false")
                .env("AI_CHAT_BURST", "1000");
        model.env("sk-test", 1).forEach(services::env);
        MarketFixture market = new MarketFixture();
        services.start(market);
        chain = MarketFixture.chain("NIFTY", LocalDate.now().plusDays(7), 21500, 50, 4, Instant.now(), 1, 0);
        market.storeChain(chain);
        market.cacheChain(chain);
        market.candle(new Candle("NIFTY", 5, 21500, 21540, 21490, 21530, T, T.plusSeconds(300), 40));
        market.candle(new Candle("NIFTY", 5, 21530, 21560, 21520, 21555, T.plusSeconds(300), T.plusSeconds(600), 35));
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
        assertThat(pcr.get("history").get(0).get("pcr_oi").asDouble()).isEqualTo(chain.pcrOi());
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
