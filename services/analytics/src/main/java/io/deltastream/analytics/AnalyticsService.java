package io.deltastream.analytics;

import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;
import io.deltastream.store.Stores;

/** Option-chain analytics over the enriched data: PCR, volatility surface, max pain, OI build-up, candles, calculators. */
public final class AnalyticsService implements Service {
    public static final String NAME = "analytics";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8004;
    }

    @Override
    public void install(ServiceContext ctx) {
        Stores.open(ctx, "market");
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new AnalyticsService());
    }
}
