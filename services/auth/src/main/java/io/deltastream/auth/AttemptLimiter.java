package io.deltastream.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} counted attempts per key in a fixed window of {@code window}; in-process (each auth replica
 * counts on its own). Keys whose window has passed are dropped as they are touched and by {@link #prune()}.
 */
final class AttemptLimiter {
    private record Window(long startMillis, int count) {
    }

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    AttemptLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Seconds until {@code key} may try again; 0 when it may now. */
    long retryAfterSeconds(String key) {
        Window w = windows.get(key);
        long now = clock.millis();
        if (w == null || now - w.startMillis() >= windowMillis || w.count() < limit) {
            return 0;
        }
        return Math.max(1, (w.startMillis() + windowMillis - now + 999) / 1000);
    }

    /** Counts one attempt of {@code key}. */
    void record(String key) {
        long now = clock.millis();
        windows.compute(key, (k, w) -> w == null || now - w.startMillis() >= windowMillis
                ? new Window(now, 1) : new Window(w.startMillis(), w.count() + 1));
    }

    /** Forgets {@code key} (e.g. after a successful login). */
    void reset(String key) {
        windows.remove(key);
    }

    /** Drops expired windows. */
    void prune() {
        long now = clock.millis();
        windows.values().removeIf(w -> now - w.startMillis() >= windowMillis);
    }
}
