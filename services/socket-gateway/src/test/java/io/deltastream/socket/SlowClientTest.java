package io.deltastream.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.bus.Bus;
import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading its socket: its messages wait in its bounded buffer (newest chain wins), it is
 * disconnected once it has stayed behind for the slow-client timeout (it cannot notice: it does not read), and a
 * healthy client in the same room keeps getting the chains meanwhile.
 */
class SlowClientTest {
    /** A raw Engine.IO v4 WebSocket client that reads only until it is connected and subscribed, then never again. */
    private static final class StalledClient implements WebSocket.Listener {
        final List<String> received = new CopyOnWriteArrayList<>();

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            String text = data.toString();
            received.add(text);
            if (text.startsWith("0")) {
                ws.sendText("40", true);
                ws.request(1);
            } else if (text.startsWith("40")) {
                ws.sendText("42[\"subscribe\",{\"type\":\"chain\",\"symbol\":\"NIFTY\"}]", true);
            } else {
                ws.request(1);
            }
            return null;
        }

    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWithoutHoldingUpOthers() throws Exception {
        // Long enough that the healthy client, briefly behind on a loaded machine, is never taken for a slow one.
        try (TestServices platform = new TestServices().env("SOCKET_SLOW_CLIENT_TIMEOUT", "5")
                .env("SOCKET_WRITE_BUFFER_BYTES", "65536")) {
            Bus bus = platform.shared().get("bus:memory", Bus.class, () -> Buses.open(BusConfig.DEFAULTS));
            RunningService gateway = platform.start(new SocketGatewayService());
            StalledClient stalled = new StalledClient();
            HttpClient http = HttpClient.newHttpClient();
            http.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + gateway.port()
                    + "/socket.io/?EIO=4&transport=websocket"), stalled).join();
            try (TestClient healthy = TestClient.connect(gateway.baseUrl(), "websocket")) {
                healthy.emit("subscribe", TestClient.object(Json.string(Map.of("type", "chain", "symbol", "NIFTY"))));
                healthy.await("subscribed", n -> true);
                Eventually.until("stalled client subscribed", () -> stalled.received.size() >= 2);

                HttpJson metricsApi = TestServices.http(gateway);
                int chains = 0;
                while (slowDisconnects(metricsApi.get("/metrics").body()) == 0 && chains < 5_000) {
                    for (int i = 0; i < 20; i++) {
                        chains++;
                        MarketSamples.publish(bus, MarketSamples.chain("NIFTY", MarketSamples.EXPIRY, 20000 + chains,
                                MarketSamples.at(chains)));
                    }
                    int sent = chains;
                    healthy.await("chain_update", n -> n.path("spot_price").asDouble() == 20000 + sent);
                }
                String metrics = metricsApi.get("/metrics").body();
                assertThat(slowDisconnects(metrics)).isEqualTo(1.0);
                assertThat(counter(metrics, "socket_messages_conflated_total{event=\"chain_update\"")
                        + counter(metrics, "socket_messages_conflated_total{event=\"chain_summary\""))
                        .isGreaterThan(0.0);
                assertThat(healthy.connected()).isTrue();
                assertThat(healthy.events("chain_update").size()).isGreaterThan(0);
                // the disconnect is counted just before the client is forgotten
                Eventually.until("the stalled client is forgotten",
                        () -> TestServices.http(gateway).get("/health").json().path("clients").asInt() == 1);
            }
        }
    }

    private static double slowDisconnects(String metrics) {
        return counter(metrics, "socket_slow_client_disconnects_total{reason=\"timeout\"")
                + counter(metrics, "socket_slow_client_disconnects_total{reason=\"buffer_full\"");
    }

    private static double counter(String metrics, String prefix) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
