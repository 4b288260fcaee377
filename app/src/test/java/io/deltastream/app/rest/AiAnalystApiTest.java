package io.deltastream.app.rest;

import static io.deltastream.app.rest.StorageApiTest.assertError;
import static io.deltastream.app.rest.StorageApiTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.ai.AiAnalystService;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ai-analyst through the gateway: {@code /api/ai/pulse} over chains cached the way the enricher caches them, and
 * {@code /api/ai/chat} over the bundled corpus and the live chains.
 */
class AiAnalystApiTest {
    static final LocalDate NEAR = LocalDate.now().plusDays(3);
    static final LocalDate FAR = LocalDate.now().plusDays(31);
    static TestServices services;
    static HttpJson api;
    static EnrichedChain near;

    @BeforeAll
    static void start() {
        services = new TestServices();
        MarketFixture market = new MarketFixture();
        services.start(market);
        // keyword retrieval here: the hybrid index is tested in the ai-analyst module, with its embedding cache
        services.env("AI_EMBEDDINGS", "false");
        RunningService ai = services.start(new AiAnalystService());
        services.env("AI_SERVICE_URL", ai.baseUrl()).env("GATEWAY_RATE_LIMIT_RPS", "0");
        api = TestServices.http(services.start(new ApiGatewayService()));
        Instant now = MarketFixture.now();
        near = MarketFixture.chain("NIFTY", NEAR, 21500, 50, 5, now.minusSeconds(3), 1.0, 0);
        market.cacheChain(MarketFixture.chain("NIFTY", FAR, 21500, 50, 5, now.minusSeconds(2), 1.3, 0));
        market.cacheChain(near);
        // and publishes them, as the enricher does: the analyst's live facts follow the topic
        for (EnrichedChain c : new EnrichedChain[] {near, MarketFixture.chain("NIFTY", FAR, 21500, 50, 5,
                now.minusSeconds(2), 1.3, 0)}) {
            market.bus().topics().publish(MarketTopics.ENRICHED_OPTION_CHAIN, WireCodec.encode(c));
        }
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void pulseReadsTheNearestLiveChainInTheReferenceShape() {
        HttpJson.Response r = api.get("/api/ai/pulse?product=NIFTY");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(fieldNames(body)).containsExactly("product", "analysis", "data", "source");
        assertThat(body.get("product").asText()).isEqualTo("NIFTY");
        assertThat(body.get("source").asText()).isEqualTo("rules");
        JsonNode data = body.get("data");
        assertThat(data.get("expiry").asText()).isEqualTo(NEAR.toString());
        assertThat(data.get("pcr").asDouble()).isEqualTo(near.pcrOi());
        assertThat(data.get("pcr_vol").asDouble()).isEqualTo(near.pcrVolume());
        assertThat(data.get("pcr_oi").asDouble()).isEqualTo(near.pcrOi());
        assertThat(data.get("max_pain_strike").asDouble()).isEqualTo(near.maxPainStrike());
        assertThat(data.get("atm_straddle_price").asDouble()).isEqualTo(near.atmStraddlePrice());
        // the fixture's open interest grows away from the money: puts below, calls above
        double[] strikes = near.strikes();
        assertThat(data.get("support").asDouble()).isEqualTo(strikes[0]);
        assertThat(data.get("resistance").asDouble()).isEqualTo(strikes[strikes.length - 1]);
        assertThat(body.get("analysis").asText()).startsWith("NIFTY, expiry " + NEAR)
                .contains(String.format(java.util.Locale.ROOT, "PCR(OI) %.2f", near.pcrOi()))
                .contains(data.get("sentiment").asText());
        // NIFTY is the default product, as in the reference
        assertThat(api.get("/api/ai/pulse").json().get("data").get("expiry").asText()).isEqualTo(NEAR.toString());
    }

    @Test
    void aProductWithoutLiveChainsSaysSoAndAnUnknownOneIs404() {
        JsonNode none = api.get("/api/ai/pulse?product=SPY").json();
        assertThat(none.get("data").isEmpty()).isTrue();
        assertThat(none.get("analysis").asText()).startsWith("No live option chain for SPY");
        HttpJson.Response unknown = api.get("/api/ai/pulse?product=NOPE");
        assertError(unknown, 404, "Unknown product 'NOPE'");
    }

    @Test
    void chatQuotesThePassagesThatAnswerTheQuestionThroughTheGateway() {
        HttpJson.Response r = api.post("/api/ai/chat", Map.of("query", "How do I run the whole test suite?"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(fieldNames(body)).containsExactly("answer", "sources", "data", "source");
        assertThat(body.get("source").asText()).isEqualTo("retrieval");
        assertThat(body.get("data").get("retrieval").asText()).isEqualTo("bm25");
        assertThat(body.get("answer").asText()).startsWith("No language model is configured")
                .contains("by keywords only").contains("./deltastream test");
        JsonNode sources = body.get("sources");
        assertThat(sources.size()).isBetween(1, 3);
        assertThat(fieldNames(sources.get(0))).startsWith("source", "title");
        assertThat(sources.get(0).get("source").asText()).isEqualTo("README.md");
        assertThat(sources.get(0).get("score").asDouble()).isGreaterThanOrEqualTo(sources.get(sources.size() - 1)
                .get("score").asDouble()).isPositive();

        JsonNode none = api.post("/api/ai/chat", Map.of("query", "zzqx wvyk")).json();
        assertThat(none.get("answer").asText()).contains("Nothing in the docs or the knowledge base matches");
        assertThat(none.get("sources")).isEmpty();
    }

    @Test
    void chatAddsTheLiveFiguresOfTheProductAskedAbout() {
        JsonNode body = api.post("/api/ai/chat", Map.of("query", "is the market bullish?", "product", "nifty"))
                .json();
        assertThat(body.get("data").get("product").asText()).isEqualTo("NIFTY");
        assertThat(body.get("data").get("market").get("expiry").asText()).isEqualTo(NEAR.toString());
        assertThat(body.get("data").get("market").get("pcr_oi").asDouble()).isEqualTo(near.pcrOi());
        assertThat(body.get("answer").asText()).contains("NIFTY options expiring " + NEAR);
    }

    @Test
    void sentimentReadsTheReplayedSampleHeadlinesOfTheProduct() {
        HttpJson.Response r = api.get("/api/ai/sentiment?product=NIFTY");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(fieldNames(body)).startsWith("product", "sentiment", "score", "counts", "headlines", "drivers");
        assertThat(body.get("sentiment").asText()).isIn("Bullish", "Bearish", "Neutral");
        assertThat(body.get("score").asDouble()).isBetween(-1.0, 1.0);
        JsonNode counts = body.get("counts");
        assertThat(counts.get("positive").asInt() + counts.get("negative").asInt() + counts.get("neutral").asInt())
                .isGreaterThan(20);
        assertThat(body.get("headlines").size()).isEqualTo(5);
        assertThat(body.get("drivers").get(0).get("product").asText()).isIn("NIFTY", "MARKET");
        assertThat(api.get("/api/ai/sentiment").json().get("product").asText()).isEqualTo("NIFTY");
        assertError(api.get("/api/ai/sentiment?product=NOPE"), 404, "Unknown product 'NOPE'");
    }

    @Test
    void chatRejectsWhatIsNotAQuestion() {
        assertError(api.post("/api/ai/chat", Map.of("query", "   ")), 400, "Query required");
        assertError(api.post("/api/ai/chat", Map.of()), 400, "Query required");
        assertError(api.post("/api/ai/chat", Map.of("query", 5)), 400, "query");
        assertError(api.post("/api/ai/chat", Map.of("query", "x", "mode", "llm")), 400, "mode");
        assertError(api.post("/api/ai/chat", Map.of("query", "x".repeat(1001))), 400, "1000 characters");
        assertError(api.post("/api/ai/chat", Map.of("query", "x", "product", "NOPE")), 400, "Unknown product 'NOPE'");
        assertError(api.send("POST", "/api/ai/chat", "query=hi", "Content-Type", "text/plain"), 415, "application/json");
        assertError(api.send("POST", "/api/ai/chat", "{\"query\":", "Content-Type", "application/json"), 400,
                "JSON");
    }
}
