package io.deltastream.bus;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Key-value cache with expiry, hashes and scored-set indexes (in-process, or Redis). Values are strings. */
public interface Cache {
    Optional<String> get(String key);

    /** The values of the keys that exist, by key. */
    Map<String, String> getAll(Collection<String> keys);

    void set(String key, String value, Duration ttl);

    /** Sets {@code key} only if absent (atomic); true when set. */
    boolean setIfAbsent(String key, String value, Duration ttl);

    /**
     * Extends {@code key}'s expiry to {@code ttl} only while it still holds {@code expected} (atomic: a lease's owner
     * renews it, and a holder that lost it cannot take it back); true when renewed.
     */
    boolean expireIfEquals(String key, String expected, Duration ttl);

    /** Deletes {@code key} only while it holds {@code expected} (atomic: a lease's owner releases it); true when deleted. */
    boolean deleteIfEquals(String key, String expected);

    /**
     * Adds 1 to the counter {@code key} and returns the new count (atomic across every client of the cache); a counter
     * that did not exist starts at 1 and expires after {@code ttl} (a fixed window: later increments keep the expiry).
     */
    long increment(String key, Duration ttl);

    /** True when the key existed. */
    boolean delete(String key);

    /** Time left before {@code key} expires; empty when it does not exist or never expires. */
    Optional<Duration> ttl(String key);

    /** All fields of hash {@code key} (empty when absent). */
    Map<String, String> hashGetAll(String key);

    /** Members of scored set {@code key} whose score is at least {@code minScore}, sorted by member. */
    List<String> indexMembers(String key, double minScore);

    /** Applies {@code effects} atomically (including their publishes). */
    void apply(Effects effects);
}
