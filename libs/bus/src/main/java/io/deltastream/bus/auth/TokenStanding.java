package io.deltastream.bus.auth;

import io.deltastream.bus.Cache;
import io.deltastream.platform.auth.AuthenticatedUser;
import io.deltastream.platform.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a user's access token still stands after its signature was checked, kept in the shared cache by the auth
 * service and read by every service that verifies tokens (api-gateway, trade-simulator, socket-gateway, auth):
 * <ul>
 *   <li>{@code auth:revoked:{jti}}: the token was logged out;</li>
 *   <li>{@code auth:revoked-session:{sid}}: its session (refresh-token family) was ended, by a logout with the
 *       refresh token or because a rotated refresh token was reused, which revokes every access token of it;</li>
 *   <li>{@code auth:user:{id}}: the auth service vouches that the user exists (set whenever it issues a token), so a
 *       service that creates state per user can refuse ids the auth service never issued a token to.</li>
 * </ul>
 * Each mark lives as long as any token it concerns could (its TTL), so the cache does not grow without bound.
 * Checked on every request, and by the socket gateway before each user event, so a revoked token stops working
 * everywhere at once rather than when it would have expired.
 */
public final class TokenStanding {
    /** The 401 text for a token that was logged out or whose session ended. */
    public static final String REVOKED = "Token revoked";
    /** The 401 text for a token that expired while a client held it (e.g. a socket subscription). */
    public static final String EXPIRED = "Token expired";

    private final Cache cache;
    private final Clock clock;

    public TokenStanding(Cache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /** True when {@code user}'s token was logged out or its session ended. */
    public boolean revoked(AuthenticatedUser user) {
        return cache.get(tokenKey(user.tokenId())).isPresent() || cache.get(sessionKey(user.sessionId())).isPresent();
    }

    /** Why {@code user}'s token no longer stands ({@value #EXPIRED}, {@value #REVOKED}), or empty. */
    public Optional<String> problem(AuthenticatedUser user) {
        if (!clock.instant().isBefore(user.expiresAt())) {
            return Optional.of(EXPIRED);
        }
        return revoked(user) ? Optional.of(REVOKED) : Optional.empty();
    }

    /**
     * {@code user}, when its token stands.
     *
     * @throws ApiException 401 {@value #REVOKED}
     */
    public AuthenticatedUser require(AuthenticatedUser user) {
        if (revoked(user)) {
            throw ApiException.unauthorized(REVOKED);
        }
        return user;
    }

    /** Marks {@code user}'s token as logged out until it would have expired. */
    public void revokeToken(AuthenticatedUser user) {
        Duration left = Duration.between(clock.instant(), user.expiresAt());
        if (left.toMillis() > 0) {
            cache.set(tokenKey(user.tokenId()), "1", left);
        }
    }

    /**
     * Marks session {@code sessionId} as ended: every access token of it is revoked.
     *
     * @param accessTtl the access-token lifetime: no token of the session outlives it from now
     */
    public void revokeSession(String sessionId, Duration accessTtl) {
        cache.set(sessionKey(sessionId), "1", accessTtl);
    }

    /**
     * Records that user {@code userId} exists, for {@code ttl} (at least as long as the tokens just issued to it).
     */
    public void vouchFor(String userId, Duration ttl) {
        cache.set(userKey(userId), "1", ttl);
    }

    /** True when the auth service vouched for {@code userId} within the lifetime of its latest token. */
    public boolean vouched(String userId) {
        return cache.get(userKey(userId)).isPresent();
    }

    /** The cache key marking token {@code jti} as logged out. */
    public static String tokenKey(String jti) {
        return "auth:revoked:" + jti;
    }

    /** The cache key marking session {@code sid} as ended. */
    public static String sessionKey(String sid) {
        return "auth:revoked-session:" + sid;
    }

    static String userKey(String userId) {
        return "auth:user:" + userId;
    }
}
