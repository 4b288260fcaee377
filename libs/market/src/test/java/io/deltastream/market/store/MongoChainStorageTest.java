package io.deltastream.market.store;

import io.deltastream.store.DocumentStore;
import io.deltastream.store.mongo.MongoStore;
import io.deltastream.testkit.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The MongoDB adapter with the real driver against a wire-compatible in-process server. */
class MongoChainStorageTest extends ChainStorageContract {
    private static EmbeddedMongo mongo;
    private String url;

    @BeforeAll
    static void startMongo() {
        mongo = EmbeddedMongo.start();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @Override
    protected DocumentStore openStore() {
        url = mongo.freshUrl();
        return new MongoStore(url);
    }

    @Override
    protected DocumentStore reopenStore() {
        return new MongoStore(url);
    }
}
