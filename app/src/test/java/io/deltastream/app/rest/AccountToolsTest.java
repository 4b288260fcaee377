package io.deltastream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.ai.AiAnalystService;
import io.deltastream.bus.Bus;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.wire.EnrichedUnderlying;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.ScriptedModelServer;
import io.deltastream.testkit.ScriptedModelServer.Reply;
import io.deltastream.testkit.TestServices;
import io.deltastream.trading.TradeSimulatorService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model's tools over the caller's own account: the real trade simulator and the ai-analyst started side by side,
 * the analyst reading the simulator over HTTP with the caller's token, the model scripted. Alice's position reaches
 * the model when Alice asks, never when Bob asks; an anonymous question is not offered the tools at all.
 */
class AccountToolsTest {
    static final String SECRET = "ai-analyst-tools-test-secret-of-at-least-32-characters";
    static ScriptedModelServer model;
    static TestServices services;
    static HttpJson ai;
    static HttpJson trade;
    static TokenStanding standing;

    @BeforeAll
    static void start() throws Exception {
        model = new ScriptedModelServer();
        services = new TestServices().env("JWT_SECRET", SECRET).env("AI_EMBEDDINGS", "false").env("AI_CHAT_BURST", "1000");
        model.env("sk-test", 1).forEach(services::env);
        RunningService simulator = services.start(new TradeSimulatorService());
        trade = TestServices.http(simulator);
        services.env("TRADE_SERVICE_URL", simulator.baseUrl());
        ai = TestServices.http(services.start(new AiAnalystService()));
        Bus bus = services.shared().get("bus:memory", Bus.class, () -> {
            throw new AssertionError("the services did not open the in-process bus");
        });
        standing = new TokenStanding(bus.cache(), Clock.systemUTC());
        Instant now = Instant.now();
        bus.topics().publish(MarketTopics.ENRICHED_UNDERLYING,
                WireCodec.encode(new EnrichedUnderlying("AAPL", 185, now, now)));
        Eventually.until("AAPL quoted", () -> trade.get("/api/trade/orderbook/AAPL").status() == 200);
        HttpJson.Response bought = trade.post("/api/trade/order", Map.of("symbol", "AAPL", "order_type", "MARKET",
                "side", "BUY", "quantity", 100), auth("alice"));
        assertThat(bought.status()).as(bought.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        services.close();
        model.close();
    }

    /** What the auth service does at login: vouches for the user (the simulator opens accounts only for those). */
    private static String[] auth(String user) {
        standing.vouchFor(user, Duration.ofMinutes(5));
        return new String[] {"Authorization", "Bearer " + token(user)};
    }

    static String token(String user) {
        return new AccessTokens(SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5), Clock.systemUTC())
                .issue(user, user + "@example.com", "session-of-" + user).token();
    }

    private static JsonNode toolResult(String tool, String arguments, String... headers) throws Exception {
        return toolResult(model, ai, tool, arguments, headers);
    }

    /**
     * What the model behind {@code ai} got back from its one call of {@code tool}, when a question was asked with
     * {@code headers}.
     */
    static JsonNode toolResult(ScriptedModelServer model, HttpJson ai, String tool, String arguments,
                               String... headers) throws Exception {
        model.script(Reply.toolCall(tool, arguments), Reply.answer("Here it is."));
        HttpJson.Response r = ai.post("/api/ai/chat", Map.of("query", "what do the tools say?"), headers);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("source").asText()).isEqualTo("llm");
        JsonNode messages = Json.mapper().readTree(model.received().get(1).body()).get("messages");
        String content = messages.get(messages.size() - 1).get("content").asText();
        assertThat(content).startsWith("<data tool=\"" + tool + "\">\n").endsWith("\n</data>");
        return Json.mapper().readTree(content.substring(content.indexOf('\n') + 1, content.lastIndexOf('\n')));
    }

    @Test
    void theCallersOwnPositionsOrdersAndPnlReachTheModel() throws Exception {
        JsonNode positions = toolResult("my_positions", "{}", auth("alice"));
        assertThat(positions.get("count").asInt()).isEqualTo(1);
        assertThat(positions.get("positions").get(0).get("symbol").asText()).isEqualTo("AAPL");
        assertThat(positions.get("positions").get(0).get("quantity").asInt()).isEqualTo(100);
        JsonNode tools = Json.mapper().readTree(model.received().get(0).body()).get("tools");
        assertThat(tools.findValuesAsText("name")).contains("my_positions", "my_orders", "my_pnl");

        JsonNode orders = toolResult("my_orders", "{\"status\":\"filled\"}", auth("alice"));
        assertThat(orders.get("orders").findValuesAsText("symbol")).containsExactly("AAPL");
        JsonNode pnl = toolResult("my_pnl", "{\"period\":\"today\"}", auth("alice"));
        assertThat(pnl.get("period").asText()).isEqualTo("today");
        JsonNode badPeriod = toolResult("my_pnl", "{\"period\":\"decade\"}", auth("alice"));
        assertThat(badPeriod.get("error").asText()).startsWith("the trade simulator answered HTTP 400: ")
                .contains("period");
    }

    @Test
    void anotherUserNeverSeesThem() throws Exception {
        JsonNode positions = toolResult("my_positions", "{}", auth("bob"));
        assertThat(positions.get("count").asInt()).isZero();
        assertThat(toolResult("my_orders", "{}", auth("bob")).get("orders")).isEmpty();
    }

    @Test
    void withoutAValidTokenTheToolsAreNotOffered() throws Exception {
        for (String[] headers : new String[][] {{}, {"Authorization", "Bearer not-a-token"}}) {
            JsonNode result = toolResult("my_positions", "{}", headers);
            assertThat(result.get("error").asText()).isEqualTo("sign in to read your own positions, orders and profit and loss");
            JsonNode tools = Json.mapper().readTree(model.received().get(0).body()).get("tools");
            assertThat(tools.findValuesAsText("name")).doesNotContain("my_positions", "my_orders", "my_pnl")
                    .contains("chain_metrics");
        }
    }
}
