package io.deltastream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.testkit.TestServices;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/ai/chat/stream} through the gateway is streamed, not buffered: the downstream sends its first event and
 * then waits until the test has received that event through the gateway; a buffering proxy would never deliver it.
 */
class AiStreamThroughGatewayTest {
    @Test
    void eventsReachTheClientAsTheAnalystSendsThem() throws Exception {
        CountDownLatch firstSeen = new CountDownLatch(1);
        HttpServer analyst = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        analyst.createContext("/api/ai/chat/stream", x -> {
            x.getResponseHeaders().add("Content-Type", "text/event-stream");
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            out.write("event: token\ndata: {\"text\":\"first\"}\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                firstSeen.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("event: done\ndata: {\"answer\":\"first\"}\n\n".getBytes(StandardCharsets.UTF_8));
            x.close();
        });
        analyst.start();
        try (TestServices services = new TestServices()) {
            services.env("AI_SERVICE_URL", "http://127.0.0.1:" + analyst.getAddress().getPort())
                    .env("GATEWAY_RATE_LIMIT_RPS", "0");
            String gateway = services.start(new ApiGatewayService()).baseUrl();
            HttpResponse<Stream<String>> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(gateway + "/api/ai/chat/stream?query=hi")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("text/event-stream");
            Iterator<String> lines = r.body().iterator();
            // read the first event while the analyst is still holding the rest back
            List<String> first = CompletableFuture.supplyAsync(() -> List.of(lines.next(), lines.next()))
                    .get(60, TimeUnit.SECONDS);
            assertThat(first).containsExactly("event: token", "data: {\"text\":\"first\"}");
            assertThat(firstSeen.getCount()).isEqualTo(1);
            firstSeen.countDown();
            List<String> rest = new java.util.ArrayList<>();
            lines.forEachRemaining(rest::add);
            assertThat(rest).containsSubsequence("event: done", "data: {\"answer\":\"first\"}");
        } finally {
            analyst.stop(0);
        }
    }
}
