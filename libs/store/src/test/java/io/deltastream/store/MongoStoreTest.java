package io.deltastream.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.store.mongo.MongoStore;
import io.deltastream.testkit.EmbeddedMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The MongoDB adapter with the real driver against a wire-compatible in-process server. */
class MongoStoreTest extends DocumentStoreContract {
    @AutoClose
    private static final EmbeddedMongo MONGO = EmbeddedMongo.start();
    private String url;

    @Override
    protected DocumentStore openStore() {
        url = MONGO.freshUrl();
        return new MongoStore(url);
    }

    @Override
    protected DocumentStore reopenStore() {
        return new MongoStore(url);
    }

    @Test
    void theDiskSizeGaugeReportsTheMongoDatabaseUnderItsName() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MongoStore named = new MongoStore(MONGO.url("sized_store"))) {
            DocumentStore metered = new MeteredStore(named, registry, "market", MeteredStore.DiskSize.mongo(named));
            metered.collection(TICKS).insert(tick("NIFTY", 1, "2026-11-23T10:00:00Z", 1));
            double bytes = registry.get("store_file_bytes").tag("database", "sized_store").gauge().value();
            assertThat(bytes).isPositive().isEqualTo((double) named.diskBytes().orElseThrow());
        }
    }

    @Test
    void usesTheDatabaseNamedInTheUrl() {
        try (MongoStore named = new MongoStore(MONGO.url("deltastream_test"))) {
            assertThat(named.databaseName()).isEqualTo("deltastream_test");
        }
        try (MongoStore unnamed = new MongoStore(MONGO.url(""))) {
            assertThat(unnamed.databaseName()).isEqualTo(MongoStore.DEFAULT_DATABASE);
        }
    }
}
