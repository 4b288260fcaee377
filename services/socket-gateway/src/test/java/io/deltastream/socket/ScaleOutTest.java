package io.deltastream.socket;

import static io.deltastream.socket.MarketSamples.chain;
import static io.deltastream.socket.MarketSamples.underlying;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.market.wire.EnrichedUnderlying;
import io.deltastream.market.wire.WireTime;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.EmbeddedRedis;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Distributed mode over a real Redis: several gateway instances, each subscribed to the fan-out topics, each
 * delivering to its own clients only; and a Redis restart in the middle.
 */
class ScaleOutTest {
    private static final String SECRET = "scale-out-test-secret-of-at-least-32-chars";

    private static TestServices instance(EmbeddedRedis redis) {
        return new TestServices().env("REDIS_URL", redis.url()).env("JWT_SECRET", SECRET);
    }

    private static org.json.JSONObject room(String type, String symbol) {
        return TestClient.object(Json.string(Map.of("type", type, "symbol", symbol)));
    }

    @Test
    void withTwoInstancesEachClientGetsEachEventExactlyOnce() {
        try (EmbeddedRedis redis = EmbeddedRedis.start();
             TestServices a = instance(redis);
             TestServices b = instance(redis);
             Bus publisher = Buses.open(BusConfig.DEFAULTS.withRedis(URI.create(redis.url())))) {
            RunningService gatewayA = a.start(new SocketGatewayService());
            RunningService gatewayB = b.start(new SocketGatewayService());
            List<TestClient> clients = new ArrayList<>();
            try {
                for (RunningService g : List.of(gatewayA, gatewayB)) {
                    for (String transport : List.of("websocket", "polling")) {
                        TestClient c = TestClient.connect(g.baseUrl(), transport);
                        c.emit("subscribe", room("product", "NIFTY"));
                        c.emit("subscribe", room("chain", "NIFTY"));
                        c.await("subscribed", n -> n.path("room").asText().equals("chain:NIFTY"));
                        clients.add(c);
                    }
                }
                // Rounds of distinct keys (8 products' ticks, 8 expiries' chains), each round delivered before the
                // next: nothing is ever "newer than a waiting value", so every message must arrive, exactly once.
                List<String> products = List.of("NIFTY", "BANKNIFTY", "FINNIFTY", "SENSEX", "AAPL", "TSLA", "SPY", "QQQ");
                int rounds = 5;
                Set<String> ticks = new HashSet<>();
                Set<String> chains = new HashSet<>();
                for (int round = 1; round <= rounds; round++) {
                    Instant at = MarketSamples.at(round);
                    for (int p = 0; p < products.size(); p++) {
                        EnrichedUnderlying u = underlying(products.get(p), 100 + round, at);
                        MarketSamples.publish(publisher, u);
                        ticks.add(u.product() + "@" + WireTime.format(at));
                        MarketSamples.publish(publisher, chain("NIFTY", MarketSamples.EXPIRY.plusDays(7L * p),
                                21000 + round, at));
                        chains.add(MarketSamples.EXPIRY.plusDays(7L * p) + "@" + WireTime.format(at));
                    }
                    String last = WireTime.format(at);
                    for (TestClient c : clients) {
                        c.await("underlying_update", n -> n.path("product").asText().equals("QQQ")
                                && n.path("timestamp").asText().equals(last));
                        c.await("chain_update", n -> n.path("expiry").asText().equals(
                                MarketSamples.EXPIRY.plusDays(7L * 7).toString()) && n.path("timestamp").asText().equals(last));
                    }
                }
                for (TestClient c : clients) {
                    List<String> gotTicks = c.events("underlying_update").stream()
                            .map(n -> n.path("product").asText() + "@" + n.path("timestamp").asText()).toList();
                    assertThat(gotTicks).hasSize(rounds * products.size()).doesNotHaveDuplicates();
                    assertThat(new HashSet<>(gotTicks)).isEqualTo(ticks);
                    List<String> gotChains = c.events("chain_update").stream()
                            .map(n -> n.path("expiry").asText() + "@" + n.path("timestamp").asText()).toList();
                    assertThat(gotChains).hasSize(rounds * products.size()).doesNotHaveDuplicates();
                    assertThat(new HashSet<>(gotChains)).isEqualTo(chains);
                    assertThat(c.events("chain_summary")).hasSize(rounds * products.size());
                }
            } finally {
                clients.forEach(TestClient::close);
            }
        }
    }

    @Test
    void aRedisRestartMakesTheGatewayUnhealthyUntilItHasResubscribed() {
        try (EmbeddedRedis redis = EmbeddedRedis.start();
             TestServices platform = instance(redis);
             Bus publisher = Buses.open(BusConfig.DEFAULTS.withRedis(URI.create(redis.url())))) {
            RunningService gateway = platform.start(new SocketGatewayService());
            HttpJson http = TestServices.http(gateway);
            try (TestClient c = TestClient.connect(gateway.baseUrl(), "websocket")) {
                assertThat(http.get("/health").status()).isEqualTo(200);
                redis.stop();
                HttpJson.Response down = Eventually.value("unhealthy while Redis is down", () -> {
                    HttpJson.Response r = http.get("/health");
                    return r.status() == 503 ? r : null;
                });
                assertThat(down.json().path("status").asText()).isEqualTo("unhealthy");
                assertThat(down.json().path("clients").asInt()).isEqualTo(1);
                assertThat(c.connected()).isTrue();

                redis.restart();
                Eventually.until("healthy again", () -> http.get("/health").status() == 200);
                long[] second = {100};
                JsonNode after = Eventually.value("live data after the restart", () -> {
                    try {
                        MarketSamples.publish(publisher, underlying("QQQ", 400, MarketSamples.at(++second[0])));
                    } catch (RuntimeException publisherStillReconnecting) {
                        return null;
                    }
                    return c.events("underlying_update").stream()
                            .filter(n -> n.path("product").asText().equals("QQQ")).findFirst().orElse(null);
                });
                assertThat(after.path("price").asDouble()).isEqualTo(400.0);
            }
        }
    }
}
