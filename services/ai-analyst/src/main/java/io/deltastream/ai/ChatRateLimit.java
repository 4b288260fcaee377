package io.deltastream.ai;

import io.deltastream.platform.http.KeyedRateLimit;
import java.util.function.LongSupplier;

/**
 * The per-caller limit of {@code /api/ai/chat}: {@code perMinute} questions a minute sustained, bursts up to
 * {@code burst}; over it, 429 with {@code Retry-After}. Full buckets are dropped once more than {@value #PRUNE_AT}
 * callers are tracked, so the map stays bounded. In-process: each replica limits on its own.
 */
final class ChatRateLimit {
    static final int PRUNE_AT = 10_000;

    private final KeyedRateLimit buckets;

    /**
     * @param perMinute sustained questions per minute per caller, > 0
     * @param burst     questions a caller may ask at once, >= 1
     * @param nanoTime  a monotonic clock in nanoseconds
     */
    ChatRateLimit(double perMinute, int burst, LongSupplier nanoTime) {
        this.buckets = new KeyedRateLimit(perMinute / 60, burst, nanoTime);
    }

    /** Takes one question from {@code caller}'s bucket; 429 when it is empty. */
    void acquire(String caller) {
        if (buckets.size() > PRUNE_AT) {
            buckets.pruneFull();
        }
        buckets.acquire(caller, "Too many questions: try again in a moment");
    }
}
