package io.deltastream.app.rest;

import static io.deltastream.app.rest.StorageApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.auth.AuthService;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import io.deltastream.trading.TradeSimulatorService;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real trade simulator behind the gateway: a token from auth works end to end, none is stopped at the edge. */
class TradingThroughGatewayTest {
    @Test
    void aRegisteredUserReachesThePortfolio() {
        try (TestServices platform = new TestServices().env("BCRYPT_COST", "4").env("GATEWAY_RATE_LIMIT_RPS", "0")) {
            RunningService auth = platform.start(new AuthService());
            RunningService trade = platform.start(new TradeSimulatorService());
            platform.env("AUTH_SERVICE_URL", auth.baseUrl()).env("TRADE_SERVICE_URL", trade.baseUrl());
            HttpJson api = TestServices.http(platform.start(new ApiGatewayService()));
            String token = api.post("/api/auth/register", Map.of("email", "trader" + System.nanoTime()
                    + "@example.com", "password", "test123")).json().get("token").asText();

            HttpJson.Response portfolio = api.get("/api/trade/portfolio", "Authorization", "Bearer " + token);
            assertThat(portfolio.status()).as(portfolio.body()).isEqualTo(200);
            assertThat(portfolio.json().isObject()).isTrue();
            assertThat(api.get("/api/trade/orders?limit=5", "Authorization", "Bearer " + token).status())
                    .isEqualTo(200);
            assertError(api.get("/api/trade/portfolio"), 401, "No token provided");
            HttpJson.Response bad = api.post("/api/trade/order", "{\"symbol\":", "Authorization", "Bearer " + token);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().has("error")).isTrue();
            // a CSV export passes the gateway as it is, download name included
            HttpJson.Response csv = api.get("/api/trade/export/orders", "Authorization", "Bearer " + token);
            assertThat(csv.status()).as(csv.body()).isEqualTo(200);
            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"orders.csv\"");
            assertThat(csv.body()).startsWith("order_id,placed_at,symbol,");
        }
    }
}
