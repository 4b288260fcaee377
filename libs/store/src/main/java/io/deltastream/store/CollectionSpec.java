package io.deltastream.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of a collection as the store needs it: which top-level fields can be filtered on, which
 * field is the document's time (for ordering, ranges and retention), and the indexes.
 *
 * <p>Filters may use only {@link #fields()}: both adapters index and query exactly those, so that a
 * query that is fast on SQLite is fast on MongoDB too.
 *
 * @param name      collection (table) name
 * @param timeField top-level field holding the document's ISO-8601 time, or empty
 * @param fields    top-level scalar fields usable in filters and distinct queries
 * @param indexes   indexes beyond the primary key {@code _id}
 * @param ttl       for MongoDB only: a TTL index on the time field (retention is also pruned by code)
 * @param bytesField top-level field holding raw bytes (a {@code BinaryNode}), or empty: SQLite keeps it in a BLOB
 *                   column outside the JSON text, MongoDB as BinData, so that neither pays base64's third. Bytes are
 *                   accepted in this field only; documents written before it was declared may hold text there, and
 *                   reads return that text as it was stored
 * @param compact    for SQLite: {@code _id}, the time field and the declared fields are kept in their columns only,
 *                   not again in the row's JSON text (a third of a small row). Declared fields must then hold strings
 *                   or integers (or be absent). Reads return the same fields and values, {@code _id}, declared fields
 *                   and time first. A field no longer declared is lost from rows written while it was
 */
public record CollectionSpec(String name, Optional<String> timeField, List<String> fields, List<Index> indexes,
                             Optional<Duration> ttl, Optional<String> bytesField, boolean compact) {

    /**
     * An index on {@code fields} (in order), optionally followed by the time field descending.
     */
    public record Index(List<String> fields, boolean unique, boolean withTime) {
        public Index {
            fields = List.copyOf(fields);
        }
    }

    public CollectionSpec {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("collection names are lower_snake_case: " + name);
        }
        fields = List.copyOf(fields);
        indexes = List.copyOf(indexes);
        Set<String> known = new LinkedHashSet<>(fields);
        for (Index i : indexes) {
            if (!known.containsAll(i.fields())) {
                throw new IllegalArgumentException("index on undeclared field in " + name + ": " + i.fields());
            }
            if (i.withTime() && timeField.isEmpty()) {
                throw new IllegalArgumentException("index with time on collection without time field: " + name);
            }
        }
        for (String f : fields) {
            if (!f.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("field names are identifiers: " + f);
            }
        }
        bytesField.ifPresent(b -> {
            if (!b.matches("[A-Za-z][A-Za-z0-9_]*") || known.contains(b) || timeField.filter(b::equals).isPresent()) {
                throw new IllegalArgumentException("the bytes field must be an identifier that is neither a filter"
                        + " field nor the time field: " + b);
            }
        });
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private String timeField;
        private final List<String> fields = new ArrayList<>();
        private final List<Index> indexes = new ArrayList<>();
        private Duration ttl;
        private String bytesField;
        private boolean compact;

        private Builder(String name) {
            this.name = name;
        }

        public Builder time(String field) {
            this.timeField = field;
            return this;
        }

        public Builder fields(String... names) {
            fields.addAll(List.of(names));
            return this;
        }

        /** Non-unique index on {@code names} then time descending (the "latest by key" query). */
        public Builder indexWithTime(String... names) {
            indexes.add(new Index(List.of(names), false, true));
            return this;
        }

        public Builder index(String... names) {
            indexes.add(new Index(List.of(names), false, false));
            return this;
        }

        public Builder unique(String... names) {
            indexes.add(new Index(List.of(names), true, false));
            return this;
        }

        public Builder ttl(Duration duration) {
            this.ttl = duration;
            return this;
        }

        /** The field that holds raw bytes (see {@link CollectionSpec#bytesField()}). */
        public Builder bytes(String field) {
            this.bytesField = field;
            return this;
        }

        /** Store each declared field once (see {@link CollectionSpec#compact()}). */
        public Builder compact() {
            this.compact = true;
            return this;
        }

        public CollectionSpec build() {
            return new CollectionSpec(name, Optional.ofNullable(timeField), fields, indexes, Optional.ofNullable(ttl),
                    Optional.ofNullable(bytesField), compact);
        }
    }
}
