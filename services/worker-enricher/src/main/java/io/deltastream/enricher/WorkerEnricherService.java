package io.deltastream.enricher;

import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import io.deltastream.store.Stores;

/** Consumes the raw feed, enriches option chains, persists, caches and publishes the results. */
public final class WorkerEnricherService implements Service {
    public static final String NAME = "worker-enricher";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8009;
    }

    @Override
    public void install(ServiceContext ctx) {
        Stores.open(ctx, "market");
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new WorkerEnricherService());
    }
}
