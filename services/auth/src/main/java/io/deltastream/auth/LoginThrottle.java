package io.deltastream.auth;

import io.deltastream.platform.http.ApiException;
import java.time.Clock;
import java.time.Duration;

/**
 * Login rate limits. Per client address, every attempt counts (guessing many accounts from one place). Per (client
 * address, account), failures cost growing delays (guessing one password from one place) and a success clears them;
 * there is no per-account lockout, so failures from an attacker elsewhere never lock the account's owner out. Either
 * limit answers 429 with {@code Retry-After} before any password is checked.
 */
final class LoginThrottle {
    private final AttemptLimiter perClient;
    private final FailureBackoff perClientAndAccount;

    LoginThrottle(int clientAttempts, Duration clientWindow, FailureBackoff perClientAndAccount, Clock clock) {
        this.perClient = new AttemptLimiter(clientAttempts, clientWindow, clock);
        this.perClientAndAccount = perClientAndAccount;
    }

    /** Counts an attempt of {@code client} on {@code account}; 429 when either is over its limit. */
    void checkLogin(String client, String account) {
        long wait = Math.max(perClient.retryAfterSeconds(client),
                perClientAndAccount.retryAfterSeconds(key(client, account)));
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

    void failed(String client, String account) {
        perClientAndAccount.failed(key(client, account));
    }

    void succeeded(String client, String account) {
        perClientAndAccount.reset(key(client, account));
    }

    void prune() {
        perClient.prune();
        perClientAndAccount.prune();
    }

    private static String key(String client, String account) {
        return client + " " + account;
    }
}
