package io.deltastream.app.rest;

import static io.deltastream.app.rest.StorageApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.analytics.AnalyticsService;
import io.deltastream.auth.AuthService;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.platform.auth.Secret;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.service.RunningService;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.storage.StorageService;
import io.deltastream.testkit.FreePorts;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every gateway route against the real auth, storage and analytics services (random ports, embedded store), with
 * echo downstreams for the trade simulator and the AI analyst, and a port nobody listens on for "downstream down".
 */
class GatewayApiTest {
    static final LocalDate NEAR = LocalDate.now().plusDays(3);
    static TestServices services;
    static MarketFixture market;
    static HttpJson api;
    static EnrichedChain chain;

    @BeforeAll
    static void start() {
        services = new TestServices().env("BCRYPT_COST", "4").env(StorageService.MEMO_VARIABLE, "0")
                .env("LOGIN_CLIENT_MAX_ATTEMPTS", "10000").env("JWT_SECRET", AuthApiTest.SECRET);
        market = new MarketFixture();
        services.start(market);
        RunningService auth = services.start(new AuthService());
        RunningService storage = services.start(new StorageService());
        RunningService analytics = services.start(new AnalyticsService());
        RunningService trade = services.start(new EchoService("trade-echo"));
        services.env("AUTH_SERVICE_URL", auth.baseUrl())
                .env("STORAGE_SERVICE_URL", storage.baseUrl())
                .env("ANALYTICS_SERVICE_URL", analytics.baseUrl())
                .env("TRADE_SERVICE_URL", trade.baseUrl())
                .env("AI_SERVICE_URL", "http://localhost:" + FreePorts.next())
                .env("GATEWAY_RATE_LIMIT_RPS", "0");
        api = TestServices.http(services.start(new ApiGatewayService()));

        Instant now = MarketFixture.now();
        for (int i = 0; i < 5; i++) {
            market.tick("NIFTY", 21500 + i, now.minusSeconds(10 - i), i);
        }
        market.quote("NIFTY", NEAR, OptionType.PUT, 21400, 80.5, now);
        chain = MarketFixture.chain("NIFTY", NEAR, 21500, 50, 5, now.minusSeconds(2), 1.0, 0);
        market.storeChain(chain);
        market.cacheChain(chain);
        Instant bucket = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Candle c = new Candle("NIFTY", 5, 21500, 21510, 21490, 21505, bucket, bucket.plusSeconds(300), 9);
        market.candle(c);
        market.cacheCandle(c);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    // ---- the reference's example clients (curl-examples.sh, postman collection) ----

    @Test
    void curlExamplesGetJsonOfTheShapesTheirJqFiltersRead() {
        JsonNode products = api.get("/api/data/products").json();
        assertThat(products.get("products")).extracting(JsonNode::asText).contains("NIFTY");
        assertThat(api.get("/api/data/underlying/NIFTY?limit=5").json().get("ticks")).hasSize(5);
        JsonNode first = api.get("/api/data/chain/NIFTY?limit=1").json().get("chains").get(0);
        for (String f : new String[] {"product", "expiry", "spot_price", "pcr_oi", "atm_straddle_price"}) {
            assertThat(first.get(f).isNull()).as(f).isFalse();
        }
        assertThat(first.get("pcr_oi").isNumber()).isTrue();
        assertThat(first.get("atm_straddle_price").isNumber()).isTrue();
        assertThat(first.get("strikes").size()).isEqualTo(first.get("calls").size());
        assertThat(api.get("/api/data/expiries/NIFTY").json().get("expiries").get(0).asText())
                .isEqualTo(NEAR.toString());
        assertThat(api.get("/api/analytics/pcr/NIFTY").json().get("latest").get(0).get("pcr_oi").asDouble())
                .isEqualTo(chain.pcrOi());
        assertThat(api.get("/api/analytics/pcr/NIFTY?history=true").json().get("history")).hasSize(1);
        JsonNode surface = api.get("/api/analytics/volatility-surface/NIFTY").json();
        assertThat(surface.get("product").asText()).isEqualTo("NIFTY");
        assertThat(surface.get("expiries")).hasSize(1);
        // the reference's gateway dropped the query string: max-pain was always 400
        assertThat(api.get("/api/analytics/max-pain/NIFTY?expiry=" + NEAR).json().get("max_pain_strike").asDouble())
                .isEqualTo(chain.maxPainStrike());
        assertError(api.get("/api/analytics/max-pain/NIFTY?expiry=2025-01-25"), 404, "No data available");
    }

    @Test
    void everyDataAndAnalyticsRouteAnswers() {
        String symbol = "NIFTY" + NEAR.toString().replace("-", "") + "P21400";
        for (String path : new String[] {"/api/data/quote/" + symbol, "/api/data/candles/NIFTY?window=5",
            "/api/data/surfaces/NIFTY", "/api/analytics/oi-buildup/NIFTY?expiry=" + NEAR,
            "/api/analytics/ohlc/NIFTY?window=5", "/api/analytics/candles/NIFTY?window=5m",
            "/api/analytics/term-structure/NIFTY", "/api/analytics/iv-rank/NIFTY",
            "/api/analytics/expected-move/NIFTY"}) {
            HttpJson.Response r = api.get(path);
            assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
        }
        assertThat(api.get("/api/data/quote/" + symbol).json().get("count").asInt()).isEqualTo(1);
        JsonNode greeks = api.post("/api/analytics/greeks", Map.of("type", "CALL", "spot", 100, "strike", 100,
                "years", 1, "rate", 0.05, "volatility", 0.2)).json();
        assertThat(greeks.get("price").asDouble()).isBetween(10.45, 10.46);
        assertThat(api.post("/api/analytics/implied-vol", Map.of("type", "CALL", "spot", 100, "strike", 100,
                "years", 1, "price", 8)).status()).isEqualTo(200);
        assertThat(api.post("/api/analytics/strategy", Map.of("spot", 100, "volatility", 0.2, "legs",
                java.util.List.of(Map.of("type", "CALL", "strike", 100, "days", 30, "quantity", 1,
                        "entry_price", 3)))).status()).isEqualTo(200);
    }

    @Test
    void downstreamErrorsPassThroughUnchanged() {
        assertError(api.get("/api/data/underlying/NIFTY?limit=0"), 400, "limit");
        assertError(api.get("/api/data/underlying/NIFTY?start=2026-13-45T99:00:00"), 400, "start");
        HttpJson.Response unknown = api.get("/api/data/chain/NOPE?limit=1");
        assertError(unknown, 404, "Unknown product");
        assertThat(unknown.json().get("product").asText()).isEqualTo("NOPE");
        assertError(api.get("/api/analytics/max-pain/NIFTY"), 400, "Expiry parameter required");
        assertError(api.get("/api/analytics/ohlc/NIFTY?window=2"), 400, "window");
        assertError(api.post("/api/analytics/greeks", "{oops"), 400, "Malformed JSON");
        assertError(api.send("POST", "/api/analytics/greeks", "type=CALL", "Content-Type", "text/plain"), 415,
                "application/json");
        assertError(api.get("/api/nothing-here"), 404, "Not found");
        HttpJson.Response wrongMethod = api.send("DELETE", "/api/data/products", null);
        assertError(wrongMethod, 405, "not allowed");
        assertThat(wrongMethod.header("Allow")).contains("GET");
        // an encoded slash does not escape the route: no downstream path other than the route's is reachable
        assertThat(api.get("/api/data/chain/..%2F..%2Fhealth").status()).isEqualTo(404);
    }

    @Test
    void authFlowThroughTheGateway() {
        String email = "gw" + System.nanoTime() + "@example.com";
        HttpJson.Response reg = api.post("/api/auth/register", Map.of("email", email, "password", "test123",
                "name", "Test User"));
        assertThat(reg.status()).isEqualTo(201);
        assertError(api.post("/api/auth/register", Map.of("email", email, "password", "test123")), 409,
                "User already exists");
        HttpJson.Response login = api.post("/api/auth/login", Map.of("email", email, "password", "test123"));
        assertThat(login.status()).isEqualTo(200);
        String token = login.json().get("token").asText();
        assertThat(api.send("POST", "/api/auth/verify", null, "Authorization", "Bearer " + token).json()
                .get("valid").asBoolean()).isTrue();
        HttpJson.Response refreshed = api.post("/api/auth/refresh",
                Map.of("refresh_token", login.json().get("refresh_token").asText()));
        assertThat(refreshed.status()).isEqualTo(200);
        assertError(api.post("/api/auth/login", Map.of("email", email, "password", "nope12")), 401,
                "Invalid credentials");
        assertError(api.post("/api/auth/login", "{\"email\":"), 400, "Malformed JSON");
        assertError(api.send("POST", "/api/auth/login", "email=x", "Content-Type", "text/plain"), 415,
                "application/json");
        String fresh = refreshed.json().get("token").asText();
        assertThat(api.get("/api/trade/portfolio", "Authorization", "Bearer " + fresh).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/logout", Map.of(), "Authorization", "Bearer " + fresh).status())
                .isEqualTo(200);
        assertError(api.get("/api/trade/portfolio", "Authorization", "Bearer " + fresh), 401, "Token revoked");
    }

    @Test
    void tradingRoutesRequireAValidTokenAndForwardEverything() {
        assertError(api.get("/api/trade/orders"), 401, "No token provided");
        assertError(api.get("/api/trade/orders", "Authorization", "Basic abc"), 401, "Invalid authorization header");
        String token = AuthApiTest.TOKENS.issue("0123456789abcdef01234567", "t@example.com", "a-session").token();
        assertError(api.get("/api/trade/orders", "Authorization", "Bearer " + AuthApiTest.forged(token)), 401,
                "Invalid token");
        assertError(api.get("/api/trade/orders", "Authorization", "Bearer " + AuthApiTest.expiredToken()), 401,
                "Token expired");

        HttpJson.Response r = api.post("/api/trade/order?dry=1&tag=a%20b", "{\"symbol\":\"NIFTY\",\"quantity\":50}",
                "Authorization", "Bearer " + token, "X-Request-ID", "req-123", "X-Internal-Token", "client-made-up");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Request-ID")).isEqualTo("req-123");
        JsonNode echo = r.json();
        assertThat(echo.get("method").asText()).isEqualTo("POST");
        assertThat(echo.get("path").asText()).isEqualTo("/api/trade/order");
        assertThat(echo.get("query").asText()).isEqualTo("dry=1&tag=a%20b");
        assertThat(echo.get("body").asText()).isEqualTo("{\"symbol\":\"NIFTY\",\"quantity\":50}");
        assertThat(echo.get("authorization").asText()).isEqualTo("Bearer " + token);
        assertThat(echo.get("content_type").asText()).startsWith("application/json");
        assertThat(echo.get("request_id").asText()).isEqualTo("req-123");
        assertThat(echo.get("forwarded_for").asText()).isNotEmpty();
        // the gateway presents its own internal credential, never one a client sent
        assertThat(echo.get("internal_token").asText()).isEqualTo(Secret.INTERNAL_TOKEN.stored(services.dataDir()));
        assertThat(api.delete("/api/trade/order/ORD_1", "Authorization", "Bearer " + token).json().get("path")
                .asText()).isEqualTo("/api/trade/order/ORD_1");
        // a route the gateway does not list still reaches the trade simulator, authenticated
        assertThat(api.get("/api/trade/new-feature?x=1", "Authorization", "Bearer " + token).json().get("query")
                .asText()).isEqualTo("x=1");
        assertError(api.get("/api/trade/new-feature"), 401, "No token provided");
        // the order book is public, as in the reference
        assertThat(api.get("/api/trade/orderbook/NIFTY").status()).isEqualTo(200);
        HttpJson.Response teapot = api.get("/api/trade/fail", "Authorization", "Bearer " + token);
        assertThat(teapot.status()).isEqualTo(418);
        assertError(api.get("/api/trade/html", "Authorization", "Bearer " + token), 502, "non-JSON");
    }

    @Test
    void downstreamDownIs503NamingTheService() {
        HttpJson.Response r = api.get("/api/ai/pulse?product=NIFTY");
        assertError(r, 503, "AI service unavailable");
        assertThat(r.json().get("service").asText()).isEqualTo("ai-analyst");
        assertError(api.post("/api/ai/chat", Map.of("query", "hi")), 503, "AI service unavailable");
    }

    @Test
    void slowDownstreamIs504AndMarketDataCanRequireAuthAndClientsAreRateLimited() {
        try (TestServices edge = new TestServices().env("JWT_SECRET", AuthApiTest.SECRET)) {
            RunningService echo = edge.start(new EchoService("ai-echo"));
            edge.env("AI_SERVICE_URL", echo.baseUrl()).env("AI_TIMEOUT_SECONDS", "0.5")
                    .env("MARKET_DATA_REQUIRES_AUTH", "true").env("GATEWAY_RATE_LIMIT_RPS", "1")
                    .env("GATEWAY_RATE_LIMIT_BURST", "4")
                    .env("STORAGE_SERVICE_URL", "http://localhost:" + FreePorts.next());
            HttpJson gw = TestServices.http(edge.start(new ApiGatewayService()));
            String token = AuthApiTest.TOKENS.issue("0123456789abcdef01234567", "t@example.com", "a-session").token();
            assertError(gw.get("/api/data/products"), 401, "No token provided");
            HttpJson.Response down = gw.get("/api/data/products", "Authorization", "Bearer " + token);
            assertError(down, 503, "Storage service unavailable");
            assertError(gw.get("/api/ai/slow", "Authorization", "Bearer " + token), 504, "timed out");
            HttpJson.Response limited = null;
            for (int i = 0; i < 6 && limited == null; i++) {
                HttpJson.Response r = gw.get("/api/ai/pulse", "Authorization", "Bearer " + token);
                if (r.status() == 429) {
                    limited = r;
                }
            }
            assertThat(limited).as("a 429 within 6 requests at 1 req/s with a burst of 4").isNotNull();
            assertError(limited, 429, "Rate limit");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 2L);
        }
    }

    @Test
    void forwardedForNamesTheClientOnlyFromTrustedProxyRanges() {
        try (TestServices edge = new TestServices().env("JWT_SECRET", AuthApiTest.SECRET)) {
            RunningService echo = edge.start(new EchoService("ai-echo"));
            edge.env("AI_SERVICE_URL", echo.baseUrl()).env("GATEWAY_RATE_LIMIT_RPS", "1")
                    .env("GATEWAY_RATE_LIMIT_BURST", "1").env("GATEWAY_TRUSTED_PROXIES", "10.0.0.0/8,127.0.0.0/8");
            HttpJson gw = TestServices.http(edge.start(new ApiGatewayService()));
            // each client behind the trusted load balancer has its own bucket (burst 1)
            HttpJson.Response limited = null;
            for (int i = 0; i < 6 && limited == null; i++) {
                HttpJson.Response r = gw.get("/api/ai/pulse", "X-Forwarded-For", "203.0.113.1");
                limited = r.status() == 429 ? r : null;
            }
            assertThat(limited).as("a 429 within 6 requests at 1 req/s with a burst of 1").isNotNull();
            assertThat(gw.get("/api/ai/pulse", "X-Forwarded-For", "203.0.113.2").status()).isEqualTo(200);
            JsonNode forwarded = gw.get("/api/ai/pulse", "X-Forwarded-For", "1.1.1.1, 203.0.113.3").json();
            assertThat(forwarded.get("forwarded_for").asText()).isEqualTo("1.1.1.1, 203.0.113.3, 203.0.113.3");
        }
        try (TestServices edge = new TestServices().env("JWT_SECRET", AuthApiTest.SECRET)) {
            edge.env("GATEWAY_TRUSTED_PROXIES", "10.0.0.0/33");
            assertThatThrownBy(() -> edge.start(new ApiGatewayService())).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("GATEWAY_TRUSTED_PROXIES");
        }
    }

    @Test
    void openApiDocumentListsEveryRouteWithSchemasAndErrors() {
        JsonNode doc = api.get("/api/docs").json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        JsonNode paths = doc.get("paths");
        for (String p : new String[] {"/api/auth/register", "/api/auth/login", "/api/auth/verify",
            "/api/auth/refresh", "/api/auth/logout", "/api/data/products", "/api/data/instruments",
            "/api/data/underlying/{product}",
            "/api/data/chain/{product}", "/api/data/quote/{symbol}", "/api/data/expiries/{product}",
            "/api/data/candles/{product}", "/api/data/surfaces/{product}", "/api/analytics/pcr/{product}",
            "/api/analytics/volatility-surface/{product}", "/api/analytics/max-pain/{product}",
            "/api/analytics/oi-buildup/{product}", "/api/analytics/ohlc/{product}", "/api/analytics/candles/{product}",
            "/api/analytics/term-structure/{product}", "/api/analytics/iv-rank/{product}",
            "/api/analytics/expected-move/{product}", "/api/analytics/realised-vol/{product}",
            "/api/analytics/surface-quality/{product}",
            "/api/analytics/greeks", "/api/analytics/implied-vol",
            "/api/analytics/strategy", "/api/trade/order", "/api/trade/orders", "/api/trade/order/{order_id}",
            "/api/trade/portfolio", "/api/trade/positions", "/api/trade/pnl", "/api/trade/trades",
            "/api/trade/performance", "/api/trade/risk", "/api/trade/basket", "/api/trade/margin",
            "/api/trade/reset", "/api/trade/export/{kind}", "/api/trade/orderbook/{symbol}", "/api/ai/pulse",
            "/api/ai/sentiment", "/api/ai/chat", "/api/docs", "/api/docs/ui"}) {
            assertThat(paths.has(p)).as(p).isTrue();
        }
        JsonNode schemas = doc.get("components").get("schemas");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode responses = op.getValue().get("responses");
                assertThat(responses.size()).as(path.getKey() + " " + op.getKey()).isGreaterThan(0);
                responses.findValuesAsText("$ref").forEach(ref ->
                        assertThat(schemas.has(ref.substring(ref.lastIndexOf('/') + 1))).as(ref).isTrue());
                if (path.getKey().contains("{")) {
                    assertThat(op.getValue().get("parameters").size()).as(path.getKey()).isGreaterThan(0);
                }
            }
        }
        assertThat(paths.get("/api/trade/order/{order_id}").has("put")).isTrue();
        assertThat(paths.get("/api/trade/order/{order_id}").has("delete")).isTrue();
        JsonNode chainOp = paths.get("/api/data/chain/{product}").get("get");
        assertThat(chainOp.get("responses").get("404").get("content").get("application/json").get("schema")
                .get("$ref").asText()).isEqualTo("#/components/schemas/Error");
        assertThat(paths.get("/api/trade/orders").get("get").has("security")).isTrue();
        assertThat(schemas.get("OptionQuote").get("description").asText()).contains("per calendar day");

        HttpJson.Response ui = api.get("/api/docs/ui");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.header("Content-Type")).startsWith("text/html");
        assertThat(ui.body()).contains("swagger-ui-bundle.js").contains("/api/docs");
        HttpJson.Response bundle = api.get("/api/docs/ui/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body().length()).isGreaterThan(100_000);
        assertError(api.get("/api/docs/ui/nope.js"), 404, "Not found");
    }
}
