package io.deltastream.platform.auth;

import java.time.Instant;

/**
 * The user an access token was issued to, as proven by a valid signature.
 *
 * @param userId    the {@code user_id} claim (the reference's user id: 24 hex digits)
 * @param email     the {@code email} claim (empty when the token carries none)
 * @param tokenId   the {@code jti} claim
 * @param sessionId the {@code sid} claim: the login session (refresh-token family) the token belongs to
 * @param expiresAt the {@code exp} claim, whole seconds
 */
public record AuthenticatedUser(String userId, String email, String tokenId, String sessionId, Instant expiresAt) {
}
