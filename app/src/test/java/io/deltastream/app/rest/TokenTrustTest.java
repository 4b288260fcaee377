package io.deltastream.app.rest;

import static io.deltastream.app.rest.StorageApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.deltastream.auth.AuthService;
import io.deltastream.gateway.ApiGatewayService;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.auth.Secret;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.service.RunningService;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import io.deltastream.trading.TradeSimulatorService;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 1: the platform with its defaults (no JWT_SECRET) refuses tokens forged with the published default
 * secret, tokens auth could not have issued, and tokens of users that do not exist; it keeps its generated secret
 * across restarts, and listens on loopback only.
 */
class TokenTrustTest {
    private static final String VICTIM_EMAIL = "victim@example.com";

    /** auth, the trade simulator and the gateway, embedded, with default security settings. */
    private record Platform(TestServices services, HttpJson auth, HttpJson api, HttpJson trade,
                            TradeSimulatorService simulator) implements AutoCloseable {
        static Platform start(TestServices services) {
            services.env("BCRYPT_COST", "4").env("GATEWAY_RATE_LIMIT_RPS", "0");
            RunningService auth = services.start(new AuthService());
            TradeSimulatorService simulator = new TradeSimulatorService();
            RunningService trade = services.start(simulator);
            services.env("AUTH_SERVICE_URL", auth.baseUrl()).env("TRADE_SERVICE_URL", trade.baseUrl());
            HttpJson api = TestServices.http(services.start(new ApiGatewayService()));
            return new Platform(services, TestServices.http(auth), api, TestServices.http(trade), simulator);
        }

        @Override
        public void close() {
            services.close();
        }
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void aTokenForgedWithThePublishedDefaultSecretIsRefusedEverywhere() {
        try (Platform p = Platform.start(new TestServices())) {
            JsonNode victim = p.auth().post("/register", Map.of("email", VICTIM_EMAIL, "password", "victim123"))
                    .json();
            String victimId = victim.get("user").get("id").asText();
            String real = victim.get("token").asText();
            assertThat(p.api().get("/api/trade/portfolio", "Authorization", bearer(real)).status()).isEqualTo(200);

            String forged = new AccessTokens(Secret.PUBLISHED_DEFAULT.getBytes(StandardCharsets.UTF_8),
                    Duration.ofMinutes(15), Clock.systemUTC()).issue(victimId, VICTIM_EMAIL, "any-session").token();
            assertError(p.api().get("/api/trade/portfolio", "Authorization", bearer(forged)), 401, "Invalid token");
            assertError(p.trade().get("/api/trade/portfolio", "Authorization", bearer(forged)), 401, "Invalid token");
            assertError(p.trade().delete("/api/trade/order/ORD_1", "Authorization", bearer(forged)), 401,
                    "Invalid token");
            HttpJson.Response verify = p.auth().send("POST", "/verify", null, "Authorization", bearer(forged));
            assertError(verify, 401, "Invalid token");
            assertThat(verify.json().get("valid").asBoolean()).isFalse();
        }
    }

    @Test
    void thePublishedDefaultIsRefusedAtStartInEveryMode() {
        try (TestServices services = new TestServices().env("JWT_SECRET", Secret.PUBLISHED_DEFAULT)) {
            assertThatThrownBy(() -> services.start(new AuthService())).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("published default");
            assertThatThrownBy(() -> services.start(new TradeSimulatorService()))
                    .isInstanceOf(ConfigException.class);
            assertThatThrownBy(() -> services.start(new ApiGatewayService())).isInstanceOf(ConfigException.class);
        }
    }

    @Test
    void tokensAuthCouldNotHaveIssuedOrForUnknownUsersAreRefused() throws Exception {
        try (Platform p = Platform.start(new TestServices())) {
            JsonNode victim = p.auth().post("/register", Map.of("email", VICTIM_EMAIL, "password", "victim123"))
                    .json();
            String victimId = victim.get("user").get("id").asText();
            // Whoever holds the generated secret (this test reads it from DATA_DIR) still cannot make these pass.
            byte[] secret = Secret.JWT_SECRET.stored(p.services().dataDir()).getBytes(StandardCharsets.UTF_8);
            Instant now = Instant.now();
            String tenYears = signed(secret, victimId, now, now.plus(Duration.ofDays(3650)), "j1", "s1");
            String noJti = signed(secret, victimId, now, now.plusSeconds(600), null, "s1");
            String noSession = signed(secret, victimId, now, now.plusSeconds(600), "j2", null);
            for (String token : new String[] {tenYears, noJti, noSession}) {
                assertError(p.api().get("/api/trade/portfolio", "Authorization", bearer(token)), 401, "Invalid token");
                assertError(p.trade().get("/api/trade/portfolio", "Authorization", bearer(token)), 401,
                        "Invalid token");
                assertError(p.auth().send("POST", "/verify", null, "Authorization", bearer(token)), 401,
                        "Invalid token");
            }

            String nobody = "ffffffffffffffffffffffff";
            String ghost = signed(secret, nobody, now, now.plusSeconds(600), "j3", "s3");
            HttpJson.Response verify = p.auth().send("POST", "/verify", null, "Authorization", bearer(ghost));
            assertError(verify, 401, "Invalid token");
            assertThat(verify.json().get("valid").asBoolean()).isFalse();
            assertError(p.api().get("/api/trade/portfolio", "Authorization", bearer(ghost)), 401, "Unknown user");
            assertError(p.trade().post("/api/trade/order", Map.of("symbol", "NIFTY", "side", "BUY",
                    "order_type", "MARKET", "quantity", 1), "Authorization", bearer(ghost)), 401, "Unknown user");
            assertThat(p.simulator().engine().hasAccount(nobody)).isFalse();
        }
    }

    @Test
    void theGeneratedSecretSurvivesARestartSoSessionsDo() throws Exception {
        TestServices first = new TestServices().env("BCRYPT_COST", "4");
        String token;
        try (first) {
            HttpJson auth = TestServices.http(first.start(new AuthService()));
            token = auth.post("/register", Map.of("email", VICTIM_EMAIL, "password", "victim123")).json()
                    .get("token").asText();
        }
        try (TestServices second = new TestServices().env("DATA_DIR", first.dataDir().toString())) {
            HttpJson auth = TestServices.http(second.start(new AuthService()));
            HttpJson.Response verify = auth.send("POST", "/verify", null, "Authorization", bearer(token));
            assertThat(verify.status()).as(verify.body()).isEqualTo(200);
            assertThat(Files.readString(first.dataDir().resolve("jwt-secret")).trim())
                    .isNotEqualTo(Secret.PUBLISHED_DEFAULT).hasSizeGreaterThanOrEqualTo(32);
        }
    }

    @Test
    void embeddedServicesListenOnLoopbackOnlyUnlessBindAddressSaysOtherwise() throws Exception {
        Optional<InetAddress> lan = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        Assumptions.assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address");
        try (TestServices services = new TestServices()) {
            RunningService auth = services.start(new AuthService());
            assertThat(TestServices.http(auth).get("/health").status()).isEqualTo(200);
            assertThatThrownBy(() -> connect(lan.get(), auth.port())).isInstanceOf(ConnectException.class);
        }
        try (TestServices services = new TestServices().env("BIND_ADDRESS", "0.0.0.0")) {
            RunningService auth = services.start(new AuthService());
            connect(lan.get(), auth.port());
        }
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 10_000);
        }
    }

    /** A correctly signed token with exactly these claims (a null claim is left out). */
    private static String signed(byte[] secret, String userId, Instant iat, Instant exp, String jti, String sid)
            throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().claim("user_id", userId)
                .claim("email", VICTIM_EMAIL).issueTime(Date.from(iat)).expirationTime(Date.from(exp));
        if (jti != null) {
            claims.jwtID(jti);
        }
        if (sid != null) {
            claims.claim("sid", sid);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }
}
