package io.deltastream.platform.auth;

import java.time.Instant;

/**
 * The user an access token was issued to, as proven by a valid signature.
 *
 * @param userId    the {@code user_id} claim (the reference's user id: 24 hex digits)
 * @param email     the {@code email} claim (empty when the token carries none)
 * @param tokenId   the {@code jti} claim, empty for tokens issued without one (the reference's)
 * @param expiresAt the {@code exp} claim, whole seconds
 */
public record AuthenticatedUser(String userId, String email, String tokenId, Instant expiresAt) {
}
