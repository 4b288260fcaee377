package io.deltastream.app.rest;

import static io.deltastream.app.rest.StorageApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.auth.AuthService;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import io.deltastream.trading.TradeSimulatorService;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 14: ending a session (a logout that sends only the refresh token, or the reuse of a rotated refresh
 * token) revokes the session's access tokens at once, wherever they are verified: auth, the gateway's edge check and
 * the trade simulator. (The socket gateway reads the same mark: GatewayProtocolTest.)
 */
class SessionRevocationTest {
    static TestServices services;
    static HttpJson api;
    static HttpJson trade;

    @BeforeAll
    static void start() {
        services = new TestServices().env("BCRYPT_COST", "4").env("GATEWAY_RATE_LIMIT_RPS", "0");
        RunningService auth = services.start(new AuthService());
        RunningService simulator = services.start(new TradeSimulatorService());
        services.env("AUTH_SERVICE_URL", auth.baseUrl()).env("TRADE_SERVICE_URL", simulator.baseUrl());
        api = TestServices.http(services.start(new ApiGatewayService()));
        trade = TestServices.http(simulator);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static JsonNode register() {
        HttpJson.Response r = api.post("/api/auth/register", Map.of("email", "s" + System.nanoTime()
                + "@example.com", "password", "test123"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static void assertAccepted(String token) {
        assertThat(api.get("/api/trade/portfolio", "Authorization", "Bearer " + token).status()).isEqualTo(200);
        assertThat(trade.get("/api/trade/portfolio", "Authorization", "Bearer " + token).status()).isEqualTo(200);
        assertThat(api.send("POST", "/api/auth/verify", null, "Authorization", "Bearer " + token).status())
                .isEqualTo(200);
    }

    private static void assertRevoked(String token) {
        assertError(api.get("/api/trade/portfolio", "Authorization", "Bearer " + token), 401, "Token revoked");
        assertError(trade.get("/api/trade/portfolio", "Authorization", "Bearer " + token), 401, "Token revoked");
        HttpJson.Response verify = api.send("POST", "/api/auth/verify", null, "Authorization", "Bearer " + token);
        assertError(verify, 401, "Token revoked");
        assertThat(verify.json().get("valid").asBoolean()).isFalse();
    }

    @Test
    void aLogoutWithOnlyTheRefreshTokenRevokesTheSessionsAccessTokens() {
        JsonNode session = register();
        String token = session.get("token").asText();
        JsonNode other = register();
        assertAccepted(token);

        HttpJson.Response out = api.post("/api/auth/logout", Map.of("refresh_token",
                session.get("refresh_token").asText()));
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertRevoked(token);
        // another user's session is untouched
        assertAccepted(other.get("token").asText());
    }

    @Test
    void reusingARotatedRefreshTokenRevokesEveryAccessTokenOfTheSession() {
        JsonNode session = register();
        String first = session.get("token").asText();
        String retired = session.get("refresh_token").asText();
        JsonNode rotated = api.post("/api/auth/refresh", Map.of("refresh_token", retired)).json();
        String second = rotated.get("token").asText();
        assertAccepted(first);
        assertAccepted(second);

        // the retired refresh token comes back: it leaked, so the whole session ends
        assertError(api.post("/api/auth/refresh", Map.of("refresh_token", retired)), 401, "revoked");
        assertRevoked(first);
        assertRevoked(second);
        assertError(api.post("/api/auth/refresh", Map.of("refresh_token", rotated.get("refresh_token").asText())),
                401, "Invalid refresh token");
    }

    @Test
    void aLogoutWithOnlyTheAccessTokenEndsItsSessionToo() {
        JsonNode session = register();
        String first = session.get("token").asText();
        String second = api.post("/api/auth/refresh", Map.of("refresh_token",
                session.get("refresh_token").asText())).json().get("token").asText();
        assertThat(api.post("/api/auth/logout", Map.of(), "Authorization", "Bearer " + second).status())
                .isEqualTo(200);
        assertRevoked(first);
        assertRevoked(second);
    }
}
