package io.deltastream.app.rest;

import static io.deltastream.app.rest.StorageApiTest.assertError;
import static io.deltastream.app.rest.StorageApiTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.auth.AuthService;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.auth.AuthenticatedUser;
import io.deltastream.platform.config.Env;
import io.deltastream.testkit.HttpJson;
import io.deltastream.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The auth service: the reference's flows plus rotation, revocation, policy and throttling. */
class AuthApiTest {
    static final AtomicInteger SEQ = new AtomicInteger();
    static TestServices services;
    static HttpJson http;
    /** The JWT secret these tests give the services, so that they can issue and forge tokens themselves. */
    static final String SECRET = "app-tests-jwt-secret-0123456789abcdefghij";
    static final AccessTokens TOKENS = AccessTokens.fromEnv(Env.of(Map.of("JWT_SECRET", SECRET)));

    @BeforeAll
    static void start() {
        services = new TestServices().env("BCRYPT_COST", "4").env("LOGIN_CLIENT_MAX_ATTEMPTS", "10000")
                .env("JWT_SECRET", SECRET);
        http = TestServices.http(services.start(new AuthService()));
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    static String newEmail() {
        return "user" + SEQ.incrementAndGet() + "." + System.nanoTime() + "@example.com";
    }

    static Map<String, Object> creds(String email, String password) {
        return Map.of("email", email, "password", password, "name", "Test User");
    }

    @Test
    void registerAnswers201WithReferenceFieldsAndAnInteroperableToken() {
        String email = newEmail();
        HttpJson.Response r = http.post("/register", creds(email.toUpperCase() + "  ", "test123"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(fieldNames(body)).contains("message", "token", "user", "refresh_token", "expires_in");
        assertThat(body.get("message").asText()).isEqualTo("User registered successfully");
        assertThat(fieldNames(body.get("user"))).containsExactly("email", "id", "name");
        assertThat(body.get("user").get("email").asText()).isEqualTo(email);
        assertThat(body.get("user").get("id").asText()).matches("[0-9a-f]{24}");
        AuthenticatedUser user = TOKENS.verify(body.get("token").asText());
        assertThat(user.userId()).isEqualTo(body.get("user").get("id").asText());
        assertThat(user.email()).isEqualTo(email);
        String claims = new String(java.util.Base64.getUrlDecoder().decode(body.get("token").asText().split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(claims).contains("\"user_id\"", "\"email\"", "\"exp\"", "\"iat\"");

        assertError(http.post("/register", creds(email, "other456")), 409, "User already exists");
    }

    @Test
    void concurrentRegistrationsOfOneEmailCreateOneAccount() throws Exception {
        String email = newEmail();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Integer> call = () -> http.post("/register", creds(email, "secret99")).status();
                results.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void registrationValidatesInput() {
        assertError(http.post("/register", Map.of("email", newEmail())), 400, "Email and password required");
        assertError(http.post("/register", Map.of("email", "", "password", "abc123")), 400,
                "Email and password required");
        assertError(http.post("/register", creds("not-an-email", "abc123")), 400, "Invalid email address");
        assertError(http.post("/register", creds(newEmail(), "ab1")), 400, "at least 6 characters");
        assertError(http.post("/register", creds(newEmail(), "abcdefgh")), 400, "letter and one digit");
        assertError(http.post("/register", creds(newEmail(), "a1".repeat(37))), 400, "72 bytes");
        assertError(http.post("/register", Map.of("email", newEmail(), "password", "abc123", "name", 5)), 400,
                "name");
        assertError(http.post("/register", Map.of("email", newEmail(), "password", "abc123", "admin", true)), 400,
                "admin");
        assertError(http.post("/register", "{\"email\": "), 400, "Malformed JSON");
        assertError(http.post("/register", "[1,2]"), 400, "JSON object");
        assertError(http.send("POST", "/register", "email=a@b.co&password=abc123", "Content-Type",
                "application/x-www-form-urlencoded"), 415, "application/json");
        assertError(http.send("POST", "/register", null), 400, "JSON object");
    }

    @Test
    void loginAnswersTheSameForUnknownUsersAndWrongPasswords() {
        String email = newEmail();
        assertThat(http.post("/register", creds(email, "test123")).status()).isEqualTo(201);
        HttpJson.Response ok = http.post("/login", Map.of("email", email, "password", "test123"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("message").asText()).isEqualTo("Login successful");
        assertThat(ok.json().get("user").get("name").asText()).isEqualTo("Test User");
        HttpJson.Response wrong = http.post("/login", Map.of("email", email, "password", "test124"));
        HttpJson.Response unknown = http.post("/login", Map.of("email", newEmail(), "password", "test123"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body()).isEqualTo("{\"error\":\"Invalid credentials\"}");
        assertError(http.post("/login", Map.of("email", email)), 400, "Email and password required");
    }

    @Test
    void verifyAcceptsValidTokensOnly() {
        JsonNode session = http.post("/register", creds(newEmail(), "test123")).json();
        String token = session.get("token").asText();
        HttpJson.Response ok = http.post("/verify", "", "Authorization", "Bearer " + token);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(fieldNames(ok.json())).containsExactly("email", "user_id", "valid");
        assertThat(ok.json().get("valid").asBoolean()).isTrue();

        HttpJson.Response missing = http.send("POST", "/verify", null);
        assertError(missing, 401, "Invalid authorization header");
        assertThat(missing.json().has("valid")).isFalse();

        HttpJson.Response forged = http.send("POST", "/verify", null, "Authorization", "Bearer " + forged(token));
        assertError(forged, 401, "Invalid token");
        assertThat(forged.json().get("valid").asBoolean()).isFalse();

        HttpJson.Response expired = http.send("POST", "/verify", null, "Authorization", "Bearer " + expiredToken());
        assertError(expired, 401, "Token expired");
        assertThat(expired.json().get("valid").asBoolean()).isFalse();
    }

    @Test
    void refreshRotatesAndDetectsReuse() {
        JsonNode session = http.post("/register", creds(newEmail(), "test123")).json();
        String first = session.get("refresh_token").asText();
        HttpJson.Response r1 = http.post("/refresh", Map.of("refresh_token", first));
        assertThat(r1.status()).as(r1.body()).isEqualTo(200);
        String second = r1.json().get("refresh_token").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(TOKENS.verify(r1.json().get("token").asText()).userId())
                .isEqualTo(session.get("user").get("id").asText());

        assertError(http.post("/refresh", Map.of("refresh_token", first)), 401, "revoked");
        // reuse of a retired token revokes the whole session, including the token issued after it
        assertError(http.post("/refresh", Map.of("refresh_token", second)), 401, "Invalid refresh token");
        assertError(http.post("/refresh", Map.of("refresh_token", "made-up")), 401, "Invalid refresh token");
        // the reference's form (access token in the header) is not a refresh credential
        assertError(http.send("POST", "/refresh", null, "Authorization", "Bearer " + session.get("token").asText()),
                400, "refresh_token");
    }

    @Test
    void logoutRevokesAccessAndRefreshTokens() {
        JsonNode session = http.post("/register", creds(newEmail(), "test123")).json();
        String token = session.get("token").asText();
        HttpJson.Response out = http.post("/logout", Map.of("refresh_token", session.get("refresh_token").asText()),
                "Authorization", "Bearer " + token);
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertError(http.send("POST", "/verify", null, "Authorization", "Bearer " + token), 401, "Token revoked");
        assertError(http.post("/refresh", Map.of("refresh_token", session.get("refresh_token").asText())), 401,
                "Invalid refresh token");
        assertError(http.send("POST", "/logout", null), 401, "No token provided");
    }

    /** The internal credential the tests give auth, to speak as the api-gateway does. */
    static final String INTERNAL = "app-tests-internal-token-0123456789abcdef";

    /** Headers of a login relayed by the gateway for client {@code address}. */
    static String[] viaGateway(String address) {
        return new String[] {"X-Forwarded-For", address, "X-Internal-Token", INTERNAL};
    }

    @Test
    void failedLoginsFromOnePlaceSlowThatPlaceDownButNeverLockTheOwnerOut() {
        try (TestServices limited = new TestServices().env("BCRYPT_COST", "4").env("JWT_SECRET", SECRET)
                .env("INTERNAL_TOKEN", INTERNAL).env("LOGIN_CLIENT_MAX_ATTEMPTS", "1000")) {
            HttpJson auth = TestServices.http(limited.start(new AuthService()));
            String email = newEmail();
            assertThat(auth.post("/register", creds(email, "test123")).status()).isEqualTo(201);
            List<Integer> attacker = new ArrayList<>();
            HttpJson.Response delayed = null;
            for (int i = 0; i < 10; i++) {
                HttpJson.Response r = auth.post("/login", Map.of("email", email, "password", "guess" + i),
                        viaGateway("203.0.113.66"));
                attacker.add(r.status());
                if (r.status() == 429) {
                    delayed = r;
                }
            }
            // three free failures, then the attacker's place waits (1 s, 2 s, ... doubling)
            assertThat(attacker.subList(0, 4)).containsOnly(401);
            assertThat(attacker).contains(429);
            assertThat(Long.parseLong(delayed.header("Retry-After"))).isPositive();
            assertError(delayed, 429, "Too many");
            // the owner, elsewhere, is not locked out, and nor is the owner's place by the attacker's failures
            HttpJson.Response owner = auth.post("/login", Map.of("email", email, "password", "test123"),
                    viaGateway("198.51.100.7"));
            assertThat(owner.status()).as(owner.body()).isEqualTo(200);
        }
    }

    @Test
    void forwardedForIsBelievedOnlyFromTheGatewayWithTheInternalCredential() {
        try (TestServices limited = new TestServices().env("BCRYPT_COST", "4").env("JWT_SECRET", SECRET)
                .env("INTERNAL_TOKEN", INTERNAL).env("LOGIN_CLIENT_MAX_ATTEMPTS", "3")) {
            HttpJson auth = TestServices.http(limited.start(new AuthService()));
            // a local process rotating X-Forwarded-For from a loopback (formerly trusted) address: one client
            List<Integer> rotating = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rotating.add(auth.post("/login", Map.of("email", newEmail(), "password", "x1"),
                        "X-Forwarded-For", "192.0.2." + i).status());
            }
            assertThat(rotating).containsExactly(401, 401, 401, 429);
            // the gateway, proving itself with the internal credential, speaks for distinct clients
            for (int i = 0; i < 4; i++) {
                assertThat(auth.post("/login", Map.of("email", newEmail(), "password", "x1"),
                        viaGateway("192.0.2." + (10 + i))).status()).isEqualTo(401);
            }
            // a wrong credential is no credential
            assertThat(auth.post("/login", Map.of("email", newEmail(), "password", "x1"), "X-Forwarded-For",
                    "192.0.2.99", "X-Internal-Token", "w".repeat(INTERNAL.length())).status()).isEqualTo(429);
        }
    }

    @Test
    void everyStringFieldIsBoundedWithA400NamingIt() {
        String hugeEmail = "a".repeat(900_000) + "@example.com";
        assertFieldError(http.post("/login", Map.of("email", hugeEmail, "password", "test123")), "email");
        assertFieldError(http.post("/register", creds(hugeEmail, "test123")), "email");
        assertFieldError(http.post("/login", Map.of("email", newEmail(), "password", "p1".repeat(50))), "password");
        assertFieldError(http.post("/register", creds(newEmail(), "p1".repeat(50_000))), "password");
        assertFieldError(http.post("/register", Map.of("email", newEmail(), "password", "test123",
                "name", "n".repeat(101))), "name");
        assertFieldError(http.post("/refresh", Map.of("refresh_token", "r".repeat(129))), "refresh_token");
        assertFieldError(http.post("/logout", Map.of("refresh_token", "r".repeat(10_000))), "refresh_token");
        assertFieldError(http.send("POST", "/verify", null, "Authorization", "Bearer " + "t".repeat(5000)),
                "Authorization");
        assertFieldError(http.send("POST", "/logout", null, "Authorization", "Bearer " + "t".repeat(5000)),
                "Authorization");
    }

    private static void assertFieldError(HttpJson.Response r, String field) {
        assertThat(r.status()).as(r.body().length() > 300 ? r.body().substring(0, 300) : r.body()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("'" + field + "'").contains("at most");
    }

    static String forged(String token) {
        String[] parts = token.split("\\.");
        String sig = parts[2];
        char c = sig.charAt(0) == 'A' ? 'B' : 'A';
        return parts[0] + "." + parts[1] + "." + c + sig.substring(1);
    }

    static String expiredToken() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        return new AccessTokens(SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(15),
                past).issue("0123456789abcdef01234567", "old@example.com", "an-old-session").token();
    }
}
