/**
 * Access tokens shared by every service that authenticates users (auth issues them; the api-gateway,
 * socket-gateway and trade-simulator verify them locally with the same {@code JWT_SECRET}).
 *
 * <pre>{@code
 * AccessTokens tokens = AccessTokens.fromEnv(ctx.env());          // once, at install
 * ctx.routes().get("/api/trade/orders", req -> {
 *     AuthenticatedUser user = tokens.authenticate(req);          // 401 JSON unless a valid Bearer token
 *     return orders.of(user.userId());
 * });
 * }</pre>
 *
 * <p>Tokens are JWT HS256 with the reference's claims {@code user_id}, {@code email}, {@code exp},
 * {@code iat} (seconds) plus {@code jti} and {@code sid}; they are short-lived ({@code ACCESS_TOKEN_TTL_SECONDS},
 * default 900). Logging out or revoking a session marks them in the shared cache, which every verifying service
 * checks ({@code TokenStanding} in the bus library). Long sessions use the auth service's rotating refresh tokens,
 * which are opaque and checked only by the auth service. The secrets ({@link Secret}) and the credential services
 * present to each other and the admin credential ({@link Credential}) live here too.
 */
package io.deltastream.platform.auth;
