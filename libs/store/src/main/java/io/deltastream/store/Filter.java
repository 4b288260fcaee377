package io.deltastream.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Equality on declared fields, optionally a closed time range {@code [from, to]} on the time field.
 * Values are strings, numbers or booleans. Immutable: each method returns a new filter.
 */
public final class Filter {
    private static final Filter ALL = new Filter(Map.of(), null, null);

    private final Map<String, Object> equals;
    private final Instant from;
    private final Instant to;

    private Filter(Map<String, Object> equals, Instant from, Instant to) {
        this.equals = equals;
        this.from = from;
        this.to = to;
    }

    public static Filter all() {
        return ALL;
    }

    public static Filter eq(String field, Object value) {
        return ALL.and(field, value);
    }

    public Filter and(String field, Object value) {
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new IllegalArgumentException("filter values are strings, numbers or booleans: " + field);
        }
        Map<String, Object> e = new LinkedHashMap<>(equals);
        e.put(field, value instanceof Number n && !(n instanceof Double || n instanceof Float) ? n.longValue() : value);
        return new Filter(Collections.unmodifiableMap(e), from, to);
    }

    /** Documents whose time is at or after {@code instant} (inclusive). */
    public Filter from(Instant instant) {
        return new Filter(equals, instant, to);
    }

    /** Documents whose time is at or before {@code instant} (inclusive). */
    public Filter to(Instant instant) {
        return new Filter(equals, from, instant);
    }

    public Map<String, Object> equalities() {
        return equals;
    }

    public Optional<Instant> fromTime() {
        return Optional.ofNullable(from);
    }

    public Optional<Instant> toTime() {
        return Optional.ofNullable(to);
    }

    public boolean hasTimeRange() {
        return from != null || to != null;
    }

    @Override
    public String toString() {
        return "Filter" + equals + (from != null ? " from " + from : "") + (to != null ? " to " + to : "");
    }
}
