package io.deltastream.feed;

import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.platform.service.ServiceMain;

/** Produces market data (synthetic or replayed) onto the work queues. */
public final class FeedGeneratorService implements Service {
    public static final String NAME = "feed-generator";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int defaultPort() {
        return 8008;
    }

    @Override
    public void install(ServiceContext ctx) {
    }

    public static void main(String[] args) {
        ServiceMain.runStandalone(new FeedGeneratorService());
    }
}
