package io.deltastream.bus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cache writes and topic publishes applied together, atomically: all or none, and no reader sees half of them.
 * Attached to a {@link Delivery}, they are applied exactly once per message id, in the same step as the
 * acknowledgement; on their own they go through {@link Cache#apply}. Not thread-safe: build on one thread.
 */
public final class Effects {
    /** One write. */
    public sealed interface Op permits Publish, Set, HashPut, IndexPut, IndexRemoveBelow {
    }

    /** PUBLISH {@code payload} on {@code topic}. */
    public record Publish(String topic, String payload) implements Op {
    }

    /** SET {@code key} to {@code value} expiring after {@code ttl}. */
    public record Set(String key, String value, Duration ttl) implements Op {
    }

    /** Sets {@code field} of hash {@code key}; the whole hash expires {@code ttl} after its last write. */
    public record HashPut(String key, String field, String value, Duration ttl) implements Op {
    }

    /** Adds {@code member} with {@code score} to the scored set {@code key} (no expiry). */
    public record IndexPut(String key, String member, double score) implements Op {
    }

    /** Removes the members of scored set {@code key} whose score is below {@code score}. */
    public record IndexRemoveBelow(String key, double score) implements Op {
    }

    private final List<Op> ops = new ArrayList<>();

    public Effects publish(String topic, String payload) {
        ops.add(new Publish(Objects.requireNonNull(topic), Objects.requireNonNull(payload)));
        return this;
    }

    public Effects set(String key, String value, Duration ttl) {
        ops.add(new Set(Objects.requireNonNull(key), Objects.requireNonNull(value), positive(ttl)));
        return this;
    }

    public Effects hashPut(String key, String field, String value, Duration ttl) {
        ops.add(new HashPut(Objects.requireNonNull(key), Objects.requireNonNull(field), Objects.requireNonNull(value),
                positive(ttl)));
        return this;
    }

    public Effects indexPut(String key, String member, double score) {
        ops.add(new IndexPut(Objects.requireNonNull(key), Objects.requireNonNull(member), finite(score)));
        return this;
    }

    public Effects indexRemoveBelow(String key, double score) {
        ops.add(new IndexRemoveBelow(Objects.requireNonNull(key), finite(score)));
        return this;
    }

    /** The writes in the order they were added. */
    public List<Op> ops() {
        return List.copyOf(ops);
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    private static Duration positive(Duration ttl) {
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("TTL must be at least 1 ms");
        }
        return ttl;
    }

    private static double finite(double score) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("scores are finite");
        }
        return score;
    }
}
