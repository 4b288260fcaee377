package io.deltastream.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.platform.config.Env;
import io.deltastream.platform.json.Json;
import io.deltastream.platform.service.RunningService;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceHost;
import io.deltastream.platform.service.SharedResources;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the bootstrap adds to every answer, errors included: CORS and request id on the service's own 4xx, nosniff,
 * the HTML and no-store mechanisms, dates out of range, and JSON errors in the client's terms.
 */
class ResponseHardeningTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningService anyOrigin;
    private static RunningService listedOrigin;
    private static SharedResources shared;

    @BeforeAll
    static void start() throws Exception {
        shared = new SharedResources();
        anyOrigin = ServiceHost.start(new Sample("sample"), Env.of(Map.of("SAMPLE_PORT", "0")), shared, false);
        listedOrigin = ServiceHost.start(new Sample("listed"), Env.of(Map.of("LISTED_PORT", "0",
                "CORS_ORIGINS", "http://localhost:8000")), shared, false);
    }

    @AfterAll
    static void stop() {
        anyOrigin.close();
        listedOrigin.close();
        shared.close();
    }

    private record Sample(String name) implements Service {
        @Override
        public int defaultPort() {
            return 0;
        }

        @Override
        public void install(ServiceContext ctx) {
            ctx.routes()
                    .get("/limited", req -> {
                        throw ApiException.tooManyRequests("Slow down", 7);
                    })
                    .get("/when", req -> Map.of("start", String.valueOf(req.queryInstant("start").orElse(null)),
                            "expiry", String.valueOf(req.queryDate("expiry").orElse(null))))
                    .post("/items", req -> {
                        JsonBody body = req.jsonBody().allowOnly(Set.of("name", "quantity"));
                        return Map.of("quantity", body.requiredInteger("quantity", 1, 100));
                    })
                    .post("/token", SecurityHeaders.noStore(req -> Map.of("access_token", "t")))
                    .raw(Method.GET, "/page", (req, res) -> {
                        SecurityHeaders.html(res, "default-src 'self'");
                        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
                        res.send("<!DOCTYPE html><title>x</title>".getBytes(StandardCharsets.UTF_8));
                    });
        }
    }

    private static HttpResponse<String> send(RunningService s, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUrl() + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(anyOrigin.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return Json.tree(r.body()).path("error").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/limited", "/nope", "/health/"})
    void theServicesOwnErrorsKeepCorsAndRequestIdReadableByABrowser(String path) throws Exception {
        HttpResponse<String> r = send(anyOrigin, path, "Origin", "http://localhost:8000", "X-Request-ID", "req-42");
        assertThat(r.statusCode()).isBetween(400, 499);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(v ->
                assertThat(v).contains("Retry-After").contains("X-Request-ID"));
        assertThat(r.headers().firstValue("X-Request-ID")).hasValue("req-42");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void a429KeepsItsRetryAfterAndAListedOriginIsEchoed() throws Exception {
        HttpResponse<String> r = send(listedOrigin, "/limited", "Origin", "http://localhost:8000");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8000");
        assertThat(r.headers().firstValue("Vary")).hasValue("Origin");

        HttpResponse<String> stranger = send(listedOrigin, "/limited", "Origin", "http://evil.example");
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void a405KeepsItsAllowHeaderAndCors() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(anyOrigin.baseUrl() + "/limited"))
                .header("Origin", "http://localhost:8000").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("GET"));
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void everyAnswerSaysNosniff() throws Exception {
        for (String path : new String[] {"/health", "/metrics", "/when", "/page"}) {
            assertThat(send(anyOrigin, path).headers().firstValue("X-Content-Type-Options")).as(path)
                    .hasValue("nosniff");
        }
    }

    @Test
    void htmlPagesGetTheirPolicyAndRefuseFraming() throws Exception {
        HttpResponse<String> r = send(anyOrigin, "/page");
        assertThat(r.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'self'; frame-ancestors 'none'");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(send(anyOrigin, "/when").headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    @Test
    void tokenAnswersAreNeverStored() throws Exception {
        HttpResponse<String> r = post("/token", "{}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(Json.tree(r.body()).path("access_token").asText()).isEqualTo("t");
    }

    @ParameterizedTest
    @CsvSource({"start,-999999999-01-01", "start,+999999999-12-31T23:59:59Z", "start,0000-12-31T23:59:59Z",
            "start,+10000-01-01", "expiry,-999999999-01-01", "expiry,+10000-01-01", "expiry,0000-12-31"})
    void datesOutsideYears1To9999Are400NamingTheParameter(String name, String value) throws Exception {
        HttpResponse<String> r = send(anyOrigin, "/when?" + name + "=" + value.replace("+", "%2B"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(error(r)).contains("'" + name + "'").contains("0001-01-01 to 9999-12-31");
    }

    @Test
    void theEdgesOfTheRangeAreAccepted() throws Exception {
        assertThat(send(anyOrigin, "/when?start=0001-01-01T00:00:00Z&expiry=9999-12-31").statusCode()).isEqualTo(200);
        assertThat(send(anyOrigin, "/when?start=9999-12-31T23:59:59.999Z&expiry=0001-01-01").statusCode())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"quantity\": 1,}|Malformed JSON at line 1, column 16",
            "{\"quantity\": 1} {}|Malformed JSON: unexpected data after the JSON value at line 1, column 17",
            "{\"quantity\": 1, \"quantity\": 2}|Malformed JSON: duplicate field 'quantity' at line 1, column 27",
            "{\"quantity\": |Malformed JSON: unexpected end of input",
            "{\"quantity\": NaN}|Malformed JSON at line 1, column 17",
            "{\"quantity\": \"ten\"}|Field 'quantity' must be an integer from 1 to 100"})
    void jsonErrorsSpeakTheClientsLanguage(String body, String message) throws Exception {
        HttpResponse<String> r = post("/items", body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).isEqualTo(message).doesNotContain("jackson").doesNotContain("Feature")
                .doesNotContain("`");
    }
}
