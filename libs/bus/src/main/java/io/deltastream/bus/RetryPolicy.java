package io.deltastream.bus;

import java.time.Duration;

/**
 * Exponential backoff: a failed first attempt is retried after {@code backoff}, the next after twice that, and so
 * on, {@code maxRetries} times; then the message is dead-lettered. Defaults 5 s and 3 (5 s, 10 s, 20 s).
 *
 * @param backoff    delay before the first retry
 * @param maxRetries retries after the first attempt, 0..20
 */
public record RetryPolicy(Duration backoff, int maxRetries) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(5), 3);

    public RetryPolicy {
        if (backoff.isNegative() || backoff.isZero()) {
            throw new IllegalArgumentException("backoff must be positive");
        }
        if (maxRetries < 0 || maxRetries > 20) {
            throw new IllegalArgumentException("maxRetries must be 0..20");
        }
    }

    /** True when a message whose attempt number {@code attempt} failed gets another attempt. */
    public boolean retries(int attempt) {
        return attempt <= maxRetries;
    }

    /** The wait after failed attempt {@code attempt} (1-based): backoff × 2^(attempt-1). */
    public Duration delayAfter(int attempt) {
        return backoff.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 30));
    }
}
