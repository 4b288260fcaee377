package io.deltastream.trading.risk;

import java.util.HashMap;
import java.util.Map;

/** Per-user token buckets for order entry. Not thread-safe: used under the engine's lock. */
public final class OrderRateLimiter {
    private final double ratePerSecond;
    private final double burst;
    private final Map<String, double[]> buckets = new HashMap<>();

    public OrderRateLimiter(double ratePerSecond, int burst) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    /** Takes one token for {@code userId} at {@code nanos} (a monotonic clock); false when the bucket is empty. */
    public boolean tryAcquire(String userId, long nanos) {
        double[] b = buckets.computeIfAbsent(userId, u -> new double[] {burst, nanos});
        double tokens = Math.min(burst, b[0] + (nanos - b[1]) / 1e9 * ratePerSecond);
        b[1] = nanos;
        if (tokens < 1) {
            b[0] = tokens;
            return false;
        }
        b[0] = tokens - 1;
        return true;
    }

    /**
     * Nanoseconds from {@code nanos} until {@code userId}'s bucket holds a whole token again (0 when it does now);
     * call after {@link #tryAcquire} at the same {@code nanos}.
     */
    public long nanosUntilNext(String userId, long nanos) {
        double[] b = buckets.get(userId);
        if (b == null || b[0] >= 1) {
            return 0;
        }
        double missing = 1 - b[0];
        return ratePerSecond <= 0 ? Long.MAX_VALUE / 2 : (long) Math.ceil(missing / ratePerSecond * 1e9);
    }
}
