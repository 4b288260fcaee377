package io.deltastream.auth;

import io.deltastream.platform.http.ApiException;
import java.time.Clock;
import java.time.Duration;

/**
 * Login rate limits: per client address, every attempt counts (guessing many accounts from one place); per account,
 * failed attempts count and a success clears them (guessing one password from many places). Either limit answers 429
 * with {@code Retry-After} before any password is checked.
 */
final class LoginThrottle {
    private final AttemptLimiter perClient;
    private final AttemptLimiter perAccount;

    LoginThrottle(int clientAttempts, Duration clientWindow, int accountFailures, Duration accountWindow, Clock clock) {
        this.perClient = new AttemptLimiter(clientAttempts, clientWindow, clock);
        this.perAccount = new AttemptLimiter(accountFailures, accountWindow, clock);
    }

    /** Counts an attempt of {@code client} on {@code account}; 429 when either is over its limit. */
    void checkLogin(String client, String account) {
        long wait = Math.max(perClient.retryAfterSeconds(client), perAccount.retryAfterSeconds(account));
        if (wait > 0) {
            throw ApiException.tooManyRequests(AuthRoutes.TOO_MANY, wait);
        }
        perClient.record(client);
    }

    /** Counts a registration attempt of {@code client} against the same per-client limit. */
    void checkClient(String client) {
        long wait = perClient.retryAfterSeconds(client);
        if (wait > 0) {
            throw ApiException.tooManyRequests(AuthRoutes.TOO_MANY, wait);
        }
        perClient.record(client);
    }

    void failed(String account) {
        perAccount.record(account);
    }

    void succeeded(String account) {
        perAccount.reset(account);
    }

    void prune() {
        perClient.prune();
        perAccount.prune();
    }
}
