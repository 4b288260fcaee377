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

    /** PUBLISH {@code body} on {@code topic}. */
    public record Publish(String topic, Payload body) implements Op {
        /** The text published (encoded now if the body is an object). */
        public String payload() {
            return body.text();
        }
    }

    /** SET {@code key} to {@code body} expiring after {@code ttl}. */
    public record Set(String key, Payload body, Duration ttl) implements Op {
        /** The text stored (encoded now if the body is an object). */
        public String value() {
            return body.text();
        }
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
        return publish(topic, Payload.text(payload));
    }

    /**
     * Publishes {@code body}: in-process subscribers get its object as it is (see {@link TopicListener}); Redis
     * publishes its text.
     */
    public Effects publish(String topic, Payload body) {
        ops.add(new Publish(Objects.requireNonNull(topic), Objects.requireNonNull(body)));
        return this;
    }

    public Effects set(String key, String value, Duration ttl) {
        return set(key, Payload.text(value), ttl);
    }

    /**
     * Sets {@code key} to {@code body}'s text; the in-process cache keeps the body and encodes it when the key is first
     * read, so a value nobody reads before it is replaced is never encoded.
     */
    public Effects set(String key, Payload body, Duration ttl) {
        ops.add(new Set(Objects.requireNonNull(key), Objects.requireNonNull(body), positive(ttl)));
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
