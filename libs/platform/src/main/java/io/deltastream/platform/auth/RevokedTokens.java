package io.deltastream.platform.auth;

/**
 * Where a revoked access token is remembered until it would have expired: the cache key
 * {@code auth:revoked:{jti}} (value irrelevant, TTL = the token's remaining lifetime). The auth service writes it on
 * logout; every service that verifies tokens locally and can reach the cache checks it, so a logged-out token stops
 * working everywhere at once instead of living on until {@code exp}.
 */
public final class RevokedTokens {
    private RevokedTokens() {
    }

    /** The cache key marking token {@code jti} as revoked. */
    public static String cacheKey(String jti) {
        return "auth:revoked:" + jti;
    }
}
