package io.deltastream.auth;

import io.deltastream.testkit.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltastream.bus.BusConfig;
import io.deltastream.bus.Buses;
import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.platform.auth.AuthenticatedUser;
import io.deltastream.platform.http.ApiException;
import io.deltastream.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshTokensTest {
    @Test
    void expiredTokensAreRefusedAndRetiredOnesRevokeTheirFamily() throws Exception {
        Path dir = Files.createTempDirectory("refresh-tokens");
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
        try (SqliteStore store = new SqliteStore(dir.resolve("auth.db"), false)) {
            TokenStanding standing = new TokenStanding(Buses.open(BusConfig.DEFAULTS).cache(), clock);
            RefreshTokens tokens = new RefreshTokens(store, Duration.ofHours(1), standing, Duration.ofMinutes(15), clock);
            RefreshTokens.Issued a = tokens.issue("u1");
            clock.advance(Duration.ofMinutes(59));
            RefreshTokens.Rotation r = tokens.rotate(a.token());
            assertThat(r.userId()).isEqualTo("u1");
            assertThat(r.next().familyId()).isEqualTo(a.familyId());
            clock.advance(Duration.ofMinutes(61));
            assertThatThrownBy(() -> tokens.rotate(r.next().token())).isInstanceOf(ApiException.class)
                    .hasMessage(RefreshTokens.EXPIRED);

            RefreshTokens.Issued b = tokens.issue("u2");
            RefreshTokens.Rotation rb = tokens.rotate(b.token());
            AuthenticatedUser ofSession = new AuthenticatedUser("u2", "", "jti", b.familyId(), clock.instant().plusSeconds(60));
            assertThat(standing.revoked(ofSession)).isFalse();
            assertThatThrownBy(() -> tokens.rotate(b.token())).hasMessage(RefreshTokens.REVOKED);
            // the reuse ended the session: its access tokens are revoked too
            assertThat(standing.revoked(ofSession)).isTrue();
            assertThatThrownBy(() -> tokens.rotate(rb.next().token())).hasMessage(RefreshTokens.INVALID);
            assertThat(RefreshTokens.hash("x")).hasSize(64);
        }
    }

    @Test
    void passwordHasherRejectsUnknownUsersAfterTheSameWork() {
        PasswordHasher hasher = new PasswordHasher(4);
        String hash = hasher.hash("test123");
        assertThat(hash).startsWith("$2a$04$");
        assertThat(hasher.verify("test123", hash)).isTrue();
        assertThat(hasher.verify("test124", hash)).isFalse();
        assertThat(hasher.verify("test123", null)).isFalse();
    }
}
