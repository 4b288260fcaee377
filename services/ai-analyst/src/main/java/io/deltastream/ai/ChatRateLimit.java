package io.deltastream.ai;

import io.deltastream.platform.http.ApiException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller for {@code /api/ai/chat}: {@code perMinute} questions a minute sustained, bursts up to
 * {@code burst}; over it, 429 with {@code Retry-After} (whole seconds until the next token). Full buckets are dropped
 * once more than {@value #PRUNE_AT} callers are tracked, so the map stays bounded. In-process: each replica limits on
 * its own.
 */
final class ChatRateLimit {
    static final int PRUNE_AT = 10_000;

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param perMinute sustained questions per minute per caller, > 0
     * @param burst     questions a caller may ask at once, >= 1
     * @param nanoTime  a monotonic clock in nanoseconds
     */
    ChatRateLimit(double perMinute, int burst, LongSupplier nanoTime) {
        this.perNano = perMinute / 60e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Takes one question from {@code caller}'s bucket; 429 when it is empty. */
    void acquire(String caller) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > PRUNE_AT) {
            buckets.values().removeIf(b -> refilled(b, now) >= burst);
        }
        double[] wait = {0};
        buckets.compute(caller, (k, b) -> {
            Bucket bucket = b == null ? new Bucket(burst, now) : b;
            bucket.tokens = refilled(bucket, now);
            bucket.lastNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
            } else {
                wait[0] = (1 - bucket.tokens) / perNano / 1e9;
            }
            return bucket;
        });
        if (wait[0] > 0) {
            throw ApiException.tooManyRequests("Too many questions: try again in a moment",
                    (long) Math.ceil(wait[0]));
        }
    }

    private double refilled(Bucket b, long now) {
        return Math.min(burst, b.tokens + (now - b.lastNanos) * perNano);
    }
}
