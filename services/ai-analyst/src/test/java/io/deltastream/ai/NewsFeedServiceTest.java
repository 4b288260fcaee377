package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.json.Json;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.ScriptedModelServer;
import io.deltastream.testkit.ScriptedModelServer.Reply;
import io.deltastream.testkit.TestServices;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * News from {@code NEWS_FEEDS} end to end: a local RSS feed polled by the running service, its headline in
 * {@code /api/ai/sentiment} and the product's new sentiment published on {@code ai:sentiment}.
 */
class NewsFeedServiceTest {
    @Test
    void aFeedsHeadlineMovesItsProductsSentimentWhichIsPublished() throws Exception {
        String headline = "Tesla plunges after recall of a million cars";
        HttpServer feed = feed(headline);
        List<JsonNode> published = new CopyOnWriteArrayList<>();
        try (TestServices services = new TestServices().env("JWT_SECRET", ModelChatTest.SECRET).env("AI_EMBEDDINGS", "false")
                .env("NEWS_FEEDS", "http://127.0.0.1:" + feed.getAddress().getPort() + "/feed")) {
            Bus bus = services.shared().get("bus:memory", Bus.class, () -> Buses.open(BusConfig.DEFAULTS));
            bus.topics().subscribe(List.of(MarketTopics.AI_SENTIMENT), (topic, payload) -> {
                try {
                    published.add(Json.mapper().readTree(payload));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            HttpJson api = TestServices.http(services.start(new AiAnalystService()));
            JsonNode update = Eventually.value("TSLA's update with the feed's headline", () -> published.stream()
                    .filter(u -> u.path("product").asText().equals("TSLA")
                            && u.path("headlines").toString().contains(headline)).findFirst().orElse(null));
            assertThat(update.path("score").asDouble()).isBetween(-1.0, 1.0);
            JsonNode tsla = api.get("/api/ai/sentiment?product=TSLA").json();
            assertThat(tsla.get("drivers").findValuesAsText("headline")).contains(headline);
            assertThat(tsla.get("score").asDouble()).isEqualTo(update.path("score").asDouble());
        } finally {
            feed.stop(0);
        }
    }

    /** A local RSS feed at {@code /feed} with one item, {@code headline}. */
    private static HttpServer feed(String headline) throws Exception {
        HttpServer feed = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feed.createContext("/feed", x -> {
            byte[] body = ("<rss version=\"2.0\"><channel><item><title>" + headline + "</title><guid>t1</guid>"
                    + "</item></channel></rss>").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        feed.start();
        return feed;
    }

    @Test
    void withAModelTheFeedsHeadlinesAreScoredByItAndTheSampleStaysWithTheLexicon() throws Exception {
        String headline = "Tesla unveils a new model";
        HttpServer feed = feed(headline);
        try (ScriptedModelServer model = new ScriptedModelServer();
             TestServices services = new TestServices().env("JWT_SECRET", ModelChatTest.SECRET).env("AI_EMBEDDINGS", "false")
                     .env("NEWS_FEEDS", "http://127.0.0.1:" + feed.getAddress().getPort() + "/feed")) {
            model.env("sk-test", 2).forEach(services::env);
            model.script(Reply.answer("[0.7]"));
            HttpJson api = TestServices.http(services.start(new AiAnalystService()));
            JsonNode driver = Eventually.value("the feed's headline scored by the model", () -> {
                for (JsonNode d : api.get("/api/ai/sentiment?product=TSLA").json().get("drivers")) {
                    if (d.get("headline").asText().equals(headline) && d.get("classifier").asText().equals("model")) {
                        return d;
                    }
                }
                return null;
            });
            assertThat(driver.get("score").asDouble()).isEqualTo(0.7);
            assertThat(model.received()).hasSize(1);
            assertThat(model.received().get(0).body()).contains(headline);
            assertThat(api.get("/api/ai/sentiment?product=TSLA").json().get("classifier").asText())
                    .isEqualTo("lexicon and model");
        } finally {
            feed.stop(0);
        }
    }

    @Test
    void aFeedThatIsNotAnHttpUrlStopsStartUpNamingTheVariable() {
        Assertions.assertThatThrownBy(() -> AiAnalystService.newsFeeds(Env.of(Map.of("NEWS_FEEDS",
                        "https://ok.example/rss, file:///etc/passwd"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("NEWS_FEEDS must be comma-separated http or https URLs, got 'file:///etc/passwd'");
        assertThat(AiAnalystService.newsFeeds(Env.of(Map.of()))).isEmpty();
    }

    @Test
    void theEmbeddingClassifierIsChosenByConfigurationAndAnUnknownOneStopsStartUp() throws Exception {
        try (TestServices services = new TestServices().env("JWT_SECRET", ModelChatTest.SECRET)
                .env("AI_EMBEDDINGS", "false").env("AI_SENTIMENT_CLASSIFIER", "Embeddings")) {
            HttpJson api = TestServices.http(services.start(new AiAnalystService()));
            JsonNode nifty = api.get("/api/ai/sentiment?product=NIFTY").json();
            assertThat(nifty.get("classifier").asText()).isEqualTo("embeddings");
            assertThat(nifty.get("drivers").findValuesAsText("classifier")).isNotEmpty().containsOnly("embeddings");
        }
        try (TestServices services = new TestServices().env("JWT_SECRET", ModelChatTest.SECRET)
                .env("AI_EMBEDDINGS", "false").env("AI_SENTIMENT_CLASSIFIER", "llm")) {
            Assertions.assertThatThrownBy(() -> services.start(new AiAnalystService()))
                    .hasStackTraceContaining("AI_SENTIMENT_CLASSIFIER must be one of embeddings, lexicon, got 'llm'");
        }
    }
}
