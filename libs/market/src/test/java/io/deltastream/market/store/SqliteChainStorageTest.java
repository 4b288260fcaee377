package io.deltastream.market.store;

import io.deltastream.store.DocumentStore;
import io.deltastream.store.sqlite.SqliteStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteChainStorageTest extends ChainStorageContract {
    @TempDir
    Path dir;
    private int databases;

    @Override
    protected DocumentStore openStore() {
        databases++;
        return reopenStore();
    }

    @Override
    protected DocumentStore reopenStore() {
        return new SqliteStore(dir.resolve("market-" + databases + ".db"), false);
    }
}
