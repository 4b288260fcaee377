package io.deltastream.socket.delivery;

import io.deltastream.bus.Cache;
import io.deltastream.platform.auth.AuthenticatedUser;
import io.deltastream.platform.auth.RevokedTokens;
import java.time.Clock;
import java.util.Optional;

/**
 * Whether a client's access token still stands after its signature was checked: it has not expired and has not
 * been logged out (the auth service marks a logged-out token in the shared cache, see {@link RevokedTokens}). Checked
 * at the handshake and again before each user event, so a client that logs out elsewhere stops receiving its user's
 * events at once rather than when the token would have expired.
 */
public final class TokenStanding {
    private final Cache cache;
    private final Clock clock;

    public TokenStanding(Cache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /** True when {@code user}'s token was logged out. Tokens without a {@code jti} (the reference's) cannot be. */
    public boolean revoked(AuthenticatedUser user) {
        return !user.tokenId().isEmpty() && cache.get(RevokedTokens.cacheKey(user.tokenId())).isPresent();
    }

    /** Why {@code user}'s token no longer stands ({@code "Token expired"}, {@code "Token revoked"}), or empty. */
    public Optional<String> problem(AuthenticatedUser user) {
        if (!clock.instant().isBefore(user.expiresAt())) {
            return Optional.of("Token expired");
        }
        return revoked(user) ? Optional.of("Token revoked") : Optional.empty();
    }
}
