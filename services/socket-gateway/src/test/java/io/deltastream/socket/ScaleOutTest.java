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
                int ticks = 40;
                int chains = 8;
                Set<String> tickTimes = new HashSet<>();
                for (int i = 1; i <= ticks; i++) {
                    EnrichedUnderlying u = underlying("NIFTY", 21000 + i, MarketSamples.at(i));
                    tickTimes.add(WireTime.format(u.timestamp()));
                    MarketSamples.publish(publisher, u);
                    if (i % (ticks / chains) == 0) {
                        MarketSamples.publish(publisher, chain("NIFTY", MarketSamples.EXPIRY, 21000 + i,
                                MarketSamples.at(i)));
                    }
                }
                Instant end = MarketSamples.at(ticks + 1);
                MarketSamples.publish(publisher, underlying("SPY", 500, end));
                for (TestClient c : clients) {
                    c.await("underlying_update", n -> n.path("product").asText().equals("SPY"));
                    List<String> nifty = c.events("underlying_update").stream()
                            .filter(n -> n.path("product").asText().equals("NIFTY"))
                            .map(n -> n.path("timestamp").asText()).toList();
                    assertThat(nifty).hasSize(ticks).doesNotHaveDuplicates();
                    assertThat(new HashSet<>(nifty)).isEqualTo(tickTimes);
                    assertThat(c.events("chain_update")).hasSize(chains);
                    assertThat(c.events("chain_summary")).hasSize(chains);
                    assertThat(c.events("chain_update").stream().map(n -> n.path("spot_price").asDouble()).toList())
                            .doesNotHaveDuplicates();
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
