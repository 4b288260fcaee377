package io.deltastream.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltastream.platform.health.HealthCheck;
import io.deltastream.store.mongo.MongoStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A store whose writes are timed on the service's registry ({@code store_write_seconds}, tagged {@code database},
 * {@code collection} and {@code operation}) and whose size on disk is a gauge ({@code store_file_bytes}, bytes,
 * tagged {@code database}; see {@link DiskSize}). Reads pass straight through.
 */
final class MeteredStore implements DocumentStore {
    private final DocumentStore delegate;
    private final MeterRegistry registry;
    private final String database;

    /**
     * @param database the logical database ({@code market}, {@code auth}...) that tags the write timers
     * @param diskSize what {@code store_file_bytes} reports
     */
    MeteredStore(DocumentStore delegate, MeterRegistry registry, String database, DiskSize diskSize) {
        this.delegate = delegate;
        this.registry = registry;
        this.database = database;
        Gauge.builder("store_file_bytes", () -> {
            OptionalLong bytes = diskSize.bytes().get();
            return bytes.isPresent() ? bytes.getAsLong() : Double.NaN;
        }).description(diskSize.description()).baseUnit("bytes").tag("database", diskSize.database())
                .register(registry);
    }

    /**
     * The bytes a database takes on disk, for {@code store_file_bytes}. One gauge name for both stores so the
     * dashboard and the growth alert read either: both count what the database occupies on disk.
     *
     * @param database    the {@code database} label: the SQLite file's logical name, or the MongoDB database (which
     *                    holds every logical database's collections, so services sharing it report one series)
     * @param description the gauge's help text
     * @param bytes       the current size in bytes, empty while unknown (exported as NaN, never a made-up number)
     */
    record DiskSize(String database, String description, Supplier<OptionalLong> bytes) {
        /** A SQLite database file plus its write-ahead log. */
        static DiskSize sqlite(String database, Path file) {
            return new DiskSize(database, "SQLite database file and write-ahead log",
                    () -> OptionalLong.of(size(file) + size(Path.of(file + "-wal"))));
        }

        /** A MongoDB database's data and indexes as {@code dbStats} reports them, sampled every few seconds. */
        static DiskSize mongo(MongoStore store) {
            return new DiskSize(store.databaseName(), "MongoDB database storage and indexes (dbStats)",
                    store::diskBytes);
        }

        private static long size(Path file) {
            try {
                return Files.exists(file) ? Files.size(file) : 0;
            } catch (IOException e) {
                return 0;
            }
        }
    }

    @Override
    public DocumentCollection collection(CollectionSpec spec) {
        return new MeteredCollection(delegate.collection(spec), spec.name());
    }

    @Override
    public HealthCheck healthCheck() {
        return delegate.healthCheck();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private final class MeteredCollection implements DocumentCollection {
        private final DocumentCollection delegate;
        private final Timer insert;
        private final Timer insertBatch;
        private final Timer upsert;
        private final Timer upsertBatch;
        private final Timer replace;
        private final Timer delete;

        MeteredCollection(DocumentCollection delegate, String collection) {
            this.delegate = delegate;
            this.insert = timer(collection, "insert");
            this.insertBatch = timer(collection, "insert_batch");
            this.upsert = timer(collection, "upsert");
            this.upsertBatch = timer(collection, "upsert_batch");
            this.replace = timer(collection, "replace");
            this.delete = timer(collection, "delete");
        }

        private Timer timer(String collection, String operation) {
            return Timer.builder("store_write_seconds").description("Durable writes to the document store")
                    .tags("database", database, "collection", collection, "operation", operation).register(registry);
        }

        private static <T> T timed(Timer timer, Supplier<T> write) {
            return timer.record(write);
        }

        @Override
        public String insert(ObjectNode document) throws DuplicateKeyException {
            return timed(insert, () -> delegate.insert(document));
        }

        @Override
        public int insertAllNew(List<ObjectNode> documents) {
            return timed(insertBatch, () -> delegate.insertAllNew(documents));
        }

        @Override
        public boolean upsert(Filter key, ObjectNode document) {
            return timed(upsert, () -> delegate.upsert(key, document));
        }

        @Override
        public void upsertAll(List<Filter> keys, List<ObjectNode> documents) {
            upsertBatch.record(() -> delegate.upsertAll(keys, documents));
        }

        @Override
        public int upsertAllIfNewer(List<Filter> keys, List<ObjectNode> documents, String versionField) {
            return timed(upsertBatch, () -> delegate.upsertAllIfNewer(keys, documents, versionField));
        }

        @Override
        public boolean replace(String id, ObjectNode document) {
            return timed(replace, () -> delegate.replace(id, document));
        }

        @Override
        public Optional<ObjectNode> findById(String id) {
            return delegate.findById(id);
        }

        @Override
        public Optional<ObjectNode> findOne(Filter filter, Order order) {
            return delegate.findOne(filter, order);
        }

        @Override
        public Optional<ObjectNode> latest(Filter filter) {
            return delegate.latest(filter);
        }

        @Override
        public List<ObjectNode> find(Filter filter, Order order, int limit) {
            return delegate.find(filter, order, limit);
        }

        @Override
        public long count(Filter filter) {
            return delegate.count(filter);
        }

        @Override
        public List<Object> distinct(String field, Filter filter) {
            return delegate.distinct(field, filter);
        }

        @Override
        public long delete(Filter filter) {
            return timed(delete, () -> delegate.delete(filter));
        }

        @Override
        public long deleteOlderThan(Instant cutoff) {
            return timed(delete, () -> delegate.deleteOlderThan(cutoff));
        }
    }
}
