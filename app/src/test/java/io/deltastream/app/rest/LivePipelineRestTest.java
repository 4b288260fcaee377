package io.deltastream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.analytics.AnalyticsService;
import io.deltastream.enricher.WorkerEnricherService;
import io.deltastream.feed.FeedGeneratorService;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.platform.service.RunningService;
import io.deltastream.storage.StorageService;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import org.junit.jupiter.api.Test;

/**
 * The REST services over what the real pipeline writes (synthetic feed -> worker-enricher -> store and cache), in
 * one JVM as {@code ./deltastream run}: the layouts the enricher writes are the ones storage and analytics read.
 */
class LivePipelineRestTest {
    @Test
    void enrichedDataIsServedThroughTheGateway() {
        try (TestServices platform = new TestServices()) {
            platform.env("FEED_INTERVAL", "0.05").env("FEED_CHAIN_EVERY", "1").env("FEED_PRODUCTS", "NIFTY")
                    .env("FEED_EXPIRIES", "2").env("FEED_SEED", "11").env("CHAIN_SNAPSHOT_SECONDS", "0")
                    .env(StorageService.MEMO_VARIABLE, "0").env("GATEWAY_RATE_LIMIT_RPS", "0");
            RunningService storage = platform.start(new StorageService());
            RunningService analytics = platform.start(new AnalyticsService());
            platform.start(new WorkerEnricherService());
            RunningService feed = platform.start(new FeedGeneratorService());
            platform.env("STORAGE_SERVICE_URL", storage.baseUrl()).env("ANALYTICS_SERVICE_URL", analytics.baseUrl());
            HttpJson api = TestServices.http(platform.start(new ApiGatewayService()));

            Eventually.until("a stored chain", () ->
                    api.get("/api/data/chain/NIFTY?limit=1").json().path("count").asInt() == 1);
            Eventually.until("ticks and two live expiries", () ->
                    api.get("/api/data/underlying/NIFTY?limit=5").json().path("count").asInt() == 5
                            && api.get("/api/analytics/pcr/NIFTY").json().path("latest").size() == 2);
            feed.close();

            JsonNode chain = api.get("/api/data/chain/NIFTY?limit=1").json().get("chains").get(0);
            assertThat(chain.get("strikes")).hasSize(21);
            assertThat(chain.get("calls")).hasSize(21);
            assertThat(chain.get("pcr_oi").asDouble()).isPositive();
            String expiry = chain.get("expiry").asText();

            JsonNode expiries = api.get("/api/data/expiries/NIFTY").json().get("expiries");
            assertThat(expiries).hasSize(2);
            JsonNode maxPain = api.get("/api/analytics/max-pain/NIFTY?expiry=" + expiry).json();
            assertThat(maxPain.get("max_pain_strike").asDouble()).isPositive();
            JsonNode oi = api.get("/api/analytics/oi-buildup/NIFTY?expiry=" + expiry).json();
            assertThat(oi.get("strikes")).hasSize(21);
            JsonNode surface = api.get("/api/analytics/volatility-surface/NIFTY").json();
            assertThat(surface.get("expiries")).hasSize(2);
            JsonNode slice = surface.get("expiries").get(0);
            assertThat(slice.get("ivs").size()).isEqualTo(slice.get("strikes").size());
            assertThat(api.get("/api/analytics/ohlc/NIFTY?window=1").status()).isEqualTo(200);
            assertThat(api.get("/api/analytics/term-structure/NIFTY").json().get("expiries")).hasSize(2);
            assertThat(api.get("/api/data/products").json().get("products").get(0).asText()).isEqualTo("NIFTY");
        }
    }
}
