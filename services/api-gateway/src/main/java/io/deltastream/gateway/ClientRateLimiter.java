package io.deltastream.gateway;

import io.deltastream.platform.http.KeyedRateLimit;
import java.time.Duration;

/**
 * Per-client limit of the gateway: {@code ratePerSecond} requests per second sustained, bursts up to {@code burst}.
 * A request over the limit gets 429 with {@code Retry-After}. Clients idle for a minute are dropped by
 * {@link #prune}. In-process: each gateway replica limits on its own.
 */
final class ClientRateLimiter {
    private static final Duration IDLE = Duration.ofMinutes(1);
    private final KeyedRateLimit buckets;

    /** @param ratePerSecond 0 disables limiting */
    ClientRateLimiter(double ratePerSecond, double burst) {
        this.buckets = new KeyedRateLimit(ratePerSecond, burst, System::nanoTime);
    }

    /** Takes one token for {@code client}; 429 when there is none. */
    void acquire(String client) {
        buckets.acquire(client, "Rate limit exceeded, slow down");
    }

    void prune() {
        buckets.pruneIdle(IDLE);
    }
}
