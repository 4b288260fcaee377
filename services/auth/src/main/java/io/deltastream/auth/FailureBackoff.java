package io.deltastream.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Growing delays after failed attempts, per key: the first {@code freeFailures} failures cost nothing; each further
 * one blocks the key for {@code base × 2^(n-1)} (n = failures beyond the free ones), at most {@code max}. A success
 * clears the key; a key with no failure for {@code 4 × max} is forgotten. Keys are (client address, account), so
 * failures from one place never delay the account's owner elsewhere, and a guesser at one place slows down
 * exponentially. In-process (each auth replica counts on its own).
 */
final class FailureBackoff {
    private record State(int failures, long lastFailureMillis, long blockedUntilMillis) {
    }

    private final int freeFailures;
    private final long baseMillis;
    private final long maxMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    FailureBackoff(int freeFailures, Duration base, Duration max, Clock clock) {
        this.freeFailures = freeFailures;
        this.baseMillis = base.toMillis();
        this.maxMillis = Math.max(max.toMillis(), baseMillis);
        this.clock = clock;
    }

    /** Seconds until {@code key} may try again (rounded up); 0 when it may now. */
    long retryAfterSeconds(String key) {
        State s = states.get(key);
        long now = clock.millis();
        if (s == null || now >= s.blockedUntilMillis()) {
            return 0;
        }
        return (s.blockedUntilMillis() - now + 999) / 1000;
    }

    /** Counts a failure of {@code key}, blocking it for the next delay once past the free failures. */
    void failed(String key) {
        long now = clock.millis();
        states.compute(key, (k, s) -> {
            int failures = s == null || forgotten(s, now) ? 1 : s.failures() + 1;
            return new State(failures, now, now + delayMillis(failures));
        });
    }

    /** The block after the {@code failures}-th consecutive failure, in milliseconds. */
    long delayMillis(int failures) {
        int beyond = failures - freeFailures;
        if (beyond <= 0) {
            return 0;
        }
        // 2^(beyond-1), without overflowing: the cap is reached long before 2^62.
        return beyond > 40 ? maxMillis : Math.min(maxMillis, baseMillis << (beyond - 1));
    }

    /** Forgets {@code key} (a successful login). */
    void reset(String key) {
        states.remove(key);
    }

    /** Drops keys that have been quiet long enough to be forgotten. */
    void prune() {
        long now = clock.millis();
        states.values().removeIf(s -> forgotten(s, now));
    }

    int size() {
        return states.size();
    }

    private boolean forgotten(State s, long now) {
        return now - s.lastFailureMillis() >= 4 * maxMillis && now >= s.blockedUntilMillis();
    }
}
