package io.deltastream.socket;

import static io.deltastream.socket.MarketSamples.chain;
import static io.deltastream.socket.TestClient.canonical;
import static io.deltastream.socket.MarketSamples.underlying;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.market.channel.MarketTopics;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.market.wire.EnrichedUnderlying;
import io.deltastream.market.wire.WireCodec;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.auth.Secret;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway's Socket.IO protocol, driven by a real Socket.IO v4 client over WebSocket and over long-polling, with
 * enriched data published on the (in-process) bus and cached as the enricher does.
 */
class GatewayProtocolTest {
    private static final String SECRET = "test-secret-of-at-least-thirty-two-characters";
    private static final AtomicLong CLOCK = new AtomicLong();

    private static TestServices platform;
    private static RunningService gateway;
    private static Bus bus;
    private static String url;
    private static AccessTokens tokens;

    @BeforeAll
    static void start() {
        platform = new TestServices().env("JWT_SECRET", SECRET);
        bus = platform.shared().get("bus:memory", Bus.class, () -> Buses.open(BusConfig.DEFAULTS));
        gateway = platform.start(new SocketGatewayService());
        url = gateway.baseUrl();
        tokens = new AccessTokens(SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static Instant tick() {
        return MarketSamples.at(CLOCK.incrementAndGet());
    }

    /** Publishes a marker underlying for SPY and waits until every given client has it: all earlier events are in. */
    private static void sync(TestClient... clients) {
        EnrichedUnderlying marker = underlying("SPY", 500 + CLOCK.get(), tick());
        MarketSamples.publish(bus, marker);
        for (TestClient c : clients) {
            c.await("underlying_update", n -> n.path("timestamp").asText().equals(WireTime.format(marker.timestamp())));
        }
    }

    private static org.json.JSONObject room(String type, String symbol) {
        return TestClient.object(Json.string(Map.of("type", type, "symbol", symbol)));
    }

    @Test
    void aSentimentUpdateReachesTheProductsRoomOnly() {
        try (TestClient watcher = TestClient.connect(url, "websocket");
             TestClient other = TestClient.connect(url, "websocket")) {
            watcher.emit("subscribe", room("product", "TSLA"));
            watcher.await("subscribed", n -> n.path("room").asText().equals("product:TSLA"));
            other.emit("subscribe", room("product", "QQQ"));
            other.await("subscribed", n -> n.path("room").asText().equals("product:QQQ"));
            bus.topics().publish(MarketTopics.AI_SENTIMENT, "not json");
            bus.topics().publish(MarketTopics.AI_SENTIMENT, "{\"sentiment\":\"Bullish\"}");
            bus.topics().publish(MarketTopics.AI_SENTIMENT,
                    "{\"product\":\"TSLA\",\"sentiment\":\"Bearish\",\"score\":-0.42}");
            JsonNode update = watcher.await("sentiment_update", n -> true);
            assertThat(update.path("product").asText()).isEqualTo("TSLA");
            assertThat(update.path("sentiment").asText()).isEqualTo("Bearish");
            assertThat(update.path("score").asDouble()).isEqualTo(-0.42);
            sync(watcher, other);
            assertThat(watcher.events("sentiment_update")).hasSize(1);
            assertThat(other.events("sentiment_update")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void connectedCarriesTheClientIdAndGeneralRoom(String transport) {
        try (TestClient c = TestClient.connect(url, transport)) {
            JsonNode connected = c.await("connected", n -> true);
            assertThat(connected.path("message").asText()).isEqualTo("Connected to DeltaStream socket gateway");
            assertThat(connected.path("client_id").asText()).isEqualTo(c.id());
            assertThat(connected.path("rooms")).containsExactly(Json.mapper().getNodeFactory().textNode("general"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void productsAreTheLiveOnesInUniverseOrder(String transport) throws Exception {
        MarketSamples.cache(bus, underlying("AAPL", 190, tick()));
        MarketSamples.cache(bus, underlying("NIFTY", 21500, tick()));
        try (TestClient c = TestClient.connect(url, transport)) {
            c.emit("get_products");
            JsonNode products = c.await("products", n -> true);
            assertThat(products.path("products").toString()).startsWith("[\"NIFTY\"").contains("\"AAPL\"");
            assertThat(Json.mapper().convertValue(products.path("products"), List.class)).doesNotContain("FINNIFTY");
            JsonNode ack = c.emitWithAck("get_products").get(30, TimeUnit.SECONDS);
            assertThat(ack).isEqualTo(products);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void subscribeToAProductSendsTheCachedPriceToThatClientOnlyThenLiveUpdatesOnce(String transport)
            throws Exception {
        EnrichedUnderlying cached = underlying("BANKNIFTY", 46000, tick());
        MarketSamples.cache(bus, cached);
        try (TestClient early = TestClient.connect(url, transport);
             TestClient late = TestClient.connect(url, transport)) {
            early.emit("subscribe", room("product", "BANKNIFTY"));
            JsonNode subscribed = early.await("subscribed", n -> n.path("room").asText().equals("product:BANKNIFTY"));
            assertThat(subscribed.path("message").asText()).isEqualTo("Subscribed to product:BANKNIFTY");
            JsonNode snapshot = early.await("underlying_update", n -> n.path("product").asText().equals("BANKNIFTY"));
            assertThat(canonical(snapshot)).isEqualTo(canonical(WireCodec.encode(cached)));
            assertThat(snapshot.path("type").asText()).isEqualTo("UNDERLYING_ENRICHED");

            JsonNode ack = late.emitWithAck("subscribe", room("product", "BANKNIFTY")).get(30, TimeUnit.SECONDS);
            assertThat(ack.path("room").asText()).isEqualTo("product:BANKNIFTY");
            late.await("underlying_update", n -> n.path("product").asText().equals("BANKNIFTY"));

            EnrichedUnderlying live = underlying("BANKNIFTY", 46010, tick());
            MarketSamples.publish(bus, live);
            sync(early, late);
            // The early client saw the snapshot once (not again when the late one subscribed) and the live tick once,
            // although it is in both general and product:BANKNIFTY.
            for (TestClient c : List.of(early, late)) {
                assertThat(c.events("underlying_update").stream().filter(n -> n.path("product").asText()
                        .equals("BANKNIFTY")).map(TestClient::canonical).toList()).containsExactly(
                        canonical(WireCodec.encode(cached)), canonical(WireCodec.encode(live)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void chainsGoAsSummariesToEveryoneAndInFullToChainSubscribers(String transport) throws Exception {
        try (TestClient watcher = TestClient.connect(url, transport);
             TestClient other = TestClient.connect(url, transport)) {
            watcher.emit("subscribe", room("chain", "FINNIFTY"));
            watcher.await("subscribed", n -> n.path("room").asText().equals("chain:FINNIFTY"));
            EnrichedChain c = chain("FINNIFTY", MarketSamples.EXPIRY, 20000, tick());
            MarketSamples.publish(bus, c);
            JsonNode full = watcher.await("chain_update", n -> n.path("product").asText().equals("FINNIFTY"));
            assertThat(canonical(full)).isEqualTo(canonical(WireCodec.encode(c)));
            assertThat(full.path("strikes").size()).isEqualTo(5);
            assertThat(full.path("calls").size()).isEqualTo(5);
            for (TestClient client : List.of(watcher, other)) {
                JsonNode summary = client.await("chain_summary", n -> n.path("product").asText().equals("FINNIFTY"));
                assertThat(fieldNames(summary)).containsExactlyInAnyOrder("product", "expiry", "spot_price", "pcr_oi",
                        "pcr_volume", "atm_straddle_price", "max_pain_strike", "timestamp");
                assertThat(summary.path("max_pain_strike").asDouble()).isEqualTo(19950.0);
                assertThat(summary.path("pcr_oi").isNumber()).isTrue();
            }
            sync(watcher, other);
            assertThat(other.events("chain_update")).isEmpty();
            assertThat(watcher.events("chain_update")).hasSize(1);
            assertThat(watcher.events("chain_summary")).hasSize(1);

            watcher.emit("unsubscribe", room("chain", "FINNIFTY"));
            JsonNode unsubscribed = watcher.await("unsubscribed", n -> true);
            assertThat(unsubscribed.path("room").asText()).isEqualTo("chain:FINNIFTY");
            assertThat(unsubscribed.path("message").asText()).isEqualTo("Unsubscribed from chain:FINNIFTY");
            MarketSamples.publish(bus, chain("FINNIFTY", MarketSamples.EXPIRY, 20010, tick()));
            watcher.await("chain_summary", n -> n.path("spot_price").asDouble() == 20010);
            sync(watcher);
            assertThat(watcher.events("chain_update")).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void subscribingToAChainSendsTheCachedChainsOfLiveExpiries(String transport) throws Exception {
        EnrichedChain near = chain("SENSEX", MarketSamples.EXPIRY, 70000, tick());
        EnrichedChain far = chain("SENSEX", MarketSamples.EXPIRY.plusDays(7), 70000, tick());
        MarketSamples.cache(bus, near);
        MarketSamples.cache(bus, far);
        try (TestClient c = TestClient.connect(url, transport)) {
            c.emit("subscribe", room("chain", "SENSEX"));
            c.await("chain_update", n -> n.path("expiry").asText().equals(far.expiry().toString()));
            assertThat(c.events("chain_update").stream().map(TestClient::canonical).toList()).containsExactly(
                    canonical(WireCodec.encode(near)), canonical(WireCodec.encode(far)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void invalidRequestsGetAnErrorWithAReasonAndTheConnectionStays(String transport) throws Exception {
        try (TestClient c = TestClient.connect(url, transport)) {
            c.emit("subscribe", "NIFTY");
            c.emit("subscribe");
            c.emit("subscribe", new JSONArray(List.of("product", "NIFTY")));
            c.emit("subscribe", 42);
            c.emit("subscribe", room("general", "NIFTY"));
            c.emit("subscribe", room("product", "*"));
            c.emit("subscribe", room("product", "nifty"));
            c.emit("subscribe", TestClient.object("{\"type\":\"product\"}"));
            c.emit("subscribe", TestClient.object("{\"type\":1,\"symbol\":2}"));
            c.emit("unsubscribe", room("bogus", "NIFTY"));
            JsonNode ack = c.emitWithAck("subscribe", room("chain", "NOPE")).get(30, TimeUnit.SECONDS);
            assertThat(ack.path("message").asText()).isEqualTo("Invalid subscription request");
            List<JsonNode> errors = c.events("error");
            assertThat(errors).hasSize(11);
            assertThat(errors).extracting(n -> n.path("reason").asText()).containsExactly(
                    "expected an object {type, symbol}, got a string",
                    "expected an object {type, symbol}, got nothing",
                    "expected an object {type, symbol}, got an array",
                    "expected an object {type, symbol}, got a number",
                    "unknown room type 'general' (expected product, chain or user)",
                    "unknown symbol '*'",
                    "unknown symbol 'nifty'",
                    "'symbol' must be a non-empty string",
                    "'type' must be a non-empty string",
                    "unknown room type 'bogus' (expected product, chain or user)",
                    "unknown symbol 'NOPE'");
            assertThat(errors.get(9).path("message").asText()).isEqualTo("Invalid unsubscription request");
            assertThat(c.connected()).isTrue();
            c.emit("subscribe", room("product", "NIFTY"));
            c.await("subscribed", n -> n.path("room").asText().equals("product:NIFTY"));
            assertThat(c.events("subscribed")).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void userEventsReachTheirOwnUserOnly(String transport) throws Exception {
        String alice = tokens.issue("alice", "alice@example.com", "session-1").token();
        String bob = tokens.issue("bob", "bob@example.com", "session-1").token();
        try (TestClient a = TestClient.connect(url, transport, b -> b.setAuth(Map.of("token", alice)));
             TestClient b = TestClient.connect(url, transport, o -> o.setQuery("token=" + bob));
             TestClient anonymous = TestClient.connect(url, transport)) {
            assertThat(a.await("connected", n -> true).path("rooms").toString()).isEqualTo("[\"general\",\"user:alice\"]");
            assertThat(b.await("connected", n -> true).path("rooms").toString()).isEqualTo("[\"general\",\"user:bob\"]");
            a.emit("subscribe", room("user", "alice"));
            a.await("subscribed", n -> n.path("room").asText().equals("user:alice"));

            anonymous.emit("subscribe", room("user", "alice"));
            b.emit("subscribe", room("user", "alice"));
            for (TestClient c : List.of(anonymous, b)) {
                assertThat(c.await("error", n -> true).path("reason").asText()).startsWith("not authorized for user:alice");
            }
            MarketSamples.publish(bus, MarketSamples.userEvent("alice", "o-1"));
            MarketSamples.publish(bus, MarketSamples.userEvent("bob", "o-2"));
            MarketSamples.publish(bus, MarketSamples.userEvent("carol", "o-3"));
            JsonNode order = a.await("order_update", n -> true);
            assertThat(order.path("order_id").asText()).isEqualTo("o-1");
            b.await("order_update", n -> n.path("order_id").asText().equals("o-2"));
            sync(a, b, anonymous);
            assertThat(a.events("order_update")).hasSize(1);
            assertThat(b.events("order_update")).hasSize(1);
            assertThat(anonymous.events("order_update")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void anInvalidTokenIsRefused(String transport) throws Exception {
        try (TestClient c = TestClient.open(url, transport, b -> b.setAuth(Map.of("token", "not-a-token")))) {
            JsonNode error = c.connectError().get(30, TimeUnit.SECONDS);
            assertThat(error.path("message").asText()).isEqualTo("Invalid token");
        }
        try (TestClient c = TestClient.open(url, transport, b -> b.setQuery("token=not-a-token"))) {
            assertThat(c.connectError().get(30, TimeUnit.SECONDS)).isNotNull();
            assertThat(c.connected()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void aLoggedOutTokenIsRefused(String transport) throws Exception {
        String token = tokens.issue("carol-" + transport, "carol@example.com", "session-1").token();
        bus.cache().set(TokenStanding.tokenKey(tokens.verify(token).tokenId()), "1", Duration.ofMinutes(5));
        try (TestClient c = TestClient.open(url, transport, b -> b.setAuth(Map.of("token", token)))) {
            JsonNode error = c.connectError().get(30, TimeUnit.SECONDS);
            assertThat(error.path("message").asText()).isEqualTo("Invalid token");
        }
    }

    @Test
    void aClientLoggedOutWhileConnectedStopsGettingItsUsersEvents() throws Exception {
        String token = tokens.issue("erin", "erin@example.com", "session-1").token();
        try (TestClient c = TestClient.connect(url, "websocket", b -> b.setAuth(Map.of("token", token)))) {
            assertThat(c.await("connected", n -> true).path("rooms").toString()).isEqualTo("[\"general\",\"user:erin\"]");
            MarketSamples.publish(bus, MarketSamples.userEvent("erin", "o-1"));
            c.await("order_update", n -> n.path("order_id").asText().equals("o-1"));

            bus.cache().set(TokenStanding.tokenKey(tokens.verify(token).tokenId()), "1", Duration.ofMinutes(5));
            MarketSamples.publish(bus, MarketSamples.userEvent("erin", "o-2"));
            MarketSamples.publish(bus, MarketSamples.userEvent("erin", "o-3"));
            JsonNode error = c.await("error", n -> true);
            assertThat(error.path("message").asText()).isEqualTo("Token revoked");
            assertThat(error.path("reason").asText()).startsWith("left user:erin");
            sync(c);
            assertThat(c.events("order_update")).hasSize(1);
            assertThat(c.events("error")).hasSize(1);
        }
    }

    @Test
    void aClientWhoseSessionEndedStopsGettingItsUsersEventsAndCannotReconnect() throws Exception {
        String token = tokens.issue("fay", "fay@example.com", "session-of-fay").token();
        try (TestClient c = TestClient.connect(url, "websocket", b -> b.setAuth(Map.of("token", token)))) {
            assertThat(c.await("connected", n -> true).path("rooms").toString()).isEqualTo("[\"general\",\"user:fay\"]");
            MarketSamples.publish(bus, MarketSamples.userEvent("fay", "o-1"));
            c.await("order_update", n -> n.path("order_id").asText().equals("o-1"));

            // what the auth service marks when the session's refresh token is logged out or reused
            new TokenStanding(bus.cache(), Clock.systemUTC()).revokeSession("session-of-fay", Duration.ofMinutes(5));
            MarketSamples.publish(bus, MarketSamples.userEvent("fay", "o-2"));
            JsonNode error = c.await("error", n -> true);
            assertThat(error.path("message").asText()).isEqualTo("Token revoked");
            sync(c);
            assertThat(c.events("order_update")).hasSize(1);
        }
        try (TestClient c = TestClient.open(url, "websocket", b -> b.setAuth(Map.of("token", token)))) {
            assertThat(c.connectError().get(30, TimeUnit.SECONDS).path("message").asText()).isEqualTo("Invalid token");
        }
    }

    @Test
    void withDefaultSettingsATokenForgedWithThePublishedSecretJoinsNoUserRoom() throws Exception {
        try (TestServices defaults = new TestServices()) {
            String gatewayUrl = defaults.start(new SocketGatewayService()).baseUrl();
            String forged = new AccessTokens(Secret.PUBLISHED_DEFAULT.getBytes(StandardCharsets.UTF_8),
                    Duration.ofMinutes(5), Clock.systemUTC()).issue("alice", "alice@example.com", "s").token();
            try (TestClient c = TestClient.open(gatewayUrl, "websocket", b -> b.setAuth(Map.of("token", forged)))) {
                assertThat(c.connectError().get(30, TimeUnit.SECONDS).path("message").asText())
                        .isEqualTo("Invalid token");
                assertThat(c.connected()).isFalse();
            }
        }
    }

    @Test
    void healthMetricsAndErrorsShareTheSocketPort() throws Exception {
        try (TestClient c = TestClient.connect(url, "websocket")) {
            HttpJson http = TestServices.http(gateway);
            HttpJson.Response health = http.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("service").asText()).isEqualTo("socket-gateway");
            assertThat(health.json().path("status").asText()).isEqualTo("healthy");
            assertThat(health.json().path("clients").asInt()).isGreaterThanOrEqualTo(1);

            c.emit("subscribe", room("product", "NIFTY"));
            c.await("subscribed", n -> true);
            HttpJson.Response metrics = http.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.header("Content-Type")).startsWith("text/plain");
            assertThat(metrics.body()).contains("socket_clients_connected{service=\"socket-gateway\"}")
                    .contains("socket_messages_sent_total{event=\"subscribed\"")
                    .contains("socket_delivery_latency_seconds_bucket")
                    .contains("socket_messages_dropped_total").contains("socket_messages_conflated_total")
                    .contains("socket_slow_client_disconnects_total");

            HttpJson.Response missing = http.get("/nope");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().has("error")).isTrue();
        }
    }

    @Test
    void aFilePageWithOriginNullMayPoll() throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url + "/socket.io/?EIO=4&transport=polling")).header("Origin", "null").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(res.body()).startsWith("0{\"sid\":");
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
