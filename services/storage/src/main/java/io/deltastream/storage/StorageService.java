package io.deltastream.storage;

import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import io.deltastream.store.Stores;

/** Read API over stored market data: ticks, quotes, chains, products, expiries. */
public final class StorageService implements Service {
    public static final String NAME = "storage";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8003;
    }

    @Override
    public void install(ServiceContext ctx) {
        Stores.open(ctx, "market");
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new StorageService());
    }
}
