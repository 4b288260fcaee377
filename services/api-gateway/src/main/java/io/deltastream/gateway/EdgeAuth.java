package io.deltastream.gateway;

import io.deltastream.bus.Cache;
import io.deltastream.platform.auth.AccessTokens;
import io.deltastream.platform.auth.AuthenticatedUser;
import io.deltastream.platform.auth.RevokedTokens;
import io.deltastream.platform.http.ApiException;

/**
 * Authentication at the edge: the access token is verified locally with the shared secret (no call to the auth
 * service), then checked against the revocation list the auth service keeps in the cache on logout.
 */
final class EdgeAuth {
    private final AccessTokens tokens;
    private final Cache cache;
    private final boolean marketDataRequiresAuth;

    EdgeAuth(AccessTokens tokens, Cache cache, boolean marketDataRequiresAuth) {
        this.tokens = tokens;
        this.cache = cache;
        this.marketDataRequiresAuth = marketDataRequiresAuth;
    }

    /** Throws 401 unless {@code authorization} satisfies {@code access}. */
    void check(Access access, String authorization) {
        if (access == Access.PUBLIC || access == Access.MARKET_DATA && !marketDataRequiresAuth) {
            return;
        }
        AuthenticatedUser user = tokens.authenticateHeader(authorization);
        if (!user.tokenId().isEmpty() && cache.get(RevokedTokens.cacheKey(user.tokenId())).isPresent()) {
            throw ApiException.unauthorized("Token revoked");
        }
    }
}
