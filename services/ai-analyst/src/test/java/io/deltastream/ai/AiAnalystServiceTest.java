package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/ai/chat} over HTTP against the running service with the real embedding model: hybrid answers,
 * live market facts arriving on the bus, validation and the per-caller rate limit.
 */
class AiAnalystServiceTest {
    private static final String SECRET = "ai-analyst-test-secret-of-at-least-32-characters";
    /** Shared with {@link RetrievalEvaluationTest}: one embedding of the corpus serves both (keyed by corpus). */
    static final Path DATA_DIR = Path.of("target", "test-data").toAbsolutePath();
    static final int BURST = 20;
    static TestServices services;
    static HttpJson api;
    static Bus bus;

    @BeforeAll
    static void start() {
        services = new TestServices().env("JWT_SECRET", SECRET).env("DATA_DIR", DATA_DIR.toString()).env("AI_CHAT_BURST", String.valueOf(BURST))
                .env("AI_CHAT_RATE_PER_MINUTE", "1");
        bus = services.shared().get("bus:memory", Bus.class, () -> Buses.open(BusConfig.DEFAULTS));
        api = TestServices.http(services.start(new AiAnalystService()));
        // the first run embeds the corpus (about a minute on two busy cores), later runs read the cache
        Eventually.until("embeddings ready", Duration.ofMinutes(10), () -> api.get("/health").json()
                .path("retrieval").path("embeddings").asText().equals("ready"));
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static HttpJson.Response ask(Object body, String user) {
        String token = new AccessTokens(SECRET.getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(5), Clock.systemUTC()).issue(user, user + "@example.com", "session-of-" + user).token();
        return api.post("/api/ai/chat", body, "Authorization", "Bearer " + token);
    }

    @Test
    void healthReportsTheHybridIndex() {
        JsonNode retrieval = api.get("/health").json().get("retrieval");
        assertThat(retrieval.get("ranking").asText()).isEqualTo("hybrid");
        assertThat(retrieval.get("passages").asInt()).isGreaterThan(300);
        assertThat(retrieval.get("embedding_build_ms").asLong()).isPositive();
    }

    @Test
    void chatAnswersFromTheKnowledgeBaseWithSourcesAndSaysNoModelIsConfigured() {
        HttpJson.Response r = ask(Map.of("query", "what is max pain and how is it calculated?",
                "conversation_id", "c-1"), "reader");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("answer", "sources", "data", "source", "conversation_id");
        assertThat(body.get("source").asText()).isEqualTo("retrieval");
        assertThat(body.get("conversation_id").asText()).isEqualTo("c-1");
        assertThat(body.get("data").get("retrieval").asText()).isEqualTo("hybrid");
        assertThat(body.get("answer").asText()).startsWith("No language model is configured (LLM_PROVIDER=none)")
                .contains("From \"Max pain\"");
        JsonNode sources = body.get("sources");
        assertThat(sources.size()).isBetween(1, 3);
        assertThat(sources.findValuesAsText("source")).contains("knowledge/max-pain.md").doesNotHaveDuplicates();
        assertThat(sources.get(0).get("title").asText()).isNotBlank();
        assertThat(sources.get(0).get("score").asDouble()).isPositive()
                .isGreaterThanOrEqualTo(sources.get(sources.size() - 1).get("score").asDouble());
    }

    @Test
    void liveFactsArrivingOnTheBusAreRetrievedAndQuoted() {
        EnrichedChain chain = MarketPulseTest.chain(1.31, new long[] {10, 20, 90}, new long[] {70, 30, 5});
        bus.topics().publish(MarketTopics.ENRICHED_OPTION_CHAIN, WireCodec.encode(chain));
        JsonNode body = Eventually.value("live facts in the answer", () -> {
            JsonNode b = ask(Map.of("query", "what is the NIFTY put-call ratio right now"), "live-reader").json();
            return b.get("data").has("market") ? b : null;
        });
        assertThat(body.get("data").get("product").asText()).isEqualTo("NIFTY");
        assertThat(body.get("data").get("market").get("pcr_oi").asDouble()).isEqualTo(1.31);
        assertThat(body.get("data").get("as_of").asText()).isEqualTo(chain.timestamp().toString());
        assertThat(body.get("answer").asText()).contains("NIFTY options expiring 2026-12-10, as of "
                + chain.timestamp()).contains("Put-call ratio (PCR) by open interest 1.31");

        // the snapshot is a passage of the index: once embedded (in the background), a question about those
        // figures retrieves it
        String[] asker = {"a"};
        Eventually.until("the live snapshot retrieved", () -> ask(Map.of("query",
                "NIFTY live market facts: support, resistance and max pain"), asker[0] += "a").json().get("sources")
                .findValuesAsText("source").contains("live/NIFTY/2026-12-10"));
    }

    @Test
    void badQuestionsAreClear400s() {
        assertError(ask(Map.of("query", "  "), "v"), 400, "Query required");
        assertError(ask(Map.of(), "v"), 400, "Query required");
        assertError(ask(Map.of("query", 5), "v"), 400, "query");
        assertError(ask(Map.of("query", "x".repeat(1001)), "v"), 400, "longer than 1000 characters");
        assertError(ask(Map.of("query", "delta", "conversation_id", "a b"), "v"), 400, "conversation_id");
        assertError(ask(Map.of("query", "delta", "product", "NOPE"), "v"), 400, "Unknown product 'NOPE'");
        assertError(ask(Map.of("query", "delta", "mode", "llm"), "v"), 400, "mode");
    }

    @Test
    void eachCallerHasTheirOwnRateLimitWithRetryAfter() {
        for (int i = 0; i < BURST; i++) {
            assertThat(ask(Map.of("query", "what is gamma"), "busy").status()).isEqualTo(200);
        }
        HttpJson.Response limited = ask(Map.of("query", "what is gamma"), "busy");
        assertError(limited, 429, "Too many questions");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(ask(Map.of("query", "what is gamma"), "other").status()).isEqualTo(200);
    }

    private static void assertError(HttpJson.Response r, int status, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).contains(message);
    }
}
