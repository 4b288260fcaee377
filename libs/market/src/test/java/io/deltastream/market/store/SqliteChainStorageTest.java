package io.deltastream.market.store;

import io.deltastream.store.DocumentStore;
import io.deltastream.store.sqlite.SqliteStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteChainStorageTest extends ChainStorageContract {
    @TempDir
    Path dir;

    @Override
    protected DocumentStore openStore() {
        return new SqliteStore(dir.resolve("market.db"), false);
    }
}
