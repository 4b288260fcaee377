package io.deltastream.store;

/** Ordering of query results by the collection's time field (ties: insertion order). */
public enum Order {
    NEWEST_FIRST,
    OLDEST_FIRST
}
