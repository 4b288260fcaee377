package io.deltastream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.RawHttp;
import io.deltastream.testkit.TestServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests against the real services behind the real gateway: broken HTTP framing, dates out of range on
 * every route that takes one, and the headers a browser needs on the gateway's own answers.
 */
class HostileInputTest {
    private static HostilePlatform platform;

    @BeforeAll
    static void start() {
        platform = new HostilePlatform();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String post(String path, String framing, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + framing
                + "\r\n" + body;
    }

    private static void assertRefusedAndClosed(RawHttp.Exchange e, String what) {
        assertThat(e.status()).as(what + ":\n" + e.text()).isEqualTo(400);
        assertThat(e.header("Content-Type")).as(what).startsWith("application/json");
        assertThat(e.body()).as(what).contains("\"error\"");
        assertThat(e.header("Connection")).as(what).isEqualToIgnoringCase("close");
        assertThat(e.closed()).as(what + ": the connection must be closed").isTrue();
    }

    @Test
    void aBrokenChunkedBodyIsA400ThatClosesTheConnection() {
        String[] brokenChunks = {"zz\r\n{}\r\n0\r\n\r\n", "\r\n{}\r\n0\r\n\r\n", "-1\r\n{}\r\n0\r\n\r\n",
            "ffffffffffffffffff\r\n{}\r\n0\r\n\r\n"};
        Map<String, Integer> targets = Map.of("/api/auth/login", HostilePlatform.port(platform.gateway),
                "/login", HostilePlatform.port(platform.auth));
        for (Map.Entry<String, Integer> t : targets.entrySet()) {
            for (String chunks : brokenChunks) {
                RawHttp.Exchange e = RawHttp.send(t.getValue(), post(t.getKey(), "Transfer-Encoding: chunked\r\n",
                        chunks), 20_000);
                assertRefusedAndClosed(e, t.getKey() + " " + chunks.replace("\r\n", "\\r\\n"));
            }
        }
        // the logging service reads the body of POST /logs (behind a credential, it may refuse before reading)
        RawHttp.Exchange logs = RawHttp.send(HostilePlatform.port(platform.logging), post("/logs",
                "Transfer-Encoding: chunked\r\n", brokenChunks[0]), 20_000);
        assertThat(logs.status()).as(logs.text()).isIn(400, 401, 403);
        assertThat(logs.closed()).isTrue();
    }

    @Test
    void contentLengthWithTransferEncodingIsRefusedAndTheConnectionClosed() {
        String body = "{\"email\":\"a@b.co\",\"password\":\"x\"}";
        String chunked = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
        String smuggled = chunked + "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        for (RunningService s : List.of(platform.gateway, platform.auth, platform.logging)) {
            String path = s == platform.gateway ? "/api/auth/login" : s == platform.auth ? "/login" : "/logs";
            RawHttp.Exchange e = RawHttp.send(HostilePlatform.port(s), post(path, "Content-Length: "
                    + body.length() + "\r\nTransfer-Encoding: chunked\r\n", smuggled), 20_000);
            assertRefusedAndClosed(e, path);
            assertThat(e.text()).as("nothing after the refusal is served").doesNotContain("HTTP/1.1 200");
            assertThat(e.body()).contains("Content-Length and Transfer-Encoding");
        }
    }

    @Test
    void everyDateParameterOfEveryRouteRefusesOutOfRangeDatesNamingIt() {
        List<String> checked = new ArrayList<>();
        for (HostilePlatform.Route route : platform.routes()) {
            for (JsonNode p : route.parameters()) {
                String format = p.path("schema").path("format").asText();
                if (!p.path("in").asText().equals("query") || !(format.equals("date") || format.equals("date-time"))) {
                    continue;
                }
                String name = p.get("name").asText();
                for (String value : new String[] {"-999999999-01-01", "%2B999999999-12-31", "0000-12-31",
                    "%2B10000-01-01T00:00:00Z", "-0001-06-01T00:00:00"}) {
                    String url = route.samplePath() + "?" + name + "=" + value;
                    HttpJson.Response r = platform.api.get(url, platform.bearer());
                    assertThat(r.status()).as(url + " " + r.body()).isEqualTo(400);
                    assertThat(r.json().get("error").asText()).as(url).contains("'" + name + "'");
                }
                for (String edge : new String[] {"0001-01-01", "9999-12-31"}) {
                    String url = route.samplePath() + "?" + name + "=" + edge;
                    HttpJson.Response r = platform.api.get(url, platform.bearer());
                    assertThat(r.status()).as(url + " " + r.body()).isLessThan(500);
                }
                checked.add(route.template() + "?" + name);
            }
        }
        // storage: underlying, chain, quote, candles, surfaces; analytics: candles, the expiry-taking reads
        assertThat(checked).contains("/api/data/underlying/{product}?start", "/api/data/chain/{product}?expiry",
                "/api/data/surfaces/{product}?end", "/api/analytics/candles/{product}?start").hasSizeGreaterThan(12);
    }

    @Test
    void aStrategyErrorNamesTheFieldAsTheClientSentIt() {
        HttpJson.Response r = platform.api.post("/api/analytics/strategy", Map.of("spot", 100, "volatility", 0.2,
                "legs", List.of(Map.of("type", "UNDERLYING", "quantity", 1, "entry_price", 0))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).startsWith("Field 'legs[0].entry_price'")
                .doesNotContain("entryPrice");
    }

    @Test
    void tokenAnswersAreNotStoredThroughTheGatewayEither() {
        String email = "nostore" + System.nanoTime() + "@example.com";
        HttpJson.Response registered = platform.api.post("/api/auth/register", Map.of("email", email,
                "password", "test123abc"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.header("Cache-Control")).isEqualTo("no-store");
        HttpJson.Response login = platform.api.post("/api/auth/login", Map.of("email", email,
                "password", "test123abc"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("Cache-Control")).isEqualTo("no-store");
        HttpJson.Response refreshed = platform.api.post("/api/auth/refresh", Map.of("refresh_token",
                login.json().get("refresh_token").asText()));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.header("Cache-Control")).isEqualTo("no-store");
        assertThat(login.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theDocsPageHasAContentSecurityPolicyAndCannotBeFramed() {
        HttpJson.Response page = platform.api.get("/api/docs/ui");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'")
                .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theGatewaysRateLimitAnswerIsReadableByABrowser() {
        platform.services.env("GATEWAY_RATE_LIMIT_RPS", "1").env("GATEWAY_RATE_LIMIT_BURST", "1");
        HttpJson limited = TestServices.http(platform.services.start(new ApiGatewayService()));
        String[] browser = {"Origin", "http://localhost:8000", "X-Request-ID", "browser-2"};
        HttpJson.Response r = limited.get("/api/data/products", browser);
        for (int i = 0; i < 5 && r.status() != 429; i++) {
            r = limited.get("/api/data/products", browser);
        }
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isNotNull();
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(r.header("Access-Control-Expose-Headers")).contains("Retry-After");
        assertThat(r.header("X-Request-ID")).isEqualTo("browser-2");
    }

    @Test
    void theGatewaysOwnRefusalsCarryCorsAndTheRequestId() {
        String[] browser = {"Origin", "http://localhost:8000", "X-Request-ID", "browser-1"};
        List<HttpJson.Response> refusals = List.of(platform.api.get("/api/trade/portfolio", browser),
                platform.api.get("/api/nowhere", browser),
                platform.api.send("DELETE", "/api/data/products", null, browser));
        assertThat(refusals).extracting(HttpJson.Response::status).containsExactly(401, 404, 405);
        for (HttpJson.Response r : refusals) {
            assertThat(r.header("Access-Control-Allow-Origin")).as(r.body()).isEqualTo("*");
            assertThat(r.header("Access-Control-Expose-Headers")).contains("Retry-After").contains("X-Request-ID");
            assertThat(r.header("X-Request-ID")).isEqualTo("browser-1");
        }
    }
}
