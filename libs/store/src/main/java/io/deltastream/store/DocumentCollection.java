package io.deltastream.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A collection of JSON documents. Every document has a string {@code _id} (generated on insert when
 * absent). The time field, when the collection has one, holds an ISO-8601 instant and is stored
 * with millisecond precision ({@code 2026-11-23T16:14:09.003Z}); reads return it in that form.
 *
 * <p>A method that returns normally has made its write durable: it survives a crash of the process.
 */
public interface DocumentCollection {
    /** Inserts one document; returns its {@code _id}. */
    String insert(ObjectNode document) throws DuplicateKeyException;

    /**
     * Inserts documents, skipping those that collide with an existing {@code _id} or unique key (so
     * that a redelivered batch writes nothing twice).
     *
     * @return the number of documents actually inserted
     */
    int insertAllNew(List<ObjectNode> documents);

    /**
     * Replaces the document matching {@code key} (equality on a unique index) or inserts
     * {@code document}. An existing document keeps its {@code _id}.
     *
     * @return true when a new document was inserted
     */
    boolean upsert(Filter key, ObjectNode document);

    /**
     * {@link #upsert} of each {@code documents[i]} by {@code keys[i]}, in order, as one write where the adapter can
     * (one transaction in SQLite; MongoDB applies them one by one): many small upserts commit once.
     */
    default void upsertAll(List<Filter> keys, List<ObjectNode> documents) {
        if (keys.size() != documents.size()) {
            throw new IllegalArgumentException("one key per document");
        }
        for (int i = 0; i < keys.size(); i++) {
            upsert(keys.get(i), documents.get(i));
        }
    }

    /**
     * {@link #upsert} of each {@code documents[i]} by {@code keys[i]}, except where the stored document's
     * {@code versionField} (a declared integer field) is already at least the new one's: a writer that lost the right
     * to write (a fenced, stale owner) cannot overwrite what its successor wrote. Each document is checked and written
     * atomically; SQLite commits them all as one write.
     *
     * @return how many documents were written
     */
    int upsertAllIfNewer(List<Filter> keys, List<ObjectNode> documents, String versionField);

    /** Replaces the document with this {@code _id}; returns false when there is none. */
    boolean replace(String id, ObjectNode document);

    Optional<ObjectNode> findById(String id);

    /** The first match in the given order. */
    Optional<ObjectNode> findOne(Filter filter, Order order);

    /** The newest document matching {@code filter} (by time, then insertion). */
    default Optional<ObjectNode> latest(Filter filter) {
        return findOne(filter, Order.NEWEST_FIRST);
    }

    /** Up to {@code limit} matches (1 ..), ordered by time. */
    List<ObjectNode> find(Filter filter, Order order, int limit);

    long count(Filter filter);

    /** The distinct values of a declared field among matches, ascending. */
    List<Object> distinct(String field, Filter filter);

    /** Deletes matches; returns how many. */
    long delete(Filter filter);

    /** Deletes documents whose time is before {@code cutoff} (retention); returns how many. */
    long deleteOlderThan(Instant cutoff);
}
