package io.deltastream.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import io.deltastream.platform.http.ApiException;
import io.deltastream.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
    private static final String SECRET_TEXT = "access-tokens-test-secret-0123456789abcdef";
    private static final byte[] SECRET = SECRET_TEXT.getBytes(StandardCharsets.UTF_8);
    private static final Env ENV = Env.of(Map.of("JWT_SECRET", SECRET_TEXT));
    private static final Instant T0 = Instant.parse("2026-11-23T16:14:09Z");

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock(T0);
    private final AccessTokens tokens = new AccessTokens(SECRET, Duration.ofMinutes(15), clock);

    private static JsonNode part(String token, int index) throws Exception {
        return Json.tree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    private static String status(Runnable r) {
        try {
            r.run();
            return "accepted";
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(401);
            return e.getMessage();
        }
    }

    @Test
    void issuedTokenCarriesTheReferenceClaimsAndVerifies() throws Exception {
        IssuedToken issued = tokens.issue("65a1b2c3d4e5f6a7b8c9d0e1", "a@example.com", "s1");

        JsonNode header = part(issued.token(), 0);
        assertThat(header.path("alg").asText()).isEqualTo("HS256");
        assertThat(header.path("typ").asText()).isEqualTo("JWT");
        JsonNode claims = part(issued.token(), 1);
        assertThat(claims.path("user_id").asText()).isEqualTo("65a1b2c3d4e5f6a7b8c9d0e1");
        assertThat(claims.path("email").asText()).isEqualTo("a@example.com");
        assertThat(claims.path("iat").isIntegralNumber()).isTrue();
        assertThat(claims.path("iat").asLong()).isEqualTo(T0.getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(T0.getEpochSecond() + 900);
        assertThat(claims.path("jti").asText()).isEqualTo(issued.tokenId()).isNotBlank();
        assertThat(issued.expiresAt()).isEqualTo(T0.plusSeconds(900));

        AuthenticatedUser user = tokens.verify(issued.token());
        assertThat(claims.path("sid").asText()).isEqualTo("s1");
        assertThat(user).isEqualTo(new AuthenticatedUser("65a1b2c3d4e5f6a7b8c9d0e1", "a@example.com",
                issued.tokenId(), "s1", T0.plusSeconds(900)));
    }

    @Test
    void signatureIsPlainHmacSha256SoOtherImplementationsCanVerify() throws Exception {
        String token = tokens.issue("u1", "a@example.com", "s1").token();
        int dot = token.lastIndexOf('.');
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] expected = mac.doFinal(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(expected)).isEqualTo(token.substring(dot + 1));
    }

    /** A token signed with the test secret over exactly these claims. */
    private static String signed(String claimsJson) throws Exception {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claimsJson.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        return header + "." + claims + "." + sig;
    }

    @Test
    void correctlySignedTokensThatAuthCouldNotHaveIssuedAreInvalid() throws Exception {
        long iat = T0.getEpochSecond();
        String wellFormed = "\"user_id\":\"u1\",\"email\":\"a@example.com\"";
        // the control: all claims, lifetime exactly the TTL
        assertThat(status(signedVerify("{" + wellFormed + ",\"exp\":" + (iat + 900) + ",\"iat\":" + iat
                + ",\"jti\":\"j\",\"sid\":\"s\"}"))).isEqualTo("accepted");
        // the reference's shape: no jti and no sid, so logout could never revoke it
        assertThat(status(signedVerify("{" + wellFormed + ",\"exp\":" + (iat + 900) + ",\"iat\":" + iat + "}")))
                .isEqualTo(AccessTokens.INVALID);
        assertThat(status(signedVerify("{" + wellFormed + ",\"exp\":" + (iat + 900) + ",\"iat\":" + iat
                + ",\"sid\":\"s\"}"))).isEqualTo(AccessTokens.INVALID);
        assertThat(status(signedVerify("{" + wellFormed + ",\"exp\":" + (iat + 900) + ",\"iat\":" + iat
                + ",\"jti\":\"j\"}"))).isEqualTo(AccessTokens.INVALID);
        // no iat, a 10-year lifetime, a lifetime one second over the TTL, issued in the future
        assertThat(status(signedVerify("{" + wellFormed + ",\"exp\":" + (iat + 900)
                + ",\"jti\":\"j\",\"sid\":\"s\"}"))).isEqualTo(AccessTokens.INVALID);
        assertThat(status(signedVerify("{" + wellFormed + ",\"exp\":" + (iat + 315_360_000) + ",\"iat\":" + iat
                + ",\"jti\":\"j\",\"sid\":\"s\"}"))).isEqualTo(AccessTokens.INVALID);
        assertThat(status(signedVerify("{" + wellFormed + ",\"exp\":" + (iat + 901) + ",\"iat\":" + iat
                + ",\"jti\":\"j\",\"sid\":\"s\"}"))).isEqualTo(AccessTokens.INVALID);
        assertThat(status(signedVerify("{" + wellFormed + ",\"exp\":" + (iat + 3900) + ",\"iat\":" + (iat + 3000)
                + ",\"jti\":\"j\",\"sid\":\"s\"}"))).isEqualTo(AccessTokens.INVALID);
    }

    private Runnable signedVerify(String claimsJson) throws Exception {
        String token = signed(claimsJson);
        return () -> tokens.verify(token);
    }

    @Test
    void expiresExactlyAtExp() {
        String token = tokens.issue("u1", "a@example.com", "s1").token();
        clock.advance(Duration.ofSeconds(899));
        assertThat(status(() -> tokens.verify(token))).isEqualTo("accepted");
        clock.advance(Duration.ofSeconds(1));
        assertThat(status(() -> tokens.verify(token))).isEqualTo(AccessTokens.EXPIRED);
    }

    @Test
    void forgedTamperedAndMalformedTokensAreInvalid() {
        String token = tokens.issue("u1", "a@example.com", "s1").token();
        AccessTokens otherSecret = new AccessTokens("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(15), clock);
        String forged = otherSecret.issue("u1", "a@example.com", "s1").token();
        String[] parts = token.split("\\.");
        String tamperedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                Json.bytes(Map.of("user_id", "admin", "email", "a@example.com", "exp", 4102444800L, "iat", 1)));
        String tampered = parts[0] + "." + tamperedClaims + "." + parts[2];
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";

        assertThat(status(() -> tokens.verify(forged))).isEqualTo(AccessTokens.INVALID);
        assertThat(status(() -> tokens.verify(tampered))).isEqualTo(AccessTokens.INVALID);
        assertThat(status(() -> tokens.verify(unsigned))).isEqualTo(AccessTokens.INVALID);
        assertThat(status(() -> tokens.verify("not-a-jwt"))).isEqualTo(AccessTokens.INVALID);
        assertThat(status(() -> tokens.verify(""))).isEqualTo(AccessTokens.INVALID);
    }

    @Test
    void aForgedExpiredTokenIsInvalidNotExpired() {
        AccessTokens otherSecret = new AccessTokens("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(15), clock);
        String forged = otherSecret.issue("u1", "a@example.com", "s1").token();
        clock.advance(Duration.ofHours(1));
        assertThat(status(() -> tokens.verify(forged))).isEqualTo(AccessTokens.INVALID);
    }

    @Test
    void aSignedTokenWithoutUserIdIsInvalid() throws Exception {
        assertThat(status(signedVerify("{\"email\":\"a@example.com\",\"exp\":" + (T0.getEpochSecond() + 60)
                + ",\"iat\":" + T0.getEpochSecond() + ",\"jti\":\"j\",\"sid\":\"s\"}")))
                .isEqualTo(AccessTokens.INVALID);
    }

    @Test
    void bearerHeaderParsing() {
        String token = tokens.issue("u1", "a@example.com", "s1").token();
        assertThat(tokens.authenticateHeader("Bearer " + token).userId()).isEqualTo("u1");
        assertThat(tokens.authenticateHeader("bearer   " + token + " ").userId()).isEqualTo("u1");
        assertThat(status(() -> tokens.authenticateHeader(null))).isEqualTo(AccessTokens.NO_TOKEN);
        assertThat(status(() -> tokens.authenticateHeader("  "))).isEqualTo(AccessTokens.NO_TOKEN);
        assertThat(status(() -> tokens.authenticateHeader("Basic dXNlcjpwdw=="))).isEqualTo(AccessTokens.BAD_HEADER);
        assertThat(status(() -> tokens.authenticateHeader("Bearer "))).isEqualTo(AccessTokens.BAD_HEADER);
        assertThat(status(() -> tokens.authenticateHeader(token))).isEqualTo(AccessTokens.BAD_HEADER);
    }

    @Test
    void configurationIsValidated() {
        assertThatThrownBy(() -> new AccessTokens("short".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1), clock))
                .isInstanceOf(ConfigException.class).hasMessageContaining("JWT_SECRET");
        assertThatThrownBy(() -> AccessTokens.fromEnv(ENV.with("ACCESS_TOKEN_TTL_SECONDS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ACCESS_TOKEN_TTL_SECONDS");
        assertThat(AccessTokens.fromEnv(ENV).ttl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(AccessTokens.fromEnv(ENV.with("ACCESS_TOKEN_TTL_SECONDS", "60")).ttl()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> AccessTokens.fromEnv(Env.of(Map.of("JWT_SECRET", Secret.PUBLISHED_DEFAULT))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("published default");
    }

    @Test
    void tokensFromTheSameSecretInterop() {
        AccessTokens fromEnv = AccessTokens.fromEnv(ENV);
        String token = tokens.issue("u1", "a@example.com", "s1").token();
        // fromEnv uses the real clock, which is long after T0 + 15 min: the token is genuine but expired.
        assertThat(status(() -> fromEnv.verify(token))).isEqualTo(AccessTokens.EXPIRED);
        assertThat(fromEnv.verify(fromEnv.issue("u2", "b@example.com", "s1").token()).userId()).isEqualTo("u2");
    }
}
