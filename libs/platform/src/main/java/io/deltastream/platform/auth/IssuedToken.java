package io.deltastream.platform.auth;

import java.time.Instant;

/**
 * A freshly signed access token.
 *
 * @param token     the compact JWT ({@code header.claims.signature})
 * @param tokenId   its {@code jti} claim
 * @param issuedAt  its {@code iat} claim, whole seconds
 * @param expiresAt its {@code exp} claim, whole seconds
 */
public record IssuedToken(String token, String tokenId, Instant issuedAt, Instant expiresAt) {
}
