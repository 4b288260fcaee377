package io.deltastream.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltastream.store.sqlite.SqliteStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole store contract through the metering wrapper over SQLite, and what it measures. */
class MeteredStoreTest extends DocumentStoreContract {
    @TempDir
    Path dir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Override
    protected DocumentStore openStore() {
        Path file = dir.resolve("metered.db");
        return new MeteredStore(new SqliteStore(file, false), registry, "market",
                MeteredStore.DiskSize.sqlite("market", file));
    }

    @Override
    protected DocumentStore reopenStore() {
        return openStore();
    }

    @Test
    void writesAreTimedByCollectionAndOperationAndTheFileIsSized() {
        ticks.insert(tick("NIFTY", 1, "2026-11-23T10:00:00Z", 1));
        ticks.insertAllNew(List.of(tick("NIFTY", 2, "2026-11-23T10:00:01Z", 2),
                tick("NIFTY", 3, "2026-11-23T10:00:02Z", 3)));
        ticks.findOne(Filter.all(), Order.NEWEST_FIRST);
        ticks.delete(Filter.eq("product", "NIFTY"));
        assertThat(count("insert")).isEqualTo(1);
        assertThat(count("insert_batch")).isEqualTo(1);
        assertThat(count("delete")).isEqualTo(1);
        assertThat(count("upsert")).isZero();
        assertThat(registry.get("store_write_seconds").tags("collection", "underlying_ticks", "operation", "insert")
                .timer().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        assertThat(registry.get("store_file_bytes").tag("database", "market").gauge().value()).isPositive();
    }

    private long count(String operation) {
        return registry.get("store_write_seconds").tags("database", "market", "collection", "underlying_ticks",
                "operation", operation).timer().count();
    }
}
