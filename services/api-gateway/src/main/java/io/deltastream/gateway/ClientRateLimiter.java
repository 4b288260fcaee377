package io.deltastream.gateway;

import io.deltastream.platform.http.ApiException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-client token buckets: {@code ratePerSecond} requests per second sustained, bursts up to {@code burst}. A
 * request over the limit gets 429 with {@code Retry-After}. Buckets idle for a minute are dropped by {@link #prune}.
 * In-process: each gateway replica limits on its own.
 */
final class ClientRateLimiter {
    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    private final double ratePerNano;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param ratePerSecond 0 disables limiting */
    ClientRateLimiter(double ratePerSecond, double burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = Math.max(1, burst);
    }

    boolean enabled() {
        return ratePerNano > 0;
    }

    /** Takes one token for {@code client}; 429 when there is none. */
    void acquire(String client) {
        if (!enabled()) {
            return;
        }
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
        double wait;
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.lastNanos) * ratePerNano);
            b.lastNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return;
            }
            wait = (1 - b.tokens) / ratePerNano / 1e9;
        }
        throw ApiException.tooManyRequests("Rate limit exceeded, slow down", (long) Math.ceil(wait));
    }

    void prune() {
        long cutoff = System.nanoTime() - 60_000_000_000L;
        buckets.values().removeIf(b -> {
            synchronized (b) {
                return b.lastNanos - cutoff < 0;
            }
        });
    }
}
