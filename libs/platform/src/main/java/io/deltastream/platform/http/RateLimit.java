package io.deltastream.platform.http;

/**
 * A request limit per key (a client address, a user). Two implementations: {@link KeyedRateLimit}, a token bucket in
 * this process, and the bus's shared limit, counted in Redis so that N replicas do not multiply the allowance.
 */
public interface RateLimit {
    /** False when limiting is off: {@link #acquire} then lets everything through. */
    boolean enabled();

    /** Counts one request of {@code key}; over the limit, a 429 saying {@code message}, with {@code Retry-After}. */
    void acquire(String key, String message);
}
