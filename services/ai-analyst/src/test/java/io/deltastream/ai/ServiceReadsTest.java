package io.deltastream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the analyst sends the trade simulator, seen by a recording HTTP server: the caller's token and the credential. */
class ServiceReadsTest {
    private HttpServer server;
    private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    private int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(Map.of("path", exchange.getRequestURI().toString(),
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "internal", String.valueOf(exchange.getRequestHeaders().getFirst("X-Internal-Token"))));
            byte[] body = (status == 200 ? "{\"count\":0,\"positions\":[]}" : "{\"error\":\"Invalid token\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ServiceReads account(Optional<String> internal) {
        return new ServiceReads("the trade simulator", URI.create("http://127.0.0.1:" + server.getAddress().getPort()), internal,
                HttpClient.newHttpClient());
    }

    @Test
    void theCallersTokenAndTheInternalCredentialGoWithEachRead() {
        assertThat(account(Optional.of("internal-secret")).read("/api/trade/positions", Optional.of("Bearer alice")))
                .isEqualTo("{\"count\":0,\"positions\":[]}");
        assertThat(seen).containsExactly(Map.of("path", "/api/trade/positions", "authorization", "Bearer alice",
                "internal", "internal-secret"));
        account(Optional.empty()).read("/api/trade/pnl?period=all", Optional.of("Bearer bob"));
        assertThat(seen.get(1)).containsEntry("internal", "null").containsEntry("authorization", "Bearer bob");
    }

    @Test
    void aRefusalIsAnErrorWithTheSimulatorsReason() {
        status = 401;
        assertThat(account(Optional.empty()).read("/api/trade/orders", Optional.of("Bearer expired")))
                .isEqualTo("{\"error\":\"the trade simulator answered HTTP 401: Invalid token\"}");
    }
}
