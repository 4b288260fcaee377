package io.deltastream.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.json.Json;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LoggingTest {
    /**
     * A Loki push endpoint (the HTTP API Loki documents, JSON form) that keeps what it is sent; the appender's real
     * HTTP client talks to it.
     */
    @Test
    void withLokiUrlEventsArePushedLabelledByServiceAndLevelWithTheRequestId() throws Exception {
        List<String> pushes = new CopyOnWriteArrayList<>();
        HttpServer loki = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        loki.createContext("/loki/api/v1/push", exchange -> {
            pushes.add(new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        loki.start();
        ch.qos.logback.classic.Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger(Logger.ROOT_LOGGER_NAME);
        try {
            Logging.configure(Env.of(Map.of("LOKI_URL", "http://127.0.0.1:" + loki.getAddress().getPort() + "/")));
            MDC.put("service", "probe");
            MDC.put("request_id", "req-42");
            LoggerFactory.getLogger("loki.test").warn("disk almost full");
            MDC.clear();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (pushes.stream().noneMatch(p -> p.contains("disk almost full")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String push = pushes.stream().filter(p -> p.contains("disk almost full")).findFirst().orElseThrow();
            JsonNode stream = Json.tree(push).path("streams").get(0);
            assertThat(stream.path("stream").path("service").asText()).isEqualTo("probe");
            assertThat(stream.path("stream").path("level").asText()).isEqualTo("WARN");
            JsonNode line = Json.tree(stream.path("values").get(0).get(1).asText());
            assertThat(line.path("message").asText()).isEqualTo("disk almost full");
            assertThat(line.toString()).contains("req-42");
        } finally {
            var appender = root.getAppender(Logging.LOKI_APPENDER);
            if (appender != null) {
                root.detachAppender(appender);
                appender.stop();
            }
            loki.stop(0);
        }
    }
}
