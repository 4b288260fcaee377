package io.deltastream.app.rest;

import static io.deltastream.app.rest.StorageApiTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.analytics.AnalyticsService;
import io.deltastream.auth.AuthService;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.market.wire.Candle;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.platform.service.RunningService;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.storage.StorageService;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden shapes: for every reference route, the field names (and JSON types) the reference answered with, as
 * documented in the reference inventory (original-core.md §6–§9), must be in our answer through the gateway —
 * envelopes exactly, records at least (we add fields, never drop or rename one).
 */
class ReferenceShapesTest {
    static final LocalDate EXPIRY = LocalDate.now().plusDays(3);
    static TestServices services;
    static HttpJson api;

    @BeforeAll
    static void start() {
        services = new TestServices().env("BCRYPT_COST", "4").env("LOGIN_CLIENT_MAX_ATTEMPTS", "10000");
        MarketFixture market = new MarketFixture();
        services.start(market);
        RunningService auth = services.start(new AuthService());
        RunningService storage = services.start(new StorageService());
        RunningService analytics = services.start(new AnalyticsService());
        services.env("AUTH_SERVICE_URL", auth.baseUrl()).env("STORAGE_SERVICE_URL", storage.baseUrl())
                .env("ANALYTICS_SERVICE_URL", analytics.baseUrl()).env("GATEWAY_RATE_LIMIT_RPS", "0");
        api = TestServices.http(services.start(new ApiGatewayService()));
        Instant now = MarketFixture.now();
        market.tick("NIFTY", 21503.1, now.minusSeconds(3), 7);
        market.quote("NIFTY", EXPIRY, OptionType.CALL, 21300, 377.41, now);
        EnrichedChain chain = MarketFixture.chain("NIFTY", EXPIRY, 21503.1, 50, 10, now.minusSeconds(1), 1, 0);
        market.storeChain(chain);
        market.cacheChain(chain);
        Instant bucket = now.truncatedTo(ChronoUnit.MINUTES);
        market.cacheCandle(new Candle("NIFTY", 5, 21500, 21510, 21490, 21505, bucket, bucket.plusSeconds(300), 4));
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    static final List<String> QUOTE = List.of("symbol", "product", "strike", "expiry", "option_type", "bid", "ask",
            "last", "volume", "open_interest", "delta", "gamma", "vega", "theta", "iv", "timestamp");
    static final List<String> CHAIN = List.of("product", "expiry", "spot_price", "pcr_oi", "pcr_volume", "atm_strike",
            "atm_straddle_price", "max_pain_strike", "total_call_oi", "total_put_oi", "call_buildup_otm",
            "put_buildup_otm", "calls", "puts", "timestamp", "processed_at", "strikes");

    @Test
    void storageShapes() {
        JsonNode ticks = api.get("/api/data/underlying/NIFTY?limit=5").json();
        assertThat(fieldNames(ticks)).containsExactly("count", "product", "ticks");
        assertThat(fieldNames(ticks.get("ticks").get(0)))
                .containsExactly("price", "processed_at", "product", "tick_id", "timestamp");
        assertTypes(ticks.get("ticks").get(0), Map.of("price", "number", "tick_id", "number", "timestamp", "string"));

        String symbol = "NIFTY" + EXPIRY.toString().replace("-", "") + "C21300";
        JsonNode quotes = api.get("/api/data/quote/" + symbol).json();
        assertThat(fieldNames(quotes)).containsExactly("count", "quotes", "symbol");
        assertThat(fieldNames(quotes.get("quotes").get(0))).containsAll(QUOTE).contains("processed_at");

        JsonNode chains = api.get("/api/data/chain/NIFTY?limit=1").json();
        assertThat(fieldNames(chains)).containsExactly("chains", "count", "product");
        JsonNode chain = chains.get("chains").get(0);
        assertThat(fieldNames(chain)).containsAll(CHAIN);
        assertThat(fieldNames(chain.get("calls").get(0))).containsAll(QUOTE);
        assertTypes(chain, Map.of("pcr_oi", "number", "pcr_volume", "number", "atm_straddle_price", "number",
                "max_pain_strike", "number", "total_call_oi", "number", "strikes", "array", "calls", "array"));
        assertThat(chain.get("calls").get(0).get("option_type").asText()).isEqualTo("CALL");

        assertThat(fieldNames(api.get("/api/data/products").json())).containsExactly("products");
        assertThat(fieldNames(api.get("/api/data/expiries/NIFTY").json())).containsExactly("expiries", "product");
    }

    @Test
    void authShapes() {
        String email = "shape" + System.nanoTime() + "@example.com";
        JsonNode reg = api.post("/api/auth/register", Map.of("email", email, "password", "test123",
                "name", "Test User")).json();
        assertThat(fieldNames(reg)).contains("message", "token", "user");
        assertThat(fieldNames(reg.get("user"))).containsExactly("email", "id", "name");
        JsonNode login = api.post("/api/auth/login", Map.of("email", email, "password", "test123")).json();
        assertThat(fieldNames(login)).contains("message", "token", "user");
        JsonNode verify = api.send("POST", "/api/auth/verify", null, "Authorization",
                "Bearer " + login.get("token").asText()).json();
        assertThat(fieldNames(verify)).containsExactly("email", "user_id", "valid");
        assertThat(fieldNames(api.post("/api/auth/login", Map.of("email", email, "password", "x1")).json()))
                .containsExactly("error");
    }

    @Test
    void analyticsShapes() {
        JsonNode pcr = api.get("/api/analytics/pcr/NIFTY").json();
        assertThat(fieldNames(pcr)).containsExactly("latest", "product");
        assertThat(pcr.get("latest").isArray()).isTrue();
        assertThat(fieldNames(pcr.get("latest").get(0))).containsExactly("expiry", "pcr_oi", "pcr_volume",
                "timestamp");
        JsonNode withExpiry = api.get("/api/analytics/pcr/NIFTY?expiry=" + EXPIRY).json().get("latest");
        assertThat(fieldNames(withExpiry)).containsExactly("pcr_oi", "pcr_volume", "timestamp");
        JsonNode history = api.get("/api/analytics/pcr/NIFTY?history=true").json();
        assertThat(fieldNames(history.get("history").get(0)))
                .containsExactly("expiry", "pcr_oi", "pcr_volume", "product", "timestamp");

        JsonNode surface = api.get("/api/analytics/volatility-surface/NIFTY").json();
        assertThat(fieldNames(surface)).containsExactly("product", "expiries", "timestamp");
        assertThat(fieldNames(surface.get("expiries").get(0))).contains("avg_iv", "expiry", "ivs", "strikes");

        JsonNode maxPain = api.get("/api/analytics/max-pain/NIFTY?expiry=" + EXPIRY).json();
        assertThat(fieldNames(maxPain)).containsExactly("distance_from_spot", "distance_pct", "expiry",
                "max_pain_strike", "product", "spot_price", "timestamp", "total_call_oi", "total_put_oi");

        JsonNode oi = api.get("/api/analytics/oi-buildup/NIFTY?expiry=" + EXPIRY).json();
        assertThat(fieldNames(oi)).contains("call_buildup", "expiry", "interpretation", "product", "put_buildup",
                "spot_price", "timestamp");
        assertThat(fieldNames(oi.get("call_buildup"))).containsExactly("atm", "itm", "otm");

        JsonNode ohlc = api.get("/api/analytics/ohlc/NIFTY?window=5").json();
        assertThat(fieldNames(ohlc)).containsExactlyInAnyOrder("close", "end_time", "high", "low", "num_ticks",
                "open", "product", "start_time", "window_minutes");

        JsonNode noOhlc = api.get("/api/analytics/ohlc/NIFTY?window=15").json();
        assertThat(fieldNames(noOhlc)).containsExactly("error", "product", "window");
        JsonNode noPain = api.get("/api/analytics/max-pain/NIFTY?expiry=2025-01-25").json();
        assertThat(fieldNames(noPain)).containsExactly("error", "expiry", "product");
    }

    private static void assertTypes(JsonNode node, Map<String, String> types) {
        types.forEach((field, type) -> {
            JsonNode v = node.get(field);
            boolean ok = switch (type) {
                case "number" -> v.isNumber();
                case "string" -> v.isTextual();
                case "array" -> v.isArray();
                default -> false;
            };
            assertThat(ok).as(field + " is a " + type + ": " + v).isTrue();
        });
    }
}
