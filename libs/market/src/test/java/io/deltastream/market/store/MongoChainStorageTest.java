package io.deltastream.market.store;

import io.deltastream.store.DocumentStore;
import io.deltastream.store.mongo.MongoStore;
import io.deltastream.testkit.EmbeddedMongo;
import org.junit.jupiter.api.AutoClose;

/** The MongoDB adapter with the real driver against a wire-compatible in-process server. */
class MongoChainStorageTest extends ChainStorageContract {
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
}
