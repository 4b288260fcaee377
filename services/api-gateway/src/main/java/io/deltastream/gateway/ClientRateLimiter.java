package io.deltastream.gateway;

import io.deltastream.bus.Cache;
import io.deltastream.bus.limit.SharedRateLimit;
import io.deltastream.platform.http.KeyedRateLimit;
import io.deltastream.platform.http.RateLimit;
import java.time.Duration;

/**
 * Per-client limit of the gateway: {@code ratePerSecond} requests per second sustained, bursts up to {@code burst}.
 * A request over the limit gets 429 with {@code Retry-After}. With Redis the count is shared by every gateway replica
 * ({@link SharedRateLimit}), so N replicas do not multiply a client's allowance; without, it is a token bucket in this
 * process whose clients idle for a minute are dropped by {@link #prune}.
 */
final class ClientRateLimiter {
    private static final Duration IDLE = Duration.ofMinutes(1);
    private final RateLimit limit;

    private ClientRateLimiter(RateLimit limit) {
        this.limit = limit;
    }

    /** In this process only; {@code ratePerSecond} 0 disables limiting. */
    static ClientRateLimiter local(double ratePerSecond, double burst) {
        return new ClientRateLimiter(new KeyedRateLimit(ratePerSecond, burst, System::nanoTime));
    }

    /** Counted in the shared cache (Redis); {@code ratePerSecond} 0 disables limiting. */
    static ClientRateLimiter shared(Cache cache, double ratePerSecond, double burst) {
        return new ClientRateLimiter(new SharedRateLimit(cache, "gateway", ratePerSecond, burst));
    }

    /** Takes one token for {@code client}; 429 when there is none. */
    void acquire(String client) {
        limit.acquire(client, "Rate limit exceeded, slow down");
    }

    /** Forgets idle clients of the in-process limit (shared counters expire on their own). */
    void prune() {
        if (limit instanceof KeyedRateLimit buckets) {
            buckets.pruneIdle(IDLE);
        }
    }
}
