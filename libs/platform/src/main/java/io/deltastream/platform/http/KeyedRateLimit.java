package io.deltastream.platform.http;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a client address, a user): {@code perSecond} requests per second sustained, bursts up to
 * {@code burst}. Over it, {@link #acquire} throws a 429 whose {@code Retry-After} is the whole seconds until the
 * next token. In-process: each replica limits on its own. Callers choose how the map of buckets stays bounded
 * ({@link #pruneIdle} on a schedule, or {@link #pruneFull} when {@link #size} grows).
 */
public final class KeyedRateLimit implements RateLimit {
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
     * @param perSecond sustained requests per second per key; 0 disables limiting
     * @param burst     requests a key may send at once (at least 1)
     * @param nanoTime  a monotonic clock in nanoseconds
     */
    public KeyedRateLimit(double perSecond, double burst, LongSupplier nanoTime) {
        this.perNano = perSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.nanoTime = nanoTime;
    }

    /** False when the rate is 0: {@link #acquire} then lets everything through. */
    @Override
    public boolean enabled() {
        return perNano > 0;
    }

    /** Takes one token for {@code key}; a 429 saying {@code message}, with {@code Retry-After}, when there is none. */
    @Override
    public void acquire(String key, String message) {
        if (!enabled()) {
            return;
        }
        long now = nanoTime.getAsLong();
        double[] wait = {0};
        buckets.compute(key, (k, b) -> {
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
            throw ApiException.tooManyRequests(message, (long) Math.ceil(wait[0]));
        }
    }

    /** Keys currently tracked. */
    public int size() {
        return buckets.size();
    }

    /** Forgets keys not seen for {@code idle}. */
    public void pruneIdle(Duration idle) {
        long cutoff = nanoTime.getAsLong() - idle.toNanos();
        buckets.values().removeIf(b -> b.lastNanos - cutoff < 0);
    }

    /** Forgets keys whose bucket has refilled completely (they would start full anyway). */
    public void pruneFull() {
        long now = nanoTime.getAsLong();
        buckets.values().removeIf(b -> refilled(b, now) >= burst);
    }

    private double refilled(Bucket b, long now) {
        return Math.min(burst, b.tokens + (now - b.lastNanos) * perNano);
    }
}
