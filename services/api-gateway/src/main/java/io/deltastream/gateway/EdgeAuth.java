package io.deltastream.gateway;

import io.deltastream.bus.auth.TokenStanding;
import io.deltastream.platform.auth.AccessTokens;

/**
 * Authentication at the edge: the access token is verified locally with the shared secret (no call to the auth
 * service), then checked against the revocations the auth service keeps in the cache (logout, ended sessions).
 */
final class EdgeAuth {
    private final AccessTokens tokens;
    private final TokenStanding standing;
    private final boolean marketDataRequiresAuth;

    EdgeAuth(AccessTokens tokens, TokenStanding standing, boolean marketDataRequiresAuth) {
        this.tokens = tokens;
        this.standing = standing;
        this.marketDataRequiresAuth = marketDataRequiresAuth;
    }

    /** Throws 401 unless {@code authorization} satisfies {@code access}. */
    void check(Access access, String authorization) {
        if (access == Access.PUBLIC || access == Access.MARKET_DATA && !marketDataRequiresAuth) {
            return;
        }
        standing.require(tokens.authenticateHeader(authorization));
    }
}
