package io.deltastream.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.RunningService;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceHost;
import io.deltastream.platform.service.SharedResources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON error contract every service inherits from the HTTP bootstrap. */
class ErrorContractTest {
    private static RunningService service;
    private static SharedResources shared;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        shared = new SharedResources();
        Service echo = new Service() {
            @Override
            public String name() {
                return "echo";
            }

            @Override
            public int defaultPort() {
                return 0;
            }

            @Override
            public void install(ServiceContext ctx) {
                ctx.routes()
                        .get("/items/{id}", req -> Map.of("id", req.path("id"),
                                "limit", req.queryInt("limit", 10, 1, 1000)))
                        .post("/items", req -> {
                            JsonBody body = req.jsonBody().allowOnly(java.util.Set.of("name", "qty"));
                            return Reply.created(Map.of("name", body.requiredString("name"),
                                    "qty", body.requiredInteger("qty", 1, 100)));
                        })
                        .get("/boom", req -> {
                            throw new IllegalStateException("secret internals");
                        });
            }
        };
        service = ServiceHost.start(echo, Env.of(Map.of("ECHO_PORT", "0", "MAX_BODY_BYTES", "2048")), shared, false);
    }

    @AfterAll
    static void stop() {
        service.close();
        shared.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create(service.baseUrl() + path));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return Json.tree(r.body());
    }

    @Test
    void successUsesTheRouteAndValidatesQuery() throws Exception {
        HttpResponse<String> ok = send(at("/items/abc?limit=5"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).path("id").asText()).isEqualTo("abc");
        assertThat(json(ok).path("limit").asInt()).isEqualTo(5);

        HttpResponse<String> bad = send(at("/items/abc?limit=0"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").asText()).contains("limit").contains("1 to 1000");
    }

    @Test
    void unknownRouteIs404Json() throws Exception {
        HttpResponse<String> r = send(at("/nope"));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).path("error").asText()).contains("/nope");
    }

    @Test
    void trailingSlashIsNotTheSameRoute() throws Exception {
        assertThat(send(at("/health/")).statusCode()).isEqualTo(404);
    }

    @Test
    void wrongMethodIs405JsonWithAllow() throws Exception {
        HttpResponse<String> r = send(at("/items/abc").DELETE());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(json(r).path("error").asText()).contains("DELETE");
        assertThat(r.headers().firstValue("allow")).hasValueSatisfying(v -> assertThat(v).contains("GET"));
    }

    @Test
    void malformedJsonIs400() throws Exception {
        HttpResponse<String> r = send(at("/items").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": ")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).startsWith("Malformed JSON");
    }

    @Test
    void nonObjectJsonIs400() throws Exception {
        HttpResponse<String> r = send(at("/items").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[1,2]")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).contains("JSON object");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> r = send(at("/items").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=x")));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(json(r).path("error").asText()).contains("application/json");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String big = "{\"name\": \"" + "x".repeat(4096) + "\", \"qty\": 1}";
        HttpResponse<String> r = send(at("/items").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big)));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).path("error").asText()).contains("too large");
    }

    @Test
    void fieldErrorsNameTheField() throws Exception {
        HttpResponse<String> unknown = send(at("/items").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\",\"qty\":1,\"colour\":\"red\"}")));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("error").asText()).contains("'colour'");

        HttpResponse<String> wrongType = send(at("/items").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\",\"qty\":\"many\"}")));
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).path("error").asText()).contains("'qty'").contains("1 to 100");

        HttpResponse<String> created = send(at("/items").header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\",\"qty\":3}")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).path("qty").asInt()).isEqualTo(3);
    }

    @Test
    void unexpectedErrorsAre500WithoutInternals() throws Exception {
        HttpResponse<String> r = send(at("/boom"));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("secret internals").doesNotContain("IllegalStateException");
        assertThat(json(r).path("error").asText()).isEqualTo("Internal server error");
    }

    @Test
    void requestIdIsEchoedOrGenerated() throws Exception {
        HttpResponse<String> given = send(at("/health").header("X-Request-ID", "abc-123"));
        assertThat(given.headers().firstValue("x-request-id")).hasValue("abc-123");
        HttpResponse<String> generated = send(at("/health"));
        assertThat(generated.headers().firstValue("x-request-id")).hasValueSatisfying(v -> assertThat(v).hasSize(36));
        HttpResponse<String> hostile = send(at("/health").header("X-Request-ID", "a b\"<script>"));
        assertThat(hostile.headers().firstValue("x-request-id")).hasValueSatisfying(v -> assertThat(v).hasSize(36));
    }

    @Test
    void corsAllowsAnyOriginIncludingFilePages() throws Exception {
        HttpResponse<String> simple = send(at("/health").header("Origin", "null"));
        assertThat(simple.headers().firstValue("access-control-allow-origin")).isPresent();

        HttpResponse<String> preflight = send(at("/items").header("Origin", "http://example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,authorization")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).isPresent();
        assertThat(preflight.headers().firstValue("access-control-allow-methods")).isPresent();
    }

    @Test
    void healthAndMetrics() throws Exception {
        HttpResponse<String> h = send(at("/health"));
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(json(h).path("service").asText()).isEqualTo("echo");
        assertThat(json(h).path("status").asText()).isEqualTo("healthy");

        send(at("/items/xyz"));
        HttpResponse<String> m = send(at("/metrics"));
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(m.body())
                .contains("jvm_memory_used_bytes")
                .contains("http_server_requests_seconds_count")
                .contains("uri=\"/items/{id}\"")
                .doesNotContain("uri=\"/items/xyz\"");
    }
}
