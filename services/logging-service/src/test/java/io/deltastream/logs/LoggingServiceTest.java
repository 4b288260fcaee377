package io.deltastream.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.bus.Bus;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.Eventually;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoggingServiceTest {
    private static final String ADMIN_TOKEN = "logging-test-admin-token-0123456789abcdef";

    private TestServices services;
    /** Carries the admin token, as every caller of this service must. */
    private HttpJson http;
    private HttpJson anonymous;
    private Path logDir;

    @BeforeEach
    void start() {
        services = new TestServices();
        logDir = services.dataDir().resolve("logs");
        services.env("LOG_DIR", logDir.toString()).env("ADMIN_TOKEN", ADMIN_TOKEN)
                .env("LOG_MAX_SERVICES", "3").env("LOG_MAX_SERVICE_BYTES_PER_MINUTE", "4096")
                .env("LOG_MAX_TOTAL_BYTES_PER_MINUTE", "6144");
        RunningService svc = services.start(new LoggingService());
        anonymous = TestServices.http(svc);
        http = anonymous.withHeader("X-Admin-Token", ADMIN_TOKEN);
    }

    @Test
    void writingAndReadingLogsNeedTheAdminToken() throws Exception {
        HttpJson wrong = anonymous.withHeader("X-Admin-Token", "x".repeat(ADMIN_TOKEN.length()));
        for (HttpJson caller : List.of(anonymous, wrong)) {
            for (HttpJson.Response r : List.of(caller.post("/logs", Map.of("service", "auth", "message", "forged")),
                    caller.get("/logs"), caller.get("/logs/auth"))) {
                assertThat(r.status()).as(r.body()).isEqualTo(401);
                assertThat(r.json().get("error").asText()).contains("X-Admin-Token");
            }
        }
        assertThat(Files.exists(logDir.resolve("auth.log"))).isFalse();
        assertThat(http.post("/logs", Map.of("service", "auth", "message", "real")).status()).isEqualTo(201);
        assertThat(http.get("/logs/auth").json().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void ingestionIsCappedByServiceNamesAndBytesPerServiceAndInAll() {
        for (String name : List.of("a", "b", "c")) {
            assertThat(http.post("/logs", Map.of("service", name, "message", "x")).status()).isEqualTo(201);
        }
        HttpJson.Response fourth = http.post("/logs", Map.of("service", "d", "message", "x"));
        assertThat(fourth.status()).as(fourth.body()).isEqualTo(403);
        assertThat(fourth.json().get("error").asText()).contains("LOG_MAX_SERVICES");
        assertThat(http.get("/logs").json().get("services")).hasSize(3);
        // a known name still logs
        String kilobyte = "k".repeat(1000);
        HttpJson.Response over = null;
        for (int i = 0; i < 6 && over == null; i++) {
            HttpJson.Response r = http.post("/logs", Map.of("service", "a", "message", kilobyte));
            if (r.status() != 201) {
                over = r;
            }
        }
        assertThat(over).as("a 429 within 6 KB for one service at 4 KB per minute").isNotNull();
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.json().get("error").asText()).contains("LOG_MAX_SERVICE_BYTES_PER_MINUTE");
        assertThat(Long.parseLong(over.header("Retry-After"))).isBetween(1L, 60L);
        // other services have their own budget until the total (6 KB) runs out
        HttpJson.Response total = null;
        for (int i = 0; i < 4 && total == null; i++) {
            HttpJson.Response r = http.post("/logs", Map.of("service", "b", "message", kilobyte));
            if (r.status() != 201) {
                total = r;
            }
        }
        assertThat(total).isNotNull();
        assertThat(total.status()).isEqualTo(429);
        assertThat(total.json().get("error").asText()).contains("LOG_MAX_TOTAL_BYTES_PER_MINUTE");
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void postedEntriesAreStoredStampedAndReadBackNewestLast() {
        assertThat(http.post("/logs", Map.of("service", "auth", "message", "first")).status()).isEqualTo(201);
        HttpJson.Response second = http.post("/logs",
                Map.of("service", "auth", "message", "second", "timestamp", "2026-01-02T03:04:05Z"));
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("status").asText()).isEqualTo("logged");

        JsonNode body = http.get("/logs/auth?limit=10").json();
        assertThat(body.get("service").asText()).isEqualTo("auth");
        assertThat(body.get("count").asInt()).isEqualTo(2);
        assertThat(body.get("logs").get(0).get("message").asText()).isEqualTo("first");
        assertThat(body.get("logs").get(0).get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(body.get("logs").get(1).get("timestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(http.get("/logs/auth?limit=1").json().get("logs").get(0).get("message").asText()).isEqualTo("second");
        assertThat(http.get("/logs").json().get("services").get(0).asText()).isEqualTo("auth");
    }

    @Test
    void entriesWithoutServiceGoToUnknownAndMissingFilesHaveTheSameShape() {
        assertThat(http.post("/logs", Map.of("message", "orphan")).status()).isEqualTo(201);
        assertThat(http.get("/logs/unknown").json().get("count").asInt()).isEqualTo(1);
        JsonNode empty = http.get("/logs/never-logged").json();
        assertThat(empty.get("count").asInt()).isZero();
        assertThat(empty.get("logs").isArray()).isTrue();
        assertThat(empty.get("service").asText()).isEqualTo("never-logged");
    }

    @Test
    void pathTraversalIsRefusedAndWritesNothingOutsideTheDirectory() throws Exception {
        HttpJson.Response r = http.post("/logs", Map.of("service", "../../escape", "message", "x"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("service");
        assertThat(http.post("/logs", Map.of("service", 42)).status()).isEqualTo(400);
        try (var walk = Files.walk(services.dataDir())) {
            assertThat(walk.filter(p -> p.getFileName().toString().startsWith("escape"))).isEmpty();
        }
        assertThat(http.get("/logs/..%2F..%2Fetc").status()).isIn(400, 404);
    }

    @Test
    void badBodiesAndParametersGetJsonErrors() {
        assertThat(http.send("POST", "/logs", "[1,2]", "Content-Type", "application/json").status()).isEqualTo(400);
        assertThat(http.send("POST", "/logs", "{not json", "Content-Type", "application/json").status()).isEqualTo(400);
        HttpJson.Response wrongType = http.send("POST", "/logs", "{}", "Content-Type", "text/plain");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.json().has("error")).isTrue();
        for (String limit : List.of("0", "-5", "abc", "1001")) {
            HttpJson.Response r = http.get("/logs/auth?limit=" + limit);
            assertThat(r.status()).as(limit).isEqualTo(400);
            assertThat(r.json().get("error").asText()).contains("limit");
        }
    }

    @Test
    void corruptLinesAreReturnedRawInsteadOfFailingTheRead() throws Exception {
        Files.createDirectories(logDir);
        Files.writeString(logDir.resolve("storage.log"), "{\"ok\":1}\nnot json at all\n");
        JsonNode logs = http.get("/logs/storage").json().get("logs");
        assertThat(logs).hasSize(2);
        assertThat(logs.get(1).get("raw").asText()).isEqualTo("not json at all");
    }

    @Test
    void everyEntryIsPublishedOnLogsAll() throws Exception {
        Bus bus = services.shared().get("bus:memory", Bus.class, () -> {
            throw new AssertionError("the service should have opened the in-process bus");
        });
        List<String> seen = new CopyOnWriteArrayList<>();
        try (var sub = bus.topics().subscribe(List.of(LoggingService.LOGS_TOPIC), (topic, payload) -> seen.add(payload))) {
            http.post("/logs", Map.of("service", "analytics", "message", "hello"));
            Eventually.until("the entry is published", () -> seen.size() == 1);
        }
        assertThat(seen.get(0)).contains("\"message\":\"hello\"").contains("\"service\":\"analytics\"");
    }
}
