package io.deltastream.app.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.ai.AiAnalystService;
import io.deltastream.analytics.AnalyticsService;
import io.deltastream.auth.AuthService;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.logs.LoggingService;
import io.deltastream.market.wire.EnrichedChain;
import io.deltastream.platform.service.RunningService;
import io.deltastream.quant.pricing.OptionType;
import io.deltastream.storage.StorageService;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import io.deltastream.trading.TradeSimulatorService;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Every service with an HTTP API, behind the real gateway, over a little stored and cached market data, with a
 * registered user: the target of the hostile-input tests.
 */
final class HostilePlatform implements AutoCloseable {
    static final LocalDate NEAR = LocalDate.now().plusDays(3);

    final TestServices services;
    final RunningService gateway;
    final RunningService auth;
    final RunningService logging;
    final HttpJson api;
    final String token;

    /** A gateway route as the API document lists it: method, path template, its parameters and body schema. */
    record Route(String method, String template, List<JsonNode> parameters, String requestSchema) {
        /** The template with its path parameters filled with values that exist. */
        String samplePath() {
            String symbol = "NIFTY" + NEAR.toString().replace("-", "") + "P21400";
            return template.replace("{product}", "NIFTY").replace("{symbol}", symbol)
                    .replace("{order_id}", "ORD_20260101_ABCDEF12").replace("{kind}", "orders");
        }
    }

    HostilePlatform() {
        services = new TestServices().env("BCRYPT_COST", "4").env(StorageService.MEMO_VARIABLE, "0")
                .env("LOGIN_CLIENT_MAX_ATTEMPTS", "100000").env("LOGIN_ACCOUNT_MAX_FAILURES", "100000")
                .env("TRADING_ORDER_RATE", "100000").env("TRADING_ORDER_BURST", "100000");
        MarketFixture market = new MarketFixture();
        services.start(market);
        auth = services.start(new AuthService());
        RunningService storage = services.start(new StorageService());
        RunningService analytics = services.start(new AnalyticsService());
        RunningService trade = services.start(new TradeSimulatorService());
        RunningService ai = services.start(new AiAnalystService());
        logging = services.start(new LoggingService());
        services.env("AUTH_SERVICE_URL", auth.baseUrl()).env("STORAGE_SERVICE_URL", storage.baseUrl())
                .env("ANALYTICS_SERVICE_URL", analytics.baseUrl()).env("TRADE_SERVICE_URL", trade.baseUrl())
                .env("AI_SERVICE_URL", ai.baseUrl()).env("GATEWAY_RATE_LIMIT_RPS", "0");
        gateway = services.start(new ApiGatewayService());
        api = TestServices.http(gateway);

        Instant now = MarketFixture.now();
        for (int i = 0; i < 3; i++) {
            market.tick("NIFTY", 21500 + i, now.minusSeconds(10 - i), i);
        }
        market.quote("NIFTY", NEAR, OptionType.PUT, 21400, 80.5, now);
        EnrichedChain chain = MarketFixture.chain("NIFTY", NEAR, 21500, 50, 5, now.minusSeconds(2), 1.0, 0);
        market.storeChain(chain);
        market.cacheChain(chain);
        token = api.post("/api/auth/register", Map.of("email", "hostile" + System.nanoTime() + "@example.com",
                "password", "test123abc")).json().get("token").asText();
    }

    static int port(RunningService s) {
        return URI.create(s.baseUrl()).getPort();
    }

    /** Every route of the gateway's API document. */
    List<Route> routes() {
        JsonNode paths = api.get("/api/docs").json().get("paths");
        List<Route> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> op = m.next();
                List<JsonNode> params = new ArrayList<>();
                op.getValue().path("parameters").forEach(params::add);
                String ref = op.getValue().path("requestBody").path("content").path("application/json")
                        .path("schema").path("$ref").asText(null);
                out.add(new Route(op.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), params,
                        ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1)));
            }
        }
        return out;
    }

    /** The JSON schema of a component of the API document. */
    JsonNode schema(String name) {
        return api.get("/api/docs").json().path("components").path("schemas").path(name);
    }

    /** Headers that authenticate as the registered user. */
    String[] bearer() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    @Override
    public void close() {
        services.close();
    }
}
